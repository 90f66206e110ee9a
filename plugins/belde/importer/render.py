"""An item as Markdown with YAML front matter; typography normalised, words unchanged."""

import hashlib
import re

import yaml

from ..turkish import tr_slugify

_LETTER = "A-Za-zÇĞİÖŞÜçğıöşüÂÎÛâîû"
FINGERPRINT_KEY = "fingerprint"


def typography(text: str) -> str:
    """Straight quotes to “ ” ‘ ’, apostrophes to ’, spaced hyphens to en dashes."""
    text = " ".join(text.split())
    # An apostrophe between letters, or separated from its word by a stray space: İstanbul ’un.
    text = re.sub(rf"(?<=[{_LETTER}])['’‘`´](?=[a-zçğıöşüâîû])", "’", text)
    text = re.sub(rf"(?<=[{_LETTER}]) ['’‘](?=(?:[nyds][aeıiuüoö]\w{{0,6}}|[aeıiuüoö]n?\w{{0,6}})\b)", "’", text)
    text = re.sub(r"(?<=\d)'(?=[a-zçğıöşü])", "’", text)
    text = _double_quotes(text)
    text = re.sub(r"(^|[\s(\[“—–-])'", "\\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r"\s+-{1,2}\s+", " – ", text)
    text = re.sub(r"\s+—\s+", " – ", text)
    text = text.replace("...", "…")
    return text


def _double_quotes(text: str) -> str:
    out, open_ = [], False
    for index, ch in enumerate(text):
        if ch != '"':
            if ch in "“":
                open_ = True
            elif ch in "”":
                open_ = False
            out.append(ch)
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if before.isspace() and not after.isspace() or before in "([{—–-‘'":
            opening = True
        elif not before.isspace() and (after.isspace() or after in ".,;:!?)’'"):
            opening = False
        else:
            opening = not open_
        out.append("“" if opening else "”")
        open_ = opening
    result = "".join(out)
    result = re.sub(r"“\s+", "“", result)
    return re.sub(r"\s+”", "”", result)


def body_fingerprint(paragraphs: list) -> str:
    """A hash of the body's words, blind to typography and spacing."""
    words = re.findall(r"\w+", " ".join(text for _, text in paragraphs).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:16]


def markdown_body(blocks: list) -> str:
    parts = []
    for kind, text in blocks:
        text = typography(text)
        parts.append(f"## {text}" if kind == "h" else text)
    return "\n\n".join(parts) + "\n"


def render_item(meta: dict, blocks: list) -> str:
    """meta in schema order; empty optional lists are left out."""
    clean = {}
    for field, value in meta.items():
        if value in (None, "", []) and field not in ("title", "date"):
            continue
        clean[field] = value
    front = yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return f"---\n{front}---\n\n{markdown_body(blocks)}"


def item_slug(title: str, limit: int = 70) -> str:
    slug = tr_slugify(re.sub(r"['’‘`´]", "", title))
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0]
