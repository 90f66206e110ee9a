"""What a page shows, reduced to a digest: equal digests mean byte-identical pages.

A rebuild renders a page only when its digest changed. Each digest covers exactly
what the templates print for that object, so the rules here follow the templates:
a template that shows a new field needs that field added here (the exactness tests
compare incremental rebuilds with cold builds byte for byte and catch an omission).
"""

import hashlib
import json
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from . import state
from .archive import DistrictView, HeadLine, MonthView, PersonView, YearView, registry_notes
from .pagination import ListingPage, PageLink

# Keyword arguments Pelican passes to every page that no Belde template prints.
IGNORED_KWARGS = {"all_articles", "blog", "category", "override_output", "dates_paginator", "dates_page",
                  "dates_previous_page", "dates_next_page", "articles_paginator", "page_name"}  # fmt: skip


def digest(*parts) -> str:
    return hashlib.blake2b(json.dumps(parts, default=_plain, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def _plain(value):
    """JSON for the objects pages show; anything unknown is refused rather than guessed."""
    if isinstance(value, Content):
        return listing(value)
    if isinstance(value, URLWrapper):
        return [type(value).__name__, value.name, value.slug, value.url]
    if isinstance(value, HeadLine):
        return _memo(value, headline)
    if isinstance(value, DistrictView):
        return _memo(value, district_view)
    if isinstance(value, PersonView):
        return _memo(value, person_view)
    if isinstance(value, (YearView, MonthView)):
        return _memo(value, period_view)
    if isinstance(value, ListingPage):
        return ["page", value.number, value.url, listed(value.object_list)]
    if isinstance(value, PageLink):
        return ["link", value.url]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"no fingerprint rule for {type(value).__name__}")


def _memo(obj, rule) -> list:
    """A view's digest, computed once: many pages show the same view (a district's 50 pages)."""
    cached = obj.__dict__.get("_digest")
    if cached is None:
        cached = obj._digest = digest(rule(obj))
    return [type(obj).__name__, cached]


def listing(article) -> list:
    """An item as lists show it: partials/item_list.html."""
    cached = getattr(article, "_listing_digest", None)
    if cached is None:
        period = article.period
        cached = digest(
            article.url, article.slug, article.title, period.iso(), period.words(),
            [(d.name, d.url) for d in article.districts], article.metadata.get("summary", ""),
        )  # fmt: skip
        article._listing_digest = cached
    return ["item", cached]


def listed(articles) -> str:
    """A list of items as lists show them: their listing digests, hashed together without a
    JSON round (listing pages name every item in the archive several times over)."""
    return _joined([_entry(a) for a in articles])


def role(r) -> list:
    return [
        r.office, r.title, r.party, r.start.iso(), r.end.iso() if r.end else None, r.note, list(r.sources),
        r.body.id, r.body.name, r.body.kind, r.body.short, r.person.name,
    ]  # fmt: skip


def headline(line: HeadLine) -> list:
    return ["head", role(line.role), line.person]


def district_view(view: DistrictView) -> list:
    """What every page of a district prints about it (its items: see view_on_page)."""
    return ["district", view.term, view.body.side, view.body.short, view.timeline, view.heads_now, view.feed_url]


def person_view(view: PersonView) -> list:
    return ["person", view.term, list(view.person.aliases), view.roles, view.latest, view.feed_url]


def period_view(view) -> list:
    months = getattr(view, "months", [])
    return [type(view).__name__, view.year, getattr(view, "month", None), view.url, len(view.articles),
            [(m.month, m.url, len(m.articles)) for m in months], getattr(view, "year_url", "")]  # fmt: skip


def view_on_page(view, page) -> list:
    """What one page of a district's or a person's listing prints from the whole listing: the
    count and the years on the first page only (so that a new item leaves the other pages as
    they are), and for a district the head each item falls under and the year it opens."""
    first = page is None or page.first
    items = view.articles if page is None else page.object_list
    if isinstance(view, DistrictView):
        shown = [(view.head_of_item.get(a.slug), view.year_anchors.get(a.slug)) for a in items]
        return [view, [view.count, view.years] if first else None, shown]
    return [view, view.count if first else None]


def body(article) -> str:
    """An item's body, hashed once as bytes: page and search digests both cover it, and
    a JSON round of every body would cost more than the rest of the digests together."""
    cached = getattr(article, "_body_digest", None)
    if cached is None:
        printed = article.utf8_body if getattr(article, "prints_as_read", False) else article.content.encode()
        cached = article._body_digest = hashlib.blake2b(printed, digest_size=16).hexdigest()
    return cached


def own_page(article) -> str:
    """What an item page prints of the item itself and of the registry on its date: the same in
    every build that keeps the item whole (articlecache.py keeps this digest with it)."""
    cached = getattr(article, "_own_digest", None)
    if cached is None:
        heads, roles = registry_notes(article, state.registry(article.settings))
        cached = article._own_digest = digest(
            indexed(article), [(term, [held(r) for r in rs]) for term, rs in heads],
            [(term, [held(r) for r in rs]) for term, rs in roles],
        )  # fmt: skip
    return cached


def held(r) -> list:
    """A role as an item page shows it: with its holder's page."""
    return role(r) + [r.person.slug]


def article_page(article) -> str:
    """Everything an item page prints: the item, its notes as of its date, and its place in its
    lists. Hashed from the parts' own digests, without a JSON round: a rebuild computes it for
    every item page, and nearly all of it is digests already."""
    cached = getattr(article, "_page_digest", None)
    if cached is None:
        notes = article.notes
        parts = [own_page(article), str(len(notes.neighbours))]
        for term, older, newer in notes.neighbours:
            parts += [term.name, term.slug, term.url, _entry(older), _entry(newer)]
        parts += [_entry(other) for other in notes.related]
        cached = article._page_digest = _joined(parts)
    return cached


def _entry(article) -> str:
    return "-" if article is None else listing(article)[1]


def _joined(parts: list) -> str:
    """The digest of strings that are mostly digests already: hashed as they are, without JSON."""
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def digest_item(article) -> None:
    """Compute, on the item, the digests that depend on it and the registry only, to be kept
    with it (articlecache.py); not for a body with links that resolve only once the site is read."""
    if getattr(article, "prints_as_read", False):
        own_page(article)


def feed_entry(article) -> list:
    """An item as a feed of summaries shows it: IncrementalWriter._add_item_to_the_feed. Without
    a summary of its own, Pelican's summary is the start of the body."""
    own = "summary" in article.metadata
    return [listing(article), article.date.isoformat(), [t.name for t in article.tags], None if own else body(article)]


def indexed(article) -> str:
    """What the search index takes from an item page: its text, filters and meta, without the
    lists around it (neighbours, related items, heads on the date), which carry data-pagefind-ignore."""
    cached = getattr(article, "_indexed_digest", None)
    if cached is None:
        cached = article._indexed_digest = digest(
            listing(article), body(article), article.source, article.dateline, article.image, article.caption,
            [(t.name, t.url) for t in article.tags], article.officials, article.bodies,
        )  # fmt: skip
    return cached


def _kwarg(key, value, page, lists: dict):
    if key == "article":
        return article_page(value)
    if isinstance(value, (DistrictView, PersonView)):
        return view_on_page(value, page)
    if key in ("articles", "dates"):  # Pelican hands every direct template the whole archive, twice
        found = lists.get(id(value))
        if found is None:
            found = lists[id(value)] = ["items", listed(value)]
        return found
    return value


def page_digest(template_name: str, name: str, kwargs: dict, site_inputs: dict, lists: dict) -> str | None:
    """The digest of one page to be written, or None when it must always be rendered. `lists`
    keeps the digests of item lists that many pages are given, for as long as the lists live."""
    if template_name not in site_inputs:
        return None
    page = kwargs.get("articles_page")
    shown = sorted((k, _kwarg(k, v, page, lists)) for k, v in kwargs.items() if k not in IGNORED_KWARGS)
    if all(isinstance(value, str) for _, value in shown):
        # Parts that are strings, digests mostly (an item page's, of which a rebuild digests tens
        # of thousands), are hashed as they are: a JSON round would cost more than the rest.
        return _joined([template_name, name, site_inputs[template_name], *(f"{k}={v}" for k, v in shown)])
    return digest(template_name, name, site_inputs[template_name], shown)


def site_inputs(archive) -> dict:
    """Per template, what it reads from the shared context (beyond its own arguments)."""
    years = [(y.year, y.url, len(y.articles), [(m.month, m.url, len(m.articles)) for m in y.months]) for y in archive.years]
    districts = [
        (v.term, v.count, v.heads_now, v.body.side) for v in archive.districts.values()
    ]
    people = [(v.term, v.count, v.latest) for v in archive.people]
    topics = [(tag, len(items)) for tag, items in archive.topics()]
    return {
        "article": digest(),
        "district": digest(),
        "official": digest(),
        "period_archives": digest(),
        "tag": digest(),
        "index": digest(years, len(archive.districts), len(archive.people)),
        "archives": digest(years),
        "districts": digest(districts),
        "officials": digest(people),
        "tags": digest(topics),
        "search": digest(
            [(side, [v.body.name for v in views]) for side, views in archive.district_sides],
            archive.metropolitan.body.name if archive.metropolitan else None,
            [v.person.name for v in archive.people], [y.year for y in archive.years], archive.sources,
        ),  # fmt: skip
        "404": digest(),
    }


BELDE_CODE = Path(__file__).resolve().parent.parent


def code_digest(settings) -> str:
    """The theme, Belde's own code and the settings: when they change, every page is new."""
    hasher = hashlib.blake2b(digest_size=16)
    for root in (Path(settings["THEME"]), BELDE_CODE):
        _hash_files(hasher, root)
    shown = {k: v for k, v in settings.items() if k not in NOT_SHOWN_SETTINGS}
    hasher.update(json.dumps(stable(shown), sort_keys=True).encode())
    return hasher.hexdigest()


def source_digest() -> str:
    """Belde's own code alone: what a cache of data read by that code depends on."""
    hasher = hashlib.blake2b(digest_size=16)
    _hash_files(hasher, BELDE_CODE)
    return hasher.hexdigest()


def _hash_files(hasher, root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".py", ".css", ".js", ".xml", ".txt"}:
            hasher.update(str(path.relative_to(root)).encode())
            hasher.update(path.read_bytes())


# Settings that decide where and how a build runs, never what a page says.
NOT_SHOWN_SETTINGS = {"OUTPUT_PATH", "BELDE_FINAL_OUTPUT", "BELDE_ATOMIC", "BELDE_WORKERS", "CACHE_PATH",
                      "BELDE_INCREMENTAL", "CACHE_CONTENT", "LOAD_CONTENT_CACHE"}  # fmt: skip


def stable(value):
    """Settings as data; functions and other objects by their type, never by address."""
    if isinstance(value, dict):
        return {str(k): stable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [stable(v) for v in value]
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return type(value).__qualname__
