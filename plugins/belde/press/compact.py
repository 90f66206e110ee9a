"""Items that keep their body as UTF-8 bytes, decoded only when a page prints it.

A Turkish body held as a Python string takes two bytes a letter (ı, ş and ğ lie beyond
Latin-1); as UTF-8 it takes little more than one. At archive scale the bodies are most
of a build's memory, and a rebuild prints few of them. The reader hands Pelican the body
as a string, as Pelican expects, and the same bytes it parsed as metadata 'utf8_body'.
"""

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

# Pelican's intrasite links ({filename}x, |static|x) sit right after an attribute's opening quote.
_LINK_STARTS = (b'"{', b"'{", b'"|', b"'|")


class CompactArticle(Article):
    @property
    def _content(self):
        return self.utf8_body.decode()

    @_content.setter
    def _content(self, value):
        self.utf8_body = value.encode()
        self.__dict__.pop("_prints_as_read", None)

    @property
    def prints_as_read(self) -> bool:
        """True when the body has no intrasite link for Pelican to resolve: its page prints
        the reader's bytes as they are, and neither regex nor decoding is needed to know it."""
        if "_prints_as_read" not in self.__dict__:
            default = self.settings.get("INTRASITE_LINK_REGEX") == DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
            body = self.utf8_body  # most bodies have neither '{' nor '|': two byte scans tell
            linked = (b"{" in body or b"|" in body) and any(start in body for start in _LINK_STARTS)
            self._prints_as_read = default and not linked
        return self._prints_as_read

    def get_content(self, siteurl):
        """Not memoized, unlike Pelican's: a decoded copy lives as long as its page."""
        if self.prints_as_read:
            return self._content
        return self._update_content(self._content, siteurl)

    def get_relative_source_path(self, source_path=None):
        """The item's own path relative to PATH, as Pelican made it (it is asked for again for
        every item at every build; a kept item is kept only under the same settings)."""
        if not source_path and "relative_source_path" in self.__dict__:
            return self.relative_source_path
        return super().get_relative_source_path(source_path)

    def get_static_links(self) -> set:
        return set() if self.prints_as_read else super().get_static_links()


def keep_body_compact(content):
    """content_object_init: from here on, the item holds its body as the reader's bytes only."""
    if type(content) is Article and isinstance(getattr(content, "utf8_body", None), bytes):
        del content.__dict__["_content"]
        content.__class__ = CompactArticle
