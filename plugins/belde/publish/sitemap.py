"""sitemap.xml indexes sitemaps of every page a reader can reach; robots.txt points crawlers to it."""

import os
import re
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

from ..atomic import write_if_changed
from ..press.structured import site_root

# Pages that exist for hosts, not for readers: a host serves 404.html for missing addresses.
NOT_LISTED = {"404.html"}
NO_PAGES_IN = {"pagefind"}  # the search bundle: thousands of files, none of them pages
PROTOCOL_LIMIT = 50_000  # addresses in one sitemap file (sitemaps.org)
OTHER_PAGES = "sayfalar"  # the sitemap of every page that is not an item
SITEMAP_FILE = re.compile(rf"sitemap-(\d{{4}}-\d{{2}}|{OTHER_PAGES})(-\d+)?\.xml")  # the names written below


def page_urls(output: Path, names=None) -> list:
    """(url relative to the site root, file) for every HTML page, index pages as folders: the
    pages named (paths inside output, as the build's writer knows them), or else every HTML
    file found in output."""
    if names is None:
        names = []
        for folder, folders, files in os.walk(output):
            if folder == str(output):
                folders[:] = [name for name in folders if name not in NO_PAGES_IN]
            base = os.path.relpath(folder, output).replace(os.sep, "/")
            names += [name if base == "." else f"{base}/{name}" for name in files]
    pages = []
    for relative in sorted({n for n in names if n.endswith(".html")}, key=lambda name: name.split("/")):
        if relative in NOT_LISTED or relative.split("/", 1)[0] in NO_PAGES_IN:
            continue
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        pages.append((url, relative))
    return pages


def write_sitemap(output: Path, settings, dates: dict, names=None) -> Path:
    """sitemap.xml, an index of sitemaps: the items of each month in one, every other page in
    another. The sitemaps protocol allows 50,000 addresses a file, which an archive of tens of
    thousands of items outgrows; and a new item changes only its month's file, so that a publish
    build compresses that one again rather than megabytes (compress.py). Addresses are absolute
    when SITEURL is; otherwise relative to the sitemap itself."""
    root = site_root(settings)
    groups = defaultdict(list)
    for url, relative in page_urls(output, names):
        when = dates.get(relative)
        groups[when[:7] if when else OTHER_PAGES].append((f"{root}/{url}" if root else (url or "./"), when))
    files = {}
    for group in sorted(groups, key=lambda g: (g == OTHER_PAGES, g)):
        entries = groups[group]
        for part in range(0, len(entries), PROTOCOL_LIMIT):
            name = f"sitemap-{group}{'' if part == 0 else '-' + str(part // PROTOCOL_LIMIT + 1)}.xml"
            files[name] = entries[part : part + PROTOCOL_LIMIT]
    index = ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for name, entries in files.items():
        write_if_changed(output / name, _urlset(entries))
        newest = max((when for _, when in entries if when), default=None)
        index += ["  <sitemap>", f"    <loc>{escape(f'{root}/{name}' if root else name)}</loc>"]
        index += [f"    <lastmod>{newest}</lastmod>"] if newest else []
        index.append("  </sitemap>")
    index.append("</sitemapindex>")
    for stale in output.glob("sitemap-*.xml"):  # a month with no items left (not a file of the site's own)
        if stale.name not in files and SITEMAP_FILE.fullmatch(stale.name):
            stale.unlink()
    target = output / "sitemap.xml"
    write_if_changed(target, "\n".join(index) + "\n")
    return target


def _urlset(entries: list) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for location, when in entries:
        lines += ["  <url>", f"    <loc>{escape(location)}</loc>"]
        lines += [f"    <lastmod>{when}</lastmod>"] if when else []
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_robots(output: Path, settings) -> Path:
    """Everything may be crawled; the sitemap is named when the site has an absolute address."""
    lines = ["User-agent: *", "Allow: /"]
    root = site_root(settings)
    if root:
        lines += ["", f"Sitemap: {root}/sitemap.xml"]
    target = output / "robots.txt"
    write_if_changed(target, "\n".join(lines) + "\n")
    return target
