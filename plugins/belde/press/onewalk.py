"""One listing of the content folder, and one stat of each item file, per build.

Pelican's article generator walks its folders three times a build (for readahead, for its own
loop, and to warn of files that only a disabled reader could read) and stats every file again
to check its content cache, and its readers twice more for theirs, even when it is off: at
archive scale each pass is a tenth of a second or more. From article_generator_init on, the
generator and its readers answer those from what readahead listed and stat'ed once, so that the
build also sees one state of the folder throughout.
"""

import functools
import os


def list_once(generator) -> None:
    """Answer the generator's repeated get_files calls from its first listing."""
    walk, listed = generator.get_files, {}

    @functools.wraps(walk)
    def get_files(paths, exclude=None, extensions=None):
        if extensions is not None and extensions is not False and not extensions:
            return set()  # no extension is wanted: Pelican's walk would find nothing
        key = (
            (paths,) if isinstance(paths, str) else tuple(paths),
            tuple(exclude or ()),
            extensions if extensions in (None, False) else tuple(sorted(extensions)),
        )
        if key not in listed:
            listed[key] = walk(paths, exclude=exclude, extensions=extensions)
        return set(listed[key])

    generator.get_files = get_files


def stat_once(generator, mtimes: dict) -> None:
    """Let Pelican's content caches, the generator's and its readers', stamp files with the
    modification times read for readahead (`mtimes`: absolute path -> st_mtime), where they
    stamp by mtime (CHECK_MODIFIED_METHOD); a file asked for by another path is stat'ed."""
    for cacher in (generator, generator.readers):
        if cacher._filestamp_func is os.path.getmtime:
            cacher._filestamp_func = functools.partial(_known_mtime, mtimes)


def _known_mtime(mtimes: dict, path: str) -> float:
    found = mtimes.get(path)
    return os.path.getmtime(path) if found is None else found
