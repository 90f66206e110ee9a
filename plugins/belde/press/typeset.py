"""Body typography, done once when an item is read so that Pelican's cache keeps the result.

typogrify's own caps filter skips words with Turkish capitals (İBB, İSKİ); its other
filters are used as they are and belde.turkish.tr_caps replaces caps.
"""

import html
import re

import smartypants
from typogrify.filters import amp, initial_quotes, widont

from ..turkish import tr_caps

_SMARTYPANTS = smartypants.Attr.set1 | smartypants.Attr.w
# Press copy often leaves a space inside an opening quote (`dedi ki, " İstanbul`), which
# smartypants would read as a closing quote.
_LOOSE_OPENING_QUOTE = re.compile(r'(?<=[\s(>])"[ \t]+(?=\w)')
# smartypants and widont write numeric entities (&#8217; is 7 bytes, ’ is 3); a page is UTF-8,
# so the characters themselves are written, once typogrify's filters have matched the entities.
_CHARACTERS = {"&#8216;": "‘", "&#8217;": "’", "&#8220;": "“", "&#8221;": "”", "&#8211;": "–",
               "&#8212;": "—", "&#8230;": "…", "&nbsp;": "\u00a0"}  # fmt: skip
_ENTITY = re.compile("|".join(map(re.escape, _CHARACTERS)))


def typeset_html(text: str) -> str:
    text = _LOOSE_OPENING_QUOTE.sub('"', text)
    typeset = widont(initial_quotes(tr_caps(smartypants.smartypants(amp(text), _SMARTYPANTS))))
    return _ENTITY.sub(lambda match: _CHARACTERS[match.group()], typeset)


def typeset_plain(text: str) -> str:
    """Curly quotes and dashes for a plain-text field (a title), which stays plain text."""
    return html.unescape(smartypants.smartypants(html.escape(text, quote=False), _SMARTYPANTS))
