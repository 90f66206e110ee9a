"""Search: Pagefind's index of item pages, the ara/ page, and real searches in headless Chromium.

tests/data/search holds four fictional items (people from tests/data/registry): Kağıthane's
Işıklı library (DHA, 2024), an İSKİ water cut (İHA, 2024), a Beykoz council meeting (AA, 2025)
and a Sarıyer park (2025). The shipped content/ is searched too.
"""

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode

import pytest
from bs4 import BeautifulSoup

from belde.build import build
from belde.search import search_fold
from belde.search.runs import Shard, index_shards
from belde.search.search import plan_shards, shard_of
from browser_support import launch_chromium, serve
from conftest import DATA, ROOT, TEST_REGISTRY, TODAY

LIBRARY = "2024/06/kagithane-de-yeni-kutuphane-acildi/"
WATER = "2024/05/iski-den-planli-su-kesintisi-duyurusu/"
COUNCIL = "2025/02/beykoz-da-meclis-toplantisi/"
PARK = "2025/04/sariyer-de-sahil-parki-yenilendi/"


def _build(output: Path, content: Path, registry: Path, **settings) -> Path:
    ledger = _ledger(output, content, registry, **settings)
    assert ledger.ok, ledger.summary()
    return output


def _ledger(output: Path, content: Path, registry: Path, **settings):
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(Path(output).parent / (Path(output).name + "-cache")),
        "BELDE_REGISTRY_PATH": str(registry),
        "BELDE_TODAY": TODAY,
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        **settings,
    }
    return build(str(ROOT / "pelicanconf.py"), overrides)


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("search") / "output", DATA / "search", TEST_REGISTRY)


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    content = ROOT / "content"
    return _build(tmp_path_factory.mktemp("shipped") / "output", content, content / "registry")


def page(output: Path, url: str) -> BeautifulSoup:
    target = output / url / "index.html" if url == "" or url.endswith("/") else output / url
    return BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")


# --- the index, read from the built files ---------------------------------------------------


def test_item_pages_carry_filters_and_result_fields(search_site):
    soup = page(search_site, LIBRARY)
    body = soup.select("[data-pagefind-body]")
    assert len(body) == 1 and body[0].name == "article"

    def values(attribute, key):
        return [e.get_text(strip=True) for e in soup.select(f'[{attribute}="{key}"]')]

    assert values("data-pagefind-filter", "ilce") == ["Kağıthane"]
    assert values("data-pagefind-filter", "kisi") == ["Gülşen Çağlar"]
    assert values("data-pagefind-filter", "yil") == ["2024"]
    assert values("data-pagefind-filter", "kaynak") == ["DHA"]
    assert values("data-pagefind-meta", "tarih") == ["12 Haziran 2024 Çarşamba"]
    assert values("data-pagefind-meta", "ilceler") == ["Kağıthane"]
    assert values("data-pagefind-sort", "tarih") == ["2024-06-12"]
    # An item without a source has no source filter.
    assert not page(search_site, PARK).select('[data-pagefind-filter="kaynak"]')


def test_folded_words_are_indexed_but_hidden(search_site):
    fold = page(search_site, LIBRARY).select_one(".search-fold")
    assert fold.has_attr("hidden") and fold.get("aria-hidden") == "true"
    assert fold.find_parent(attrs={"data-pagefind-body": True}) is not None
    words = fold.get_text().split()
    assert words[0] == "⁂"  # search.js cuts excerpts here
    assert {"kagithane", "isikli"} <= set(words)
    assert "belediyesi" not in words  # Pagefind indexes ASCII words as they are


def test_index_pages_and_navigation_are_not_indexed(search_site):
    for url in ("", "ilce/", "ilce/kagithane/", "kisi/", "arsiv/", "arsiv/2024/", "konu/", "ara/", "404.html"):
        assert not page(search_site, url).select("[data-pagefind-body]"), url
    item = page(search_site, LIBRARY)
    for selector in (".site-header", ".breadcrumbs", ".site-footer"):
        for element in item.select(selector):
            assert element.find_parent(attrs={"data-pagefind-body": True}) is None, selector
    for selector in (".neighbours", ".on-that-date"):
        for element in item.select(selector):
            assert element.has_attr("data-pagefind-ignore"), selector


def test_pagefind_bundle_is_written_one_shard_for_each_of_the_newest_months_then_one_per_year(search_site):
    root = search_site / "pagefind"
    plan = json.loads((root / "shards.json").read_text(encoding="utf-8"))
    shards = plan["shards"]
    # Items: 2024-05, 2024-06, 2025-02 and 2025-04. The two newest months are shards of their
    # own (BELDE_SEARCH_MONTHS); the newest is all 'son': it has fewer items than
    # BELDE_SEARCH_NEWEST, so all of them are its newest. 2025 has no other month.
    assert shards == ["2025-04-son", "2025-02", "2024"]
    assert plan["globs"]["2025-02"] == "2025/02/*/index.html"
    assert _indexed_pages(root) == {"2025-04-son": 1, "2025-02": 1, "2024": 2}
    for shard in shards:
        bundle = root / shard
        assert (bundle / "pagefind.js").is_file()
        # Only what search.js loads: no ready-made interfaces, no WebAssembly of other languages.
        assert [p.name for p in bundle.glob("pagefind-*ui*")] == [] and not (bundle / "pagefind-highlight.js").exists()
        assert [p.name for p in bundle.glob("wasm.*")] == ["wasm.tr.pagefind"]
        assert list(bundle.glob("pagefind.tr_*.pf_meta")), "the index is Turkish"
        assert list((bundle / "fragment").glob("*.pf_fragment"))


def test_the_newest_month_is_cut_after_its_newest_items_beyond_a_multiple():
    month = [f"2025/12/haber-{i}/index.html" for i in range(7)]  # newest first
    names = month + ["2025/11/eski/index.html", "2024/05/daha-eski/index.html"]
    plan = plan_shards(names, "*/*/*/index.html", by_month=True, newest=3)
    assert plan == {
        "2025-12-son": "2025/12/{haber-0}/index.html",  # 7 = 2 × 3 + 1
        "2025-12": "2025/12/{haber-1,haber-2,haber-3,haber-4,haber-5,haber-6}/index.html",
        "2025": "2025/11/*/index.html",
        "2024": "2024/*/*/index.html",
    }
    assert [shard_of(name, plan) for name in names[:2]] == ["2025-12-son", "2025-12"]
    assert shard_of("2025/12/silinen/index.html", plan) == "2025-12-son"  # an item gone: its month
    # One more item: the newest shard takes it, and the rest of the month keeps its glob.
    again = plan_shards(["2025/12/haber-yeni/index.html", *names], "*/*/*/index.html", by_month=True, newest=3)
    assert again["2025-12-son"] == "2025/12/{haber-0,haber-yeni}/index.html" and again["2025-12"] == plan["2025-12"]
    assert plan_shards(names, "*/*/*/index.html", by_month=True, newest=0)["2025-12"] == "2025/12/*/index.html"
    # Items of one moment stay together: the newest shard takes the whole of the newest day.
    days = [dt.date(2025, 12, 31)] * 2 + [dt.date(2025, 12, 30)] * 5 + [dt.date(2025, 11, 2), dt.date(2024, 5, 1)]
    by_day = plan_shards(names, "*/*/*/index.html", by_month=True, newest=3, moments=days)
    assert by_day["2025-12-son"] == "2025/12/{haber-0,haber-1}/index.html"
    # The newest months each alone: a corrected item of last month re-indexes that month.
    three = names + ["2025/10/ekim/index.html", "2025/09/eylul/index.html"]
    assert plan_shards(three, "*/*/*/index.html", by_month=True, newest=3, months=2) == {
        "2025-12-son": "2025/12/{haber-0}/index.html",
        "2025-12": "2025/12/{haber-1,haber-2,haber-3,haber-4,haber-5,haber-6}/index.html",
        "2025-11": "2025/11/*/index.html",
        "2025": "2025/{09,10}/*/index.html",
        "2024": "2024/*/*/index.html",
    }
    across = plan_shards(["2026/01/ocak/index.html", *three], "*/*/*/index.html", by_month=True, newest=3, months=2)
    assert list(across) == ["2026-01-son", "2025-12", "2025", "2024"]
    assert across["2025"] == "2025/{09,10,11}/*/index.html"
    # A year of more pages than `largest` is indexed in runs of months, each at most that large.
    busy = [f"2024/{month:02}/haber-{i}/index.html" for month in range(12, 0, -1) for i in range(month % 3 + 1)]
    split = plan_shards(names + busy, "*/*/*/index.html", by_month=True, newest=3, months=2, largest=7)
    assert {name: glob for name, glob in split.items() if name.startswith("2024")} == {
        "2024-10_12": "2024/{10,11,12}/*/index.html",  # 2 + 3 + 1 pages
        "2024-07_09": "2024/{07,08,09}/*/index.html",  # 2 + 3 + 1
        "2024-04_06": "2024/{04,05,06}/*/index.html",  # 2 + 4 + 1 (daha-eski is of May): 7
        "2024-01_03": "2024/{01,02,03}/*/index.html",  # 2 + 3 + 1; April's 2 more would make 8
    }
    # A month too large to list in one command-line argument stays one shard.
    crowded = [f"2025/12/{'uzun-' * 5000}{i}/index.html" for i in range(5)]
    assert plan_shards(crowded, "*/*/*/index.html", by_month=True, newest=3) == {"2025-12": "2025/12/*/index.html"}


def _indexed_pages(root) -> dict:
    entries = {}
    for entry in root.glob("*/pagefind-entry.json"):
        entries[entry.parent.name] = json.loads(entry.read_text(encoding="utf-8"))["languages"]["tr"]["page_count"]
    return entries


def _search_line(output: Path, **settings) -> str:
    ledger = _ledger(output, DATA / "search", TEST_REGISTRY, **settings)
    assert ledger.ok, ledger.summary()
    return next(line for line in ledger.lines if line.startswith("search:"))


def test_shards_are_indexed_at_once_while_their_pages_fit_the_budget(tmp_path):
    """Pagefind's memory grows with the pages it indexes at once: runs overlap, one per worker,
    only while their pages together fit BELDE_SEARCH_PAGES_AT_ONCE, in the plan's order; the
    index holds the same pages either way."""
    one = _search_line(tmp_path / "one", BELDE_WORKERS=1)
    two = _search_line(tmp_path / "two", BELDE_WORKERS=2)
    assert re.search(r"\(3 of 3 shards, 1 at once, \d+ MiB\)", one)
    assert re.search(r"\(3 of 3 shards, 2 at once, \d+ MiB\)", two)
    indexed = {"2025-04-son": 1, "2025-02": 1, "2024": 2}
    assert _indexed_pages(tmp_path / "one" / "pagefind") == _indexed_pages(tmp_path / "two" / "pagefind") == indexed

    globs = json.loads((tmp_path / "two" / "pagefind" / "shards.json").read_text(encoding="utf-8"))["globs"]
    year, month = Shard("2024", globs["2024"], 2), Shard("2025-02", globs["2025-02"], 1)
    alone = index_shards(tmp_path / "two", tmp_path / "alone", [year, month], "tr", workers=2, pages_at_once=2)
    together = index_shards(tmp_path / "two", tmp_path / "together", [year, month], "tr", workers=2, pages_at_once=3)
    assert alone["most_at_once"] == 1 and together["most_at_once"] == 2
    for run in (alone, together):
        assert {name: figures["pages"] for name, figures in run["shards"].items()} == {"2024": 2, "2025-02": 1}
    assert _indexed_pages(tmp_path / "together") == {"2024": 2, "2025-02": 1}


def test_the_memory_reported_is_pagefinds_own_not_the_builds(tmp_path):
    """A process started from the build counts the build's resident memory in its peak at exit,
    until its program replaces it; the figure reported is Pagefind's own, read while it runs."""
    site = _build(tmp_path / "site", DATA / "search", TEST_REGISTRY, BELDE_SEARCH=False)
    held = b"x" * (400 << 20)  # a build of some size: 400 MiB resident
    shard = Shard("2024", "2024/*/*/index.html", 2)
    done = index_shards(site, tmp_path / "index", [shard], "tr", workers=1, pages_at_once=3000)
    assert done["shards"]["2024"]["pages"] == 2 and len(held) == 400 << 20
    assert 0 < done["peak_kib"] < 200 << 10, f"{done['peak_kib'] >> 10} MiB"


def test_search_off_writes_no_index(build_site):
    site = build_site("search", BELDE_SEARCH=False)
    assert not (site.output / "pagefind").exists()
    assert site.path("ara/").is_file()


def test_search_page_without_javascript_explains_and_links(search_site):
    soup = page(search_site, "ara/")
    nojs = soup.select_one("#search-nojs")
    assert "JavaScript" in nojs.get_text()
    links = {a["href"] for a in nojs.select("a")}
    assert {"../ilce/", "../kisi/"} <= links
    assert soup.select_one("#search-form").has_attr("hidden")
    for control in soup.select("#search-form input, #search-form select"):
        assert soup.select_one(f'label[for="{control["id"]}"]'), control["id"]
    status = soup.select_one("#search-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    districts = [o["value"] for o in soup.select("#search-ilce option") if o["value"]]
    assert "Adalar" in districts and "Kağıthane" in districts  # every district, with items or not
    # The sources are in the page, in Turkish order, so the script need not load every filter index.
    assert [o["value"] for o in soup.select("#search-kaynak option")] == ["", "AA", "DHA", "İHA"]


def test_the_source_filter_lists_the_sources_in_turkish_order(build_site, content_dir):
    """Ç right after C: code-point order would put Çatalca after every unaccented letter."""
    for number, source in enumerate(["Esenler", "İHA", "Çatalca", "DHA"]):  # agencies and municipalities
        content_dir(f"2024/05/haber-{number}.md", f"---\ntitle: Beykoz'da haber {number}\ndate: 2024-05-0{number + 1}\n"
                    f"district: Beykoz\nsource: {source}\n---\nMetin.\n")  # fmt: skip
    site = build_site(content_dir.folder)
    options = [o["value"] for o in page(site.output, "ara/").select("#search-kaynak option")]
    assert options == ["", "Çatalca", "DHA", "Esenler", "İHA"]


def test_every_page_links_to_search_and_only_ara_loads_the_script(search_site):
    for url in ("", "ilce/", LIBRARY, "ara/"):
        soup = page(search_site, url)
        link = soup.select_one("nav li a[href$='ara/']")
        assert link is not None and link.get_text() == "Ara", url
        assert (link.get("aria-current") == "page") == (url == "ara/"), url
        scripts = [s.get("src", "") for s in soup.select("script[src]")]
        assert any(s.endswith("theme/js/search.js") for s in scripts) == (url == "ara/"), url


def test_search_fold_keeps_only_what_pagefind_would_miss():
    assert search_fold("Kağıthane'de İmamoğlu belediye") == "kagithane"
    assert search_fold(["IŞIK", "<span class='caps'>İSKİ</span> Işıklı"]) == "isikli"  # IŞIK: i, not ı
    assert search_fold("İmamoğlu seçilen ILIK") == ""  # Pagefind folds these itself
    assert search_fold("Sarıyer &amp; Sarıyer’de") == "sariyer"


# --- real searches in headless Chromium -----------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def search_server(search_site):
    with serve(search_site) as base_url:
        yield base_url


def _wait(page_, expected_search: str | None = None):
    """Until search.js has shown the results for the current URL (and that URL is expected_search)."""
    page_.wait_for_function(
        "(expected) => { const l = document.getElementById('search-results');"
        " return l && l.dataset.done === window.location.search"
        " && (expected === null || window.location.search === expected); }",
        arg=expected_search,
    )


def _results(page_) -> list[str]:
    hrefs = page_.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))")
    return [href.lstrip("/") for href in hrefs]


def open_search(browser, base_url, query: str = ""):
    page_ = browser.new_page()
    page_.goto(base_url + "ara/" + query)
    _wait(page_)
    return page_


def search(page_, text: str):
    page_.fill("#search-q", text)
    page_.press("#search-q", "Enter")
    _wait(page_, "?" + urlencode({"q": text}, quote_via=quote_plus))
    return _results(page_)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kagithane", {LIBRARY}),
        ("KAĞITHANE", {LIBRARY}),
        ("Kağıthane'de", {LIBRARY}),
        ("isikli", {LIBRARY}),
        ("IŞIKLI", {LIBRARY}),
        ("iski", {WATER}),
        ("İSKİ", {WATER}),
        ("ISKI", {WATER}),
        ("gulsen caglar", {LIBRARY}),
        ("sariyer", {PARK}),
        ("kesintileri", {WATER}),
    ],
)
def test_turkish_queries_find_their_items(browser, search_server, query, expected):
    page_ = open_search(browser, search_server)
    try:
        assert set(search(page_, query)) == expected
    finally:
        page_.close()


@pytest.mark.parametrize("query", ["belediye", "belediyesi", "belediyeleri"])
def test_inflected_forms_find_the_plain_word(browser, search_server, query):
    page_ = open_search(browser, search_server)
    try:
        found = search(page_, query)
        assert COUNCIL in found, found  # its text says only 'belediye meclisi'
        assert LIBRARY in found  # 'Kağıthane Belediyesi'
    finally:
        page_.close()


def test_result_shows_title_date_districts_and_marked_excerpt(browser, search_server):
    page_ = open_search(browser, search_server)
    try:
        assert search(page_, "isikli") == [LIBRARY]
        result = page_.locator("#search-results li").first
        assert result.locator("h2 a").inner_text() == "Kağıthane’de yeni kütüphane açıldı"
        assert result.locator(".search-date").inner_text() == "12 Haziran 2024 Çarşamba"
        assert result.locator(".search-districts").inner_text() == "Kağıthane"
        assert result.locator("mark").all_inner_texts() == ["Işıklı"]
        excerpt = result.locator(".search-excerpt").inner_text()
        assert "⁂" not in excerpt and "isikli" not in excerpt  # folded words never show
        assert page_.locator("#search-status").inner_text() == "“isikli” için 1 sonuç bulundu."
        assert page_.evaluate("window.location.search") == "?q=isikli"
    finally:
        page_.close()


def test_filters_live_in_the_url_and_narrow_results(browser, search_server):
    page_ = open_search(browser, search_server, "?yil=2025")
    try:
        assert set(_results(page_)) == {COUNCIL, PARK}
        assert page_.locator("#search-yil").input_value() == "2025"
        page_.select_option("#search-ilce", "Beykoz")
        _wait(page_, "?ilce=Beykoz&yil=2025")
        assert _results(page_) == [COUNCIL]
        page_.select_option("#search-ilce", "Adalar")  # a district with no items
        _wait(page_, "?ilce=Adalar&yil=2025")
        assert _results(page_) == []
        assert "sonuç bulunamadı" in page_.locator("#search-status").inner_text()
    finally:
        page_.close()


def test_shared_url_restores_query_and_filters(browser, search_server):
    page_ = open_search(browser, search_server, "?q=" + quote("kagithane") + "&kaynak=DHA&kisi=" + quote("Gülşen Çağlar"))
    try:
        assert page_.locator("#search-q").input_value() == "kagithane"
        assert page_.locator("#search-kaynak").input_value() == "DHA"
        assert page_.locator("#search-kisi").input_value() == "Gülşen Çağlar"
        assert _results(page_) == [LIBRARY]
        page_.select_option("#search-kaynak", "İHA")
        _wait(page_, "?q=kagithane&kisi=" + quote_plus("Gülşen Çağlar") + "&kaynak=" + quote("İHA"))
        assert _results(page_) == []
    finally:
        page_.close()


def test_shipped_content_kagithane_finds_the_seed_item(browser, shipped_site):
    seed = "2024/04/imamoglundan-kagithane-belediye-baskani-oztekine-tebrik-ziyareti/"
    with serve(shipped_site) as base_url:
        page_ = open_search(browser, base_url)
        try:
            assert search(page_, "kagithane") == [seed]
            assert search(page_, "imamoglu") == [seed]
            assert re.search(r"Nisan–Haziran 2024", page_.locator(".search-date").first.inner_text())
            page_.select_option("#search-ilce", "Adalar")
            _wait(page_, "?q=imamoglu&ilce=Adalar")
            assert _results(page_) == []
        finally:
            page_.close()
