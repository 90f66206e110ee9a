"""Atomic output: a failed or killed build leaves the previous site whole."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from belde.atomic import write_if_changed
from belde.search import runs as search_runs
from belde.staging import mirror
from conftest import DATA, ROOT, TEST_REGISTRY, make_site, settings_file, snapshot


def _settings(tmp_path: Path, content: Path, output: Path) -> Path:
    return settings_file(
        tmp_path, PATH=str(content), OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / "cache"),
        BELDE_REGISTRY_PATH=str(TEST_REGISTRY), BELDE_SEARCH=False, BELDE_WORKERS=1,
    )  # fmt: skip


def test_a_build_killed_halfway_leaves_the_previous_output_intact(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    settings = _settings(tmp_path, content, output)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run([sys.executable, "-m", "belde", "build", "-s", str(settings)], cwd=ROOT, env=env,
                           capture_output=True, check=False)  # fmt: skip
    assert first.returncode == 0, first.stderr
    before = snapshot(output)

    # Enough new items that the next build takes a while; kill it once it is writing pages.
    item = (content / "2024" / "beykoz-orhan.md").read_text(encoding="utf-8")
    for number in range(800):
        (content / "2024" / f"ek-{number}.md").write_text(
            item.replace("Beykoz'da sahil düzenlemesi", f"Beykoz ek haber {number}") + "metin " * 300, encoding="utf-8"
        )
    build = subprocess.Popen([sys.executable, "-m", "belde", "build", "-s", str(settings)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    staging = tmp_path / "output.next"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        if any(staging.glob("2024/*/beykoz-ek-haber-*/index.html")):
            break
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before it could be interrupted"
    build.send_signal(signal.SIGKILL)
    build.wait()

    assert snapshot(output) == before
    assert not list(output.glob("2024/*/beykoz-ek-haber-*"))

    # The next build starts over from the intact output and publishes everything.
    after = make_site(content, output, BELDE_WORKERS=1, CACHE_PATH=str(tmp_path / "cache"))
    assert after.ledger.published == 809
    assert not staging.exists()


def test_a_build_that_fails_leaves_the_previous_output_intact(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    make_site(content, output)
    before = snapshot(output)
    broken_theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", broken_theme)
    (broken_theme / "templates" / "district.html").write_text("{% extends 'base.html' %}{% block content %}{{ 1 / 0 }}{% endblock %}")
    try:
        make_site(content, output, THEME=str(broken_theme))
    except ZeroDivisionError:
        pass
    else:
        raise AssertionError("the broken template should have failed the build")
    assert snapshot(output) == before
    assert not (tmp_path / "output.next").exists()


def test_a_build_that_fails_after_writing_its_pages_is_done_again_by_the_next(tmp_path, monkeypatch):
    """The pages were rendered into the staging folder, but the search index failed: the site
    stays as it was, and the next build must not take those pages for published."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    make_site(content, output, BELDE_SEARCH=True)
    before = snapshot(output)
    item = content / "2024" / "beykoz-orhan.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Beykoz sahilinde", "Beykoz'un kuzey sahilinde"), encoding="utf-8")

    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)

    with monkeypatch.context() as patch:
        patch.setattr(search_runs, "pagefind_executable", lambda: failing)
        with pytest.raises(RuntimeError, match=r"Pagefind failed \(1\) on shard 2024: Error: disk full"):
            make_site(content, output, BELDE_SEARCH=True)
    assert snapshot(output) == before

    rebuilt = make_site(content, output, BELDE_SEARCH=True)
    cold = make_site(content, tmp_path / "cold", BELDE_SEARCH=True)
    assert rebuilt.ledger.ok
    assert snapshot(output, skip="pagefind") == snapshot(cold.output, skip="pagefind")
    assert "kuzey sahilinde" in (output / "2024" / "10" / "beykoz-da-sahil-duzenlemesi" / "index.html").read_text(encoding="utf-8")


def _running(pid: int) -> bool:
    """Whether the process is alive (a zombie, dead but not yet reaped, is not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return False
    return not any(line.startswith("State:") and "Z" in line.split()[1] for line in status.splitlines())


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("setpriv"),
                    reason="the parent-death signal is Linux's, set by util-linux's setpriv")
def test_a_killed_build_leaves_no_pagefind_writing_into_its_folder(tmp_path):
    """Pagefind runs as the build's child. Killed with the build, it cannot go on writing into
    the staging folder that the next build takes over."""
    started = tmp_path / "pagefind.pid"
    slow = tmp_path / "pagefind"
    slow.write_text(f"#!/bin/sh\necho $$ > '{started}'\nexec sleep 60\n", encoding="utf-8")
    slow.chmod(0o755)
    build = os.fork()
    if build == 0:  # a build's process, indexing one shard
        try:
            search_runs.pagefind_executable = lambda: slow
            shard = search_runs.Shard("2024", "2024/*/*/index.html", 1)
            search_runs.index_shards(tmp_path, tmp_path / "index", [shard], "tr", workers=1, pages_at_once=3000)
        finally:
            os._exit(1)
    deadline = time.monotonic() + 30
    while not (started.exists() and started.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    pagefind = int(started.read_text())
    assert _running(pagefind)
    os.kill(build, signal.SIGKILL)
    os.waitpid(build, 0)
    deadline = time.monotonic() + 10
    while _running(pagefind) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pagefind), "Pagefind outlived the killed build"


def test_the_replaced_output_is_kept_as_the_spare_the_next_build_starts_from(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output, spare = tmp_path / "output", tmp_path / "output.spare"
    leftover = tmp_path / "output.old-1"  # a removal a reboot cut short
    make_site(content, output)  # every page new: the spare is linked from the output, in the background
    deadline = time.monotonic() + 60
    while not spare.is_dir() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (spare / "index.html").stat().st_ino == (output / "index.html").stat().st_ino
    shutil.copytree(output, leftover)
    linked = spare.stat().st_ino
    make_site(content, output)  # nothing changed: the output it replaced is the spare
    assert output.stat().st_ino == linked, "the staging folder is the spare, not a new tree"
    assert spare.is_dir() and (spare / "index.html").stat().st_ino == (output / "index.html").stat().st_ino

    # Whatever the spare holds, the next build publishes what a build from scratch does.
    (spare / "ilce" / "beykoz" / "index.html").unlink()
    (spare / "ilce" / "beykoz" / "index.html").write_text("eski", encoding="utf-8")
    shutil.rmtree(spare / "kisi")
    (spare / "fazla").mkdir()
    (spare / "fazla" / "dosya.html").write_text("fazla", encoding="utf-8")
    item = content / "2024" / "beykoz-orhan.md"
    item.write_text(item.read_text(encoding="utf-8").replace("sahil düzenlemesi", "sahil yenilemesi"), encoding="utf-8")
    linked = spare.stat().st_ino
    make_site(content, output)
    assert output.stat().st_ino == linked
    assert snapshot(output) == snapshot(make_site(content, tmp_path / "scratch").output)
    assert "sahil yenilemesi" in (output / "ilce" / "beykoz" / "index.html").read_text(encoding="utf-8")

    deadline = time.monotonic() + 60  # removal runs in the background; wait for it, however slow
    while list(tmp_path.glob("output.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(tmp_path.glob("output.old-*"))
    assert not (tmp_path / "output.next").exists()


def test_a_build_that_reindexes_a_year_keeps_the_output_it_replaced_as_the_spare(tmp_path):
    """An old item's edit re-indexes its year: a shard's files, a small part of the site's. The
    next build relinks them in its forked child while it reads the items, so the replaced output
    is kept as the spare at once, rather than a new tree being linked after the build, which a
    build started at once (the next correction) would wait for."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output = tmp_path / "output"
    make_site(content, output, BELDE_SEARCH=True)
    deadline = time.monotonic() + 60  # the first build's spare is linked in the background
    while not (tmp_path / "output.spare").is_dir() and time.monotonic() < deadline:
        time.sleep(0.1)
    replaced = output.stat().st_ino
    item = content / "2024" / "beykoz-orhan.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Beykoz sahilinde", "Beykoz'un kuzey sahilinde"), encoding="utf-8")
    site = make_site(content, output, BELDE_SEARCH=True)
    assert any(line.startswith("search: 7 pages indexed") for line in site.ledger.lines), site.ledger.lines
    assert (tmp_path / "output.spare").stat().st_ino == replaced
    assert not (tmp_path / "output.linking").exists()
    assert snapshot(output, skip="pagefind") == snapshot(make_site(content, tmp_path / "cold").output, skip="pagefind")


def test_a_build_waits_for_the_spare_the_last_build_is_still_linking(tmp_path):
    """A spare linked in the background is used only once complete: a build starting meanwhile
    waits for its lock, and a folder left unfinished (a reboot) is set aside."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output, spare, linking = tmp_path / "output", tmp_path / "output.spare", tmp_path / "output.linking"
    make_site(content, output)
    deadline = time.monotonic() + 60
    while not spare.is_dir() and time.monotonic() < deadline:
        time.sleep(0.1)
    expected = snapshot(make_site(content, tmp_path / "scratch").output)

    os.replace(spare, linking)  # as the background link leaves it: locked, then renamed when done
    finishing = (
        "import fcntl, os, sys, time\n"
        "lock = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(lock, fcntl.LOCK_EX); print(flush=True)\n"
        "time.sleep(1); os.rename(sys.argv[1], sys.argv[2])\n"
    )
    child = subprocess.Popen([sys.executable, "-c", finishing, str(linking), str(spare)], stdout=subprocess.PIPE)
    child.stdout.readline()  # the lock is held
    started = linking.stat().st_ino
    make_site(content, output)
    assert child.wait() == 0
    assert output.stat().st_ino == started, "the build waited and started from the finished spare"
    assert snapshot(output) == expected

    linking.mkdir()  # unfinished, and no process holds it
    (linking / "yarim.html").write_text("yarım", encoding="utf-8")
    make_site(content, output)
    assert not linking.exists()
    assert snapshot(output) == expected


def test_a_spare_tree_is_made_to_mirror_the_output_with_links(tmp_path):
    source, target = tmp_path / "output", tmp_path / "spare"
    for folder in (source / "a" / "b", source / "c", target / "a", target / "d"):
        folder.mkdir(parents=True)
    (source / "a" / "b" / "page.html").write_text("yeni")
    (source / "a" / "same.html").write_text("aynı", encoding="utf-8")
    os.link(source / "a" / "same.html", target / "a" / "same.html")
    (source / "a" / "changed.html").write_text("yeni")
    (target / "a" / "changed.html").write_text("eski")
    (source / "c" / "link").symlink_to("../a/same.html")
    (target / "c").write_text("a file where the output has a folder")
    (target / "d" / "gone.html").write_text("gone")
    (target / "gone.html").write_text("gone")

    mirror(source, target)

    def tree(root: Path) -> dict:
        return {str(p.relative_to(root)): (p.is_dir(), p.is_symlink(), None if p.is_dir() else p.lstat().st_ino)
                for p in sorted(root.rglob("*"))}  # fmt: skip

    assert tree(target) == tree(source)
    assert os.readlink(target / "c" / "link") == "../a/same.html"


def test_a_build_never_writes_into_a_file_the_published_site_shares(tmp_path):
    """The staging folder's files are the published output's (hard links): every writer, the
    sitemap's, the search plan's and the compressed copies' included, replaces files, so the
    site being served stays as it was until the new one takes its place."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    output, witness = tmp_path / "output", tmp_path / "witness"
    publishing = {"BELDE_SEARCH": True, "BELDE_PRECOMPRESS": True, "BELDE_INDEX_LINKS": True}
    make_site(content, output, **publishing)
    before = snapshot(output)
    for name in before:
        (witness / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(output / name, witness / name)  # sees any write into the published files
    assert {"sitemap.xml", "robots.txt", "pagefind/shards.json", "sitemap.xml.gz"} <= before.keys()
    (content / "2025" / "yeni.md").write_text(
        "---\ntitle: Beykoz'da yeni park\ndate: 2025-03-05\ndistrict: Beykoz\n---\nYeni park açıldı.\n", encoding="utf-8"
    )
    make_site(content, output, **publishing)
    assert snapshot(witness) == before
    assert snapshot(output) != before


def test_a_page_is_written_again_only_when_its_bytes_change(tmp_path):
    page = tmp_path / "index.html"
    assert write_if_changed(page, "<p>Kağıthane</p>") is True
    inode = page.stat().st_ino
    assert write_if_changed(page, "<p>Kağıthane</p>") is False and page.stat().st_ino == inode  # left as it was
    assert write_if_changed(page, "<p>Kağıthana</p>") is True  # the same size, other bytes
    assert page.read_text(encoding="utf-8") == "<p>Kağıthana</p>"
    assert write_if_changed(page, "<p>Beyoğlu ve Kağıthane</p>") is True
    assert page.read_text(encoding="utf-8") == "<p>Beyoğlu ve Kağıthane</p>"
