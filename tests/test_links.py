"""No broken links: every internal href and src of every page resolves to a written file.

Run over the shipped site, the scenario site, the same site under a sub-path with absolute
URLs (https://example.org/basin/…), and the disk build, whose folder links must name index.html.
"""

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from publishing_support import SUBPATH_SITEURL, require_page_types, site_for

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                   ("iframe", "src"), ("form", "action"), ("meta[property='og:url']", "content"))
OTHER_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


@lru_cache(maxsize=None)
def _ids(path: Path) -> frozenset:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return frozenset(tag["id"] for tag in soup.select("[id]")) | frozenset(a["name"] for a in soup.select("a[name]"))


def _target(site, page: Path, link: str):
    """(file the link reaches or None for an external one, fragment, reason it is broken or '')."""
    parts = urlsplit(link)
    root = site.settings.get("SITEURL") or ""
    if parts.scheme in ("http", "https") or link.startswith("//"):
        if not root.startswith("http") or not link.startswith(root + "/"):
            if root.startswith("http") and urlsplit(root).netloc == parts.netloc:
                return None, "", f"points outside the site's address {root}/"
            return None, "", ""  # another site: not ours to check
        path = urlsplit(link[len(root):]).path.lstrip("/")
        target = site.output / unquote(path)
    elif link.startswith("/"):
        prefix = urlsplit(root).path.rstrip("/") + "/" if root.startswith("http") else None
        if prefix is None or not parts.path.startswith(prefix):
            return None, "", "root-relative link: breaks under a sub-path and from disk"
        target = site.output / unquote(parts.path[len(prefix):])
    else:
        target = page.parent / unquote(parts.path)
    if parts.path.endswith("/") or parts.path == "" and not link.startswith("#"):
        if site.settings.get("BELDE_INDEX_LINKS") and not link.startswith(("http", "/")):
            return None, "", "links to a folder: a browser reading from disk shows a listing"
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return None, "", f"no file {target}"
    if site.output.resolve() not in target.parents and target != site.output.resolve():
        return None, "", f"leaves the output folder: {target}"
    return target, parts.fragment, ""


def check_links(site) -> int:
    """Fails on the first broken link, naming the page and the link; returns links checked."""
    checked = 0
    for page in site.html_files():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for selector, attribute in LINK_ATTRIBUTES:
            for tag in soup.select(selector):
                link = (tag.get(attribute) or "").strip()
                if not link or link.startswith(OTHER_SCHEMES):
                    continue
                if link.startswith("#"):
                    target, fragment, problem = page, link[1:], ""
                else:
                    target, fragment, problem = _target(site, page, link)
                where = f"{site.relative(page)}: <{tag.name} {attribute}=\"{link}\">"
                assert not problem, f"{where}: {problem}"
                if target is None:
                    continue
                if fragment and target.suffix == ".html":
                    assert unquote(fragment) in _ids(target), f"{where}: no id '{fragment}' in {target}"
                checked += 1
    return checked


@pytest.mark.parametrize("name", ["shipped", "scenario", "subpath", "disk"])
def test_every_internal_link_resolves(name, tmp_path_factory):
    site = site_for(name, tmp_path_factory)
    require_page_types(site)
    assert check_links(site) > 100


def test_sub_path_build_links_stay_under_the_sub_path(tmp_path_factory):
    site = site_for("subpath", tmp_path_factory)
    page = site.soup("ilce/kagithane/index.html")
    stylesheet = page.select_one("link[rel=stylesheet]")["href"]
    assert stylesheet == f"{SUBPATH_SITEURL}/theme/css/belde.css"
    assert page.select_one("link[rel=canonical]")["href"] == f"{SUBPATH_SITEURL}/ilce/kagithane/"
    missing = site.soup("404.html")
    assert missing.select_one("link[rel=stylesheet]")["href"].startswith(SUBPATH_SITEURL + "/")


def test_disk_build_names_index_html(tmp_path_factory):
    """Opened from disk, a link to a folder shows a listing: every local link names a file."""
    site = site_for("disk", tmp_path_factory)
    page = site.soup("ilce/kagithane/index.html")
    hrefs = [a["href"] for a in page.select("a[href]") if not a["href"].startswith(("#", "http"))]
    assert hrefs and all(not urlsplit(h).path.endswith("/") for h in hrefs), hrefs
    assert "../../index.html" in hrefs


def test_sitemap_lists_every_page_and_nothing_else(tmp_path_factory):
    import xml.etree.ElementTree as ET

    site = site_for("subpath", tmp_path_factory)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.parse(site.output / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    sitemaps = [loc.text for loc in index.findall("s:sitemap/s:loc", namespace)]
    assert sitemaps[-1] == f"{SUBPATH_SITEURL}/sitemap-sayfalar.xml" and f"{SUBPATH_SITEURL}/sitemap-2024-04.xml" in sitemaps
    locations = []
    for sitemap in sitemaps:  # the items of a month in one file, every other page in the last
        tree = ET.parse(site.output / sitemap[len(SUBPATH_SITEURL) + 1:])
        found = [loc.text for loc in tree.findall("s:url/s:loc", namespace)]
        month = sitemap.rsplit("sitemap-", 1)[1][: -len(".xml")]
        assert found and all(url.startswith(f"{SUBPATH_SITEURL}/{month.replace('-', '/')}/") for url in found) or month == "sayfalar"
        locations += found
    assert len(locations) == len(set(locations))
    for location in locations:
        assert location.startswith(SUBPATH_SITEURL + "/"), location
        path = location[len(SUBPATH_SITEURL) + 1:]
        target = site.output / path
        assert (target / "index.html" if path.endswith("/") or not path else target).is_file(), location
    pages = {site.relative(p) for p in site.html_files()} - {"404.html"}
    assert len(locations) == len(pages)
    assert f"{SUBPATH_SITEURL}/404.html" not in locations


def test_disk_build_navigates_in_a_browser(tmp_path_factory):
    """Opened with file://, following links reaches pages, not folder listings."""
    from browser_support import launch_chromium

    site = site_for("disk", tmp_path_factory)
    with launch_chromium() as browser:
        page = browser.new_page()
        page.goto((site.output / "ilce/kagithane/index.html").as_uri())
        page.click("nav.breadcrumbs a >> nth=1")
        assert page.url.endswith("/ilce/index.html") and page.inner_text("h1") == "İlçeler"
        page.click("a[href$='kisi/index.html'] >> nth=0")
        assert page.inner_text("h1") == "Kişiler"
        assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"  # the stylesheet loaded
