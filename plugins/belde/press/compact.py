"""Items that keep their body as UTF-8 bytes, decoded only when a page prints it.

A Turkish body held as a Python string takes two bytes a letter (ı, ş and ğ lie beyond
Latin-1); as UTF-8 it takes little more than one. At archive scale the bodies are most
of a build's memory, and a rebuild prints few of them. The reader hands Pelican the body
as a string, as Pelican expects, and the same bytes it parsed as metadata 'utf8_body'.
"""

from pelican.contents import Article


class CompactArticle(Article):
    @property
    def _content(self):
        return self.utf8_body.decode()

    @_content.setter
    def _content(self, value):
        self.utf8_body = value.encode()

    def get_content(self, siteurl):
        """Not memoized, unlike Pelican's: a decoded copy lives as long as its page."""
        return self._update_content(self._content, siteurl)


def keep_body_compact(content):
    """content_object_init: from here on, the item holds its body as the reader's bytes only."""
    if type(content) is Article and isinstance(getattr(content, "utf8_body", None), bytes):
        del content.__dict__["_content"]
        content.__class__ = CompactArticle
