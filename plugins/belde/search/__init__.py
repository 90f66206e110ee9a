"""Site search: Pagefind indexes the built site; Turkish words are also indexed folded to ASCII."""

from .search import DEFAULTS, register, search_fold

__all__ = ["DEFAULTS", "register", "search_fold"]
