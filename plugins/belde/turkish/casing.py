"""Turkish casing: the dotted and dotless i are two letters, not one."""

import unicodedata

_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_UPPER = str.maketrans({"i": "İ", "ı": "I"})
# Circumflexes mark vowel length only (Kâğıthane = Kağıthane); folding drops them.
_FOLD = str.maketrans({"â": "a", "î": "i", "û": "u"})
# Press text often writes Turkish letters as their ASCII look-alikes.
_ASCII = str.maketrans({"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u"})


def tr_lower(text: str) -> str:
    """Lower-case with Turkish rules: I → ı, İ → i."""
    return unicodedata.normalize("NFC", text).translate(_LOWER).lower()


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules: i → İ, ı → I."""
    return unicodedata.normalize("NFC", text).translate(_UPPER).upper()


def tr_capitalize(word: str) -> str:
    """First letter upper, rest lower, Turkish rules (ızmir → Izmir, istanbul → İstanbul)."""
    return tr_upper(word[:1]) + tr_lower(word[1:]) if word else word


def tr_title(text: str) -> str:
    """Title-case each space-separated word with Turkish rules."""
    return " ".join(tr_capitalize(w) for w in text.split(" "))


def tr_casefold(text: str, ascii_fold: bool = False) -> str:
    """A comparison key: Turkish lower case, circumflexes dropped, spacing collapsed.

    With ascii_fold, Turkish letters also fold to ASCII, so that 'Kagithane',
    'KAĞITHANE' and 'Kâğıthane' compare equal. Capital I is read as ı under Turkish
    rules but 'IMAMOGLU' in ASCII text means İ, which ascii_fold makes moot.
    """
    folded = tr_lower(text).translate(_FOLD)
    # A dotted capital decomposes to i + combining dot above in some inputs.
    folded = folded.replace("i\u0307", "i")
    if ascii_fold:
        folded = folded.translate(_ASCII)
    return " ".join(folded.split())
