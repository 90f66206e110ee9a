"""Who, where and when: the archive's structure, computed once in Python.

Templates receive these objects and only loop and print. Nothing here writes files.
"""

import datetime as dt
import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..turkish import format_month, tr_sort_key
from .terms import District, Official

SIDES = ("Avrupa", "Anadolu")
RELATED_MAX = 5
RELATED_WINDOW = 12
# The lists an item appears in, by the attribute that names them: (attribute, list name
# prefix, weight in relatedness). Shared people weigh most, then districts, then topics.
LISTS = (("officials", "kisi", 3), ("districts", "ilce", 2), ("tags", "konu", 1))
_WEIGHTS = {prefix: weight for _, prefix, weight in LISTS}


@dataclass
class HeadLine:
    """One head of a municipality as a reader sees it next to an item or in a list."""

    role: object  # registry Role
    person: Official

    @property
    def office(self) -> str:
        return self.role.title

    @property
    def party(self) -> str:
        return self.role.party or ""

    @property
    def span(self) -> str:
        return self.role.span_words()


@dataclass
class DistrictView:
    term: District
    body: object
    articles: list = field(default_factory=list)
    heads_now: list = field(default_factory=list)  # HeadLine
    timeline: list = field(default_factory=list)  # HeadLine, newest first
    head_of_item: dict = field(default_factory=dict)  # article slug -> HeadLine | None
    years: list = field(default_factory=list)  # (year, count, url of the page it starts on)
    year_anchors: dict = field(default_factory=dict)  # article slug -> year it opens
    feed_url: str = ""  # empty when there is nothing to syndicate

    @property
    def count(self) -> int:
        return len(self.articles)

    def groups_for(self, items) -> list:
        """Consecutive runs of items under the same head: [(HeadLine | None, [items])]."""
        groups = []
        for article in items:
            head = self.head_of_item.get(article.slug)
            if groups and groups[-1][0] is head:
                groups[-1][1].append(article)
            else:
                groups.append((head, [article]))
        return groups


@dataclass
class PersonView:
    term: Official
    person: object
    articles: list = field(default_factory=list)
    roles: list = field(default_factory=list)  # HeadLine-like, newest first
    latest: HeadLine | None = None
    feed_url: str = ""

    @property
    def count(self) -> int:
        return len(self.articles)


def registry_notes(article, registry) -> tuple:
    """Who headed the item's districts and bodies, and which roles its officials held, on its
    date (any day of it, for an interval): ([(District, [Role])], [(Official, [Role])])."""
    period = article.period
    heads = []
    for term in article.districts + article.bodies:
        body = registry.body(term.slug)  # district terms take their body's id as slug
        heads.append((term, registry.heads_of(body, period.start, period.end) if body else []))
    roles = []
    for term in article.officials:
        person = registry.find_person(term.name)
        roles.append((term, person.roles_during(period.start, period.end) if person else []))
    return heads, roles


class ItemNotes:
    """What an item page says beyond its own text, all as of the item's date.

    Heads and roles are looked up when a page prints them: a rebuild renders few item pages,
    and their digests cover the same facts (fingerprint.own_page, kept with the item)."""

    def __init__(self, archive, article, neighbours: list):
        self._archive, self._article = archive, article
        self.neighbours = neighbours  # (District, older, newer)
        self.related = []

    @cached_property
    def _registry_notes(self) -> tuple:
        return registry_notes(self._article, self._archive.registry)

    @cached_property
    def heads(self) -> list:  # (District, [HeadLine])
        return [(term, [self._archive.headline(r) for r in roles]) for term, roles in self._registry_notes[0]]

    @cached_property
    def roles(self) -> list:  # (Official, [HeadLine])
        return [(term, [self._archive.headline(r) for r in roles]) for term, roles in self._registry_notes[1]]


@dataclass
class MonthView:
    year: int
    month: int
    articles: list
    url: str = ""
    save_as: str = ""
    year_url: str = ""

    @property
    def name(self) -> str:
        return format_month(dt.date(self.year, self.month, 1))

    @property
    def month_name(self) -> str:
        return format_month(dt.date(self.year, self.month, 1), year=False)


@dataclass
class YearView:
    year: int
    articles: list
    months: list = field(default_factory=list)
    url: str = ""
    save_as: str = ""


def _seconds(date) -> int:
    """Wall-clock seconds: differences of dates that share a time zone, as datetime subtracts them."""
    return date.toordinal() * 86400 + date.hour * 3600 + date.minute * 60 + date.second


def _insertion_point(items, article) -> int:
    """Where an item would sit in a newest-first list (newest_first's order)."""
    key = (article.date, article.slug)
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if (items[middle].date, items[middle].slug) > key:
            low = middle + 1
        else:
            high = middle
    return low


def newest_first(articles) -> list:
    """Items newest first; items of the same moment by slug, so that the order never depends
    on the order files were read in."""
    return sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)


class Archive:
    """Builds every view from the published items and the registry."""

    def __init__(self, articles: list, registry, settings, today: dt.date):
        self.registry = registry
        self.settings = settings
        self.today = today
        self._headlines = {}
        self.articles = newest_first(articles)
        self._people_terms = {p.name: Official(p.name, settings, slug=p.slug) for p in registry.people}
        self.districts = self._districts()
        self.metropolitan = self.districts.get(registry.metropolitan.id) if registry.metropolitan else None
        self.district_sides = [
            (side, [v for v in self.districts.values() if v.body.side == side]) for side in SIDES
        ]
        self.people = self._people()
        self.years = self._years()
        # The search page lists them for its source filter; search.js would otherwise have to
        # load every shard's filter index before the first search just to name them.
        self.sources = sorted({a.source for a in self.articles if a.source}, key=tr_sort_key)
        self._person_index = {view.term.slug: view.articles for view in self.people}
        self._tag_index, self._tag_terms = defaultdict(list), {}
        for article in self.articles:
            for tag in article.tags:
                self._tag_index[tag.slug].append(article)
                self._tag_terms.setdefault(tag.slug, tag)
        self.lists = self._all_lists()  # every list an item can appear in, by its name
        self._list_names = {}
        self._by_id = {id(a): a for a in self.articles}
        self._seconds = {id(a): _seconds(a.date) for a in self.articles}
        self._positions = {
            id(items): {id(a): i for i, a in enumerate(items)}
            for items in [v.articles for v in self.districts.values()] + [v.articles for v in self.people]
            + list(self._tag_index.values())
        }  # fmt: skip
        self._annotate()

    def person_term(self, person) -> Official:
        return self._people_terms[person.name]

    def headline(self, role) -> HeadLine:
        """One HeadLine per role, shared by every page that shows it (its digest is computed once)."""
        line = self._headlines.get(id(role))
        if line is None:
            line = self._headlines[id(role)] = HeadLine(role=role, person=self.person_term(role.person))
        return line

    def _districts(self) -> dict:
        by_slug = defaultdict(list)
        for article in self.articles:
            for term in article.districts:
                by_slug[term.slug].append(article)
        bodies = ([self.registry.metropolitan] if self.registry.metropolitan else []) + self.registry.districts
        views = {}
        for body in bodies:
            view = DistrictView(term=District(body.name, self.settings, slug=body.id), body=body)
            view.articles = by_slug.get(body.id, [])
            heads = [role for role in body.roles if role.is_head]  # in order of taking office
            view.timeline = [self.headline(r) for r in reversed(heads)]
            view.heads_now = [self.headline(r) for r in self.registry.heads_of(body, self.today)]
            view.head_of_item = self._heads_by_item(heads, view.articles)
            views[body.id] = view
        return views

    def _heads_by_item(self, heads: list, articles) -> dict:
        """The head in office on each item's date (at its start, for an interval), of the body
        whose heads, in order of taking office, are `heads`."""
        lines, found = {}, {}
        for article in articles:
            period = article.period
            # The first head in office during the item (registry.heads_of(...)[0]): items sort
            # by their start, so they group by the head at the start.
            role = next((r for r in heads if r.held_during(period.start, period.end)), None)
            if role is not None:
                lines.setdefault(id(role), self.headline(role))
                found[article.slug] = lines[id(role)]
            else:
                found[article.slug] = None
        return found

    def _people(self) -> list:
        by_slug = defaultdict(list)
        for article in self.articles:
            for term in article.officials:
                by_slug[term.slug].append(article)
        views = []
        for person in self.registry.people:
            view = PersonView(term=self.person_term(person), person=person)
            view.articles = by_slug.get(person.slug, [])
            view.roles = [self.headline(r) for r in reversed(person.roles)]
            latest = person.latest_role()
            view.latest = self.headline(latest) if latest else None
            views.append(view)
        return views  # the registry sorts people by surname, Turkish order

    def _years(self) -> list:
        years = defaultdict(lambda: defaultdict(list))
        for article in self.articles:
            years[article.date.year][article.date.month].append(article)
        views = []
        for year in sorted(years, reverse=True):
            months = [
                MonthView(year, month, years[year][month]) for month in sorted(years[year], reverse=True)
            ]
            views.append(YearView(year, [a for m in months for a in m.articles], months))
        return views

    def _annotate(self) -> None:
        """Give every item its notes: its neighbours now, its related items from related.py,
        the heads and roles on its date when its page is rendered (ItemNotes)."""
        for article in self.articles:
            neighbours = []
            for term in article.districts:
                items = self.districts[term.slug].articles
                neighbours.append((term, *self._around(items, self._positions[id(items)][id(article)])))
            article.notes = ItemNotes(self, article, neighbours)

    def notes_for(self, article, instead_of=None) -> ItemNotes:
        """The notes of an item saved since the archive was built, standing in for its previous
        version `instead_of` (None for a new item): where it would sit in each of its lists,
        and the items it would be related to there."""

        def place(items):
            others = [a for a in items if a is not instead_of]
            return others, _insertion_point(others, article)

        neighbours = []
        for term in article.districts:
            others, index = place(self.districts[term.slug].articles)
            newer = others[index - 1] if index > 0 else None
            older = others[index] if index < len(others) else None
            neighbours.append((term, older, newer))
        notes = ItemNotes(self, article, neighbours)
        windows = []
        for _, weight, items in self.lists_of(article):
            others, index = place(items)
            windows.append((weight, others[max(0, index - RELATED_WINDOW) : index + RELATED_WINDOW]))
        notes.related = self._ranked(article, windows)
        return notes

    @staticmethod
    def _around(items, index) -> tuple:
        """(older, newer) next to the item at `index` of a newest-first list."""
        newer = items[index - 1] if index > 0 else None
        older = items[index + 1] if index + 1 < len(items) else None
        return older, newer

    def list_names(self, article) -> tuple:
        """The names of the lists the item appears in, in LISTS order: 'ilce/beykoz'."""
        names, found = self._list_names, []
        for attribute, prefix, _ in LISTS:
            for term in getattr(article, attribute):
                name = names.get(id(term))  # terms are shared by every item naming them
                if name is None:
                    name = names[id(term)] = f"{prefix}/{term.slug}"
                found.append(name)
        return tuple(found)

    def lists_of(self, article) -> list:
        """(name, weight, list) for each list the item appears in."""
        return [(name, _WEIGHTS[name.split("/", 1)[0]], self.lists.get(name, ())) for name in self.list_names(article)]

    def _all_lists(self) -> dict:
        lists = {f"kisi/{slug}": items for slug, items in self._person_index.items()}
        lists.update((f"ilce/{slug}", view.articles) for slug, view in self.districts.items())
        lists.update((f"konu/{slug}", items) for slug, items in self._tag_index.items())
        return lists

    def seconds(self, article) -> int:
        return self._seconds[id(article)]

    def related(self, article) -> list:
        """Candidates come from a window of RELATED_WINDOW items on each side of the item in
        each of its lists (lists are in date order), so that the cost per item stays flat
        however large the archive grows; "close in time" is part of relatedness anyway.
        related.py ranks again only the items whose windows changed since the last build.
        """
        windows = []
        for _, weight, items in self.lists_of(article):
            index = self._positions[id(items)][id(article)]
            windows.append((weight, items[max(0, index - RELATED_WINDOW) : index + RELATED_WINDOW + 1]))
        return self._ranked(article, windows)

    def _ranked(self, article, windows) -> list:
        """The RELATED_MAX best candidates: by score (the weights of the lists an item shares
        with this one), then nearer in time, then by slug."""
        scores = {}
        for weight, items in windows:
            for other in items:
                key = id(other)
                scores[key] = scores.get(key, 0) + weight
        scores.pop(id(article), None)
        when = _seconds(article.date)
        # Only candidates scoring at least the fifth best can be among the five.
        floor = min(heapq.nlargest(RELATED_MAX, scores.values()), default=0)
        # (score, whole days apart, slug), then first seen: the order a stable sort would give
        ranked = heapq.nsmallest(RELATED_MAX, (
            (-score, abs((self._seconds[key] - when) // 86400), self._by_id[key].slug, order, key)
            for order, (key, score) in enumerate(scores.items()) if score >= floor
        ))  # fmt: skip
        return [self._by_id[entry[-1]] for entry in ranked]

    def topics(self) -> list:
        """(tag, items), in Turkish alphabetical order."""
        return sorted(
            ((self._tag_terms[slug], items) for slug, items in self._tag_index.items()),
            key=lambda pair: tr_sort_key(pair[0].name),
        )
