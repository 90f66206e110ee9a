"""Real pages in a real browser: serve a built site over HTTP and drive headless Chromium.

    from browser_support import launch_chromium, serve

    with serve(site.output) as base_url, launch_chromium() as browser:
        page = browser.new_page()
        page.goto(base_url + "ara/?q=kagithane")

Chromium comes from the system (Debian's `chromium` package, installed by `make test`);
Playwright drives it and never downloads a browser of its own. Where no browser can be
launched, `launch_chromium()` skips the calling test and says why.
"""

import functools
import http.server
import os
import shutil
import socketserver
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Headless, no sandbox (tests run as root in CI), and nothing that reaches out to the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """The browser to drive: $BELDE_CHROMIUM, else the first system Chromium found."""
    configured = os.environ.get("BELDE_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


@contextmanager
def launch_chromium(**launch_options):
    """A Playwright Browser on the system Chromium, with a fresh profile; skips the test if none."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - requirements-dev.txt pins playwright
        pytest.skip(f"browser tests need Playwright for Python: {error}")
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            "browser tests need Chromium: none at " + ", ".join(CHROMIUM_CANDIDATES)
            + " (make test installs Debian's chromium package when run as root)"
        )
    with tempfile.TemporaryDirectory(prefix="belde-chromium-") as profile, sync_playwright() as playwright:
        try:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                headless=True,
                args=CHROMIUM_ARGS,
                **launch_options,
            )
        except PlaywrightError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            pytest.skip(f"Chromium at {executable} could not be launched: {first_line}")
        try:
            yield _Browser(context)
        finally:
            context.close()


class _Browser:
    """The launched browser: new_page() opens a tab in its one (persistent) context."""

    def __init__(self, context):
        self.context = context

    def new_page(self):
        page = self.context.new_page()
        page.set_default_timeout(15_000)
        return page


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".css": "text/css",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serve(folder):
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="belde-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
