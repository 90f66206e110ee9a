"""One schema for every item, whichever front-matter syntax it was written in.

normalise() turns the raw key/value pairs of an item into the metadata Pelican
expects (a datetime, term objects, HTML summary), or raises ItemRefused with one
line that names the file, the field and the fix.
"""

import datetime as dt
import difflib
import html
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

import markdown

from ..period import parse_period
from ..registry.model import name_key
from ..turkish import tr_slugify, tr_upper
from . import state
from .ledger import ItemRefused
from .plain_markdown import plain_html
from .sanitize import clean
from .terms import District, Official, Tag
from .typeset import typeset_html

TIMEZONE = ZoneInfo("Europe/Istanbul")
AGENCIES = ("ANKA", "DHA", "İHA", "AA")
STATUSES = ("published", "draft")
FIELDS = (
    "title", "date", "district", "officials", "tags", "summary", "source", "dateline",
    "slug", "status", "image", "caption", "mentions", "bodies", "fingerprint", "modified",
)  # fmt: skip
TEXT_FIELDS = ("title", "summary", "source", "dateline", "slug", "status", "image", "caption")


def _as_list(value, field: str, path: str) -> list:
    """A YAML list, or a comma-separated string as Pelican's own headers write lists."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ItemRefused(path, f"'{field}' must be a name or a list of names, not {type(value).__name__}")


def fields_of(raw: dict) -> dict:
    """Front matter with its keys as the schema names them: trimmed, lower case ('Title:' too)."""
    return {str(key).strip().lower(): value for key, value in raw.items()}


def text_field(raw: dict, field: str, path: str) -> str:
    value = raw.get(field)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        raise ItemRefused(path, f"'{field}' must be text, not a {type(value).__name__}; write one line")
    return str(value).strip()


def _did_you_mean(word: str, choices) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"; did you mean '{match[0]}'?" if match else ""


def _terms(raw: dict, field: str, path: str, kind: str, find, suggest, make, fallback: str) -> list:
    """The registry entities a field names, as terms, once each; an unknown name is refused."""
    terms = []
    for name in _as_list(raw.get(field), field, path):
        entity = find(name)
        if entity is None:
            hint = suggest(name)
            fix = f"did you mean '{hint}'?" if hint else fallback
            raise ItemRefused(path, f"unknown {kind} '{name}' in field '{field}'; {fix}")
        term = make(entity)
        if term not in terms:
            terms.append(term)
    return terms


def _districts(raw: dict, path: str, registry, settings, field: str = "district") -> list:
    def find(name):
        body = registry.find_body(name)
        return body if body is not None and body.kind != "other" else None

    return _terms(
        raw, field, path, "district", find, registry.suggest_body,
        lambda body: state.term(District, body.name, settings, slug=body.id), "use one of the 39 districts or İstanbul",
    )  # fmt: skip


def _people(raw: dict, field: str, path: str, registry, settings) -> list:
    return _terms(
        raw, field, path, "person", registry.find_person, registry.suggest_person,
        lambda person: state.term(Official, person.name, settings, slug=person.slug), "add the person to content/registry/people.yaml",
    )  # fmt: skip


def _source(raw: dict, path: str, registry) -> str:
    source = text_field(raw, "source", path)
    if not source:
        return ""
    for agency in AGENCIES:
        if name_key(source, ascii_fold=True) == name_key(agency, ascii_fold=True):
            return agency
    body = registry.find_body(source)
    if body is not None:
        return body.name
    raise ItemRefused(
        path,
        f"unknown source '{source}' in field 'source'; write one of {', '.join(AGENCIES)} "
        "or a municipality's name",
    )


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def _image(raw: dict, path: str) -> str:
    """An image is an http(s) URL or a path on the site; javascript:, data: and the like are refused."""
    image = text_field(raw, "image", path)
    # Browsers ignore tabs, line breaks and control characters inside a scheme ("java\tscript:").
    scheme = _SCHEME.match(_INVISIBLE.sub("", image))
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise ItemRefused(
            path,
            f"field 'image' uses '{scheme.group(1).lower()}:'; write an http(s) address or a path "
            "on the site such as /images/x.jpg",
        )
    if any(char in image for char in '<>"\'\\') or _INVISIBLE.search(image.replace(" ", "")):
        raise ItemRefused(path, "field 'image' contains characters no address has; write the plain address")
    return image


@lru_cache(maxsize=1)
def _summary_markdown() -> markdown.Markdown:
    """One converter per process: building one costs more than converting a summary."""
    return markdown.Markdown()


def inline_html(text: str) -> str:
    """A summary is one paragraph of Markdown; escape any HTML an editor typed in it, and
    drop link and image addresses that are not http(s), mailto or relative (javascript:)."""
    escaped = html.escape(text, quote=False)
    paragraph = plain_html(escaped)  # Markdown's own HTML for plain text (plain_markdown.py)
    if paragraph is None:
        paragraph = _summary_markdown().reset().convert(escaped)
    rendered = typeset_html(clean(paragraph, "sanitize"))
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return rendered


def normalise(raw: dict, path: str, registry, settings, warn, summary_html: str | None = None) -> dict:
    """Validate raw front matter and return Pelican metadata. warn(message) reports doubts.

    summary_html is the summary already rendered by inline_html(), when the caller has it.
    """
    raw = fields_of(raw)
    for key in raw:
        if key not in FIELDS:
            warn(f"unknown field '{key}' is ignored{_did_you_mean(key, FIELDS)}")
    title = text_field(raw, "title", path)
    if not title:
        raise ItemRefused(path, "field 'title' is missing; add a line 'title: ...' to the front matter")
    if "date" not in raw or raw["date"] in (None, ""):
        raise ItemRefused(path, "field 'date' is missing; add 'date: 2024-04-22' (or 2024-04, or 2024-04/2024-06)")
    try:
        period = parse_period(raw["date"])
    except ValueError as error:
        raise ItemRefused(path, f"field 'date': {error}") from None

    status = text_field(raw, "status", path).lower() or "published"
    if status not in STATUSES:
        raise ItemRefused(path, f"field 'status' is '{status}'{_did_you_mean(status, STATUSES) or '; write published or draft'}")

    districts = _districts(raw, path, registry, settings)
    officials = _people(raw, "officials", path, registry, settings)
    mentions = _as_list(raw.get("mentions"), "mentions", path)
    tags = [state.term(Tag, name, settings) for name in dict.fromkeys(_as_list(raw.get("tags"), "tags", path))]

    slug = text_field(raw, "slug", path)
    if slug and slug != tr_slugify(slug):
        raise ItemRefused(path, f"field 'slug' '{slug}' is not URL-safe; write '{tr_slugify(slug)}'")

    moment = period.time or dt.time(0, 0)
    metadata = {
        "title": title,
        "date": dt.datetime.combine(period.start, moment, tzinfo=TIMEZONE),
        "period": period,
        "status": status,
        "districts": districts,
        "bodies": [b for b in _districts(raw, path, registry, settings, "bodies") if b not in districts],
        "officials": officials,
        "tags": tags,
        "mentions": mentions,
        "source": _source(raw, path, registry),
        "dateline": tr_upper(text_field(raw, "dateline", path)),
        "slug": slug or tr_slugify(title),
        "image": _image(raw, path),
        "caption": text_field(raw, "caption", path),
    }
    if raw.get("summary"):
        metadata["summary"] = summary_html or inline_html(text_field(raw, "summary", path))
    for person in officials:
        record = registry.find_person(person.name)
        if not record.roles_during(period.start, period.end):
            warn(
                f"{person.name} held no office in the registry on {period.words()}; "
                "check the item's date and the name"
            )
    return metadata
