"""Reading items ahead, on every core, and remembering them between builds.

Parsing an item (decoding, front matter, Markdown, sanitising, typography) depends only
on its file and the settings, never on the registry or on other items. Before Pelican's
article generator reads the files one by one, readahead() parses every item whose file
changed since the last build, in forked worker processes, and keeps all results in a
cache under CACHE_PATH. The reader then only checks each item against the registry
(schema.normalise), which is cheap and always redone, so that registry edits apply.
"""

import hashlib
import json
import logging
import os
import pickle
from pathlib import Path

from . import state
from .fingerprint import stable
from .forked import forked_map, workers
from .ledger import ItemRefused

logger = logging.getLogger(__name__)
CACHE_FILE = "belde-items-{}.pickle"  # one per content folder
_in_memory = {}  # the last build's items, for a process that builds again (belde serve)
_cache_writer = {}  # the child writing the cache file


def _code_key(settings) -> str:
    """What parsing depends on besides the file: Belde's parsing code and its settings."""
    hasher = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for name in ("press/reader.py", "press/schema.py", "press/sanitize.py", "press/typeset.py", "yamlfile.py",
                 "turkish/typography.py"):  # fmt: skip
        hasher.update((package / name).read_bytes())
    for key in ("MARKDOWN", "BELDE_RAW_HTML", "BELDE_MAX_ITEM_BYTES", "PATH"):
        hasher.update(json.dumps(stable(settings.get(key)), sort_keys=True).encode())
    return hasher.hexdigest()


def _stamp(path: str) -> tuple:
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size, info.st_ino


def _parse(source_path: str, settings):
    from .reader import parse_item  # the reader imports this module's state, not the reverse

    try:
        return "ok", parse_item(source_path, settings)
    except ItemRefused as refusal:
        return "refused", refusal.reason


def _cache_path(settings) -> Path:
    key = hashlib.blake2b(os.path.abspath(settings["PATH"]).encode(), digest_size=6).hexdigest()
    return Path(settings["CACHE_PATH"]) / CACHE_FILE.format(key)


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
    """Written by a forked child while the build goes on. Pickling a string keeps its UTF-8
    form inside the string for as long as it lives (CPython), which would double the memory
    every body takes in the building process."""
    target = _cache_path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    wait_for_cache()
    pid = os.fork()
    if pid:
        _cache_writer["pid"] = pid
        return
    status = 1
    try:
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump({"code": code, "items": items}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
        status = 0
    finally:
        os._exit(status)


def wait_for_cache(*_) -> None:
    """finalized (and before the cache is written again): the cache file is complete."""
    pid = _cache_writer.pop("pid", None)
    if pid is not None:
        _, status = os.waitpid(pid, 0)
        if status:
            logger.warning("the item cache could not be written; the next build parses every item again")


def readahead(generator) -> None:
    """article_generator_init: parse, in parallel, every item file that changed."""
    settings = generator.settings
    code = _code_key(settings)
    cached = _load(settings, code)
    paths = [
        os.path.join(generator.path, name)
        for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
        if name.endswith((".md", ".markdown"))
    ]
    items, stale = {}, []
    for path in paths:
        try:
            stamp = _stamp(path)
        except OSError:
            continue  # the reader will say what is wrong with it
        entry = cached.get(path)
        if entry is not None and entry[0] == stamp:
            items[path] = entry
        else:
            stale.append((path, stamp))
    stamps = dict(stale)
    paths = list(stamps)
    for path, result in zip(paths, forked_map(lambda path: _parse(path, settings), paths, workers(settings), least=25)):
        items[path] = (stamps[path], result)
    state.use_parsed({path: entry[1] for path, entry in items.items()})
    if stale or len(items) != len(cached):
        _save(settings, code, items)
    _in_memory.update(key=(code, str(_cache_path(settings))), items=items)
    logger.info("items: %d parsed, %d unchanged since the last build", len(stale), len(items) - len(stale))

