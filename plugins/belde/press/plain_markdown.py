"""Markdown's HTML for the bodies it has nothing to do for, without running Markdown.

Most press items are paragraphs of prose and a few headings. Python-Markdown spends some
2 ms an item on them (two fifths of parsing one), running its block and inline patterns over
text that none of them matches, only to write each block as '<p>text</p>' or '<h2>text</h2>'.
plain_html() writes those bodies itself, and returns None for any other: a body with a
character that opens any construct of Markdown or of `extra` (or that its serializer
escapes), a line that could start a block (indentation, a list, a setext rule, a definition,
a heading inside a paragraph), or a line ending in whitespace (a hard break). Such a body
goes through Markdown as before. The property test in tests/test_properties.py compares the
two over bodies made of exactly those cases.

The shortcut holds for Markdown as Belde configures it: for bodies, `extra` without options
(applies() turns it off for any other MARKDOWN setting, since another extension may act on
plain text: nl2br, smarty, toc), and for summaries, no extension at all (schema.inline_html).
"""

import re

from .sanitize import EscapeRawHtml

# Characters that open a construct of Markdown or `extra` (escapes, code, emphasis, links,
# footnotes and abbreviations, raw HTML and autolinks, entities, tables, attribute lists,
# fences), that its serializer escapes (& < >), or C0 controls but the line feed (tabs, and
# the \x02 \x03 of Markdown's placeholders).
_SPECIAL = re.compile(r"[\\`*_\[\]<>&|{}~\x00-\x09\x0b-\x1f\x7f]")
_LINE_STARTS = "-+=:#"  # a list, a setext rule, a definition, a heading (a quote's > is special)
_ORDERED = re.compile(r"\d+\.")  # an ordered list's item
_HEADING = re.compile(r"(#{1,6}) ([^#\n]*)")

VETTED_EXTENSIONS = {"markdown.extensions.extra", "extra"}
MARKDOWN_OPTIONS = {"extensions", "extension_configs", "output_format", "tab_length"}


def applies(markdown_settings: dict) -> bool:
    """Whether plain_html() gives what Markdown with these settings gives (its keyword
    arguments, as reader.py builds its converter): `extra` and Belde's EscapeRawHtml at most,
    without options; the output format and tab length do not change a paragraph."""
    if not set(markdown_settings) <= MARKDOWN_OPTIONS:
        return False
    for extension in markdown_settings.get("extensions", ()):
        if not (extension in VETTED_EXTENSIONS if isinstance(extension, str) else isinstance(extension, EscapeRawHtml)):
            return False
    configs = markdown_settings.get("extension_configs") or {}
    return all(name in VETTED_EXTENSIONS and not options for name, options in configs.items())


def plain_html(text: str) -> str | None:
    """Markdown's HTML for a body of plain paragraphs and '#' headings, or None for any
    other body. Blocks are cut as Markdown cuts them, at blank lines."""
    if _SPECIAL.search(text):
        return None
    parts = []
    for block in (text + "\n\n").split("\n\n"):
        block = block.lstrip("\n")
        if not block:
            continue
        if block[0] == "#":
            heading = _HEADING.fullmatch(block)
            if heading is None:
                return None
            level = len(heading.group(1))
            parts.append(f"<h{level}>{heading.group(2).strip()}</h{level}>")
            continue
        for line in block.split("\n"):  # never empty: a blank line ends the block
            first = line[0]
            if first in _LINE_STARTS or first.isspace() or line[-1].isspace() or first.isdigit() and _ORDERED.match(line):
                return None
        parts.append(f"<p>{block}</p>")
    return "\n".join(parts)
