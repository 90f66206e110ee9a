"""Tests build real sites: real pelicanconf.py, theme and plugins, into a temporary folder."""

import datetime as dt
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from belde.build import build

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TEST_REGISTRY = DATA / "registry"
TODAY = dt.date(2025, 6, 1)  # "current head" in scenarios refers to this day


@dataclass
class Site:
    output: Path
    ledger: object
    log: str

    def path(self, url: str) -> Path:
        """The file a URL like 'ilce/kagithane/' is served from."""
        url = url.split("#")[0].lstrip("/")
        target = self.output / url
        return target / "index.html" if url == "" or url.endswith("/") else target

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "lxml")

    def html_files(self) -> list:
        return sorted(self.output.rglob("*.html"))


def snapshot(folder: Path, skip: str | None = None) -> dict:
    """Every file's bytes under folder, by relative path; a top-level folder `skip` left out."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (skip is None or p.relative_to(folder).parts[0] != skip)
    }


def shard_stamps(output: Path) -> dict:
    """When each search shard of a built site was last written, by shard name."""
    return {p.parent.name: p.stat().st_mtime_ns for p in (output / "pagefind").glob("*/pagefind-entry.json")}


def settings_file(folder: Path, **settings) -> Path:
    """A settings file on top of pelicanconf.py, for builds run as a command."""
    path = folder / "settings.py"
    lines = ["from pelicanconf import *"] + [f"{key} = {value!r}" for key, value in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_site(content, output: Path, registry=TEST_REGISTRY, **settings) -> Site:
    """Build a content folder (a name under tests/data/, or a path) into output."""
    content = Path(content) if Path(content).is_absolute() else DATA / content
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / f"cache-{output.name}"),
        "BELDE_REGISTRY_PATH": str(registry),
        "BELDE_TODAY": TODAY,
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "BELDE_SEARCH": False,  # the search tests build their own indexed sites
    }
    overrides.update(settings)
    ledger = build(str(ROOT / "pelicanconf.py"), overrides)
    return Site(output=output, ledger=ledger, log="")


@pytest.fixture
def build_site(tmp_path, caplog):
    """build_site('archive') builds tests/data/archive; build_site(folder) builds any folder."""

    def run(content, registry=TEST_REGISTRY, **settings) -> Site:
        output = tmp_path / f"output-{Path(content).name}"
        caplog.clear()
        caplog.set_level(logging.INFO, logger="belde")
        site = make_site(content, output, registry, **settings)
        site.log = caplog.text
        return site

    return run


@pytest.fixture
def content_dir(tmp_path):
    """A fresh content folder to which a test copies or writes items."""
    folder = tmp_path / "content"
    folder.mkdir()

    def add(name: str, text: str | bytes | None = None, source: Path | None = None) -> Path:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            shutil.copy(source, target)
        elif isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    add.folder = folder
    return add
