"""The archive by district and by person: terms of office decide what each page says."""

from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from conftest import make_site

from belde.turkish import tr_sort_key

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The archive scenario, built once: pagination of 3 so that Kağıthane has two pages."""
    built = make_site("archive", tmp_path_factory.mktemp("archive"), DEFAULT_PAGINATION=3)
    assert built.ledger.ok
    return built


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).replace("\xa0", " ").split())


def _heads(site, url) -> list:
    """What the item page says about each district on its date, as a reader reads it."""
    page = site.page(url)
    lines = []
    for term in page.select("aside.on-that-date dt"):
        for dd in term.find_next_siblings():
            if dd.name != "dd":
                break
            lines.append(f"{_text(term)} — {_text(dd)}")
    return lines


@pytest.mark.parametrize(
    "url, expected",
    [
        ("2024/03/kagithane-de-son-gun/", "Kağıthane — Belediye Başkanı Selim Işık (AKP)"),
        # The day one term ends and the next starts belongs to the newcomer.
        ("2024/03/kagithane-de-devir-teslim/", "Kağıthane — Belediye Başkanı Gülşen Çağlar (CHP)"),
        ("2024/04/kagithane-de-bahar-calismalari/", "Kağıthane — Belediye Başkanı Gülşen Çağlar (CHP)"),
        ("2025/01/kagithane-de-baskanvekili-secildi/", "Kağıthane — Belediye Başkanvekili İlker Öz (CHP)"),
        ("2024/10/beykoz-da-sahil-duzenlemesi/", "Beykoz — Belediye Başkanı Orhan Şen (CHP)"),
        ("2024/10/beykoz-da-yeni-donem/", "Beykoz — Kayyum Ümit Ilgaz"),
        ("2024/05/istanbul-genelinde-su-kesintisi/", "İstanbul Büyükşehir Belediyesi — Belediye Başkanı Nevin Akgül (CHP)"),
    ],
)
def test_item_page_names_the_head_on_its_date(site, url, expected):
    assert expected in _heads(site, url)


def test_interval_spanning_a_change_names_both_heads(site):
    heads = _heads(site, "2024/03/kagithane-de-gecis-donemi/")
    assert heads == [
        "Kağıthane — Belediye Başkanı Selim Işık (AKP)",
        "Kağıthane — Belediye Başkanı Gülşen Çağlar (CHP)",
    ]
    assert site.page("2024/03/kagithane-de-gecis-donemi/").select_one("header time").get_text() == "Mart–Nisan 2024"


def test_item_page_gives_each_person_their_role_on_that_date(site):
    heads = _heads(site, "2024/03/kagithane-de-devir-teslim/")
    assert "Gülşen Çağlar — Kağıthane Belediye Başkanı (CHP)" in heads
    assert "Selim Işık — Kayıtta bu tarihte bir görevi yok." in heads


def test_item_page_links_previous_and_next_within_each_district(site):
    page = site.page("2025/02/kagithane-ve-beykoz-ortak-proje/")
    navs = {nav["aria-label"]: nav for nav in page.select("nav.neighbours")}
    assert set(navs) == {"Kağıthane haberleri arasında", "Beykoz haberleri arasında"}
    assert _text(navs["Kağıthane haberleri arasında"].select_one("a[rel=prev]")) == "Önceki: Kağıthane’de başkanvekili seçildi"
    assert _text(navs["Beykoz haberleri arasında"].select_one("a[rel=prev]")) == "Önceki: Beykoz’da yeni dönem"
    assert navs["Kağıthane haberleri arasında"].select_one("a[rel=next]") is None


def test_related_items_prefer_shared_people_and_districts(site):
    page = site.page("2025/02/kagithane-ve-beykoz-ortak-proje/")
    related = [_text(a) for a in page.select(".related li a")]
    assert len(related) == 5
    assert related[:2] == ["Kağıthane’de başkanvekili seçildi", "Beykoz’da yeni dönem"]


def test_districts_index_groups_sides_in_turkish_order_with_ibb_first(site):
    page = site.page("ilce/")
    sections = page.select("main section")
    assert [_text(s.h2) for s in sections] == ["Büyükşehir", "Avrupa yakası", "Anadolu yakası"]
    assert _text(sections[0].select_one("li a")) == "İstanbul Büyükşehir Belediyesi"
    europe = [_text(li.a) for li in sections[1].select("li")]
    asia = [_text(li.a) for li in sections[2].select("li")]
    assert len(europe) + len(asia) == 39
    assert europe.index("Çatalca") == europe.index("Büyükçekmece") + 1
    assert asia.index("Şile") > asia.index("Sultanbeyli")
    assert asia[-2:] == ["Ümraniye", "Üsküdar"] and asia.index("Tuzla") < asia.index("Ümraniye")


def test_districts_index_shows_counts_and_current_heads(site):
    page = site.page("ilce/")
    rows = {_text(li.a): _text(li) for li in page.select("ul.districts li")}
    assert rows["Kağıthane"] == "Kağıthane 6 haber Belediye Başkanvekili İlker Öz (CHP)"
    assert rows["Beykoz"] == "Beykoz 3 haber Kayyum Ümit Ilgaz"
    assert rows["Adalar"] == "Adalar 0 haber"


def test_district_page_timeline_groups_and_pagination(site):
    page = site.page("ilce/kagithane/")
    timeline = [_text(li) for li in page.select("ol.timeline > li")]
    assert timeline[0].startswith("20 Ocak 2025 – görevde Belediye Başkanvekili İlker Öz (CHP)")
    assert timeline[1].startswith("31 Mart 2024 – 15 Ocak 2025 Belediye Başkanı Gülşen Çağlar (CHP)")
    assert timeline[2].startswith("31 Mart 2019 – 31 Mart 2024 Belediye Başkanı Selim Işık (AKP)")
    groups = [_text(h) for h in page.select("h3.group")]
    assert groups == ["İlker Öz (CHP), 2025–", "Gülşen Çağlar (CHP), 2024–2025"]
    assert len(page.select(".items > li")) == 3
    following = page.select_one(".pagination a[rel=next]")
    assert _text(following) == "Daha eski haberler →"
    second = site.page(urljoin("ilce/kagithane/", following["href"]))
    assert second.select_one(".pagination a[rel=prev]") is not None
    assert [_text(h) for h in second.select("h3.group")] == ["Gülşen Çağlar (CHP), 2024–2025", "Selim Işık (AKP), 2019–2024"]
    years = {_text(a): a["href"] for a in page.select("nav.years a")}
    assert list(years) == ["2025", "2024"]
    assert years["2024"].endswith("#yil-2024")


def test_every_district_and_person_has_a_page(site):
    assert len(list(site.output.glob("ilce/*/index.html"))) == 40
    empty = site.page("ilce/adalar/")
    assert "Bu ilçe için henüz haber yok." in _text(empty)
    assert site.path("kisi/cagan-ekinci/").is_file()


def test_people_index_sorted_by_surname_in_turkish_order(site):
    names = [_text(li.a) for li in site.page("kisi/").select("ul.people li")]
    surnames = [n.split()[-1] for n in names]
    assert surnames == ["Akgül", "Çağlar", "Doğan", "Ekinci", "Ilgaz", "Işık", "Öz", "Şen"]


def test_people_index_shows_role_today_or_last(site):
    rows = {_text(li.a): _text(li) for li in site.page("kisi/").select("ul.people li")}
    assert "Kağıthane Belediye Başkanı (CHP), 2024–2025" in rows["Gülşen Çağlar"]
    assert "Kağıthane Belediye Başkan Yardımcısı (CHP), 2024–" in rows["Cemile Doğan"]


def test_person_page_lists_roles_and_items(site):
    page = site.page("kisi/gulsen-caglar/")
    assert _text(page.h1) == "Gülşen Çağlar"
    assert "Kağıthane Belediye Başkanı (CHP)" in _text(page.select_one("ol.timeline"))
    assert [_text(a) for a in page.select(".items h3 a")] == ["Kağıthane’de devir teslim"]


@pytest.mark.parametrize(
    "feed, titles",
    [
        ("ilce/beykoz/atom.xml", ["Kağıthane ve Beykoz ortak proje", "Beykoz’da yeni dönem", "Beykoz’da sahil düzenlemesi"]),
        ("kisi/ilker-oz/atom.xml", ["Kağıthane ve Beykoz ortak proje", "Kağıthane’de başkanvekili seçildi"]),
    ],
)
def test_term_feeds_parse_with_the_right_entries(site, feed, titles):
    parsed = feedparser.parse(site.path(feed).read_bytes())
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == titles


def test_date_archives_in_turkish(site):
    archive = site.page("arsiv/")
    assert [_text(a) for a in archive.select("ul.months a")][:3] == ["Şubat", "Ocak", "Ekim"]
    month = site.page("arsiv/2024/10/")
    assert _text(month.h1) == "Ekim 2024"
    assert [_text(a) for a in month.select(".items h3 a")] == ["Beykoz’da yeni dönem", "Beykoz’da sahil düzenlemesi"]
    crumbs = [_text(li) for li in month.select("nav.breadcrumbs li")]
    assert crumbs == ["Ana sayfa", "Arşiv", "2024", "Ekim 2024"]
    assert month.select_one('nav.breadcrumbs [aria-current="page"]').get_text() == "Ekim 2024"


def test_topic_pages_and_index(site):
    topics = [_text(li.a) for li in site.page("konu/").select("ul.topics li")]
    assert topics == sorted(topics, key=tr_sort_key)
    assert "İSKİ" in topics
    park = site.page("konu/park/")
    assert [_text(a) for a in park.select(".items h3 a")] == ["Kağıthane ve Beykoz ortak proje", "Kağıthane’de bahar çalışmaları"]


def test_every_page_has_breadcrumbs_and_current_navigation(site):
    for path in site.html_files():
        if path.name == "404.html" or path == site.output / "index.html" or "sayfa" in path.parts:
            continue
        page = site.page(str(path.relative_to(site.output)))
        assert page.select_one("nav.breadcrumbs [aria-current=page]"), path


def test_every_internal_link_resolves(site):
    for path in site.html_files():
        page = site.page(str(path.relative_to(site.output)))
        base = str(path.relative_to(site.output))
        for anchor in page.select("a[href], link[href]"):
            href = anchor["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            target = (path.parent / href.split("#")[0]).resolve()
            if href.split("#")[0].endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{base}: {href}"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    built = make_site(ROOT / "content", tmp_path_factory.mktemp("shipped"), registry=ROOT / "content" / "registry")
    assert built.ledger.ok
    return built


def test_shipped_site_has_every_district_and_person_page(shipped):
    from belde.registry import load_registry

    registry = load_registry(ROOT / "content" / "registry")
    assert len(list(shipped.output.glob("ilce/*/index.html"))) == 40  # 39 districts and İBB
    for person in registry.people:
        assert shipped.path(f"kisi/{person.slug}/").is_file(), person.name


def test_shipped_kagithane_page_files_the_seed_under_the_2024_term(shipped):
    page = shipped.page("ilce/kagithane/")
    timeline = [_text(li) for li in page.select("ol.timeline > li")]
    assert [t.split(" Belediye Başkanı ")[1][:20] for t in timeline] == ["Mevlüt Öztekin (AKP)"] * 2
    assert timeline[0].startswith("31 Mart 2024 – görevde") and timeline[1].startswith("31 Mart 2019 – 31 Mart 2024")
    assert [_text(h) for h in page.select("h3.group")] == ["Mevlüt Öztekin (AKP), 2024–"]
    assert "Kağıthane Belediye Başkanı Öztekin’e tebrik ziyareti" in _text(page.select_one(".items"))


def test_shipped_seed_item_names_the_mayors_on_its_date(shipped):
    [item] = shipped.output.glob("2024/04/*/index.html")
    heads = _heads(shipped, str(item.relative_to(shipped.output)))
    assert "Kağıthane — Belediye Başkanı Mevlüt Öztekin (AKP)" in heads
    assert "İstanbul Büyükşehir Belediyesi — Belediye Başkanı Ekrem İmamoğlu (CHP)" in heads
