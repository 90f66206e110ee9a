"""Text out of the three kinds of input: plain text, a saved HTML page, an Atom/RSS feed.

Each yields Source records; a feed yields one per entry.
"""

import re
from dataclasses import dataclass

from . import ImportRefused

_FEED = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)
_HTML = re.compile(r"<(!doctype html|html|body|article|p|div)\b", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Source:
    """One press release as text, plus what its container said about it."""

    text: str
    origin: str  # the file, or file#n for the n-th entry of a feed
    kind: str  # 'text', 'html' or 'feed'
    title: str = ""
    date: str = ""  # ISO day from metadata, or ''
    link: str = ""


def sniff(path: str, text: str) -> str:
    head = text[:2048].lstrip()
    lower = path.lower()
    if lower.endswith((".rss", ".atom", ".xml")) or (head.startswith("<?xml") and _FEED.search(text[:4096])):
        return "feed"
    if _FEED.match(head):
        return "feed"
    if lower.endswith((".html", ".htm")) or (head.startswith("<") and _HTML.search(text[:4096])):
        return "html"
    return "text"


def extract(path: str, text: str) -> list[Source]:
    kind = sniff(path, text)
    if kind == "feed":
        return _feed(path, text)
    if kind == "html":
        return [_html(path, text)]
    return [Source(text=text, origin=path, kind="text")]


def _html(path: str, text: str) -> Source:
    import trafilatura

    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_formatting=True,
        output_format="python",
        favor_precision=True,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or len(body.split()) < 15:
        raise ImportRefused(path, "the HTML page has no article body; save the article's own page, or paste its text into a .txt file")
    title = (getattr(document, "title", "") or "").strip()
    date = (getattr(document, "date", "") or "").strip()
    return Source(text=_markdown_to_blocks(body), origin=path, kind="html", title=title, date=date[:10])


def _markdown_to_blocks(text: str) -> str:
    """trafilatura's formatted text: headings as '# ', paragraphs on their own lines."""
    blocks = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        line = heading.group(1) if heading else line
        line = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), line)
        line = re.sub(r"(?<!\w)\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", line)
        blocks.append(line)
    return "\n\n".join(blocks)


def html_fragment_text(fragment: str) -> str:
    """An HTML fragment (a feed entry's content) as blank-line-separated blocks."""
    from lxml import html as lxml_html

    fragment = fragment.strip()
    if not fragment:
        return ""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup
        return re.sub(r"<[^>]+>", " ", fragment)
    for br in root.iter("br"):
        br.tail = "\n\n" + (br.tail or "")
    blocks = []

    def walk(element):
        children = [child for child in element if isinstance(child.tag, str)]
        if element.tag in _BLOCKS and not any(child.tag in _BLOCKS for child in children):
            text = " ".join(element.text_content().split(" "))
            for part in text.split("\n\n"):
                if part.strip():
                    blocks.append(" ".join(part.split()))
            return
        if element.text and element.text.strip() and element is not root:
            blocks.append(" ".join(element.text.split()))
        for child in children:
            walk(child)
            if child.tail and child.tail.strip():
                blocks.append(" ".join(child.tail.split()))

    if root.text and root.text.strip():
        blocks.append(" ".join(root.text.split()))
    walk(root)
    return "\n\n".join(blocks)


def _feed(path: str, text: str) -> list[Source]:
    import feedparser

    parsed = feedparser.parse(text)
    entries = parsed.get("entries") or []
    if not entries:
        problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or str(parsed.get("bozo_exception") or "no entries")
        raise ImportRefused(path, f"the feed does not parse ({problem.splitlines()[0] if problem else 'no entries'}); check that it is a complete Atom or RSS file")
    sources = []
    for number, entry in enumerate(entries, start=1):
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry["content"]), key=len)
        if len(content) < len(entry.get("summary", "")):
            content = entry.get("summary", "")
        body = html_fragment_text(content)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else ""
        title = " ".join(html_fragment_text(entry.get("title", "")).split())
        sources.append(
            Source(text=body, origin=f"{path}#{number}", kind="feed", title=title, date=date, link=entry.get("link", ""))
        )
    return sources
