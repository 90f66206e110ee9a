"""Registry entities and the questions Belde asks of them.

Terms are half-open, [start, end): 'to' is the day the office passed on, so on the
day one term ends and the next starts, the newcomer holds the office.
"""

import datetime as dt
import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from ..period import Period
from ..turkish import tr_casefold, tr_slugify, tr_sort_key

# The offices that head a municipality, in the words a Turkish reader expects.
HEAD_OFFICES = ("mayor", "acting_mayor", "trustee")
OFFICE_TITLES = {
    "mayor": "Belediye Başkanı",
    "acting_mayor": "Belediye Başkanvekili",
    "trustee": "Kayyum",
    "deputy_mayor": "Belediye Başkan Yardımcısı",
    "district_governor": "Kaymakam",
    "governor": "Vali",
    "minister": "Bakan",
    "council_member": "Meclis Üyesi",
}
# Honorifics and professions that press text puts before a name.
NAME_PREFIXES = ("prof. dr.", "doç. dr.", "dr.", "av.", "op. dr.", "mimar", "müh.", "prof.", "doç.")


@lru_cache(maxsize=65536)
def name_key(text: str, ascii_fold: bool = False) -> str:
    """How names are compared: Turkish case folding, no circumflex, no honorific.

    Front matter must spell Turkish letters (Kağıthane, not Kagithane) unless the
    registry lists the spelling as an alias; ascii_fold gives the looser key used
    to suggest the right spelling.
    """
    key = tr_casefold(text, ascii_fold=ascii_fold)
    changed = True
    while changed:
        changed = False
        for prefix in NAME_PREFIXES:
            folded = tr_casefold(prefix, ascii_fold=ascii_fold)
            if key.startswith(folded + " "):
                key, changed = key[len(folded) + 1 :], True
    return key


@dataclass(eq=False)
class Body:
    """A municipality (a district's or the metropolitan one) or another public body."""

    id: str
    name: str
    kind: str  # 'metropolitan', 'district' or 'other'
    short: str = ""
    side: str = ""  # 'Avrupa' or 'Anadolu' for districts
    aliases: tuple = ()
    roles: list = field(default_factory=list, repr=False)

    @property
    def label(self) -> str:
        return self.short or self.name

    @property
    def sort_key(self):
        return tr_sort_key(self.name)


@dataclass(eq=False)
class Role:
    person: "Person" = field(repr=False)
    office: str
    body: Body
    party: str | None
    start: Period
    end: Period | None  # None: still in office as far as the sources go
    sources: tuple = ()
    note: str = ""
    confidence: str = ""

    @property
    def title(self) -> str:
        return OFFICE_TITLES.get(self.office, self.office.replace("_", " "))

    @property
    def is_head(self) -> bool:
        return self.office in HEAD_OFFICES

    @property
    def end_day(self) -> dt.date | None:
        return self.end.start if self.end else None

    def held_during(self, start: dt.date, end: dt.date) -> bool:
        """Was the office held on any day of [start, end]?"""
        return self.start.start <= end and (self.end is None or start < self.end.start)

    def span_words(self) -> str:
        """'2019–2024', '2024–' : years as a reader scans a timeline."""
        end = str(self.end.start.year) if self.end else ""
        return f"{self.start.start.year}–{end}"


@dataclass(eq=False)
class Person:
    name: str
    slug: str
    aliases: tuple = ()
    roles: list = field(default_factory=list, repr=False)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def sort_key(self):
        return tr_sort_key(self.surname), tr_sort_key(self.name)

    def roles_during(self, start: dt.date, end: dt.date) -> list:
        return [role for role in self.roles if role.held_during(start, end)]

    def latest_role(self) -> Role | None:
        """The role held today, else the last one held."""
        return max(self.roles, key=lambda r: (r.end is None, r.start.start), default=None)


class Registry:
    """Everything the registry knows, indexed for the questions items ask."""

    def __init__(self, bodies: list, people: list, sources: tuple = ()):
        self.bodies = bodies
        self.people = sorted(people, key=lambda p: p.sort_key)
        self.sources = sources  # the files it was loaded from
        self.metropolitan = next((b for b in bodies if b.kind == "metropolitan"), None)
        self.districts = sorted((b for b in bodies if b.kind == "district"), key=lambda b: b.sort_key)
        self._by_id = {body.id: body for body in bodies}
        self._bodies = {}
        for body in bodies:
            for text in (body.name, body.short, *body.aliases):
                if text:
                    self._bodies[name_key(text)] = body
        self._people = {}
        surnames = {}
        for person in people:
            for text in (person.name, *person.aliases):
                self._people[name_key(text)] = person
            surnames.setdefault(name_key(person.surname), set()).add(person)
        # A surname alone names someone only when nobody else shares it.
        for key, owners in surnames.items():
            if len(owners) == 1 and key not in self._people:
                self._people[key] = next(iter(owners))

    def body(self, body_id: str) -> Body | None:
        """A body by its id (the slug of its pages)."""
        return self._by_id.get(body_id)

    def find_body(self, text: str) -> Body | None:
        return self._bodies.get(name_key(text))

    def find_person(self, text: str) -> Person | None:
        return self._people.get(name_key(text))

    def suggest_body(self, text: str) -> str | None:
        return self._suggest(text, {key: body.name for key, body in self._bodies.items()})

    def suggest_person(self, text: str) -> str | None:
        return self._suggest(text, {key: person.name for key, person in self._people.items()})

    @staticmethod
    def _suggest(text: str, names: dict) -> str | None:
        """The canonical name closest to text: same letters in ASCII first, then similar."""
        loose = {name_key(key, ascii_fold=True): name for key, name in names.items()}
        wanted = name_key(text, ascii_fold=True)
        if wanted in loose:
            return loose[wanted]
        match = difflib.get_close_matches(wanted, list(loose), n=1, cutoff=0.6)
        return loose[match[0]] if match else None

    def heads_of(self, body: Body, start: dt.date, end: dt.date | None = None) -> list:
        """Who headed the body on any day of [start, end], in order of taking office."""
        end = end or start
        return [role for role in body.roles if role.is_head and role.held_during(start, end)]

    def current_head(self, body: Body, today: dt.date) -> Role | None:
        heads = self.heads_of(body, today)
        return heads[-1] if heads else None
