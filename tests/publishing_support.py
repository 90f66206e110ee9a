"""Sites built once per test session for the publishing checks, and the page types they cover.

Each scenario is a real build with the real settings, theme and plugins:

- shipped: content/ with its registry, as `make html` builds it;
- scenario: tests/data/archive with DEFAULT_PAGINATION = 2, so listings have a page 2;
- subpath: the same under SITEURL = https://example.org/basin with absolute URLs;
- disk: the same with BELDE_INDEX_LINKS, as `make html` builds it for reading from disk.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from belde.build import build

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TODAY = "2025-06-01"
SUBPATH_SITEURL = "https://example.org/basin"

SCENARIOS = {
    "shipped": {"PATH": str(ROOT / "content")},
    "scenario": {"PATH": str(DATA / "archive"), "BELDE_REGISTRY_PATH": str(DATA / "registry"), "DEFAULT_PAGINATION": 2},
    "subpath": {
        "PATH": str(DATA / "archive"),
        "BELDE_REGISTRY_PATH": str(DATA / "registry"),
        "DEFAULT_PAGINATION": 2,
        "SITEURL": SUBPATH_SITEURL,
        "FEED_DOMAIN": SUBPATH_SITEURL,
        "RELATIVE_URLS": False,
    },
    "disk": {
        "PATH": str(DATA / "archive"),
        "BELDE_REGISTRY_PATH": str(DATA / "registry"),
        "DEFAULT_PAGINATION": 2,
        "BELDE_INDEX_LINKS": True,
    },
}

# Every page type a reader meets, found in the output by the shape of its path.
PAGE_TYPES = {
    "home": r"index\.html",
    "item": r"\d{4}/\d{2}/[^/]+/index\.html",
    "district index": r"ilce/index\.html",
    "district page": r"ilce/kagithane/index\.html",
    "district page 2": r"ilce/[^/]+/sayfa/2/index\.html",
    "people index": r"kisi/index\.html",
    "person page": r"kisi/[^/]+/index\.html",
    "topic index": r"konu/index\.html",
    "topic page": r"konu/[^/]+/index\.html",
    "archive": r"arsiv/index\.html",
    "year": r"arsiv/\d{4}/index\.html",
    "month": r"arsiv/\d{4}/\d{2}/index\.html",
    "404": r"404\.html",
    "search page": r"ara/index\.html",
}
OPTIONAL_TYPES = {"search page"}  # present when belde.search is enabled
PAGINATED_ONLY = {"district page 2"}  # the shipped site has too few items for a page 2


@dataclass
class BuiltSite:
    name: str
    output: Path
    ledger: object
    settings: dict

    def html_files(self) -> list:
        return sorted(self.output.rglob("*.html"))

    def relative(self, path: Path) -> str:
        return path.relative_to(self.output).as_posix()

    def soup(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / relative).read_text(encoding="utf-8"), "lxml")

    def page_types(self) -> dict:
        """{page type: output file}; a person page with items is preferred over an empty one."""
        files = [self.relative(p) for p in self.html_files()]
        found = {}
        for kind, pattern in PAGE_TYPES.items():
            matches = [f for f in files if re.fullmatch(pattern, f)]
            if kind == "person page":
                matches.sort(key=lambda f: 'class="items"' not in (self.output / f).read_text(encoding="utf-8"))
            if matches:
                found[kind] = matches[0]
        return found


def build_scenario(name: str, folder: Path, **extra) -> BuiltSite:
    import datetime as dt

    overrides = {
        "OUTPUT_PATH": str(folder),
        "CACHE_PATH": str(Path(folder).parent / (Path(folder).name + "-cache")),
        "BELDE_TODAY": dt.date.fromisoformat(TODAY),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        **SCENARIOS[name],
        **extra,
    }
    ledger = build(str(ROOT / "pelicanconf.py"), overrides)
    assert ledger.ok, f"{name}: the build refused items: {ledger.summary()}"
    return BuiltSite(name, folder, ledger, overrides)


_built = {}


def site_for(name: str, tmp_path_factory) -> BuiltSite:
    """The scenario's build, made once per test session and shared by every module."""
    if name not in _built:
        _built[name] = build_scenario(name, tmp_path_factory.mktemp(f"site-{name}"))
    return _built[name]


def expected_types(site: BuiltSite) -> set:
    kinds = set(PAGE_TYPES) - OPTIONAL_TYPES
    if site.name == "shipped":
        kinds -= PAGINATED_ONLY
    return kinds


def require_page_types(site: BuiltSite) -> dict:
    """The page types of a build, failing with the ones missing."""
    found = site.page_types()
    missing = sorted(expected_types(site) - set(found))
    assert not missing, f"{site.name}: no page of type {', '.join(missing)} in {site.output}"
    return found
