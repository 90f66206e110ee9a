"""Atomic output: a build writes into a staging folder that replaces the output only on success.

The staging folder starts as a copy of the current output made of hard links, so that an
incremental build still finds the previous pages; Belde writes every file of the output
by replacing it (belde.atomic), never into it, so the live output never changes under a
running build. Static folders, which Pelican copies over existing files in place, are
copied for real. A failed or interrupted build leaves the previous output whole.

At archive scale the output holds tens of thousands of folders, and creating (then
removing) them all at every build cost seconds of the machine's time. The output a build
replaces is therefore kept as a spare, and the next build's staging folder is made from it:
a forked child walks both trees while Pelican reads the items and links again only what
differs (the pages the last build wrote, the search shards it re-indexed). Relinking a file
costs several times what linking it into a new tree does, so after a build that rewrote
much of the site the old output is removed instead and a spare is linked from the new one
with GNU cp, in the background (a build starting meanwhile waits for it: it holds a lock on
the folder it fills); a build that finds no spare links the whole tree itself. The build
waits for the staging folder before the first page is written.
"""

import fcntl
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

STAGING_SUFFIX = ".next"
SPARE_SUFFIX = ".spare"
RETIRED_SUFFIX = ".old"
LINKING_SUFFIX = ".linking"  # a spare being linked in the background
LINKING_PATIENCE = 120  # seconds a build waits for it; it takes about one at archive scale


def staging_folder(output: Path) -> Path:
    return output.with_name(output.name + STAGING_SUFFIX)


def spare_folder(output: Path) -> Path:
    return output.with_name(output.name + SPARE_SUFFIX)


class Preparation:
    """A staging folder being filled with the current output; ready() waits until it is.

    `filling` is the process that links the tree (GNU cp, or the forked child of mirror())."""

    def __init__(self, output: Path, path: Path, copied: tuple, filling: "subprocess.Popen | _Forked | None"):
        self.output, self.path, self._copied, self._filling = output, path, copied, filling
        self._pending = True

    def ready(self) -> Path:
        if self._pending:
            self._pending = False
            if self._filling is not None and self._filling.wait() != 0:  # cp without -a/-l (BSD), or a failed walk
                shutil.rmtree(self.path, ignore_errors=True)
                shutil.copytree(self.output, self.path, copy_function=os.link, symlinks=True)
            for name in self._copied:
                target = self.path / name
                if target.is_dir():
                    shutil.rmtree(target)
                    shutil.copytree(self.output / name, target, symlinks=True)
        return self.path

    def abandon(self) -> None:
        """Stop filling the folder and keep it as the spare (a failed or interrupted build)."""
        if self._pending and self._filling is not None:
            self._filling.kill()
            self._filling.wait()
        self._pending = False
        _keep_as_spare(self.path, self.output)


def prepare(output: Path, copied: tuple = (), keep: bool = True) -> Preparation:
    """A fresh staging folder that will hold the current output (hard links, and real copies of
    `copied`) once ready() returns; an empty one when the build starts afresh (keep=False)."""
    staging, spare = staging_folder(output), spare_folder(output)
    _wait_for_spare(output)
    if staging.exists():  # left by a killed build
        _keep_as_spare(staging, output)
    for retired in output.parent.glob(f"{output.name}{RETIRED_SUFFIX}-*"):
        _remove_in_background(retired)  # unfinished (a reboot), or still running from the last build
    keep = keep and output.is_dir()
    if keep and spare.is_dir():
        os.replace(spare, staging)
        return Preparation(output, staging, copied, _Forked(lambda: mirror(output, staging)))
    if spare.exists():
        _retire(spare, output)
    if keep:
        # GNU cp links a tree in a fraction of Python's time.
        linking = subprocess.Popen(["cp", "-al", "--", str(output), str(staging)], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if shutil.which("cp") else None  # fmt: skip
        if linking is None:
            shutil.copytree(output, staging, copy_function=os.link, symlinks=True)
        return Preparation(output, staging, copied, linking)
    staging.mkdir(parents=True)
    return Preparation(output, staging, (), None)


class _Forked:
    """A forked child running `work`, waited for and killed as a subprocess.Popen is."""

    def __init__(self, work):
        self.pid = os.fork()
        if self.pid == 0:
            status = 1
            try:
                work()
                status = 0
            finally:
                os._exit(status)

    def wait(self) -> int:
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)


def mirror(source: Path, target: Path) -> None:
    """Make the tree `target` hold what `source` holds, each file a hard link to source's:
    an entry is linked again when it is missing or its inode differs, and what source
    lacks is removed. Unchanged entries cost one directory read on each side."""
    folders = [(str(source), str(target))]
    while folders:
        source_folder, target_folder = folders.pop()
        with os.scandir(target_folder) as entries:
            present = {entry.name: entry for entry in entries}
        with os.scandir(source_folder) as entries:
            for entry in entries:
                old = present.pop(entry.name, None)
                path = os.path.join(target_folder, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    if old is not None and not old.is_dir(follow_symlinks=False):
                        _remove(old)
                        old = None
                    if old is None:
                        os.mkdir(path)
                    folders.append((entry.path, path))
                elif old is None or old.is_dir(follow_symlinks=False) or old.inode() != entry.inode():
                    if old is not None:
                        _remove(old)
                    os.link(entry.path, path, follow_symlinks=False)  # a symbolic link is linked as itself
        for gone in present.values():
            _remove(gone)


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def publish(staging: Path, output: Path, keep_spare: bool = True) -> None:
    """Put the finished staging folder in the output's place; the old output becomes the spare
    the next build's staging folder is made from. When most files changed (keep_spare False),
    linking a new tree costs less than linking each file again: the old output is removed, and
    a spare is linked from the new one, both in the background, ready before the next build."""
    retired = _retired_name(output)
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    if retired.exists() and keep_spare:
        _keep_as_spare(retired, output)
        return
    if retired.exists():
        _remove_in_background(retired)
    _link_spare_in_background(output)


def _linking_folder(output: Path) -> Path:
    return output.with_name(output.name + LINKING_SUFFIX)


def _link_spare_in_background(output: Path) -> None:
    """Link the output into a new spare with GNU cp, in a process of its own, which holds a
    lock on the folder it fills until the folder is the spare (or removed, if cp failed)."""
    linking = _linking_folder(output)
    if spare_folder(output).exists() or linking.exists() or not shutil.which("cp"):
        return
    linking.mkdir()
    lock = os.open(linking, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the process below: it inherits the descriptor
        script = 'cp -al -- "$1/." "$2" && mv -T -- "$2" "$3" || rm -rf -- "$2"'
        subprocess.Popen(["sh", "-c", script, "sh", str(output), str(linking), str(spare_folder(output))], pass_fds=(lock,),
                         start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    finally:
        os.close(lock)


def _wait_for_spare(output: Path) -> None:
    """Let the spare the last build is linking in the background be finished before it is
    used; a folder still there once its lock is free was left unfinished (a reboot)."""
    linking = _linking_folder(output)
    try:
        lock = os.open(linking, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        deadline = time.monotonic() + LINKING_PATIENCE
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.02)
    finally:
        os.close(lock)
    if linking.exists():
        _retire(linking, output)


def _keep_as_spare(folder: Path, output: Path) -> None:
    """Make a tree the output's spare. Any tree will do, whatever a build left in it, since
    mirror() makes it right; a second one is removed."""
    spare = spare_folder(output)
    if spare.exists():
        _retire(folder, output)
    else:
        os.replace(folder, spare)


def _retired_name(output: Path) -> Path:
    return output.with_name(f"{output.name}{RETIRED_SUFFIX}-{os.getpid()}-{time.monotonic_ns()}")  # unique


def _retire(folder: Path, output: Path) -> None:
    """Move a folder out of the way at once, and remove it in the background."""
    retired = _retired_name(output)
    os.replace(folder, retired)
    _remove_in_background(retired)


def _remove_in_background(folder: Path) -> None:
    if shutil.which("rm"):
        subprocess.Popen(["rm", "-rf", "--", str(folder)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    else:
        shutil.rmtree(folder, ignore_errors=True)
