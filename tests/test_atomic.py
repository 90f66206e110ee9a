"""Atomic output: a failed or killed build leaves the previous site whole."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

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


def test_the_replaced_output_is_removed_once_the_new_one_is_in_place(tmp_path):
    output = tmp_path / "output"
    make_site("archive", output)
    leftover = tmp_path / "output.old-1"  # a removal a reboot cut short
    shutil.copytree(output, leftover)
    make_site("archive", output)
    assert (output / "index.html").is_file()
    deadline = time.monotonic() + 60  # removal runs in the background; wait for it, however slow
    while list(tmp_path.glob("output.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(tmp_path.glob("output.old-*"))
    assert not (tmp_path / "output.next").exists()
