"""Sorting in the order of the Turkish alphabet."""

from .casing import tr_lower

ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
_FOLD = str.maketrans({"â": "a", "î": "i", "û": "u"})
# Letters outside the alphabet (q, w, x, digits, punctuation) sort after it, by code point.
_OUTSIDE = len(ALPHABET)


def tr_sort_key(text: str) -> tuple:
    """A total, stable key: Turkish letter order first, then the exact text as tie-break.

    Case is ignored at the first level (Çatalca sorts with çatalca), so that the
    order is alphabetical rather than capitals-first.
    """
    primary = tuple(
        (_RANK[ch], 0) if ch in _RANK else (_OUTSIDE, ord(ch))
        for ch in tr_lower(text).translate(_FOLD)
    )
    return primary, text
