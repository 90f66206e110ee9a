"""Taxonomy terms as Pelican URLWrappers: each reads <CLASS>_URL and <CLASS>_SAVE_AS."""

from pelican.urlwrappers import URLWrapper

from ..turkish import tr_slugify, tr_sort_key


class _TurkishTerm(URLWrapper):
    """Slugs with Turkish transliteration; ordering by the Turkish alphabet."""

    def __init__(self, name, settings, slug=None):
        super().__init__(name, settings)
        self.term_slug = slug  # as given: with the name, what state.term() knows the term by
        self.slug = slug or tr_slugify(name)

    # A term's address never changes once made; Pelican would format it anew at every use.
    @property
    def url(self):
        if "_url" not in self.__dict__:
            self._url = self._from_settings("URL")
        return self._url

    @property
    def save_as(self):
        if "_save_as" not in self.__dict__:
            self._save_as = self._from_settings("SAVE_AS")
        return self._save_as

    def __lt__(self, other):
        return tr_sort_key(self.name) < tr_sort_key(other.name)

    def __eq__(self, other):
        return self is other or isinstance(other, URLWrapper) and type(self) is type(other) and self.slug == other.slug

    def __hash__(self):
        # Terms are keys of every index the archive builds: hashed once, not at each lookup.
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = self._hash = hash((type(self).__name__, self.slug))
        return cached


class District(_TurkishTerm):
    """A district municipality, or İBB for city-wide items (DISTRICT_URL, DISTRICT_SAVE_AS)."""


class Official(_TurkishTerm):
    """A person in the registry (OFFICIAL_URL, OFFICIAL_SAVE_AS)."""


class Tag(_TurkishTerm):
    """A topic; named Tag so that Pelican's TAG_URL, TAG_SAVE_AS and tag pages apply."""
