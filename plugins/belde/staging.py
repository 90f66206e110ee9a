"""Atomic output: a build writes into a staging folder that replaces the output only on success.

The staging folder starts as a copy of the current output made of hard links, so that an
incremental build still finds the previous pages; Belde's writer replaces files rather
than rewriting them in place, so the live output never changes under a running build.
Static folders, which Pelican copies over existing files in place, are copied for real.
A failed or interrupted build leaves the previous output whole; the next build starts a
new staging folder. The replaced output is removed by a background process once the new
one is in place: at archive scale that is tens of thousands of folders, and the site is
already published.

Linking tens of thousands of pages takes seconds, so a background process does it while
Pelican reads the items (one core's work, at most); the build waits for it before the
first page is written.
"""

import os
import shutil
import subprocess
from pathlib import Path

STAGING_SUFFIX = ".next"
RETIRED_SUFFIX = ".old"


def staging_folder(output: Path) -> Path:
    return output.with_name(output.name + STAGING_SUFFIX)


class Preparation:
    """A staging folder being filled with the current output; ready() waits until it is."""

    def __init__(self, output: Path, path: Path, copied: tuple, linking: subprocess.Popen | None):
        self.output, self.path, self._copied, self._linking = output, path, copied, linking
        self._pending = True

    def ready(self) -> Path:
        if self._pending:
            self._pending = False
            if self._linking is not None and self._linking.wait() != 0:  # cp without -a/-l (BSD)
                shutil.rmtree(self.path, ignore_errors=True)
                shutil.copytree(self.output, self.path, copy_function=os.link, symlinks=True)
            for name in self._copied:
                target = self.path / name
                if target.is_dir():
                    shutil.rmtree(target)
                    shutil.copytree(self.output / name, target, symlinks=True)
        return self.path

    def abandon(self) -> None:
        """Stop filling the folder and remove it (a failed or interrupted build)."""
        if self._linking is not None and self._linking.poll() is None:
            self._linking.kill()
            self._linking.wait()
        self._pending = False
        discard(self.path)


def prepare(output: Path, copied: tuple = (), keep: bool = True) -> Preparation:
    """A fresh staging folder that will hold the current output (hard links, and real copies of
    `copied`) once ready() returns; an empty one when the build starts afresh (keep=False)."""
    staging = staging_folder(output)
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted build
    for retired in output.parent.glob(f"{output.name}{RETIRED_SUFFIX}-*"):
        _remove_in_background(retired)  # unfinished (a reboot), or still running from the last build
    if keep and output.is_dir():
        # GNU cp links a tree in a fraction of Python's time.
        linking = subprocess.Popen(["cp", "-al", "--", str(output), str(staging)], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if shutil.which("cp") else None  # fmt: skip
        if linking is None:
            shutil.copytree(output, staging, copy_function=os.link, symlinks=True)
        return Preparation(output, staging, copied, linking)
    staging.mkdir(parents=True)
    return Preparation(output, staging, (), None)


def publish(staging: Path, output: Path) -> None:
    """Put the finished staging folder in the output's place, and remove the old output."""
    retired = output.with_name(f"{output.name}{RETIRED_SUFFIX}-{os.getpid()}")  # unique: removals may overlap
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    if retired.exists():
        _remove_in_background(retired)


def _remove_in_background(folder: Path) -> None:
    if shutil.which("rm"):
        subprocess.Popen(["rm", "-rf", "--", str(folder)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    else:
        shutil.rmtree(folder, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
