"""Acronym typography that knows Turkish capitals.

typogrify's caps filter matches [A-Z] only, so it wraps AKP but skips İBB and İSKİ.
This filter wraps words of two or more capitals from the Turkish alphabet, outside
tags and outside code, pre, script and style elements.
"""

import re

_CAPS = "A-ZÇĞİÖŞÜÂÎÛ"
# A run of capitalised words (a heading set in capitals) is one span, not one per word.
_WORD = re.compile(rf"(?<![\w&])([{_CAPS}][{_CAPS}0-9]+(?: [{_CAPS}][{_CAPS}0-9]+)*)(?![\w])")
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = re.compile(r"<(/?)(code|pre|script|style|kbd|abbr)\b", re.IGNORECASE)


def tr_caps(html: str) -> str:
    """Wrap acronyms in <span class="caps"> so a stylesheet can set them in small caps."""
    out = []
    depth = 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            match = _SKIP.match(part)
            if match:
                depth = max(depth - 1, 0) if match.group(1) else depth + 1
            out.append(part)
        elif depth:
            out.append(part)
        else:
            out.append(_WORD.sub(r'<span class="caps">\1</span>', part))
    return "".join(out)
