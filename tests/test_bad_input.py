"""Bad input: one clear line naming the file, the field and the fix; never a lost item."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import settings_file

BAD = Path(__file__).resolve().parent / "data" / "bad"
ROOT = Path(__file__).resolve().parent.parent

REFUSALS = [
    ("ascii-district.md", "unknown district 'Kagithane' in field 'district'; did you mean 'Kağıthane'?"),
    ("unknown-person.md", "unknown person 'Orhan Sen' in field 'officials'; did you mean 'Orhan Şen'?"),
    ("malformed-yaml.md", "front matter is not valid YAML"),
    ("missing-title.md", "field 'title' is missing; add a line 'title: ...'"),
    ("missing-date.md", "field 'date' is missing; add 'date: 2024-04-22'"),
    ("impossible-date.md", "field 'date': '2024-02-30' is not a day of the calendar"),
    ("windows-1254.md", "the file is not UTF-8 (byte 24); re-save it as UTF-8"),
    ("empty.md", "the file is empty; an item needs front matter with a title and a date"),
    ("status-typo.md", "field 'status' is 'publised'; did you mean 'published'?"),
    ("list-title.md", "'title' must be text, not a list"),
]


@pytest.mark.parametrize("name, message", REFUSALS)
def test_bad_item_is_refused_and_the_good_one_still_published(build_site, content_dir, name, message):
    content_dir("2024/05/good.md", source=BAD / "good.md")
    content_dir(f"2024/05/{name}", source=BAD / name)
    site = build_site(content_dir.folder)
    path = f"content/2024/05/{name}"
    assert site.ledger.refused == {path: message} or site.ledger.refused[path].startswith(message)
    assert site.ledger.summary() == "2 read, 1 published, 1 refused"
    assert f"refused {path}: {message}" in site.log
    assert "Traceback" not in site.log
    assert site.path("2024/05/beykoz-da-iyi-haber/").is_file()


def test_known_person_without_office_on_the_date_is_a_warning(build_site, content_dir):
    content_dir("2020/01/no-office.md", source=BAD / "no-office.md")
    site = build_site(content_dir.folder)
    assert site.ledger.ok and site.ledger.published == 1
    assert "Orhan Şen held no office in the registry on 10 Ocak 2020 Cuma; check the item's date and the name" in site.log


def test_html_in_a_title_is_escaped_everywhere_on_the_page(build_site, content_dir):
    content_dir("2024/05/script-title.md", source=BAD / "script-title.md")
    site = build_site(content_dir.folder)
    [page_file] = list(site.output.glob("2024/05/*/index.html"))
    html = page_file.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = site.page(str(page_file.relative_to(site.output)))
    assert page.h1.get_text() == "<script>alert(1)</script> & <b>kalın</b>"


def test_build_command_exits_non_zero_and_lists_the_refusal(tmp_path, content_dir):
    content_dir("2024/05/good.md", source=BAD / "good.md")
    content_dir("2024/05/ascii-district.md", source=BAD / "ascii-district.md")
    settings = settings_file(
        tmp_path, PATH=str(content_dir.folder), OUTPUT_PATH=str(tmp_path / "out"),
        BELDE_REGISTRY_PATH=str(BAD.parent / "registry"), CACHE_PATH=str(tmp_path / "cache"),
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "belde", "build", "-s", str(settings)],
        cwd=ROOT, capture_output=True, encoding="utf-8",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "did you mean 'Kağıthane'?" in output
    assert "2 read, 1 published, 1 refused" in output
    assert "Traceback" not in output
    assert "Could not process" not in output, "the refusal is said once, in Belde's words"
    assert (tmp_path / "out" / "2024" / "05" / "beykoz-da-iyi-haber" / "index.html").is_file()


def test_build_command_writes_a_relative_output_folder_under_the_current_one(tmp_path, content_dir):
    """`-o site` is the folder `site` where the command runs, as with pelican -o, even when the
    settings file lies elsewhere."""
    content_dir("2024/05/good.md", source=BAD / "good.md")
    elsewhere = tmp_path / "settings"
    elsewhere.mkdir()
    settings = settings_file(
        elsewhere, PATH=str(content_dir.folder), BELDE_REGISTRY_PATH=str(BAD.parent / "registry"),
        CACHE_PATH=str(tmp_path / "cache"), BELDE_SEARCH=False,
    )  # fmt: skip
    here = tmp_path / "here"
    here.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "belde", "build", "-s", str(settings), "-o", "site"],
        cwd=here, capture_output=True, encoding="utf-8",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (here / "site" / "2024" / "05" / "beykoz-da-iyi-haber" / "index.html").is_file()
    assert not (elsewhere / "site").exists()

