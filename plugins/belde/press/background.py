"""Cache files written by a forked child while the build goes on.

The child sees the build's objects as they were at the fork, copy-on-write, and pickles
them without slowing the build or growing its memory: pickling a string keeps its UTF-8
form inside the string for as long as it lives (CPython), which in the building process
would double the memory every body takes.
"""

import logging
import os
import pickle

logger = logging.getLogger(__name__)
_writers = {}  # pid -> the files its child writes


def write_pickles(files: dict, pickler=pickle.Pickler) -> None:
    """Write files ({target: parts}) in a forked child, one after the other, each atomically:
    each of `parts` (or of parts() when it is callable) pickled in turn with `pickler`."""
    for pid, targets in list(_writers.items()):
        if targets & files.keys():  # never two writers of one file
            _wait(pid)
    for target in files:
        target.parent.mkdir(parents=True, exist_ok=True)
    pid = os.fork()
    if pid:
        _writers[pid] = set(files)
        return
    status = 1
    try:
        for target, parts in files.items():
            temporary = target.with_suffix(f".{os.getpid()}.tmp")
            with temporary.open("wb") as handle:
                for part in parts() if callable(parts) else parts:
                    pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(part)
            os.replace(temporary, target)
        status = 0
    finally:
        os._exit(status)


def _wait(pid: int) -> None:
    targets = _writers.pop(pid)
    _, status = os.waitpid(pid, 0)
    if status:
        names = ", ".join(sorted(target.name for target in targets))
        logger.warning("the cache files %s could not be written; the next build does more work", names)


def wait_for_cache(*_) -> None:
    """finalized: every cache file the build started writing is complete."""
    for pid in list(_writers):
        _wait(pid)
