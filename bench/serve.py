"""How soon `belde serve` shows an edited item: the benchmark's figure, and the helpers the
preview server's tests share (a free port, a page fetched, a condition waited for)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "Önizleme ölçümü yapıldı"


def first_look(settings: Path, content: Path, logs: Path, timeout: float = 600) -> dict:
    """`belde serve` on the built site: seconds from saving an edited item until the server
    returns its page with the edit, and until the rebuild that follows is done ({} if never)."""
    port = free_port()
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / "belde-serve.log"
    env = dict(os.environ, COLUMNS="400", PYTHONUNBUFFERED="1")
    with log_path.open("w", encoding="utf-8") as handle:
        server = subprocess.Popen([sys.executable, "-m", "belde", "serve", "-s", str(settings), "-p", str(port)],
                                  cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env)  # fmt: skip
        try:
            if not wait_until(lambda: "serving " in log_path.read_text(encoding="utf-8"), timeout):
                return {}
            builds = log_path.read_text(encoding="utf-8").count("items:")
            path = next(p for p in sorted(content.rglob("*.md")) if "registry" not in p.parts)
            url = f"http://127.0.0.1:{port}/{_item_address(path)}"
            with path.open("a", encoding="utf-8") as item:
                item.write(f"\n{MARK}; sayfa yeniden oluşturuluyor.\n")
            saved = time.perf_counter()
            if not wait_until(lambda: MARK in fetch(url), timeout, pause=0.02):
                return {}
            shown = time.perf_counter() - saved
            wait_until(lambda: log_path.read_text(encoding="utf-8").count("items:") > builds, timeout)
            rebuilt = time.perf_counter() - saved
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"preview_s": shown, "serve_rebuild_s": rebuilt}


def _item_address(path: Path) -> str:
    """ARTICLE_URL of a corpus item: {date:%Y}/{date:%m}/{slug}/."""
    text = path.read_text(encoding="utf-8")
    date = re.search(r"^date: '?(\d{4})-(\d{2})", text, re.M)
    slug = re.search(r"^slug: (\S+)", text, re.M)
    return f"{date.group(1)}/{date.group(2)}/{slug.group(1)}/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text, or "" while the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(condition, timeout: float, pause: float = 0.2) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return True
        time.sleep(pause)
    return False
