"""A first complete site: items in both front-matter syntaxes, Turkish dates, links, feeds."""

from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def test_yaml_item_page_shows_what_a_reader_needs(build_site):
    site = build_site("foundation")
    page = site.page("2024/04/kagithane-de-yeni-kutuphane-acildi/")
    assert page.html["lang"] == "tr"
    assert page.h1.get_text() == "Kağıthane’de yeni kütüphane açıldı"
    assert page.select_one("header time").get_text() == "22 Nisan 2024 Pazartesi"
    assert page.select_one("header time")["datetime"] == "2024-04-22"
    links = {a.get_text(): a["href"] for a in page.select("aside.on-that-date a")}
    assert links["Kağıthane"].endswith("ilce/kagithane/")
    assert links["Gülşen Çağlar"].endswith("kisi/gulsen-caglar/")
    assert "Kaynak: DHA" in page.select_one(".item-meta").get_text()
    assert page.select_one(".dateline").get_text() == "İSTANBUL –"


def test_body_is_typeset_with_turkish_acronyms(build_site):
    page = build_site("foundation").page("2024/04/kagithane-de-yeni-kutuphane-acildi/")
    body = page.select_one(".item-body")
    assert [span.get_text() for span in body.select("span.caps")] == ["İBB", "İSKİ"]
    assert "“herkese açık”" in body.get_text()
    assert "İSKİ’nin" in body.get_text()
    assert body.find("h2").get_text().replace("\xa0", " ") == "Kütüphane saatleri"


def test_typography_is_written_as_characters_not_entities(build_site):
    site = build_site("foundation")
    html = site.path("2024/04/kagithane-de-yeni-kutuphane-acildi/").read_text(encoding="utf-8")
    assert "İSKİ</span>’nin" in html and "“herkese açık”" in html
    assert "&#82" not in html and "&nbsp;" not in html


def test_native_pelican_header_goes_through_the_same_schema(build_site):
    site = build_site("foundation")
    page = site.page("2024/04/beykoz-sahilinde-temizlik/")
    assert page.select_one("header time").get_text() == "25 Nisan 2024 Perşembe"
    assert [a.get_text() for a in page.select("a[rel=tag]")] == ["çevre", "sahil"]
    assert "Kaynak: İHA" in page.select_one(".item-meta").get_text()


def test_drafts_are_counted_but_not_published(build_site):
    site = build_site("foundation")
    assert site.ledger.summary() == "3 read, 2 published, 0 refused, 1 drafts"
    assert not site.path("2024/04/taslak-haber/").exists()
    assert "items: 3 read, 2 published, 0 refused" in site.log


def test_home_lists_latest_items_and_leads_into_the_archive(build_site):
    home = build_site("foundation").page("")
    titles = [a.get_text() for a in home.select(".items h3 a")]
    assert titles == ["Beykoz sahilinde temizlik", "Kağıthane’de yeni kütüphane açıldı"]
    nav = [a.get_text() for a in home.select("header nav a")]
    assert nav == ["Ana sayfa", "İlçeler", "Kişiler", "Konular", "Arşiv", "Ara"]
    assert home.select_one('header nav a[aria-current="page"]').get_text() == "Ana sayfa"
    assert home.select_one("a.skip-link")["href"] == "#main"
    assert home.find("main")["id"] == "main"


def test_home_lists_only_the_newest_items_and_sends_readers_to_the_archive(build_site):
    site = build_site("foundation", BELDE_HOME_ITEMS=1)
    home = site.page("")
    assert [a.get_text() for a in home.select(".items h3 a")] == ["Beykoz sahilinde temizlik"]
    assert home.select_one("p.more a")["href"].endswith("arsiv/")
    assert not site.path("sayfa/2/").exists()  # the month pages list the rest, not home pages


def test_atom_feed_parses_with_the_items(build_site):
    site = build_site("foundation")
    feed = feedparser.parse(site.path("atom.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Beykoz sahilinde temizlik", "Kağıthane’de yeni kütüphane açıldı"]


def test_not_found_page_exists(build_site):
    page = build_site("foundation").page("404.html")
    assert page.h1.get_text() == "Sayfa bulunamadı"


def test_seed_item_links_its_district_and_people(build_site):
    site = build_site(ROOT / "content", registry=ROOT / "content" / "registry")
    assert site.ledger.ok and site.ledger.published == 1
    [item] = [p for p in site.output.glob("2024/04/*/index.html")]
    page = site.page(str(item.parent.relative_to(site.output)) + "/")
    assert page.select_one("header time").get_text() == "Nisan–Haziran 2024"
    links = {a.get_text() for a in page.select("aside.on-that-date a")}
    assert {"Kağıthane", "Ekrem İmamoğlu", "Mevlüt Öztekin"} <= links


def test_a_markdown_extension_a_site_adds_acts_on_plain_bodies_too(build_site, content_dir):
    """Plain paragraphs are written without Markdown only while MARKDOWN is Belde's own
    (press/plain_markdown.py); an extension a site adds, here nl2br, still sees every body."""
    content_dir("2024/04/lines.md", "---\ntitle: Beykoz temizliği sürüyor\ndate: 2024-04-25\ndistrict: Beykoz\n"
                "---\nSahil temizliği sürüyor\nve hafta sonu bitecek.\n")
    page = "2024/04/beykoz-temizligi-suruyor/"
    as_configured = build_site(content_dir.folder).page(page).select_one(".item-body p")
    assert as_configured.find("br") is None and "sürüyor\nve hafta" in as_configured.get_text()
    markdown = {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.nl2br": {}}, "output_format": "html5"}
    with_nl2br = build_site(content_dir.folder, MARKDOWN=markdown).page(page).select_one(".item-body p")
    assert with_nl2br.find("br") is not None


def test_a_link_to_another_item_by_its_file_reaches_that_items_page(build_site, content_dir):
    """Pelican's {filename} links are resolved in bodies that have them; other bodies print as read."""
    source = DATA / "foundation" / "2024" / "04"
    content_dir("2024/04/yaml-item.md", source=source / "yaml-item.md")
    content_dir("2024/04/native-item.md", source=source / "native-item.md")
    content_dir("2024/04/linking.md", "---\ntitle: Beykoz temizliği sürüyor\ndate: 2024-04-25\ndistrict: Beykoz\n"
                "---\nÖnceki haber: [sahilde temizlik]({filename}/2024/04/native-item.md).\n")
    site = build_site(content_dir.folder)
    assert site.ledger.ok
    link = site.page("2024/04/beykoz-temizligi-suruyor/").select_one(".item-body a")
    target = site.path("2024/04/beykoz-temizligi-suruyor/").parent / link["href"]
    assert link.get_text() == "sahilde temizlik" and (target / "index.html").resolve().is_file()
    assert (target / "index.html").resolve() == site.path("2024/04/beykoz-sahilinde-temizlik/").resolve()
