"""Rebuilds are exact: after any change, an incremental rebuild writes the same bytes as a cold build."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, ROOT, TEST_REGISTRY, make_site, settings_file, shard_stamps, snapshot
from pelican import signals

from belde.press import state
from belde.press.reader import PressItemReader

_reader_read = PressItemReader.read


def _snapshot(folder: Path) -> dict:
    """Every output file's bytes; the search bundle is compared by what it indexes (see below)."""
    return snapshot(folder, skip="pagefind")


def _indexed(folder: Path) -> dict:
    """Per search shard, the pages Pagefind indexed. Pagefind's own bytes differ from run to run
    on the same input (its file names carry hashes of unordered data), so they cannot be compared."""
    entries = {}
    for entry in sorted((folder / "pagefind").glob("*/pagefind-entry.json")):
        entries[entry.parent.name] = json.loads(entry.read_text(encoding="utf-8"))["languages"]["tr"]["page_count"]
    return entries


def _add(content, registry):
    (content / "2025" / "yeni-haber.md").write_text(
        "---\ntitle: Beykoz'da yeni park\ndate: 2025-03-05\ndistrict: Beykoz\nofficials: [Ümit Ilgaz]\n"
        "tags: [park]\n---\nYeni park açıldı.\n",
        encoding="utf-8",
    )


def _edit(content, registry):
    path = content / "2024" / "beykoz-orhan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Beykoz'da sahil düzenlemesi", "Beykoz'da sahil yenilendi"), encoding="utf-8")


def _edit_body(content, registry):
    """The item has no summary: its feeds show the start of its body."""
    path = content / "2024" / "beykoz-orhan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Beykoz sahilinde", "Beykoz'un kuzey sahilinde"), encoding="utf-8")


def _new_source(content, registry):
    """Only the item page and ara/, whose source filter lists every source, show it."""
    path = content / "2024" / "beykoz-orhan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nsource: AA\n", 1), encoding="utf-8")


def _delete(content, registry):
    (content / "2024" / "bahar-donemi.md").unlink()


def _rename(content, registry):
    path = content / "2025" / "kagithane-vekil.md"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-01-20", "date: 2025-01-20\nslug: vekil-secimi"), encoding="utf-8")


def _registry_term(content, registry):
    people = registry / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("from: 2025-01-20, to: null", "from: 2025-01-20, to: 2025-05-01"), encoding="utf-8")


def _registry_party(content, registry):
    people = registry / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("body: Beykoz, party: CHP", "body: Beykoz, party: DEVA"), encoding="utf-8")


CHANGES = [_add, _edit, _edit_body, _new_source, _delete, _rename, _registry_term, _registry_party]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__.strip("_") for c in CHANGES])
def test_rebuild_after_a_change_equals_a_cold_build(tmp_path, change):
    content, registry = tmp_path / "content", tmp_path / "registry"
    shutil.copytree(DATA / "archive", content)
    shutil.copytree(TEST_REGISTRY, registry)
    incremental = tmp_path / "incremental"
    first = make_site(content, incremental, registry)
    pages = len(first.html_files())

    change(content, registry)
    rebuilt = make_site(content, incremental, registry)
    writer = state.writer()
    cold = make_site(content, tmp_path / "cold", registry)

    assert rebuilt.ledger.ok and cold.ledger.ok
    assert _snapshot(incremental) == _snapshot(cold.output)
    assert 0 < writer.rendered < pages / 2, "a rebuild renders only what changed"


@pytest.mark.parametrize("change", [_add, _delete], ids=["add", "delete"])
def test_rebuild_for_reading_from_disk_equals_a_cold_build(tmp_path, change):
    """`make html` links folders to their index.html: only the pages a rebuild writes are rewritten."""
    content, registry = tmp_path / "content", tmp_path / "registry"
    shutil.copytree(DATA / "archive", content)
    shutil.copytree(TEST_REGISTRY, registry)
    make_site(content, tmp_path / "incremental", registry, BELDE_INDEX_LINKS=True)
    change(content, registry)
    rebuilt = make_site(content, tmp_path / "incremental", registry, BELDE_INDEX_LINKS=True)
    cold = make_site(content, tmp_path / "cold", registry, BELDE_INDEX_LINKS=True)
    pages = _snapshot(rebuilt.output)
    assert pages == _snapshot(cold.output)
    assert b'index.html"' in pages["index.html"] and b'/"' not in pages["index.html"].split(b"<body", 1)[1]


def test_items_kept_from_the_last_build_print_the_same_pages_as_items_read_afresh(build_site, tmp_path, monkeypatch):
    first = build_site("archive")
    shutil.rmtree(first.output)  # every page is written again; the items are kept in the cache
    read = []  # files Pelican's loop hands to the reader: none, when it takes the kept items
    monkeypatch.setattr(PressItemReader, "read", lambda reader, path: read.append(path) or _reader_read(reader, path))
    again = build_site("archive")
    assert f"0 parsed, {again.ledger.read} unchanged since the last build ({again.ledger.published} kept whole)" in again.log
    assert read == []
    cold = make_site("archive", tmp_path / "cold")
    assert _snapshot(again.output) == _snapshot(cold.output)


def test_a_kept_item_reports_its_warnings_again(build_site, content_dir):
    content_dir("2020/01/no-office.md", source=DATA / "bad" / "no-office.md")
    first = build_site(content_dir.folder)
    again = build_site(content_dir.folder)
    assert "(1 kept whole)" in again.log
    assert first.ledger.warnings == again.ledger.warnings
    assert len(again.ledger.warnings) == 1 and "held no office" in again.ledger.warnings[0]


def test_a_new_item_leaves_every_listing_page_but_the_first_as_it_was(tmp_path):
    """Listings are cut into pages from their oldest item: older pages keep their address and items."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"

    def publish(day: int) -> dict:
        (content / "2025" / f"kagithane-{day}.md").write_text(
            f"---\ntitle: Kağıthane meclisi {day} Mart'ta toplandı\ndate: 2025-03-{day:02d}\ndistrict: Kağıthane\n"
            "officials: [İlker Öz]\ntags: [meclis]\n---\nMeclis toplandı.\n", encoding="utf-8")
        make_site(content, output, DEFAULT_PAGINATION=2)
        return _snapshot(output)

    before = make_site(content, output, DEFAULT_PAGINATION=2) and _snapshot(output)
    pages = sorted(n for n in before if n.startswith("ilce/kagithane/"))
    assert pages == ["ilce/kagithane/atom.xml", "ilce/kagithane/index.html", "ilce/kagithane/sayfa/2/index.html",
                     "ilce/kagithane/sayfa/3/index.html"]  # six items: the newest two, then two pages of two
    seventh = publish(10)
    assert {n for n in before if seventh.get(n) != before[n] and "/sayfa/" in n} == set()
    assert seventh["ilce/kagithane/index.html"] != before["ilce/kagithane/index.html"]  # three items now
    eighth = publish(11)  # the first page fills up: its two older items become page 4
    assert "ilce/kagithane/sayfa/4/index.html" in eighth and "ilce/kagithane/sayfa/4/index.html" not in seventh
    # ...and page 3's link to newer items leads there now; its items stay
    assert {n for n in seventh if eighth.get(n) != seventh[n] and "/sayfa/" in n} == {"ilce/kagithane/sayfa/3/index.html"}
    titles = [[a.get_text() for a in BeautifulSoup(site["ilce/kagithane/sayfa/3/index.html"], "lxml").select(".items a")]
              for site in (seventh, eighth)]  # fmt: skip
    assert titles[0] == titles[1]
    cold = make_site(content, tmp_path / "cold", DEFAULT_PAGINATION=2)
    assert eighth == _snapshot(cold.output)
    first = BeautifulSoup(eighth["ilce/kagithane/index.html"], "lxml")
    older = first.select_one(".pagination a[rel=next]")["href"]
    assert older.endswith("sayfa/4/") and "· 8 haber ·" in first.select_one(".term-meta").get_text()
    oldest = BeautifulSoup(eighth["ilce/kagithane/sayfa/2/index.html"], "lxml")
    assert oldest.select_one(".pagination [aria-current=page]").get_text() == "1 Mart–30 Nisan 2024"
    assert oldest.select_one(".pagination a[rel=next]") is None and oldest.select_one("nav.years") is None
    assert "haber" not in oldest.select_one(".term-meta").get_text()  # the count is the first page's


def _day_item(content: Path, day: int, date: dt.date | None = None, tags="[sahil, park]", body="Çalışma sürüyor.") -> Path:
    date = date or dt.date(2024, 4, 1) + dt.timedelta(days=day // 2)  # two items a day
    officials = "[Orhan Şen]" if day % 3 else "[Orhan Şen, Nevin Akgül]"
    path = content / f"haber-{day:02d}.md"
    path.write_text(f"---\ntitle: Beykoz sahilinde çalışma {day}\ndate: {date}\ndistrict: Beykoz\n"
                    f"officials: {officials}\ntags: {tags if day % 4 else '[sahil]'}\n---\n{body}\n", encoding="utf-8")
    return path


def test_related_items_are_ranked_again_only_near_a_change_and_match_a_cold_build(build_site, tmp_path):
    """Lists longer than the windows related items come from (RELATED_WINDOW on each side):
    a rebuild ranks again only the items near a change, and still writes a cold build's bytes."""
    content = tmp_path / "content"
    content.mkdir()
    for day in range(70):
        _day_item(content, day)
    steps = [
        ("first build", lambda: None),
        ("an item added between two others", lambda: _day_item(content, 70, date=dt.date(2024, 4, 15))),
        ("an item deleted", lambda: (content / "haber-10.md").unlink()),
        ("an item moved to another date", lambda: _day_item(content, 60, date=dt.date(2024, 4, 3))),
        ("an item out of a topic", lambda: _day_item(content, 41, tags="[sahil]")),
        ("a body edited", lambda: _day_item(content, 20, body="Çalışma bitti.")),
    ]
    ranked = []
    for step, (name, change) in enumerate(steps):
        change()
        site = build_site(content)
        cold = make_site(content, tmp_path / f"cold-{step}")
        assert _snapshot(site.output) == _snapshot(cold.output), name
        ranked.append(int(re.search(r"related items: (\d+) ranked", site.log)[1]))
    assert ranked[0] == 70
    assert all(0 < count < 60 for count in ranked[1:-1]), ranked  # the windows around each change
    assert ranked[-1] == 0  # a body is not what related items are ranked by


def test_rebuild_without_changes_renders_nothing(tmp_path):
    output = tmp_path / "output"
    make_site("archive", output)
    before = _snapshot(output)
    make_site("archive", output)
    assert state.writer().rendered == 0
    assert _snapshot(output) == before


def test_a_file_saved_while_a_build_runs_waits_for_the_next_build(tmp_path):
    """A build lists and stats the item files once (press/onewalk.py): an item added, or a kept
    item edited, after the build has read the folder is left whole for the next build."""
    content, registry = tmp_path / "content", tmp_path / "registry"
    shutil.copytree(DATA / "archive", content)
    shutil.copytree(TEST_REGISTRY, registry)
    output = tmp_path / "output"
    before = make_site(content, output, registry)
    edited = content / "2024" / "beykoz-orhan.md"

    def save_during_the_build(generator):  # after readahead, before Pelican's own loop
        _add(content, registry)
        _edit(content, registry)
        later = edited.stat().st_mtime_ns + 10**9  # a stamp surely other than the one read
        os.utime(edited, ns=(later, later))

    signals.article_generator_init.connect(save_during_the_build)
    try:
        during = make_site(content, output, registry)
    finally:
        signals.article_generator_init.disconnect(save_during_the_build)
    assert during.ledger.summary() == before.ledger.summary()
    assert not during.path("2025/03/beykoz-da-yeni-park/").exists()
    assert during.page("2024/10/beykoz-da-sahil-duzenlemesi/").h1.get_text() == "Beykoz’da sahil düzenlemesi"

    after = make_site(content, output, registry)
    assert after.page("2025/03/beykoz-da-yeni-park/").h1.get_text() == "Beykoz’da yeni park"
    assert after.page("2024/10/beykoz-da-sahil-yenilendi/").h1.get_text() == "Beykoz’da sahil yenilendi"
    assert not after.path("2024/10/beykoz-da-sahil-duzenlemesi/").exists()
    assert _snapshot(output) == _snapshot(make_site(content, tmp_path / "cold", registry).output)


def test_a_rebuild_after_a_template_or_its_options_change_equals_a_cold_build(tmp_path):
    """Compiled templates are kept between builds (Jinja's bytecode cache): an edited template,
    or other options for the environment, must not be served from what was compiled before."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    output = tmp_path / "output"
    make_site("archive", output, THEME=str(theme))
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Yeni alt bilgi</p></footer>", 1), encoding="utf-8")
    rebuilt = make_site("archive", output, THEME=str(theme))
    cold = make_site("archive", tmp_path / "cold", THEME=str(theme))
    assert "Yeni alt bilgi" in rebuilt.page("").get_text()
    assert _snapshot(output) == _snapshot(cold.output)
    assert any((tmp_path / "cache-output").rglob("__jinja2_*.cache")), "the templates were kept compiled"

    options = {"trim_blocks": False, "lstrip_blocks": True, "autoescape": True}
    rebuilt = make_site("archive", output, THEME=str(theme), JINJA_ENVIRONMENT=options)
    cold = make_site("archive", tmp_path / "cold-options", THEME=str(theme), JINJA_ENVIRONMENT=options)
    assert _snapshot(output) == _snapshot(cold.output)
    assert _snapshot(output) != _snapshot(tmp_path / "cold"), "the option changes the pages"


@pytest.mark.parametrize("change", [_add, _edit, _delete], ids=["add", "edit", "delete"])
def test_a_publish_rebuild_compresses_only_what_changed_and_matches_a_cold_build(tmp_path, change):
    """Publish builds keep .gz and .br copies: an unchanged file keeps its copies (the same
    inodes, linked from the published site), a removed page leaves no copy behind."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    incremental = tmp_path / "incremental"
    publishing = {"BELDE_PRECOMPRESS": True}
    make_site(content, incremental, **publishing)
    before = {name: (incremental / name).stat().st_ino for name in _snapshot(incremental)}
    change(content, None)
    make_site(content, incremental, **publishing)
    cold = make_site(content, tmp_path / "cold", **publishing)
    after = _snapshot(incremental)
    assert after == _snapshot(cold.output)
    rewritten = {name for name in after if before.get(name) != (incremental / name).stat().st_ino}
    copies = {name for name in rewritten if name.endswith((".gz", ".br"))}
    sources = {name for name in rewritten if not name.endswith((".gz", ".br")) and name + ".gz" in after}
    assert copies and copies == {name + suffix for name in sources for suffix in (".gz", ".br") if name + suffix in after}
    kept = {name for name in after if name.endswith(".br") and name not in rewritten}
    sitemaps = {name for name in rewritten if name.startswith("sitemap-") and name.endswith(".xml")}
    assert "sitemap-2024-03.xml" in after and "sitemap-2024-03.xml" not in sitemaps  # a month no change touched
    assert len(kept) > len(copies), "the copies of files left as they were are kept"
    if change is _delete:
        page = "2024/04/kagithane-de-bahar-calismalari/index.html"
        assert page + ".br" in before and not (incremental / page).parent.exists()
    make_site(content, incremental)  # a local build after a publish build: no copies left over
    assert _snapshot(incremental) == _snapshot(make_site(content, tmp_path / "cold-local").output)


def test_a_page_rendered_again_as_it_was_keeps_its_file_and_its_compressed_copies(tmp_path):
    """A change of settings (or code) renders every page again; those that come out the same
    are not replaced, so a publish build does not compress the whole site again."""
    output = tmp_path / "output"
    make_site("archive", output, BELDE_PRECOMPRESS=True)
    before = {name: (output / name).stat().st_ino for name in _snapshot(output)}
    make_site("archive", output, BELDE_PRECOMPRESS=True, BELDE_PRECOMPRESS_MIN_BYTES=300)
    assert state.writer().skipped == 0, "every page was rendered again"
    pages = [name for name in before if name.endswith(".html")]
    assert all((output / name).stat().st_ino == before[name] for name in pages)
    assert all((output / name).stat().st_ino == before[name] for name in before if name.endswith(".html.br"))


def test_rebuild_with_search_reindexes_only_the_changed_shard_and_matches_a_cold_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    incremental = tmp_path / "incremental"
    make_site(content, incremental, BELDE_SEARCH=True)
    assert _indexed(incremental) == {"2025-02-son": 1, "2025-01": 1, "2024": 7}

    before = shard_stamps(incremental)
    _add(content, None)  # 2025-03-05: a new month, so January joins its year and February is one shard
    rebuilt = make_site(content, incremental, BELDE_SEARCH=True)
    cold = make_site(content, tmp_path / "cold", BELDE_SEARCH=True)
    assert rebuilt.ledger.ok
    assert _snapshot(incremental) == _snapshot(cold.output)
    assert _indexed(incremental) == _indexed(cold.output) == {"2025-03-son": 1, "2025-02": 1, "2025": 1, "2024": 7}
    after = shard_stamps(incremental)
    assert after["2024"] == before["2024"]  # the year with no change is not indexed again

    (content / "2025" / "ikinci.md").write_text(
        "---\ntitle: Beykoz'da ikinci park\ndate: 2025-03-09\ndistrict: Beykoz\n---\nİkinci park açıldı.\n", encoding="utf-8"
    )  # the same month: its shard alone is indexed again
    again = make_site(content, incremental, BELDE_SEARCH=True)
    cold = make_site(content, tmp_path / "cold-2", BELDE_SEARCH=True)
    assert _snapshot(incremental) == _snapshot(cold.output)
    assert _indexed(incremental) == _indexed(cold.output) == {"2025-03-son": 2, "2025-02": 1, "2025": 1, "2024": 7}
    latest = shard_stamps(incremental)
    assert all(latest[shard] == after[shard] for shard in ("2024", "2025", "2025-02"))
    assert latest["2025-03-son"] != after["2025-03-son"]
    # The size reported counts the shards left as they were without reading them again.
    reported = int(re.search(r"search: .*?(\d+) bytes", "\n".join(again.ledger.lines))[1])
    assert reported == sum(p.stat().st_size for p in (incremental / "pagefind").rglob("*") if p.is_file())


def test_a_change_of_settings_that_leaves_item_pages_alone_indexes_nothing_again(tmp_path):
    """Every page is rendered again after a change of code or settings; the search index reads
    only the item pages whose bytes changed, so here none, and the site equals a cold build."""
    incremental = tmp_path / "incremental"
    make_site("archive", incremental, BELDE_SEARCH=True)
    before = shard_stamps(incremental)
    rebuilt = make_site("archive", incremental, BELDE_SEARCH=True, DEFAULT_PAGINATION=2)
    assert state.writer().skipped == 0, "every page was rendered again"
    cold = make_site("archive", tmp_path / "cold", BELDE_SEARCH=True, DEFAULT_PAGINATION=2)
    assert rebuilt.ledger.ok and _snapshot(incremental) == _snapshot(cold.output)
    assert _indexed(incremental) == _indexed(cold.output)
    assert shard_stamps(incremental) == before
    assert "search: 0 pages indexed" in "\n".join(rebuilt.ledger.lines)


def test_a_change_of_search_language_indexes_every_shard_again(tmp_path):
    output = tmp_path / "output"
    make_site("archive", output, BELDE_SEARCH=True)
    before = shard_stamps(output)
    make_site("archive", output, BELDE_SEARCH=True, BELDE_SEARCH_LANGUAGE="en")
    after = shard_stamps(output)
    assert after.keys() == before.keys() and all(after[shard] != before[shard] for shard in before)


def test_shards_written_before_their_unused_files_were_removed_are_indexed_again_without_them(tmp_path):
    """A site built by an earlier Belde: its shards hold Pagefind's ready-made interface (and a
    publish build's copy of it), and shards.json does not record removing it. Every shard is
    indexed again, once; the size reported leaves out the compressed copies."""
    output = tmp_path / "output"
    make_site("archive", output, BELDE_SEARCH=True, BELDE_PRECOMPRESS=True)
    interface = output / "pagefind" / "2024" / "pagefind-ui.js"
    interface.write_text("// Pagefind's ready-made interface", encoding="utf-8")
    interface.with_name("pagefind-ui.js.br").write_bytes(b"its compressed copy")
    plan = output / "pagefind" / "shards.json"
    data = json.loads(plan.read_text(encoding="utf-8"))
    data["indexer"] = {"pagefind": data["indexer"]["pagefind"], "language": "tr"}  # as it was recorded then
    plan.write_text(json.dumps(data), encoding="utf-8")
    before = shard_stamps(output)

    rebuilt = make_site("archive", output, BELDE_SEARCH=True, BELDE_PRECOMPRESS=True)
    after = shard_stamps(output)
    assert after.keys() == before.keys() and all(after[shard] != before[shard] for shard in before)
    assert not list(interface.parent.glob("pagefind-ui.js*"))
    files = [p for p in (output / "pagefind").rglob("*") if p.is_file()]
    assert any(p.suffix == ".br" for p in files)
    reported = int(re.search(r"search: .*?(\d+) bytes", "\n".join(rebuilt.ledger.lines))[1])
    assert reported == sum(p.stat().st_size for p in files if p.suffix not in (".gz", ".br"))
    make_site("archive", output, BELDE_SEARCH=True, BELDE_PRECOMPRESS=True)
    assert shard_stamps(output) == after, "once"


def test_items_of_the_same_day_keep_their_order_from_one_process_to_the_next(tmp_path):
    """Pelican reads files in the order of a set of names, which changes with each process's hash
    seed; builds in fresh processes must still agree byte for byte, or every rebuild re-renders lists."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    for number in range(12):
        (content / "2025" / f"ayni-gun-{number}.md").write_text(
            f"---\ntitle: Aynı gün haberi {number}\ndate: 2025-03-05\ndistrict: Beykoz\n---\nMetin {number}.\n",
            encoding="utf-8",
        )
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"output-{seed}"
        settings = settings_file(
            tmp_path, PATH=str(content), OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / f"cache-{seed}"),
            BELDE_REGISTRY_PATH=str(TEST_REGISTRY), BELDE_SEARCH=False, BELDE_WORKERS=1, DEFAULT_PAGINATION=5,
        )  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "belde", "build", "-s", str(settings)], cwd=ROOT, env=env,
                                capture_output=True, encoding="utf-8", errors="replace", check=False)  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(_snapshot(output))
    assert outputs[0] == outputs[1]
    home = outputs[0]["index.html"].decode()
    assert home.index("Aynı gün haberi 9") < home.index("Aynı gün haberi 8"), "same day: by slug, as the archive lists"
