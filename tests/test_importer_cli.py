"""The import command end to end: real files in, items (or one-line refusals) out."""

import shutil
from pathlib import Path

import pytest
import yaml

from belde.importer.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "importer"
REGISTRY = ROOT / "content" / "registry"
SEED = ROOT.parent / "shared" / "seed" / "kagithane-tebrik-ziyareti.txt"


def run(tmp_path, *argv):
    out = tmp_path / "content"
    return main([*map(str, argv), "--out", str(out), "--registry", str(REGISTRY)]), out


def items(out: Path) -> list:
    return sorted(out.rglob("*.md")) if out.exists() else []


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


@pytest.fixture
def seed(tmp_path):
    if SEED.exists():
        return SEED
    pytest.skip("the seed release is not beside the repository")


def test_seed_dry_run_prints_the_tagged_item(seed, tmp_path, capsys):
    code, out = run(tmp_path, seed, "--date", "2024-04/2024-06", "--dry-run")
    assert code == 0
    assert items(out) == []
    printed = capsys.readouterr()
    meta = yaml.safe_load(printed.out.split("\n---\n", 1)[0][4:])
    assert meta["district"] == ["Kağıthane"]
    assert meta["officials"] == ["Ekrem İmamoğlu", "Mevlüt Öztekin"]
    assert meta["bodies"] == ["İBB"]
    assert meta["date"] == "2024-04/2024-06"
    assert meta["dateline"] == "İSTANBUL"
    assert meta["title"] == "İBB Başkanı Ekrem İmamoğlu, Mevlüt Öztekin’e tebrik ziyaretinde bulundu"
    assert meta["summary"].startswith("İBB Başkanı Ekrem İmamoğlu, Kağıthane’de")
    assert "## “İstanbul’un yereli çok güçlü olmalı”" in printed.out
    assert "tagged district Kağıthane (about)" in printed.err
    assert "title derived from the lead" in printed.err


def test_seed_import_writes_one_item_and_a_second_import_adds_none(seed, tmp_path, capsys):
    code, out = run(tmp_path, seed, "--date", "2024-04/2024-06")
    assert code == 0
    written = items(out)
    assert [p.relative_to(out).parts[:2] for p in written] == [("2024", "04")]
    meta = front_matter(written[0])
    assert meta["fingerprint"] and meta["status"] == "draft"
    before = written[0].read_bytes()
    code, _ = run(tmp_path, seed, "--date", "2024-04/2024-06")
    assert code == 0
    assert items(out) == written and written[0].read_bytes() == before
    assert "already imported" in capsys.readouterr().err


def test_an_existing_item_is_not_overwritten_without_force(tmp_path, capsys):
    code, out = run(tmp_path, DATA / "kadikoy-park.html")
    assert code == 0
    (path,) = items(out)
    path.write_text("---\ntitle: edited\ndate: 2024-05-14\n---\n\nAn editor's text.\n", encoding="utf-8")
    code, _ = run(tmp_path, DATA / "kadikoy-park.html")
    assert code == 1
    assert "already exists" in capsys.readouterr().err
    assert "An editor's text." in path.read_text(encoding="utf-8")
    code, _ = run(tmp_path, DATA / "kadikoy-park.html", "--force")
    assert code == 0
    assert front_matter(path)["district"] == ["Kadıköy"]


def test_html_page_through_trafilatura(tmp_path):
    code, out = run(tmp_path, DATA / "kadikoy-park.html")
    assert code == 0
    (path,) = items(out)
    meta = front_matter(path)
    assert meta["title"] == "Kadıköy’de yeni park açıldı"
    assert meta["date"] == "2024-05-14"
    assert meta["officials"] == ["Mesut Kösedağı"]
    body = path.read_text(encoding="utf-8")
    assert "## Çocuklar için oyun alanı" in body
    assert "Ana sayfa" not in body and "Künye" not in body


def test_feed_entries_become_items(tmp_path):
    code, out = run(tmp_path, DATA / "belediye-feed.xml")
    assert code == 0
    metas = {front_matter(p)["slug"]: front_matter(p) for p in items(out)}
    assert set(metas) == {"sariyerde-sahil-temizligi", "pendikte-kres-acildi"}
    assert metas["sariyerde-sahil-temizligi"]["officials"] == ["Mustafa Oktay Aksu"]
    assert metas["pendikte-kres-acildi"]["district"] == ["Pendik"]
    assert metas["pendikte-kres-acildi"]["date"] == "2024-04-23"


LEGACY = """BEYLİKDÜZÜ'NDE FİDAN DİKİMİ

(İSTANBUL) - Beylikdüzü Belediyesi, ilçedeki okullarla birlikte fidan dikim etkinliği düzenledi. Etkinliğe Beylikdüzü Belediye Başkanı Mehmet Murat Çalık da katıldı.

Çalık, öğrencilerle birlikte fidan dikti. Öğretmen Şükran Işık, "Ağaçlarımız büyüyecek" dedi.
"""


@pytest.mark.parametrize("encoding", ["cp1254", "iso8859_9"])
def test_legacy_turkish_encodings_convert(tmp_path, encoding):
    text = LEGACY
    if encoding == "cp1254":
        text = text.replace('"Ağaçlarımız büyüyecek"', "“Ağaçlarımız büyüyecek”")  # bytes only windows-1254 has
    source = tmp_path / f"release-{encoding}.txt"
    source.write_bytes(text.encode(encoding))
    with pytest.raises(UnicodeDecodeError):
        source.read_bytes().decode("utf-8")
    code, out = run(tmp_path, source, "--date", "2024-11-09")
    assert code == 0
    (path,) = items(out)
    meta = front_matter(path)
    assert meta["title"] == "BEYLİKDÜZÜ’NDE FİDAN DİKİMİ"
    assert meta["district"] == ["Beylikdüzü"]
    assert meta["officials"] == ["Mehmet Murat Çalık"]
    assert "Öğretmen Şükran Işık, “Ağaçlarımız büyüyecek” dedi." in path.read_text(encoding="utf-8")


def _empty(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    return path


def _binary(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path


BAD = [
    (_empty, [], "the file is empty"),
    (_binary, [], "the file is binary"),
    (lambda tmp: DATA / "no-article.html", ["--date", "2024-05"], "has no article body"),
    (lambda tmp: DATA / "broken-feed.xml", [], "the feed does not parse"),
    (lambda tmp: DATA / "no-date.txt", [], "states no date; pass --date"),
    (lambda tmp: tmp / "missing.txt", [], "no such file"),
    (lambda tmp: DATA / "no-date.txt", ["--date", "2024-13"], "--date:"),
]


@pytest.mark.parametrize("make, extra, message", BAD, ids=[b[2] for b in BAD])
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(tmp_path, capsys, make, extra, message):
    path = make(tmp_path)
    code, out = run(tmp_path, path, *extra)
    err = capsys.readouterr().err
    assert code == 1
    assert items(out) == []
    first = err.splitlines()[0]
    assert str(path) in first and message in first
    assert "Traceback" not in err


def test_one_bad_input_stops_the_whole_run(tmp_path, capsys):
    code, out = run(tmp_path, DATA / "kadikoy-park.html", DATA / "no-date.txt")
    assert code == 1
    assert items(out) == []
    assert "nothing written" in capsys.readouterr().err


def test_dispatcher_runs_import(tmp_path, capsys):
    from belde.__main__ import main as belde_main

    out = tmp_path / "content"
    code = belde_main(["import", str(DATA / "belediye-feed.xml"), "--out", str(out), "--registry", str(REGISTRY), "--dry-run"])
    assert code == 0
    assert capsys.readouterr().out.count("\ntitle: ") == 2
    assert items(out) == []
