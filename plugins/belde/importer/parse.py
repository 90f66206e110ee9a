"""A press release's parts: title, dateline, agency, date, lead, paragraphs, subheadings.

The text arrives as blocks separated by blank lines (or one block a line when the
source has no blank lines). Nothing is reworded: parts are only recognised and cut.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from ..period import Period, parse_period
from ..turkish import tr_casefold

CAPS = "A-ZÇĞİÖŞÜÂÎÛ"
AGENCIES = {"anka": "ANKA", "dha": "DHA", "iha": "İHA", "aa": "AA", "anadolu ajansi": "AA"}
_AGENCY = r"ANKA|DHA|İHA|IHA|AA|ANADOLU AJANSI"
_PLACE = rf"[{CAPS}][{CAPS}.]+(?:[ ][{CAPS}][{CAPS}.]+){{0,2}}"
_PLACES = rf"{_PLACE}(?:\s*/\s*{_PLACE})?"
_DASH = r"[-–—]+"
# (İSTANBUL) -   (İSTANBUL) –   (İSTANBUL - ANKA) -   (İSTANBUL)-Glued lead
_DATELINE_PAREN = re.compile(rf"^\(\s*(?P<place>{_PLACES})\s*(?:[-–,/]\s*(?P<agency>{_AGENCY}))?\s*\)\s*{_DASH}\s*")
# İSTANBUL, (DHA)-   ŞİLE / İSTANBUL -   KADIKÖY (İHA) –   İSTANBUL(DHA)-Glued lead
_DATELINE_BARE = re.compile(rf"^(?P<place>{_PLACES})\s*,?\s*(?:\(\s*(?P<agency>{_AGENCY})\s*\))?\s*{_DASH}\s*(?=\S)")
# ŞİLE / İSTANBUL  (alone on its line)   İSTANBUL (DHA)
_DATELINE_LINE = re.compile(rf"^(?P<place>{_PLACES})\s*,?\s*(?:\(\s*(?P<agency>{_AGENCY})\s*\))?\s*[-–—]?\s*$")
_AGENCY_LINE = re.compile(rf"^(?:[-–(]\s*)?(?:Kaynak\s*:\s*|Haber\s*:\s*)?(?P<agency>{_AGENCY})\s*(?:[-–)]\s*)?$", re.I)

MONTHS = ("ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul", "ekim", "kasim", "aralik")
WEEKDAYS = ("pazartesi", "sali", "carsamba", "persembe", "cuma", "cumartesi", "pazar")
_DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})(?:\s*,?\s*({'|'.join(WEEKDAYS)}))?\b")
_DATE_DIGITS = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")

ABBREVIATIONS = {"dr", "doç", "prof", "av", "op", "müh", "yrd", "uzm", "mah", "cad", "sk", "sok", "no", "vb", "vs", "st", "bşk", "bkz", "örn"}
_TERMINAL = (".", ",", ";", ":")


@dataclass
class Release:
    title: str
    title_derived: bool
    dateline: str
    agency: str
    date: Period | None
    date_evidence: str
    lead: str
    blocks: list = field(default_factory=list)  # ('p' | 'h', text); the lead is the first 'p'
    notes: list = field(default_factory=list)  # what the parser decided, for the report


def fold(text: str) -> str:
    return tr_casefold(text, ascii_fold=True)


def agency_name(text: str) -> str:
    return AGENCIES.get(fold(text), "")


def split_blocks(text: str) -> list[str]:
    text = text.strip("\n")
    if re.search(r"\n[ \t]*\n", text):
        blocks = []
        for chunk in re.split(r"\n[ \t]*\n+", text):
            lines = [line.strip() for line in chunk.split("\n") if line.strip()]
            if not lines:
                continue
            # A short heading line followed directly by its paragraph.
            while len(lines) > 1 and _is_heading_shape(lines[0]) and len(lines[1]) > 2 * len(lines[0]):
                blocks.append(lines.pop(0))
            blocks.append(" ".join(lines))
        return blocks
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _is_heading_shape(line: str) -> bool:
    return 0 < len(line) <= 120 and len(line.split()) <= 14 and not line.rstrip().endswith(_TERMINAL)


def split_sentences(text: str) -> list[str]:
    sentences, start = [], 0
    for match in re.finditer(r"[.!?…]+[\"”’']?\s+(?=[\"“‘'(]?[" + CAPS + r"0-9])", text):
        before = text[start : match.start()]
        last = re.findall(r"(\S+)$", before)
        word = last[0].lower().strip("(\"“") if last else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def known_place(place: str, places: set) -> bool:
    return all(fold(part.strip()) in places for part in place.split("/"))


def match_dateline(block: str, places: set):
    """(dateline, agency, rest of the block) or None."""
    for pattern in (_DATELINE_PAREN, _DATELINE_BARE, _DATELINE_LINE):
        match = pattern.match(block)
        if not match:
            continue
        place = " / ".join(part.strip() for part in match.group("place").split("/"))
        agency = agency_name(match.group("agency") or "")
        if pattern is not _DATELINE_PAREN and not agency and "/" not in place and not known_place(place, places):
            continue
        return place, agency, block[match.end() :].strip()
    return None


def find_date(text: str):
    """The first day stated in text as '22 Nisan 2024 (Pazartesi)' or '22.04.2024'."""
    folded = fold(text)
    found = []
    for match in _DATE_WORDS.finditer(folded):
        found.append((match.start(), match.end(), int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match.group(1))))
    for match in _DATE_DIGITS.finditer(folded):
        found.append((match.start(), match.end(), int(match.group(3)), int(match.group(2)), int(match.group(1))))
    for start, end, year, month, day in sorted(found):
        try:
            return dt.date(year, month, day), text[start:end]
        except ValueError:
            continue
    return None


def _date_only(block: str) -> bool:
    """A block that is a date and little else: '22 Nisan 2024 Pazartesi', 'Tarih: 22.04.2024 14:30'."""
    rest = fold(block)
    rest = _DATE_WORDS.sub(" ", rest)
    rest = _DATE_DIGITS.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = re.sub(r"\b(tarih|saat|guncelleme|yayin|yayinlanma|haber)\b", " ", rest)
    return len(re.findall(r"\w+", rest)) <= 1 and len(block) < 60


def _quoted_heading(block: str) -> bool:
    text = block.strip()
    if len(text.split()) > 16:
        return False
    if text[:1] in "\"“'‘" and text[-1:] in "\"”'’":
        inner = text[1:-1].strip()
        return bool(inner) and not inner.endswith((".", ",", ";", ":")) and not re.search(r"[\"“”]", inner)
    # Öztekin: "İnşallah güzel hizmetlerle ... devam ederiz"
    speaker = re.match(rf"^[{CAPS}][\w’'.]*(?:\s+[{CAPS}][\w’'.]*){{0,3}}\s*:\s*[\"“](.+)[\"”]$", text)
    return bool(speaker) and len(text.split()) <= 30 and not speaker.group(1).endswith((".", ","))


def is_subheading(block: str) -> bool:
    text = block.strip()
    if _quoted_heading(text):
        return True
    if text[:1] in "\"“'‘-–•*" or text.endswith(("\"", "”")):
        return False
    return len(text) <= 100 and len(text.split()) <= 12 and not text.endswith(_TERMINAL + ("!", "?", "…")) and text[:1].isupper()


def derive_title(lead: str) -> str:
    """A headline from the lead's first sentence, its words unchanged.

    A long sentence keeps its subject (up to the first comma) and its closing
    predicate from the last name on: 'İBB Başkanı Ekrem İmamoğlu, Mevlüt Öztekin'e
    tebrik ziyaretinde bulundu'.
    """
    sentence = split_sentences(lead)[0] if lead else ""
    sentence = sentence.rstrip(" .")
    if len(sentence) <= 90:
        return sentence
    subject, comma, rest = sentence.partition(", ")
    words = rest.split()
    if comma and 1 < len(subject.split()) <= 8 and len(words) > 3:
        last = max((i for i, w in enumerate(words) if w[:1].isupper() and i > 0), default=None)
        if last is not None:
            first = last
            while first > 0 and words[first - 1][:1].isupper():
                first -= 1
            tail = words[first:]
            if 2 <= len(tail) <= 8 and first > 0:
                return f"{subject}, {' '.join(tail)}"
    kept = []
    for word in sentence.split():
        if len(" ".join(kept + [word])) > 100:
            break
        kept.append(word)
    return " ".join(kept).rstrip(",;:") + "…"


def parse_release(text: str, places: set, title_hint: str = "", date_hint: str = "") -> Release:
    """places: folded names that may stand in a dateline (districts, provinces)."""
    blocks = split_blocks(text)
    notes = []
    title, derived = "", False
    dateline, agency, date, date_evidence = "", "", None, ""

    # A date line may stand above the title.
    while blocks and _date_only(blocks[0]) and find_date(blocks[0]):
        date_evidence = blocks[0]
        date = find_date(blocks.pop(0))[0]

    # A Markdown heading or a title line before the dateline.
    if blocks and blocks[0].startswith("#"):
        title = blocks.pop(0).lstrip("#").strip()
    elif blocks and len(blocks) > 1 and match_dateline(blocks[0], places) is None and _is_title_line(blocks[0]):
        title = blocks.pop(0)
    if title_hint:
        if title and fold(title) != fold(title_hint):
            blocks.insert(0, title)
        title = title_hint
        if blocks and fold(blocks[0]) == fold(title_hint):
            blocks.pop(0)

    # Date lines and the dateline may come before the lead, in either order.
    while blocks:
        if _date_only(blocks[0]) and find_date(blocks[0]):
            date_evidence = blocks[0]
            date = find_date(blocks.pop(0))[0]
            continue
        found = match_dateline(blocks[0], places)
        if found and not dateline:
            dateline, agency, rest = found
            if rest:
                blocks[0] = rest
            else:
                blocks.pop(0)
            continue
        break

    # Trailing agency and date lines.
    while blocks:
        last = blocks[-1].strip()
        agency_line = _AGENCY_LINE.match(last)
        if agency_line:
            agency = agency or agency_name(agency_line.group("agency"))
            blocks.pop()
            continue
        if _date_only(last) and find_date(last):
            if date is None:
                date_evidence = last
                date = find_date(last)[0]
            blocks.pop()
            continue
        break

    if not blocks:
        return Release(title, derived, dateline, agency, None, date_evidence, "", [], notes)

    period = None
    if date is not None:
        period = parse_period(date)
    elif date_hint:
        try:
            period = parse_period(date_hint)
            date_evidence = "source metadata"
        except ValueError:
            period = None

    lead = blocks[0]
    if not title:
        title, derived = derive_title(lead), True
        notes.append("no title line: title derived from the lead sentence; shorten it before publishing")
    parts = [("p", lead)]
    for index, block in enumerate(blocks[1:], start=1):
        following = index + 1 < len(blocks)
        parts.append(("h", block) if following and is_subheading(block) else ("p", block))
    return Release(title, derived, dateline, agency, period, date_evidence, lead, parts, notes)


def _is_title_line(block: str) -> bool:
    text = block.strip()
    if len(text) > 160 or len(text.split()) > 24:
        return False
    if text.endswith(".") and not text.endswith("..."):
        return False
    return not text.endswith((",", ";", ":"))
