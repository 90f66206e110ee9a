"""A writer that renders only the pages whose inputs changed, on every core.

Pelican's writer renders each page the moment a generator asks for it. This one queues
the pages (cutting listings into pages from their oldest item: pagination.py), then, once
every generator has asked, computes each page's digest (fingerprint.py), skips pages whose
digest and file are unchanged since the previous build, renders the rest in forked
worker processes, and removes pages that the site no longer has.
"""

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from feedgenerator import get_tag_uri
from pelican.utils import get_relative_path, path_to_url, sanitised_join, set_date_tzinfo
from pelican.writers import Writer

from ..atomic import remove_empty_folders, write_atomically, write_if_changed
from . import fingerprint, state
from .forked import forked_map, workers
from .pagination import PageLink, listing_pages, per_page

logger = logging.getLogger(__name__)
MANIFEST = "belde-pages-{}.json"  # one per output folder
UNKNOWN = ""  # what the record says of a page written between builds: equal to no digest


@dataclass
class Job:
    name: str
    template: object
    template_name: str
    context: dict  # the site's shared context, copied only when the page is rendered
    kwargs: dict  # the keyword arguments the page was asked for
    shown: dict  # what of kwargs the page prints, for its digest
    relative: bool  # links are relative to the page (RELATIVE_URLS)
    digest: str | None = None

    def localcontext(self) -> dict:
        """As Pelican's writer builds it: a copy per page (tens of thousands of copies
        held at once would be hundreds of megabytes at archive scale)."""
        localcontext = self.context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if self.relative:
            localcontext["SITEURL"] = localcontext["localsiteurl"] = path_to_url(get_relative_path(self.name))
        localcontext["output_file"] = self.name
        localcontext.update(self.kwargs)
        return localcontext


_INDENTATION = re.compile(r"\n[ \t]+")
_KEEPS_WHITESPACE = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def without_indentation(page: str) -> str:
    """The templates' indentation, dropped: a line break alone separates words as well, and
    at archive scale indentation is hundreds of kilobytes per thousand pages."""
    return page if _KEEPS_WHITESPACE.search(page) else _INDENTATION.sub("\n", page)


class IncrementalWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[Job] = []
        self.feeds: dict = {}  # save_as -> digest, for feeds written this build
        self.context = None
        self.rendered = self.skipped = self.removed = 0
        self.changed: set = set()  # output names rendered or removed by this build
        self.indexed: dict = {}  # item page name -> digest of what the search index takes from it
        self.reindex: set = set()  # item pages whose indexed part is new, changed or gone
        state.use_writer(self)

    def _add_item_to_the_feed(self, feed, item):
        """Feeds carry summaries, not whole items (BELDE_FEED_CONTENT = False): a feed reader
        follows the link, and a site with many terms would otherwise copy every item dozens of times."""
        if self.settings.get("BELDE_FEED_CONTENT", False):
            return super()._add_item_to_the_feed(feed, item)
        link = self.urljoiner(self.site_url, item.url)
        feed.add_item(
            title=str(item.title),  # plain text already; Pelican's striptags would eat words in <…>
            link=link,
            unique_id=get_tag_uri(link, item.date),
            description=item.summary,
            categories=[tag.name for tag in getattr(item, "tags", [])] or None,
            pubdate=set_date_tzinfo(item.date, self.settings.get("TIMEZONE", None)),
        )

    def _open_w(self, filename, encoding, override=False):
        """Feeds: replace the file rather than truncate it (an old output may share it)."""
        if os.path.isfile(filename):
            os.remove(filename)
        return super()._open_w(filename, encoding, override)

    # -- queueing ------------------------------------------------------------------
    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        if not name:
            return
        self.context = context
        template_name = template_name or getattr(template, "name", "").rsplit(".", 1)[0]
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        size = per_page(self.settings, template_name)
        if paginated and size is not None:
            # Pelican paginates lists of the same items (articles, dates): pages line up.
            listings = {key: listing_pages(name, url, val, self.settings, size) for key, val in paginated.items()}
            main = next(iter(listings))
            for index, page in enumerate(listings[main]):
                page_kwargs = kwargs.copy()
                for key, pages in listings.items():
                    page_kwargs.update({
                        f"{key}_page": pages[index],
                        f"{key}_previous_page": PageLink(pages[index - 1].url) if index > 0 else None,
                        f"{key}_next_page": PageLink(pages[index + 1].url) if index + 1 < len(pages) else None,
                    })  # fmt: skip
                # The page object stands for the list it shows; the whole list would only slow the digest.
                shown = {k: v for k, v in page_kwargs.items() if k not in paginated}
                self._queue(page.save_as, template, template_name, context, page_kwargs, shown, relative_urls)
        else:
            self._queue(name, template, template_name, context, kwargs, kwargs, relative_urls)

    def _queue(self, name, template, template_name, context, kwargs, shown, relative_urls):
        self.jobs.append(Job(name, template, template_name, context, kwargs, shown, bool(relative_urls)))

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):  # fmt: skip
        if not path:
            return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        shown = elements[: self.settings["FEED_MAX_ITEMS"]]
        entry = fingerprint.article_page if self.settings.get("BELDE_FEED_CONTENT", False) else fingerprint.feed_entry
        key = fingerprint.digest(path, url, feed_type, feed_title, [entry(a) for a in shown],
                                 self.settings.get("SITEURL"), self.settings.get("FEED_DOMAIN"))  # fmt: skip
        self.feeds[path] = key
        target = sanitised_join(self.output_path, path)
        if self._previous.get(path) == key and os.path.isfile(target):
            self.skipped += 1
            return None
        self.rendered += 1
        self.changed.add(path)
        return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)

    def pages(self) -> list:
        """The output names of every page this build has, written or left unchanged."""
        return [job.name for job in self.jobs]

    # -- the manifest of the previous build ---------------------------------------------
    @property
    def _manifest_path(self) -> Path:
        return state.output_cache(self.settings, MANIFEST)

    @property
    def _previous(self) -> dict:
        return self._previous_manifest.get("pages", {})

    @property
    def _previous_manifest(self) -> dict:
        """The last build's record, if the same code and settings wrote it ({} otherwise)."""
        if not hasattr(self, "_manifest"):
            self._manifest = {}
            data = self._record
            if data.get("code") == self._code:
                data["pages"].update(dict.fromkeys(self._written_between(), UNKNOWN))
                self._manifest = data
        return self._manifest

    @property
    def _record(self) -> dict:
        """The last build's record of this output folder, whatever code wrote it ({} if none)."""
        if not hasattr(self, "_record_data"):
            self._record_data = {}
            if self.settings.get("BELDE_INCREMENTAL", True):
                try:
                    data = json.loads(self._manifest_path.read_text(encoding="utf-8"))
                    if data.get("output") == self._final_output:
                        self._record_data = data
                except (OSError, ValueError):
                    pass
        return self._record_data

    def _to_reindex(self, written: set) -> set:
        """The item pages the search index must read again: new, gone, or changed in what it
        takes from them. After a change of code or settings the record's digests no longer
        compare, but a page rendered again into the bytes it had holds what the index read."""
        if self._previous_manifest:
            before = self._previous_manifest.get("indexed", {})
            return {n for n in self.indexed.keys() | before.keys() if self.indexed.get(n) != before.get(n)}
        if "indexed" not in self._record:
            return set(self.indexed)
        before = self._record["indexed"].keys()
        rewritten = written | set(self._written_between())
        return (self.indexed.keys() ^ before) | (self.indexed.keys() & rewritten)

    @property
    def _final_output(self) -> str:
        """The output folder the site ends up in (a build may write into a staging copy)."""
        return state.final_output(self.settings)

    @property
    def _code(self) -> str:
        if not hasattr(self, "_code_digest"):
            self._code_digest = fingerprint.code_digest(self.settings)
        return self._code_digest

    # -- rendering -------------------------------------------------------------------
    def flush(self, archive) -> None:
        """Render what changed, remove what is gone, remember what was written."""
        inputs = fingerprint.site_inputs(archive) if archive is not None else {}
        lists = {}  # the jobs' item lists outlive this loop: their ids stay theirs

        previous = self._previous

        def digests(job):
            """The page's digest, its search digest, and whether it is written as it stands."""
            indexed = None
            if job.template_name == "article" and "article" in job.shown:
                indexed = fingerprint.indexed(job.shown["article"])
            digest = fingerprint.page_digest(job.template_name, job.name, job.shown, inputs, lists)
            unchanged = digest is not None and previous.get(job.name) == digest
            return digest, indexed, unchanged and os.path.isfile(sanitised_join(self.output_path, job.name))

        todo = []
        for job, (digest, indexed, unchanged) in zip(self.jobs, forked_map(digests, self.jobs, workers(self.settings))):
            job.digest = digest
            if indexed is not None:
                self.indexed[job.name] = indexed
            if unchanged:
                self.skipped += 1
            else:
                todo.append(job)
        written = self._render_all(todo)
        self.rendered += len(todo)
        self.changed.update(job.name for job in todo)
        self.reindex = self._to_reindex(written)
        current = {job.name: job.digest for job in self.jobs} | self.feeds
        for name in previous:
            if name not in current:
                self._remove(name)
        manifest = {"code": self._code, "output": self._final_output, "indexed": self.indexed,
                    "pages": {k: v for k, v in current.items() if v is not None}}  # fmt: skip
        self._uncommitted = json.dumps(manifest, sort_keys=True)
        if not self.settings.get("BELDE_FINAL_OUTPUT"):  # written in place: the pages are there now
            self.commit()

    def commit(self) -> None:
        """Record what the output holds, once it does: a staged build calls this when its folder
        has replaced the output. A build that fails after its pages were written (its search
        index, say) leaves the old record, and the next build renders those pages again."""
        if getattr(self, "_uncommitted", None) is None:
            return
        self._manifest_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(self._manifest_path), self._uncommitted)
        self._uncommitted = None
        self._between_path.unlink(missing_ok=True)  # those pages are in the record now

    # -- pages written between builds ----------------------------------------------------
    @property
    def _between_path(self) -> Path:
        """The pages written since the record was (a short list next to it: the record itself
        is megabytes at archive scale)."""
        return self._manifest_path.with_suffix(".between.json")

    def _written_between(self) -> list:
        try:
            return json.loads(self._between_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []

    def render_between_builds(self, like: Job, name: str, kwargs: dict) -> None:
        """Render a page at once, as `like` was rendered but with other arguments (preview.py),
        into the output of the last build, and note that the file no longer holds what the record
        says: the next build renders it again, or removes it."""
        self._render(Job(name, like.template, like.template_name, self.context, kwargs, kwargs, like.relative))
        write_atomically(str(self._between_path), json.dumps(sorted({*self._written_between(), name})))

    def _remove(self, name: str) -> None:
        """Remove a page the site no longer has, and the folders it leaves empty."""
        path = sanitised_join(self.output_path, name)
        try:
            os.remove(path)
        except FileNotFoundError:
            return
        self.removed += 1
        self.changed.add(name)
        remove_empty_folders(os.path.dirname(path), self.output_path)

    def _render(self, job: Job) -> bool:
        localcontext = job.localcontext()
        if localcontext["localsiteurl"]:
            self.context["localsiteurl"] = localcontext["localsiteurl"]
        # A page rendered again as it was (after a change of code that left it alone) keeps its
        # file, and with it the compressed copies of a publish build.
        return write_if_changed(sanitised_join(self.output_path, job.name), without_indentation(job.template.render(localcontext)))

    def _render_all(self, jobs: list) -> set:
        """Render the jobs; the names of the pages whose bytes changed."""
        # Forked children share the finished context copy-on-write; each renders a slice.
        wrote = forked_map(self._render, jobs, workers(self.settings), least=50)
        return {job.name for job, new in zip(jobs, wrote) if new}
