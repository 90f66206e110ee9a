"""Raw HTML in an item's Markdown body, under one explicit policy (setting BELDE_RAW_HTML).

- "sanitize" (the default): the HTML Markdown produced is cleaned with nh3. Formatting
  tags, lists, tables, quotes, code, links and images stay; script, style and iframe
  elements go with their content; event handlers (onclick=…), style attributes other
  than table-cell alignment, and every URL that is not http(s), mailto or relative
  (javascript:, data:, vbscript:) are removed.
- "escape": HTML typed in the body is shown as text (`<b>` appears as <b>); Markdown
  formatting still works, and its links and images are held to the same URL rule.
- "allow": the HTML is published as written. Only for content whose authors are trusted.

The reader calls markdown_settings() before converting a body and clean() right after.
"""

import copy

import nh3
from markdown.extensions import Extension

POLICIES = ("sanitize", "escape", "allow")
DEFAULT_POLICY = "sanitize"

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s",
    "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q", "blockquote", "code",
    "pre", "kbd", "samp", "var", "span", "div", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
    "figure", "figcaption", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
    "tr", "th", "td", "time", "details", "summary",
}  # fmt: skip
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},  # footnotes, abbreviations and heading anchors use them
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"style", "colspan", "rowspan", "align", "scope"},
    "td": {"style", "colspan", "rowspan", "align"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto"}  # relative URLs are kept as well


def policy(settings) -> str:
    value = str(settings.get("BELDE_RAW_HTML", DEFAULT_POLICY) or DEFAULT_POLICY).strip().lower()
    if value not in POLICIES:
        raise ValueError(f"BELDE_RAW_HTML is {value!r}; set it to one of {', '.join(POLICIES)}")
    return value


class EscapeRawHtml(Extension):
    """Markdown without raw HTML: blocks and inline tags are left as text, which Markdown escapes."""

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)


def markdown_settings(settings: dict, chosen: str) -> dict:
    """The MARKDOWN settings for a policy: "escape" adds EscapeRawHtml after every other extension."""
    if chosen != "escape":
        return settings
    result = copy.copy(settings)
    extensions = list(settings.get("extensions", ()))
    extensions += [name for name in settings.get("extension_configs", {}) if name not in extensions]
    result["extensions"] = [*extensions, EscapeRawHtml()]
    return result


def clean(html: str, chosen: str) -> str:
    """The body's HTML after Markdown, under the policy. Under "escape" only Markdown's own
    tags are left, and cleaning them removes nothing but unsafe link and image URLs."""
    if chosen == "allow":
        return html
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )
