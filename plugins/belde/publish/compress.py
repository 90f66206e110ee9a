"""Pre-compressed copies (.gz, .br) for hosts that serve them instead of compressing on the fly.

Both are written at the highest level and reproducibly (gzip with no name and a zero mtime),
so that two builds of the same site give the same bytes. A copy is kept only if it is smaller.

Brotli at its highest level costs some 25 ms for an item page: compressing a 20,000-item
archive again at every publish build would take ten minutes. So a record (under CACHE_PATH)
keeps, for each file compressed, the inode, size and modification time it had. A file the
build left as it was is the same inode in the new output (the staging folder links the
published files), so its copies are still right and are kept; a page written anew is a new
inode and is compressed again. Copies whose file is gone, or became too small to compress,
are removed, with the folders that leaves empty, as a cold build would never have had them.
A file written anew with the bytes of a file compressed before gets that file's copies.
"""

import gzip
import hashlib
import json
import os
from pathlib import Path

from ..atomic import remove_empty_folders, write_atomically
from ..press.forked import forked_map

COPIES = (".gz", ".br")


def _pack(path: str) -> tuple:
    """Compress one file; which of its copies were kept (smaller than the file)."""
    import brotli  # only publish builds need it

    with open(path, "rb") as handle:
        data = handle.read()
    kept = []
    for suffix, packed in ((".gz", gzip.compress(data, compresslevel=9, mtime=0)), (".br", brotli.compress(data, quality=11))):
        target = path + suffix
        if len(packed) < len(data):
            write_atomically(target, packed)
            kept.append(suffix)
        elif os.path.lexists(target):
            os.remove(target)
    return tuple(kept)


def _signature(info: os.stat_result) -> list:
    """The start of a record's entry: [inode, size, mtime, copies kept, digest of the bytes]."""
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def _load(record: Path) -> dict:
    try:
        return json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _is_copy(name: str, suffixes: tuple) -> bool:
    """A compressed copy of a file that gets them ("x.html.gz"; "x.tar.gz" is not one)."""
    return name.endswith(COPIES) and name[:-3].endswith(suffixes)


def precompress(output: Path, suffixes, min_bytes: int, record: Path, workers: int = 1) -> dict:
    """Bring the .gz and .br copies of output's text files up to date; `record` is the file
    that remembers what was compressed (see above). Returns the counts of
    files compressed now, given the copies of a file with the same bytes, kept as they were,
    and of copies removed."""
    suffixes = tuple(suffixes)
    known, current = _load(record), {}
    todo, gone, removed = [], 0, set()  # removed: the folders copies were removed from
    for folder, _dirs, names in os.walk(output):
        present = set(names)
        for name in names:
            path = os.path.join(folder, name)
            if _is_copy(name, suffixes):
                if name[:-3] not in present:  # its file is gone: a cold build would not have it
                    os.remove(path)
                    gone += 1
                    removed.add(folder)
                continue
            if not name.endswith(suffixes):
                continue
            info = os.stat(path)
            if info.st_size < min_bytes:
                for suffix in COPIES:
                    if name + suffix in present:
                        os.remove(path + suffix)
                        gone += 1
                        removed.add(folder)
                continue
            relative = os.path.relpath(path, output)
            entry = known.get(relative)
            signature = _signature(info)
            if entry and len(entry) == 5 and entry[:3] == signature and all((name + s in present) == (s in entry[3]) for s in COPIES):
                current[relative] = entry
            else:
                todo.append((relative, path, signature))
    # A file with the bytes of one compressed before gets that one's copies, linked: Pagefind
    # writes the same scripts into every shard it indexes, feeds are written again as they were.
    by_content = {entry[4]: relative for relative, entry in current.items()}
    fresh, same = {}, []
    for relative, path, signature in todo:
        with open(path, "rb") as handle:
            content = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
        if content in by_content or content in fresh:
            same.append((relative, path, signature, content))
        else:
            fresh[content] = (relative, path, signature)
    jobs = list(fresh.items())
    for (content, (relative, _path, signature)), kept in zip(jobs, forked_map(lambda job: _pack(job[1][1]), jobs, workers, least=50)):
        current[relative] = [*signature, list(kept), content]
        by_content[content] = relative
    for relative, path, signature, content in same:
        model = by_content[content]
        _link_copies(os.path.join(output, model), path, current[model][3])
        current[relative] = [*signature, list(current[model][3]), content]
    for folder in sorted(removed, reverse=True):
        remove_empty_folders(folder, output)
    write_atomically(record, json.dumps(current, sort_keys=True))
    return {"compressed": len(fresh), "linked": len(same), "kept": len(current) - len(todo), "removed": gone}


def _link_copies(model: str, path: str, kept: list) -> None:
    """Give `path` the copies of `model`, a file with the same bytes, as hard links."""
    for suffix in COPIES:
        target = path + suffix
        if suffix in kept:
            temporary = f"{target}.{os.getpid()}.tmp"
            os.link(model + suffix, temporary)
            os.replace(temporary, target)
        elif os.path.lexists(target):
            os.remove(target)


def remove_copies(output: Path, suffixes, record: Path) -> int:
    """A build without copies into an output a publish build compressed (its record is there):
    the copies would otherwise be left over from that build."""
    if not record.exists():
        return 0
    suffixes, gone = tuple(suffixes), 0
    for folder, _dirs, names in os.walk(output):
        for name in names:
            if _is_copy(name, suffixes):
                os.remove(os.path.join(folder, name))
                gone += 1
    record.unlink()
    return gone
