"""The state of one build: its ledger and its registry.

Receivers are module-level functions (signals keep weak references), so the state
they share lives here and is replaced at the start of every build.
"""

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from ..atomic import write_atomically
from ..registry import load_registry
from .ledger import ItemRefused, Ledger, logger


DEFAULT_REGISTRY_PATH = "registry"  # relative to PATH (the content folder)

_current = {"ledger": None, "writer": None, "parsed": {}, "registry": None, "terms": {}}


def start_build(ledger) -> None:
    _current["ledger"] = ledger
    _current["writer"] = None
    _current["parsed"] = {}
    _current["registry"] = None  # looked at again once per build, so that edits apply
    _current["terms"] = {}


def use_parsed(items: dict) -> None:
    """Items parsed ahead (readahead.py): path -> ('ok', parsed) or ('refused', reason)."""
    _current["parsed"] = items


def forget_parsed(source_path) -> None:
    """A file saved since it was parsed ahead is read again."""
    _current["parsed"].pop(source_path, None)


def parsed_item(source_path, settings):
    """The parse of an item done ahead, or None; a refusal found ahead is raised again."""
    entry = _current["parsed"].get(source_path)
    if entry is None:
        return None
    kind, value = entry
    if kind == "refused":
        raise ItemRefused(display_path(source_path, settings), value)
    return value


def term(kind, name: str, settings, slug=None):
    """One term object per kind, name and slug in a build, shared by every item that names
    it: an archive names each district, person and topic thousands of times."""
    key = (kind, name, slug)
    found = _current["terms"].get(key)
    if found is None:
        found = _current["terms"][key] = kind(name, settings, slug=slug)
    return found


def use_writer(writer) -> None:
    _current["writer"] = writer


def writer():
    return _current["writer"]


def ledger():
    if _current["ledger"] is None:
        _current["ledger"] = Ledger()
    return _current["ledger"]


def registry_folder(settings) -> Path:
    folder = Path(settings.get("BELDE_REGISTRY_PATH", DEFAULT_REGISTRY_PATH))
    return folder if folder.is_absolute() else Path(settings["PATH"]) / folder


def _stamp(folder: Path) -> tuple:
    """Registry files' modification times, so that an edit reloads the registry."""
    return tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yaml"))
    )


@lru_cache(maxsize=4)
def _load(folder: str, stamp: tuple, cache: str):
    """The registry as loaded, from CACHE_PATH when the same files and code loaded it before:
    checking the registry's YAML in Python costs a fifth of a second at every build."""
    from .fingerprint import source_digest  # fingerprint reads this module's state

    hasher = hashlib.blake2b(source_digest().encode(), digest_size=16)
    for path in sorted(Path(folder).glob("*.yaml")):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    cached = Path(cache) / f"belde-registry-{hasher.hexdigest()}.pickle"
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - Belde's own cache file
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass
    loaded = load_registry(folder)
    try:
        for old in cached.parent.glob("belde-registry-*.pickle"):
            old.unlink(missing_ok=True)
        write_atomically(cached, pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # the next build loads the files again
    return loaded


def registry(settings):
    """The registry for this build: its files are checked once per build, not once per item."""
    folder = str(registry_folder(settings))
    current = _current["registry"]
    if current is None or current[0] != folder:
        stamp = _stamp(Path(folder)) if Path(folder).is_dir() else ()
        current = _current["registry"] = (folder, _load(folder, stamp, str(settings["CACHE_PATH"])))
    return current[1]


def content_cache(settings, pattern: str) -> Path:
    """A cache file or folder under CACHE_PATH for this build's content folder: `pattern` with
    {} replaced by a short key of the folder, so that sites sharing a cache never mix."""
    return _keyed(settings, pattern, settings["PATH"])


def final_output(settings) -> str:
    """The folder the site ends up in (a build writes into a staging folder, belde.staging)."""
    return os.path.abspath(settings.get("BELDE_FINAL_OUTPUT") or settings["OUTPUT_PATH"])


def output_cache(settings, pattern: str) -> Path:
    """A record under CACHE_PATH of what the build's output folder holds (its pages, its
    compressed copies), keyed like content_cache by that folder."""
    return _keyed(settings, pattern, final_output(settings))


def _keyed(settings, pattern: str, folder: str) -> Path:
    key = hashlib.blake2b(os.path.abspath(folder).encode(), digest_size=6).hexdigest()
    return Path(settings["CACHE_PATH"]) / pattern.format(key)


def display_path(source_path, settings) -> str:
    """The path an editor knows: relative to the project, e.g. content/2024/04/x.md."""
    return _display_path(str(source_path), str(settings["PATH"]))


@lru_cache(maxsize=1 << 17)  # asked for every item several times a build
def _display_path(source_path: str, content_path: str) -> str:
    try:
        return os.path.relpath(source_path, os.path.dirname(os.path.abspath(content_path)))
    except ValueError:
        return source_path


def log_refusal(path: str, reason: str) -> None:
    logger.error("refused %s: %s", path, reason)
