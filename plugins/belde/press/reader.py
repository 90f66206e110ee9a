"""A Markdown reader for press items: YAML front matter or Pelican's native header.

Both syntaxes yield one dict of raw values that schema.normalise() checks. Every
refusal is recorded in the ledger before Pelican sees the exception. Before a file is
read, it must lie inside the content folder (a link pointing elsewhere is refused) and
be at most BELDE_MAX_ITEM_BYTES long; raw HTML in the body follows BELDE_RAW_HTML
(see sanitize.py).
"""

import os
import re

import markdown
import yaml
from pelican.readers import BaseReader

from ..yamlfile import RefusedYAML, load_yaml
from . import plain_markdown, sanitize, schema, state
from .ledger import ItemRefused
from .typeset import typeset_html, typeset_plain

_YAML_FENCE = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_NATIVE_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]?(.*)$")


def split_front_matter(text: str, path: str) -> tuple[dict, str]:
    """Return (raw metadata, Markdown body)."""
    if text.startswith("---"):
        match = _YAML_FENCE.match(text)
        if not match:
            raise ItemRefused(path, "front matter opened with '---' is never closed; add a '---' line after it")
        try:
            raw = load_yaml(match.group(1))
        except RefusedYAML as error:
            where = f" at line {error.problem_mark.line + 2}" if error.problem_mark else ""
            raise ItemRefused(path, f"front matter refused{where}: {error.problem}") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark else ""  # lines of the file: '---' is line 1
            problem = getattr(error, "problem", None) or "cannot be parsed"
            raise ItemRefused(path, f"front matter is not valid YAML{where} ({problem}); check quotes and indentation") from None
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise ItemRefused(path, "front matter must be 'key: value' lines, not a single value or a list")
        return raw, text[match.end() :]
    return _native_header(text)


def _native_header(text: str) -> tuple[dict, str]:
    """Pelican's 'Key: value' lines up to the first blank line; indented lines continue a value."""
    raw, last = {}, None
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            return raw, "\n".join(lines[index + 1 :])
        match = _NATIVE_KEY.match(line)
        if match:
            last = match.group(1)
            raw[last] = match.group(2).strip()
        elif last and line[:1] in " \t":
            raw[last] += " " + line.strip()
        else:
            return raw, "\n".join(lines[index:])
    return raw, ""


DEFAULT_MAX_ITEM_BYTES = 5 * 1024 * 1024


def _size(count: int, style: str) -> str:
    if count >= 1048576:
        return f"{count / 1048576:{style}} MB"
    return f"{count / 1024:{style}} KB" if count >= 1024 else f"{count} bytes"


def check_file(source_path: str, path: str, settings) -> None:
    """Refuse a link that leads out of the content folder, and a file over the size limit."""
    content = os.path.realpath(settings["PATH"])
    target = os.path.realpath(source_path)
    if os.path.commonpath([content, target]) != content:
        folder = os.path.basename(content.rstrip(os.sep)) or content
        raise ItemRefused(path, f"the file is a link that points outside {folder}/ (to {target}); copy the item into {folder}/ instead")
    limit = settings.get("BELDE_MAX_ITEM_BYTES", DEFAULT_MAX_ITEM_BYTES)
    size = os.path.getsize(target)
    if limit and size > limit:
        raise ItemRefused(
            path,
            f"the file is {_size(size, '.1f')}, over the {_size(limit, 'g')} limit (BELDE_MAX_ITEM_BYTES); "
            "split the item or move attachments out of it",
        )


def decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise ItemRefused(path, "the file is empty; an item needs front matter with a title and a date")
    if b"\0" in data:
        raise ItemRefused(path, "the file is binary, not text; keep only Markdown items under content/")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ItemRefused(
            path,
            f"the file is not UTF-8 (byte {error.start}); re-save it as UTF-8 "
            "(Turkish files from older editors are often windows-1254)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _without_meta(settings: dict) -> dict:
    """Pelican adds Markdown's meta extension, which would take a body's first line such as
    'Kadıköy: yeni park' for a header and drop it; the front matter is already split off."""
    extensions = settings.get("extensions", ())
    if not any(str(e).endswith("meta") for e in extensions if isinstance(e, str)):
        return settings
    return {**settings, "extensions": [e for e in extensions if not (isinstance(e, str) and e in ("meta", "markdown.extensions.meta"))]}


_converters = {}


def _converter(settings, policy: str) -> tuple[markdown.Markdown, bool]:
    """One Markdown instance per process and configuration (building one costs more than a
    short item's conversion, and reset() makes it as good as new), and whether plain bodies
    may skip it (plain_markdown.py)."""
    key = (id(settings["MARKDOWN"]), policy)
    if key not in _converters:
        options = sanitize.markdown_settings(_without_meta(settings["MARKDOWN"]), policy)
        _converters[key] = markdown.Markdown(**options), plain_markdown.applies(options)
    return _converters[key]


def body_html(body: str, settings, policy: str) -> str:
    """An item's body as HTML, as Markdown writes it."""
    converter, plain_applies = _converter(settings, policy)
    html = plain_markdown.plain_html(body) if plain_applies else None
    return converter.reset().convert(body) if html is None else html


def parse_item(source_path: str, settings) -> tuple[dict, bytes, str | None, str]:
    """What an item's file says, registry aside: (raw front matter, body HTML as UTF-8,
    summary HTML, typeset title), with typography done here because it is the slow part of
    reading. The body is kept as bytes, half the memory of a Turkish string (compact.py).

    Depends only on the file and the settings, so its result can be cached between builds
    and computed in worker processes (readahead.py). Raises ItemRefused.
    """
    path = state.display_path(source_path, settings)
    check_file(source_path, path, settings)
    with open(source_path, "rb") as handle:
        text = decode(handle.read(), path)
    raw, body = split_front_matter(text, path)
    policy = sanitize.policy(settings)
    content = typeset_html(sanitize.clean(body_html(body, settings, policy), policy))
    summary = raw.get("summary") if isinstance(raw, dict) else None
    summary_html = schema.inline_html(summary.strip()) if isinstance(summary, str) and summary.strip() else None
    try:
        title = typeset_plain(schema.text_field(schema.fields_of(raw), "title", path))
    except ItemRefused:
        title = ""  # normalise() refuses the item with the same words
    return raw, content.encode(), summary_html, title


class PressItemReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        path = state.display_path(source_path, self.settings)
        try:
            raw, body, summary_html, title = state.parsed_item(source_path, self.settings) or parse_item(source_path, self.settings)
            registry = state.registry(self.settings)
            metadata = schema.normalise(
                raw, path, registry, self.settings, warn=lambda m: state.ledger().warn(path, m), summary_html=summary_html
            )
        except ItemRefused as refusal:
            state.ledger().refuse(path, refusal.reason)
            state.log_refusal(path, refusal.reason)
            raise
        metadata["title"] = title  # normalise() accepted it, so the parse typeset it
        metadata["utf8_body"] = body  # kept by the item instead of the string (compact.py)
        return body.decode(), metadata


ITEM_SUFFIXES = tuple(f".{extension}" for extension in PressItemReader.file_extensions)  # item files
