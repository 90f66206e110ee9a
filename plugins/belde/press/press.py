"""Wiring: the reader, the archive generator and the ledger, connected to Pelican's signals."""

import datetime as dt
import logging
import os

import jinja2
from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.contents import Article, Content
from pelican.log import LimitFilter
from pelican.utils import path_to_url

from ..turkish import tr_casefold
from . import collector, state
from .archive import newest_first
from .articlecache import keep
from .background import wait_for_cache
from .compact import keep_body_compact
from .fingerprint import digest, stable
from .generator import ArchiveGenerator
from .ledger import Ledger, RefusalFilter, logger
from .readahead import readahead
from .reader import PressItemReader
from .writer import IncrementalWriter


# Every setting the plugin reads, with its default; pelicanconf.py may override any.
DEFAULTS = {
    "BELDE_REGISTRY_PATH": "registry",
    "BELDE_TODAY": None,  # the day "current head" refers to; None = the build's day
    "BELDE_INCREMENTAL": True,  # render only pages whose inputs changed since the last build
    "BELDE_WORKERS": None,  # processes that read items and render pages; None = one per core
    "BELDE_HOME_ITEMS": 20,  # the home page lists the newest items; the date archive lists them all
    "BELDE_FEED_CONTENT": False,  # True: feeds carry whole items, not summaries
    "BELDE_MAX_ITEM_BYTES": 5 * 1024 * 1024,  # a larger item file is refused; 0 = no limit
    "BELDE_RAW_HTML": "sanitize",  # raw HTML in a body: "sanitize", "escape" or "allow" (sanitize.py)
    "DISTRICT_URL": "ilce/{slug}/",
    "DISTRICT_SAVE_AS": "ilce/{slug}/index.html",
    "DISTRICTS_URL": "ilce/",
    "DISTRICTS_SAVE_AS": "ilce/index.html",
    "DISTRICT_FEED_ATOM_URL": "ilce/{slug}/atom.xml",
    "DISTRICT_FEED_ATOM_SAVE_AS": "ilce/{slug}/atom.xml",
    "OFFICIAL_URL": "kisi/{slug}/",
    "OFFICIAL_SAVE_AS": "kisi/{slug}/index.html",
    "OFFICIALS_URL": "kisi/",
    "OFFICIALS_SAVE_AS": "kisi/index.html",
    "OFFICIAL_FEED_ATOM_URL": "kisi/{slug}/atom.xml",
    "OFFICIAL_FEED_ATOM_SAVE_AS": "kisi/{slug}/atom.xml",
    "ARCHIVE_YEAR_URL": "arsiv/{date:%Y}/",
    "ARCHIVE_YEAR_SAVE_AS": "arsiv/{date:%Y}/index.html",
    "ARCHIVE_MONTH_URL": "arsiv/{date:%Y}/{date:%m}/",
    "ARCHIVE_MONTH_SAVE_AS": "arsiv/{date:%Y}/{date:%m}/index.html",
}

_refusal_filter = RefusalFilter(state.ledger)


def set_defaults(pelican):
    """initialized: fill in settings the user left out, and start a fresh ledger."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    # Belde caches parsed items itself (readahead.py); Pelican's article cache would pickle
    # the whole site context with every article, and typeset nothing.
    pelican.settings["CACHE_CONTENT"] = False
    pelican.settings["LOAD_CONTENT_CACHE"] = False
    state.start_build(Ledger())
    logging.getLogger("pelican.generators").addFilter(_refusal_filter)
    # Pelican's log filter drops a warning seen before in the process and stops each kind after
    # five; `belde serve` builds many times in one process, and each build reports its own.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    # Pelican memoizes get_content and get_summary per item in one process-wide cache: the
    # previous build's items (and, through their notes, its whole archive) would stay alive.
    for method in (Content.get_content, Content.get_summary):
        method.cache.clear()


def json_policy(generator):
    """generator_init: |tojson writes Turkish letters as they are (still escaping <, > and &),
    not as escapes that double the size of structured data, and without spaces between items."""
    generator.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}


def load_templates_once(generator):
    """generator_init: each build makes its generators, and their Jinja environments, anew, so a
    template loaded once need not be checked against its file again at each of the tens of
    thousands of pages that include it (a stat each time). And the theme's templates are kept
    compiled under CACHE_PATH (Jinja's bytecode cache, checked against each template's source)
    instead of compiled again in every build: a tenth of a second, when a new item takes a few.
    Compiled code also depends on the environment's options (trim_blocks …): a folder for each."""
    settings = generator.settings
    generator.env.auto_reload = False
    if not settings.get("BELDE_INCREMENTAL", True):
        return
    options = digest(jinja2.__version__, stable(settings.get("JINJA_ENVIRONMENT")))
    folder = state.content_cache(settings, "belde-templates-{}") / options
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no cache to keep them in: compiled in each build, as Jinja does
    if not os.access(folder, os.W_OK):
        return
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def add_reader(readers):
    """readers_init: press items replace Pelican's Markdown reader for .md files."""
    for extension in PressItemReader.file_extensions:
        readers.reader_classes[extension] = PressItemReader


def pin_addresses(content):
    """content_object_init: an item's address, formatted once. Pelican formats ARTICLE_URL anew
    at every use of .url and .save_as, and a build asks for them a dozen times per item.

    Pelican turns an item dated in the future into a draft after this signal, so only an
    item that stays published is pinned; a draft keeps DRAFT_URL's empty address."""
    if not isinstance(content, Article) or content.status != "published":
        return
    if not content.settings["WITH_FUTURE_DATES"] and hasattr(content, "date"):
        now = dt.datetime.now(dt.timezone.utc) if content.date.tzinfo else dt.datetime.now()
        if content.date > now:
            return
    fields = _AddressFields(content)
    prefix = "ARTICLE_" if content.in_default_lang else "ARTICLE_LANG_"
    content.override_url = str(content.settings[prefix + "URL"]).format_map(fields)
    content.override_save_as = str(content.settings[prefix + "SAVE_AS"]).format_map(fields)


class _AddressFields:
    """The fields of Pelican's url_format, each looked up only when an address names it:
    Pelican copies the metadata and computes them all for every item, a relative path and a
    category slug included."""

    COMPUTED = ("path", "slug", "lang", "date", "author", "category")

    def __init__(self, content):
        self.content = content

    def __getitem__(self, key):
        content = self.content
        if key not in self.COMPUTED:
            return content.metadata[key]
        if key == "path":
            return path_to_url(content.metadata.get("path", content.relative_source_path))
        if key in ("author", "category"):
            return getattr(content, key).slug if hasattr(content, key) else ""
        if key == "date":
            return getattr(content, "date", None) or dt.datetime.now()
        return getattr(content, key, {"slug": "", "lang": "en"}[key])


def refuse_duplicates(generator):
    """article_generator_pretaxonomy: two published items never share a URL or a (title, date).

    Pelican would write the later file over the earlier one with only a warning. Items
    are taken in the order of their paths; the first keeps its place and every later one
    is refused, naming the first. Two items clash when their output file (save_as: the
    date's year and month and the slug) is the same, or when their titles (case and
    spacing aside) and dates are the same. This runs before Pelican files the articles
    under tags, dates and archives, so a refused item appears nowhere in the output.
    """
    settings = generator.settings
    by_file, by_title, refused = {}, {}, []
    # Absolute paths sort as the paths an editor knows do: they share the content folder.
    for article in sorted(generator.articles, key=lambda a: a.source_path):
        title = (_title_key(article), article.date)
        if article.save_as in by_file:
            first = by_file[article.save_as]
            reason = (
                f"its address {article.url} is already taken by {state.display_path(first.source_path, settings)}; "
                "give one of them another 'slug'"
            )
        elif title in by_title:
            reason = (
                f"same title and date as {state.display_path(by_title[title].source_path, settings)}; remove the "
                "duplicate, or change the title if the two items differ"
            )
        else:
            by_file[article.save_as] = by_title[title] = article
            continue
        path = state.display_path(article.source_path, settings)
        refused.append(article)
        state.ledger().refuse(path, reason)
        state.log_refusal(path, reason)
    if refused:
        gone = {id(a) for a in refused}  # by identity: Article equality compares whole items
        generator.articles[:] = [a for a in generator.articles if id(a) not in gone]
        for article in generator.articles:
            article.translations = [t for t in article.translations if id(t) not in gone]


def _title_key(article) -> str:
    """A title as duplicates compare it, case and spacing aside; kept with the item (articlecache.py)."""
    key = article.__dict__.get("_title_key")
    if key is None:
        key = article._title_key = tr_casefold(" ".join(str(article.title).split()))
    return key


def settle_order(generator):
    """article_generator_pretaxonomy: newest first, and items of the same moment by slug, as the
    archive lists them. Pelican reads files in the order of a set, which differs from run to
    run, so ties would otherwise move between builds (and between pages of the home listing)."""
    generator.articles[:] = newest_first(generator.articles)


def take_over_topics(generator):
    """article_generator_finalized: the archive writes topic pages (generator.py). Pelican's own
    loops test every dated item against every tag's (and category's, author's) list, a cost
    that grows with the square of the archive; emptied, they write nothing. Belde has no
    category or author pages (districts and people replace them)."""
    generator.tags = {}
    generator.categories = []
    generator.authors = []


def count_items(generator):
    """article_generator_finalized: every file read is published, a draft, or refused."""
    ledger = state.ledger()
    settings = generator.settings
    # Pelican notes every file its article loop took up, read or failed (relative to PATH).
    files = list(generator.context["generated_content"])
    ledger.read = len(files)
    published = generator.articles + generator.translations
    drafts = generator.drafts + generator.drafts_translations
    ledger.published, ledger.drafts = len(published), len(drafts)
    accounted = {a.relative_source_path for a in published + drafts + generator.hidden_articles}  # as `files`
    for name in files:
        if name in accounted:
            continue
        path = state.display_path(os.path.join(generator.path, name), settings)
        if path not in ledger.refused:
            ledger.refuse(path, "Pelican could not process it; the message above says why")


def add_generator(pelican):
    """get_generators: the archive pages need the finished list of articles."""
    return ArchiveGenerator


def add_writer(pelican):
    """get_writer: pages are queued, then rendered when their inputs changed."""
    return IncrementalWriter


def flush_pages(pelican):
    """finalized (connected before any other receiver): write the queued pages."""
    writer = state.writer()
    if writer is not None:
        writer.flush(writer.context.get("archive") if writer.context else None)


def report(pelican):
    """finalized: one summary line, each refusal again, and the ledger for the caller."""
    ledger = state.ledger()
    pelican.belde_ledger = ledger
    for path, reason in ledger.refused.items():
        logger.error("refused %s: %s", path, reason)
    log = logger.error if ledger.refused else logger.info
    log("items: %s", ledger.summary())


def register():
    signals.initialized.connect(set_defaults)
    signals.initialized.connect(collector.rest)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(json_policy)
    signals.generator_init.connect(load_templates_once)
    signals.content_object_init.connect(pin_addresses)
    signals.content_object_init.connect(keep_body_compact)
    signals.article_generator_init.connect(readahead)
    signals.article_generator_pretaxonomy.connect(refuse_duplicates)
    signals.article_generator_pretaxonomy.connect(settle_order)
    signals.article_generator_pretaxonomy.connect(keep)
    signals.article_generator_finalized.connect(count_items)
    signals.article_generator_finalized.connect(take_over_topics)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(collector.set_aside)
    signals.get_writer.connect(add_writer)
    signals.finalized.connect(flush_pages)
    signals.finalized.connect(wait_for_cache)
    signals.finalized.connect(report)
