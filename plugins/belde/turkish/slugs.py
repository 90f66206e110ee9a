"""URL slugs: ASCII, lower case, hyphenated, with Turkish letters transliterated."""

import re
import unicodedata
from functools import lru_cache

from .casing import tr_lower

_ASCII = str.maketrans(
    {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u"}
)


@lru_cache(maxsize=1 << 16)  # the same district, person and topic names come back with every item
def tr_slugify(text: str) -> str:
    """Kağıthane → kagithane, İmamoğlu → imamoglu, IĞDIR → igdir.

    Lower-casing comes first, with Turkish rules, so that I becomes ı and then i;
    anything still outside [a-z0-9] after decomposition becomes a hyphen.
    """
    text = tr_lower(text).translate(_ASCII)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
