"""Turkish text helpers: pure functions, no Pelican import.

Python's str.lower()/upper() follow the default Unicode rules, which are wrong for
Turkish (I → i instead of ı, i → I instead of İ); everything here is locale-exact.
"""

from .casing import tr_capitalize, tr_casefold, tr_lower, tr_title, tr_upper
from .collation import tr_sort_key
from .dates import format_day, format_month, format_period
from .slugs import tr_slugify
from .typography import tr_caps

__all__ = [
    "format_day",
    "format_month",
    "format_period",
    "tr_capitalize",
    "tr_casefold",
    "tr_caps",
    "tr_lower",
    "tr_slugify",
    "tr_sort_key",
    "tr_title",
    "tr_upper",
]
