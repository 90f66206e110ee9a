"""Who and where an item is about, found through the registry with Turkish morphology.

Text is folded character by character (Turkish case, circumflex, ASCII look-alikes,
every apostrophe as ') so that offsets in the folded text are offsets in the original.
A name may carry a suffix after an apostrophe, a stray space before the apostrophe,
or be written in capitals; it must start with a capital letter in the original.

An item is ABOUT the districts and people named in its title, dateline and lead
(and the districts its acting mayors head); it only MENTIONS those named further on.
"""

import itertools
import re
from dataclasses import dataclass, field

from ..registry.model import HEAD_OFFICES
from .places import COUNTRIES, PROVINCES

_SPECIAL = {
    "I": "i", "İ": "i", "ı": "i", "â": "a", "Â": "a", "î": "i", "Î": "i", "û": "u", "Û": "u",
    "ç": "c", "Ç": "c", "ğ": "g", "Ğ": "g", "ö": "o", "Ö": "o", "ş": "s", "Ş": "s", "ü": "u", "Ü": "u",
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "\u0307": " ",
}  # fmt: skip


def fold(text: str) -> str:
    """Same length as text: Turkish lower case, ASCII look-alikes, one apostrophe."""
    out = []
    for ch in text:
        mapped = _SPECIAL.get(ch)
        if mapped is None:
            low = ch.lower()
            mapped = low if len(low) == 1 else ch
        out.append(mapped)
    return "".join(out)


def key(text: str) -> str:
    return " ".join(fold(text).split())


_SUFFIX = r"(?:\s?'[a-z]{1,12})?"
_END = r"(?![a-z0-9])"
_START = r"(?<![a-z0-9'.])"
# Words after a district's name that make it a street, neighbourhood, school or club.
STREET_WORDS = {
    "mahallesi", "mah.", "mah", "mahalle", "caddesi", "cad.", "cad", "cadde", "sokak", "sokagi", "sk.",
    "sok.", "bulvari", "koprusu", "camii", "lisesi", "ilkokulu", "ortaokulu", "spor", "sporu", "kulubu",
    "stadyumu", "stadi", "pasaji", "carsisi", "hani", "apartmani", "sitesi", "vapuru", "gemisi",
}  # fmt: skip
# Words after a district's name that keep it a place (not a first name followed by a surname).
PLACE_WORDS = {
    "belediyesi", "belediye", "belediyemiz", "belediyemizin", "belediyemize", "kaymakamligi", "kaymakami",
    "ilce", "ilcesi", "meydani", "sahili", "sahil", "kent", "halk", "devlet", "egitim", "kultur",
    "gençlik", "genclik", "emniyet", "adliyesi", "iskelesi", "mezarligi", "pazari", "kiyisi", "ormani",
    "merkez", "merkezi", "tersaneler", "organize", "sanayi", "kent", "itfaiye",
}  # fmt: skip
INSTITUTION_WORDS = {"belediyesi", "belediye", "belediyemiz", "kaymakamligi", "kaymakami", "ilcesi", "ilcesinde", "ilcesindeki", "ilcemiz"}
ELSEWHERE_WORDS = {"kenti", "kentinde", "kentindeki", "sehri", "sehrinde", "sehrindeki", "kasabasi", "kasabasinda"}
FIRST_NAME_DISTRICTS = {"fatih", "kartal"}
LOCATIVE = re.compile(r"'?(?:d|t)[ae](?:ki)?$")
WEAK_AFTER = {"sonra", "beri", "gibi", "benzeri", "ornegi", "orneginde", "farkli"}
PARTIES = {"chp", "akp", "ak", "mhp", "iyi", "dem", "hdp", "tip", "saadet", "yeniden", "zafer", "deva", "gelecek"}
TITLE_WORDS = {
    "baskan", "baskani", "baskanimiz", "baskanvekili", "sayin", "bay", "bayan", "dr.", "doc.", "prof.", "av.",
    "op.", "muh.", "mimar", "kaymakam", "kaymakami", "vali", "valisi", "bakan", "bakani", "kayyum", "kayyumu",
    "yardimcisi", "uyesi", "sekreteri", "mudur", "muduru",
}  # fmt: skip
OFFICE_HINTS = ("baskan", "kaymakam", "vali", "bakan", "kayyum", "meclis uyesi")
PARTY_HINTS = ("aday", "il baskani", "ilce baskani", "genel baskan", "il baskanligi", "ilce baskanligi", "milletvekili", "sozcusu", "parti meclis")
SPEECH_VERBS = ("dedi", "soyledi", "belirtti", "ifade etti", "vurguladi", "kaydetti", "konustu", "acikladi")
EXTRA_DISTRICT_NAMES = {"Eyüpsultan": ("Eyüp Sultan", "Eyüp")}
IBB_NAMES = ("İBB", "İstanbul Büyükşehir Belediyesi", "İstanbul Büyükşehir Belediye", "İstanbul Büyükşehir")
_ELSEWHERE_KEYS = {key(name) for name in PROVINCES + COUNTRIES}

CAPS = "A-ZÇĞİÖŞÜÂÎÛ"
_OFFICE_RE = re.compile(
    rf"(?:(?P<place>[{CAPS}][\w’']*(?:\s+[{CAPS}][\w’']*)?)\s+)?"
    r"(?P<office>Belediye Başkanı|Belediye Başkanvekili|Belediye Başkan Yardımcısı|Başkan Yardımcısı|"
    r"Belediye Başkan Adayı|Kaymakamı|Valisi|Bakanı|Meclis Üyesi|Belediyesi Başkanı)\s+"
    rf"(?:(?:Prof\.|Doç\.|Dr\.|Av\.|Op\.|Uzm\.)\s*)*(?P<name>[{CAPS}][\w.]*(?:\s+[{CAPS}][\w]+){{1,2}})"
)


@dataclass
class Zone:
    name: str  # 'title', 'dateline', 'lead', 'body'
    start: int
    end: int


@dataclass
class Found:
    name: str  # canonical registry name
    kind: str  # 'district', 'person', 'body'
    about: bool
    evidence: list = field(default_factory=list)  # (zone, matched text, sentence)


@dataclass
class Tags:
    districts: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    found: list = field(default_factory=list)  # Found, for the report
    review: list = field(default_factory=list)  # (what, why, sentence)
    skipped: list = field(default_factory=list)  # (what, why, sentence): not tagged, on purpose


class Document:
    def __init__(self, parts: list):
        """parts: (zone name, text)."""
        self.text, self.zones = "", []
        for name, text in parts:
            if not text:
                continue
            start = len(self.text)
            self.text += text + "\n\n"
            self.zones.append(Zone(name, start, start + len(text)))
        self.folded = fold(self.text)

    def zone(self, offset: int) -> str:
        return next((z.name for z in self.zones if z.start <= offset < z.end), "body")

    def block(self, offset: int) -> int:
        return next((i for i, z in enumerate(self.zones) if z.start <= offset < z.end), -1)

    def sentence(self, start: int, end: int) -> str:
        zone = next((z for z in self.zones if z.start <= start < z.end), None)
        lo, hi = (zone.start, zone.end) if zone else (0, len(self.text))
        left = max((self.text.rfind(mark, lo, start) for mark in (". ", "! ", "? ")), default=-1)
        left = lo if left < 0 else left + 2
        right = min((i for i in (self.text.find(mark, end, hi) for mark in (". ", "! ", "? ")) if i >= 0), default=hi)
        return self.text[left : min(right + 1, hi)].strip()

    def words_after(self, end: int, count: int = 2) -> list:
        return re.findall(r"[^\s,;:()\"“”]+", self.text[end : end + 80])[:count]

    def words_before(self, start: int, count: int = 6) -> list:
        return re.findall(r"[^\s,;:()\"“”]+", self.text[max(0, start - 120) : start])[-count:]

    def at_sentence_start(self, start: int) -> bool:
        before = self.text[:start].rstrip()
        return not before or before[-1] in ".!?:\"“\n" or self.zone(start) != self.zone(len(before) - 1)


def _base(word: str) -> str:
    """A folded word without its suffix after an apostrophe."""
    return key(word).split("'")[0].strip(".,;:!?")


class Tagger:
    def __init__(self, registry):
        self.registry = registry
        self.district_names = {}
        for body in registry.districts:
            for text in (body.name, *body.aliases, *EXTRA_DISTRICT_NAMES.get(body.name, ())):
                self.district_names[key(text)] = body
        self.place_keys = set(self.district_names) | _ELSEWHERE_KEYS | {"istanbul"}
        self.variants = {}
        for person in registry.people:
            for text in (person.name, *person.aliases):
                for variant in _name_variants(text):
                    self.variants.setdefault(variant, set()).add(person)
        self._district_re = _alternation(self.district_names, suffix=_SUFFIX + r"|l[iu][a-z]*")
        self._person_re = _alternation(self.variants, suffix=_SUFFIX)
        self._ibb_re = _alternation({key(n): n for n in IBB_NAMES}, suffix=_SUFFIX)

    # -- districts ---------------------------------------------------------
    def _district_matches(self, doc: Document, tags: Tags):
        for match in self._district_re.finditer(doc.folded):
            start, end = match.span(1)
            original = doc.text[start:end]
            if not original[:1].isupper():
                continue
            body = self.district_names[" ".join(match.group(1).split())]
            sentence = doc.sentence(start, end)
            reason = self._false_friend(doc, match, body)
            if reason:
                tags.skipped.append((original, reason, sentence))
                continue
            yield body, match, sentence

    def _false_friend(self, doc: Document, match, body) -> str:
        start, end = match.span(1)
        after = doc.words_after(match.end(), 3)
        before = doc.words_before(start, 6)
        nxt = _base(after[0]) if after else ""
        if nxt in STREET_WORDS or (after and key(after[0]).rstrip(".") in {"mah", "cad", "sk", "sok"}):
            return f"a street or neighbourhood named after {body.name}, not the district"
        folded_name = key(body.name)
        if folded_name in FIRST_NAME_DISTRICTS and after and after[0][:1].isupper() and nxt not in PLACE_WORDS:
            glued = doc.text[match.end() : match.end() + 1] in (",", ".", ";", ":")
            if nxt not in self.district_names and not glued:
                return f"'{body.name}' is a first name here"
        if nxt in INSTITUTION_WORDS:
            return ""
        if nxt in ELSEWHERE_WORDS:
            return f"a town called {body.name} elsewhere"
        near = [_base(w) for w in before[-5:]] + [_base(w) for w in after[:3]]
        if any(word in _ELSEWHERE_KEYS for word in near):
            return f"a place called {body.name} outside İstanbul"
        if before and _base(before[-1]) in PARTIES and nxt in {"ilce", "il"}:
            return "a party's district organisation, not the municipality"
        return ""

    # -- people ------------------------------------------------------------
    def _person_context(self, doc: Document, start: int) -> tuple[bool, bool]:
        """(named with an office, named with a party post or as a candidate)."""
        before = " ".join(key(w) for w in doc.words_before(start, 6))
        after = " ".join(key(w) for w in doc.words_after(start, 1))
        party = any(hint in before for hint in PARTY_HINTS)
        office = any(hint in before for hint in OFFICE_HINTS)
        return office, party and not re.search(r"belediye baskan(i|vekili)\s*$", before.replace("'", ""))

    def tag(self, parts: list, start, end, dateline: str = "") -> Tags:
        """parts: [(zone, text)], zone in title/lead/body; start, end: the item's days."""
        doc = Document(parts)
        tags = Tags()
        found = {}

        def add(name, kind, about, evidence):
            entry = found.setdefault((kind, name), Found(name, kind, False))
            entry.about = entry.about or about
            entry.evidence.append(evidence)

        # Bodies: İBB.
        for match in self._ibb_re.finditer(doc.folded):
            s, e = match.span(1)
            if doc.text[s : s + 1].isupper():
                add("İBB", "body", True, (doc.zone(s), doc.text[s:e], doc.sentence(s, e)))

        # People by full name (with aliases, initials, prefixes).
        spans = []
        for match in self._person_re.finditer(doc.folded):
            s, e = match.span(1)
            if not doc.text[s : s + 1].isupper():
                continue
            people = self.variants[" ".join(match.group(1).split())]
            sentence = doc.sentence(s, e)
            office, party = self._person_context(doc, s)
            person = self._choose(people, start, end)
            if person is None:
                tags.review.append((doc.text[s:e], "names more than one person in the registry; pick one", sentence))
                continue
            spans.append((s, e, person))
            self._person_found(person, doc, s, e, sentence, office, party, start, end, add, tags)

        # Surnames alone, after a full mention somewhere in the item.
        named = {p for *_, p in spans}
        self._surnames(doc, named, spans, start, end, add, tags)

        # Districts.
        place_line = key(dateline)
        for word in re.split(r"[/,\s]+", place_line):
            if word in self.district_names:
                add(self.district_names[word].name, "district", True, ("dateline", dateline, dateline))
        for body, match, sentence in self._district_matches(doc, tags):
            s, e = match.span(1)
            zone = doc.zone(s)
            after = doc.words_after(match.end(), 1)
            weak = bool(after) and _base(after[0]) in WEAK_AFTER
            add(body.name, "district", zone in ("title", "lead") and not weak, (zone, doc.text[s : match.end()], sentence))

        # Unknown people named with an office.
        known = [(s, e) for s, e, _ in spans]
        for match in _OFFICE_RE.finditer(doc.text):
            s, e = match.span("name")
            if any(ks < e and s < ke for ks, ke in known):
                continue
            words = match.group("name").split()
            if self.registry.find_person(" ".join(words)) or self.registry.find_person(" ".join(words[:2])):
                continue
            tags.review.append(
                (" ".join(match.group(0).split()), "not in the registry; add to content/registry/people.yaml if in İstanbul", doc.sentence(s, e))
            )

        # The districts whose heads act in the item.
        for (kind, name), entry in list(found.items()):
            if kind == "person" and entry.about:
                person = self.registry.find_person(name)
                for role in person.roles_during(start, end):
                    if role.office in HEAD_OFFICES and role.body.kind == "district":
                        add(role.body.name, "district", True, ("registry", f"{person.name}, {role.title}", f"{role.body.name} {role.title}"))

        for entry in found.values():
            tags.found.append(entry)
            if entry.kind == "body":
                tags.bodies.append(entry.name)
            elif entry.about:
                (tags.districts if entry.kind == "district" else tags.officials).append(entry.name)
            else:
                tags.mentions.append(entry.name)
        if not tags.districts and (tags.bodies or re.search(r"(?<![a-z])istanbul", doc.folded)):
            tags.districts.append("İstanbul")
        return tags

    def _choose(self, people: set, start, end):
        if len(people) == 1:
            return next(iter(people))
        active = [p for p in people if p.roles_during(start, end)]
        return active[0] if len(active) == 1 else None

    def _person_found(self, person, doc, s, e, sentence, office, party, start, end, add, tags):
        zone = doc.zone(s)
        if party:
            tags.skipped.append((doc.text[s:e], "named with a party post or as a candidate, not a public office", sentence))
            return
        if person.roles_during(start, end):
            add(person.name, "person", zone in ("title", "lead"), (zone, doc.text[s:e], sentence))
        elif office:
            add(person.name, "person", False, (zone, doc.text[s:e], sentence))
        else:
            tags.skipped.append((doc.text[s:e], f"{person.name} held no office in the registry at the item's date", sentence))

    def _surnames(self, doc, named, spans, start, end, add, tags):
        by_surname = {}
        for person in self.registry.people:
            by_surname.setdefault(key(person.surname), []).append(person)
        pattern = _alternation({k: k for k in by_surname}, suffix=_SUFFIX)
        first_names = {}
        for person in self.registry.people:
            if any(r.office in HEAD_OFFICES for r in person.roles_during(start, end)):
                first_names.setdefault(key(person.name.split()[0]), []).append(person)
        for match in pattern.finditer(doc.folded):
            s, e = match.span(1)
            if any(ks <= s < ke for ks, ke, _ in spans) or not doc.text[s : s + 1].isupper():
                continue
            candidates = by_surname[match.group(1)]
            mentioned = [p for p in candidates if p in named]
            before = doc.words_before(s, 1)
            prev = _base(before[0]) if before else ""
            titled = prev in TITLE_WORDS
            if before and before[0][:1].isupper() and not titled and not doc.at_sentence_start(s):
                continue  # another person's surname (Ayşe Öztekin)
            sentence = doc.sentence(s, e)
            if len(mentioned) == 1:
                person = mentioned[0]
            elif titled:
                active = [p for p in candidates if p.roles_during(start, end)]
                if len(active) != 1:
                    continue
                person = active[0]
            else:
                continue
            add(person.name, "person", doc.zone(s) in ("title", "lead"), (doc.zone(s), doc.text[s:e], sentence))
            named.add(person)
        # 'Özgür Başkan', 'Ekrem Başkanımız': a first name with the title.
        for match in re.finditer(r"(?<![a-z])([a-z]+)\s+baskan(?:imiz|im|imizin|imiza|imizi|'[a-z]+)?(?![a-z])", doc.folded):
            s, e = match.span(1)
            people = first_names.get(match.group(1), [])
            if len(people) != 1 or not doc.text[s : s + 1].isupper():
                continue
            after = doc.words_after(match.end(), 1)
            if after and key(after[0]).startswith(("yardimcisi", "vekili")):
                continue
            person = people[0]
            add(person.name, "person", doc.zone(s) in ("title", "lead"), (doc.zone(s), doc.text[s : match.end()], doc.sentence(s, e)))


def _name_variants(name: str) -> set:
    """Ekrem İmamoğlu; Mustafa Oktay Aksu → M. Oktay Aksu, Oktay Aksu, Mustafa O. Aksu, …"""
    words = key(name).split()
    prefixes = []
    while len(words) > 2 and words[0].endswith("."):
        prefixes.append(words.pop(0))
    given, surname = words[:-1], words[-1]
    variants = {" ".join(words)}
    if given:
        options = [(g, g[0] + ".", None) for g in given]
        for combo in itertools.product(*options):
            kept = [c for c in combo if c]
            if not kept or all(c.endswith(".") for c in kept) and len(kept) < len(given):
                continue
            if len(kept) == 1 and kept[0].endswith("."):
                continue
            variants.add(" ".join(kept + [surname]))
    return variants


def _alternation(names, suffix: str):
    ordered = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+").replace(r"\.", r"\.\s*") for n in ordered)
    return re.compile(rf"{_START}({body})(?:{suffix})?{_END}")
