"""sitemap.xml lists every page a reader can reach; robots.txt points crawlers to it."""

import os
from pathlib import Path
from xml.sax.saxutils import escape

from ..atomic import write_atomically
from ..press.structured import site_root

# Pages that exist for hosts, not for readers: a host serves 404.html for missing addresses.
NOT_LISTED = {"404.html"}
NO_PAGES_IN = {"pagefind"}  # the search bundle: thousands of files, none of them pages


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
    """Addresses are absolute when SITEURL is; otherwise relative to the sitemap itself."""
    root = site_root(settings)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, relative in page_urls(output, names):
        location = f"{root}/{url}" if root else (url or "./")
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(location)}</loc>")
        if relative in dates:
            lines.append(f"    <lastmod>{dates[relative]}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    target = output / "sitemap.xml"
    write_atomically(target, "\n".join(lines) + "\n")
    return target


def write_robots(output: Path, settings) -> Path:
    """Everything may be crawled; the sitemap is named when the site has an absolute address."""
    lines = ["User-agent: *", "Allow: /"]
    root = site_root(settings)
    if root:
        lines += ["", f"Sitemap: {root}/sitemap.xml"]
    target = output / "robots.txt"
    write_atomically(target, "\n".join(lines) + "\n")
    return target
