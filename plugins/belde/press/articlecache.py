"""Items as Pelican's article generator made them, kept from one build to the next.

An unchanged item still costs Pelican's article loop: checking it against the registry,
making an Article and sending its signals, a third of a millisecond an item and seconds
at archive scale. The published items are kept under CACHE_PATH, a file per folder of items,
and handed back through Pelican's own content cache (the generator's get_cached_data) when their file is
unchanged and so is everything else they were made from: Belde's code, the theme and the
settings (fingerprint.code_digest), the registry's files and Pelican's version. Warnings an
item raised are kept with it and reported again. As with Pelican's content cache, other
plugins' content_object_init receivers do not run again for a kept item.

The build's settings, its shared context and its terms are not stored: they are looked up
when the file is loaded, so that the items belong to the build that loads them.
"""

import functools
import hashlib
import os
import pickle
from pathlib import Path

import pelican
from pelican.urlwrappers import Category

from . import state
from .background import write_pickles
from .fingerprint import code_digest, digest_item
from .terms import _TurkishTerm

CACHE_FOLDER = "belde-articles-{}"  # one per content folder, holding a file per folder of items
_build = {}  # this build's key, the stamps its files had when read, and the items kept from each file


def _cache_folder(settings) -> Path:
    return state.content_cache(settings, CACHE_FOLDER)


def _file_for(path: str) -> str:
    """Items are kept by folder (a month, as press offices file them): a new or edited item
    rewrites its folder's file only."""
    return _file_for_folder(os.path.dirname(path))


@functools.lru_cache(maxsize=4096)
def _file_for_folder(folder: str) -> str:
    return hashlib.blake2b(folder.encode(), digest_size=8).hexdigest() + ".pickle"


def _key(settings) -> str:
    hasher = hashlib.blake2b(code_digest(settings).encode(), digest_size=16)
    hasher.update(pelican.__version__.encode())
    folder = state.registry_folder(settings)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


class _Pickler(pickle.Pickler):
    def __init__(self, handle, protocol, settings=None, context=None):
        super().__init__(handle, protocol=protocol)
        self._settings, self._context = settings, context

    def persistent_id(self, obj):
        if obj is self._settings:
            return "settings"
        if obj is self._context:
            return "context"
        return None

    def reducer_override(self, obj):
        """Terms and categories by name, once per file: pickle remembers what a reduction made,
        where a persistent id would be looked up again at each of the thousands of mentions."""
        if isinstance(obj, _TurkishTerm):
            return _build_term, (type(obj), obj.name, obj.term_slug)
        if type(obj) is Category:  # Pelican's, from each item's folder: one per folder, not per item
            return _build_category, (obj.name,)
        return NotImplemented


_loading = {}  # the settings and categories of the build loading kept items


def _build_term(kind, name, slug):
    return state.term(kind, name, _loading["settings"], slug=slug)


def _build_category(name):
    found = _loading["categories"].get(name)
    if found is None:
        found = _loading["categories"][name] = Category(name, _loading["settings"])
    return found


class _Unpickler(pickle.Unpickler):
    def __init__(self, handle, settings, context):
        super().__init__(handle)
        self._settings, self._context = settings, context

    def persistent_load(self, pid):
        return self._settings if pid == "settings" else self._context


def install(generator, names: list, stamps: dict) -> set | None:
    """article_generator_init (from readahead): put the kept items whose files are unchanged
    (stamps: absolute path -> stamp as read now) into Pelican's content cache, and return
    their paths; None when no kept item could be used."""
    settings = generator.settings
    _build.clear()
    if not settings.get("BELDE_INCREMENTAL", True):
        return None
    key = _key(settings)
    _build.update(key=key, stamps=stamps, installed={})
    kept = {}
    _loading.update(settings=settings, categories={})
    try:
        for file in sorted(_cache_folder(settings).glob("*.pickle")):
            try:
                with file.open("rb") as handle:
                    if pickle.load(handle) == key:  # noqa: S301 - Belde's own cache file
                        kept.update(_Unpickler(handle, settings, generator.context).load())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                continue
    finally:
        _loading.clear()
    installed = _build["installed"]  # file name -> paths of the items installed from it
    ledger = state.ledger()
    for name in names:
        path = os.path.abspath(os.path.join(generator.path, name))
        entry = kept.get(path)
        if entry is None or entry[0] != stamps.get(path):
            continue
        _, warnings, article = entry
        generator._cache[name] = (generator._get_file_stamp(name), article)  # Pelican's stamp, checked by its loop
        for message in warnings:
            ledger.warn(state.display_path(path, settings), message)
        installed.setdefault(_file_for(path), set()).add(path)
    return set().union(*installed.values()) if installed else None


def keep(generator) -> None:
    """article_generator_pretaxonomy (once duplicates are refused): keep the published items for
    the next build, rewriting the files whose items are not exactly those kept from them."""
    if "key" not in _build:
        return
    stamps, installed = _build["stamps"], _build["installed"]
    by_file = {}
    for article in generator.articles:
        path = article.source_path  # absolute, as Pelican makes it
        if path in stamps:
            by_file.setdefault(_file_for(path), []).append((path, article))
    folder = _cache_folder(generator.settings)
    changed = {file: entries for file, entries in by_file.items() if {p for p, _ in entries} != installed.get(file)}
    gone = [folder / file for file in installed.keys() - by_file.keys()]
    gone += [f for f in folder.glob("*.pickle") if f.name not in by_file and f.name not in installed] if folder.is_dir() else []
    for file in gone:
        file.unlink(missing_ok=True)
    if not changed:
        return
    settings, context = generator.settings, generator.context
    warned = state.ledger().warned

    def contents(entries):
        def parts():  # in the writing child
            # Items are kept with the digests of what their pages print of them and of the
            # registry: every later build that keeps them skips most of digesting their pages.
            for _, article in entries:
                digest_item(article)
            return [_build["key"], {
                path: (stamps[path], warned.get(state.display_path(path, settings), []), article) for path, article in entries
            }]  # fmt: skip

        return parts

    pickler = functools.partial(_Pickler, settings=settings, context=context)
    write_pickles({folder / file: contents(entries) for file, entries in changed.items()}, pickler)
