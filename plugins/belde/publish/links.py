"""Links to folders, made to work from disk.

A web server answers 'ilce/kagithane/' with its index.html; a browser reading files does not.
With BELDE_INDEX_LINKS, every relative link ending in '/' gets 'index.html' appended, in every
HTML file of the finished site. Absolute addresses, fragments and other schemes are left alone.
"""

import re
from pathlib import Path

# href="…/" or href="…/#anchor": a relative path (no scheme, not protocol-relative) ending in '/'.
_FOLDER_LINK = re.compile(r'(\shref=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|#)([^"#?]*/)(?=[#?"])')


def index_links(text: str) -> str:
    return _FOLDER_LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}index.html", text)


def add_index_html(output: Path) -> int:
    changed = 0
    for path in sorted(output.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        rewritten = index_links(text)
        if rewritten != text:
            path.write_text(rewritten, encoding="utf-8")
            changed += 1
    return changed
