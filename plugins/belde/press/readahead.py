"""Reading items ahead, on every core, and remembering them between builds.

Parsing an item (decoding, front matter, Markdown, sanitising, typography) depends only
on its file and the settings, never on the registry or on other items. Before Pelican's
article generator reads the files one by one, readahead() hands it the items kept whole
from the last build (articlecache.py), then parses every other item whose file changed,
in forked worker processes, and keeps the parses in a cache under CACHE_PATH. The reader
then only checks each item against the registry (schema.normalise), so that when the
registry changes (and no item can be kept whole) no item is parsed again.
"""

import hashlib
import json
import logging
import os
import pickle
from pathlib import Path

from . import articlecache, onewalk, state
from .background import write_pickles
from .fingerprint import stable
from .forked import forked_map, workers
from .ledger import ItemRefused
from .reader import ITEM_SUFFIXES, parse_item

logger = logging.getLogger(__name__)
CACHE_FILE = "belde-items-{}.pickle"  # one per content folder
_in_memory = {}  # the last build's items, for a process that builds again (belde serve)


def _code_key(settings) -> str:
    """What parsing depends on besides the file: Belde's parsing code and its settings."""
    hasher = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for name in ("press/reader.py", "press/schema.py", "press/sanitize.py", "press/plain_markdown.py",
                 "press/typeset.py", "yamlfile.py", "turkish/typography.py"):  # fmt: skip
        hasher.update((package / name).read_bytes())
    for key in ("MARKDOWN", "BELDE_RAW_HTML", "BELDE_MAX_ITEM_BYTES", "PATH"):
        hasher.update(json.dumps(stable(settings.get(key)), sort_keys=True).encode())
    return hasher.hexdigest()


def _stamp(info: os.stat_result) -> tuple:
    return info.st_mtime_ns, info.st_size, info.st_ino


def _parse(source_path: str, settings):
    try:
        return "ok", parse_item(source_path, settings)
    except ItemRefused as refusal:
        return "refused", refusal.reason


def _cache_path(settings) -> Path:
    return state.content_cache(settings, CACHE_FILE)


def _load(settings, code: str) -> dict:
    if not settings.get("BELDE_INCREMENTAL", True):
        return {}
    if _in_memory.get("key") == (code, str(_cache_path(settings))):
        return _in_memory["items"]
    try:
        with _cache_path(settings).open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 - Belde's own cache file, written below
        return data["items"] if data.get("code") == code else {}
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, AttributeError):
        return {}


def _save(settings, code: str, items: dict) -> None:
    write_pickles({_cache_path(settings): [{"code": code, "items": items}]})


def readahead(generator) -> None:
    """article_generator_init: hand Pelican the items kept from the last build whose files are
    unchanged (articlecache.py), and parse, in parallel, every other item file that changed."""
    settings = generator.settings
    onewalk.list_once(generator)
    names = [
        name
        for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
        if name.endswith(ITEM_SUFFIXES)
    ]
    stamps, mtimes = {}, {}
    for name in names:
        path = os.path.abspath(os.path.join(generator.path, name))
        try:
            info = os.stat(path)
        except OSError:
            continue  # the reader will say what is wrong with it
        stamps[path], mtimes[path] = _stamp(info), info.st_mtime
    onewalk.stat_once(generator, mtimes)
    kept = articlecache.install(generator, names, stamps)
    code = _code_key(settings)
    # Next to kept items, the other files are new or edited (or drafts, or refused): the cache
    # of parses could not help them, and loading it would hold every body twice.
    cached = _load(settings, code) if kept is None else {}
    items, stale = {}, []
    for path, stamp in stamps.items():
        if kept and path in kept:
            continue
        entry = cached.get(path)
        if entry is not None and entry[0] == stamp:
            items[path] = entry
        else:
            stale.append(path)
    for path, result in zip(stale, forked_map(lambda path: _parse(path, settings), stale, workers(settings), least=25)):
        items[path] = (stamps[path], result)
    state.use_parsed({path: entry[1] for path, entry in items.items()})
    if kept is None:
        if stale or len(items) != len(cached):
            _save(settings, code, items)
        _in_memory.update(key=(code, str(_cache_path(settings))), items=items)
    logger.info("items: %d parsed, %d unchanged since the last build (%d kept whole)",
                len(stale), len(stamps) - len(stale), len(kept or ()))  # fmt: skip
