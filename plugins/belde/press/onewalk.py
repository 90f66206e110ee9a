"""One listing of the content folder, and one stat of each item file, per build.

Pelican's article generator walks its folders three times a build (for readahead, for its own
loop, and to warn of files that only a disabled reader could read) and stats every file again
to check its content cache, and its readers twice more for theirs, even when it is off: at
archive scale each pass is a tenth of a second or more. From article_generator_init on, the
generator and its readers answer those from what readahead listed and stat'ed once, so that the
build also sees one state of the folder throughout.
"""

import functools


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


def stat_once(generator, mtimes: dict, paths: dict) -> None:
    """Give Pelican's content caches the modification times read for readahead, when they check
    files by mtime: the generator's by name relative to the content folder (`mtimes`), its
    readers' by absolute path (`paths`)."""
    if generator.settings.get("CHECK_MODIFIED_METHOD", "mtime") != "mtime":
        return
    _answer_from(generator, mtimes)
    _answer_from(generator.readers, paths)


def _answer_from(cacher, known: dict) -> None:
    stat = cacher._get_file_stamp

    @functools.wraps(stat)
    def stamp(filename):
        found = known.get(filename)
        return stat(filename) if found is None else found

    cacher._get_file_stamp = stamp
