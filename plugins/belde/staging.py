"""Atomic output: a build writes into a staging folder that replaces the output only on success.

The staging folder starts as a copy of the current output made of hard links, so that an
incremental build still finds the previous pages; Belde's writer replaces files rather
than rewriting them in place, so the live output never changes under a running build.
Static folders, which Pelican copies over existing files in place, are copied for real.
A failed or interrupted build leaves the previous output whole; the next build starts a
new staging folder.
"""

import os
import shutil
from pathlib import Path

STAGING_SUFFIX = ".next"
RETIRED_SUFFIX = ".old"


def staging_folder(output: Path) -> Path:
    return output.with_name(output.name + STAGING_SUFFIX)


def prepare(output: Path, copied: tuple = ()) -> Path:
    """A fresh staging folder holding the current output: hard links, and real copies of `copied`."""
    staging = staging_folder(output)
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted build
    shutil.rmtree(output.with_name(output.name + RETIRED_SUFFIX), ignore_errors=True)
    if output.is_dir():
        shutil.copytree(output, staging, copy_function=os.link, symlinks=True)
        for name in copied:
            target = staging / name
            if target.is_dir():
                shutil.rmtree(target)
                shutil.copytree(output / name, target, symlinks=True)
    else:
        staging.mkdir(parents=True)
    return staging


def publish(staging: Path, output: Path) -> None:
    """Put the finished staging folder in the output's place."""
    retired = output.with_name(output.name + RETIRED_SUFFIX)
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
