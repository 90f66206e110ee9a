"""Bytes to text: UTF-8 first, then the legacy Turkish code pages.

windows-1254 and ISO-8859-9 agree on every Turkish letter; they differ only in
0x80–0x9F, where windows-1254 has curly quotes and dashes and ISO-8859-9 has
control codes. A file that uses those bytes is windows-1254, any other is read
as ISO-8859-9 (the same text).
"""

import codecs
import unicodedata

from . import ImportRefused

# Bytes windows-1254 leaves undefined: a file using them is not windows-1254.
_CP1254_UNDEFINED = {0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E}
_TURKISH = set("çğıöşüÇĞİÖŞÜ")
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f"}


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\0" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(2, len(head) // 100)


def _legacy(data: bytes) -> tuple[str, str]:
    high = {byte for byte in data if 0x80 <= byte <= 0x9F}
    if high and not high & _CP1254_UNDEFINED:
        return data.decode("cp1254"), "windows-1254"
    if not high:
        return data.decode("iso8859_9"), "ISO-8859-9"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnicodeDecodeError("unknown", data, 0, 1, "no encoding fits")
    return str(best), best.encoding


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name); refuse empty and binary input."""
    if not data.strip():
        raise ImportRefused(path, "the file is empty; give a press release as text, HTML or a feed")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _clean(data.decode(name)), name
            except UnicodeDecodeError:
                break
    if _looks_binary(data):
        raise ImportRefused(path, "the file is binary, not text; give a press release as text, HTML or a feed")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = _legacy(data)
        except UnicodeDecodeError:
            raise ImportRefused(path, "the file's encoding is unknown; re-save it as UTF-8") from None
    text = _clean(text)
    if not text.strip():
        raise ImportRefused(path, "the file has no text; give a press release as text, HTML or a feed")
    return text, encoding


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return text
