"""Atomic output: a build writes into a staging folder that replaces the output only on success.

The staging folder starts as a copy of the current output made of hard links, so that an
incremental build still finds the previous pages; Belde's writer replaces files rather
than rewriting them in place, so the live output never changes under a running build.
Static folders, which Pelican copies over existing files in place, are copied for real.
A failed or interrupted build leaves the previous output whole; the next build starts a
new staging folder. The replaced output is removed by a background process once the new
one is in place: at archive scale that is tens of thousands of folders, and the site is
already published.
"""

import os
import shutil
import subprocess
from pathlib import Path

STAGING_SUFFIX = ".next"
RETIRED_SUFFIX = ".old"


def staging_folder(output: Path) -> Path:
    return output.with_name(output.name + STAGING_SUFFIX)


def prepare(output: Path, copied: tuple = ()) -> Path:
    """A fresh staging folder holding the current output: hard links, and real copies of `copied`."""
    staging = staging_folder(output)
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted build
    for retired in output.parent.glob(f"{output.name}{RETIRED_SUFFIX}-*"):
        _remove_in_background(retired)  # unfinished (a reboot), or still running from the last build
    if output.is_dir():
        _link_tree(output, staging)
        for name in copied:
            target = staging / name
            if target.is_dir():
                shutil.rmtree(target)
                shutil.copytree(output / name, target, symlinks=True)
    else:
        staging.mkdir(parents=True)
    return staging


def _link_tree(source: Path, target: Path) -> None:
    """A copy of source made of hard links: GNU cp does it in a fraction of Python's time."""
    if shutil.which("cp"):
        done = subprocess.run(["cp", "-al", "--", str(source), str(target)], capture_output=True, check=False)
        if done.returncode == 0:
            return
        shutil.rmtree(target, ignore_errors=True)  # cp without -a/-l (BSD): fall back
    shutil.copytree(source, target, copy_function=os.link, symlinks=True)


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
