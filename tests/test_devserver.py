"""`belde serve`: the preview server shows a saved item first, then rebuilds, and serves the new page."""

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from conftest import DATA, ROOT, TEST_REGISTRY, settings_file

from bench.serve import fetch, free_port, wait_until


def _wait_for(url: str, text: str, seconds: float = 90) -> bool:
    return wait_until(lambda: text in fetch(url), seconds)


def test_an_edited_item_is_served_after_saving(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DATA / "archive", content)
    settings = settings_file(
        tmp_path, PATH=str(content), OUTPUT_PATH=str(tmp_path / "output"), CACHE_PATH=str(tmp_path / "cache"),
        BELDE_REGISTRY_PATH=str(TEST_REGISTRY), BELDE_SEARCH=False,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "belde", "serve", "-s", str(settings), "-p", str(port)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8",
    )  # fmt: skip
    lines = []
    threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()

    def builds():
        return [line for line in list(lines) if line.startswith("items:")]

    try:
        url = f"http://127.0.0.1:{port}/2024/10/beykoz-da-sahil-duzenlemesi/"
        assert _wait_for(url, "Beykoz’da sahil düzenlemesi"), "the first build was not served"
        item = content / "2024" / "beykoz-orhan.md"
        item.write_text(item.read_text(encoding="utf-8").replace("Beykoz sahilinde düzenleme başladı.", "Sahilde yeni iskele yapılıyor."), encoding="utf-8")
        assert _wait_for(url, "Sahilde yeni iskele yapılıyor."), "the edit was not served"
        wait_until(lambda: len(builds()) >= 2, 90, pause=0.1)  # the rebuild after the first look
    finally:
        server.terminate()
        server.wait(timeout=10)
    output = "".join(lines)
    done = builds()
    assert len(done) >= 2, output
    previews = [line for line in lines if line.startswith("preview: /2024/10/beykoz-da-sahil-duzenlemesi/ ·")]
    assert previews and lines.index(previews[0]) < lines.index(done[-1]), "the saved item is shown before the rebuild"
    first, last = (re.search(r"pages: (\d+) rendered, (\d+) unchanged", line).groups() for line in (done[0], done[-1]))
    assert int(first[1]) == 0, "the first build renders every page"
    assert 0 < int(last[0]) < 10 < int(last[1]), "the rebuild renders only the pages the edit touches"
