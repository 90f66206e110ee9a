"""Links to folders, made to work from disk.

A web server answers 'ilce/kagithane/' with its index.html; a browser reading files does not.
With BELDE_INDEX_LINKS, every relative link ending in '/' gets 'index.html' appended, in every
HTML file of the finished site. Absolute addresses, fragments and other schemes are left alone.
"""

import re
from pathlib import Path

from ..atomic import write_atomically

# href="…/" or href="…/#anchor": a relative path (no scheme, not protocol-relative) ending in '/'.
_FOLDER_LINK = re.compile(r'(\shref=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|#)([^"#?]*/)(?=[#?"])')


def index_links(text: str) -> str:
    return _FOLDER_LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}index.html", text)


def add_index_html(output: Path, names=None) -> int:
    """Rewrite the HTML files of output, or only those of `names` (paths inside output): a
    page the build left unchanged was rewritten by the build that wrote it."""
    paths = sorted(output.rglob("*.html")) if names is None else [output / n for n in sorted(names) if n.endswith(".html")]
    changed = 0
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:  # a page the build removed
            continue
        rewritten = index_links(text)
        if rewritten != text:
            write_atomically(path, rewritten)
            changed += 1
    return changed
