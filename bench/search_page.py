"""How soon a reader of ara/ sees results, and what the browser loads for them.

    python -m bench.search_page OUTPUT [--latency 40] [--query kagithane] [--then ulaşım]

Serves a built site (OUTPUT) over HTTP, opens `ara/?q=QUERY` in headless Chromium with the
given round trip added to every request and 2.5 MB/s of bandwidth, and prints the seconds until
the first results are shown, the requests and kilobytes it took (by kind of file), then the
same for a second query typed on the ready page (which waits 250 ms for more typing). Needs
Playwright and a Chromium, as the browser tests do (`make test` installs both).
"""

import argparse
import collections
import functools
import http.server
import socketserver
import threading
import time
from pathlib import Path
from urllib.parse import quote

from tests.browser_support import CHROMIUM_ARGS, chromium_path

BANDWIDTH = 2_500_000  # bytes a second each way: a good mobile connection


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def _kind(url: str) -> str:
    """'index', 'fragment' or 'filter' for those files of a search shard, 'shard' for its other
    files (entry, metadata, script, WebAssembly), 'site' for the rest."""
    parts = url.split("?")[0].split("/")
    if "pagefind" not in parts:
        return "site"
    return parts[-2] if parts[-2] in ("index", "fragment", "filter") else "shard"


def _loads(page, action, done: str) -> dict:
    """Seconds, requests and KB from `action()` until the script `done` is true."""
    requests, sizes = [], []
    on_request = lambda request: requests.append(request.url)  # noqa: E731
    on_response = lambda response: sizes.append(int(response.headers.get("content-length", 0)))  # noqa: E731
    page.on("request", on_request)
    page.on("response", on_response)
    started = time.perf_counter()
    action()
    page.wait_for_function(done, timeout=300_000)
    seconds = time.perf_counter() - started
    page.remove_listener("request", on_request)
    page.remove_listener("response", on_response)
    kinds = collections.Counter(_kind(url) for url in requests)
    return {"seconds": seconds, "requests": len(requests), "kb": sum(sizes) / 1024, "kinds": dict(kinds.most_common())}


def measure(output: Path, latency_ms: float, query: str, then: str) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(output))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_context().new_page()
            session = page.context.new_cdp_session(page)
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": latency_ms, "downloadThroughput": BANDWIDTH, "uploadThroughput": BANDWIDTH,
            })  # fmt: skip
            first = _loads(page, lambda: page.goto(f"{base}ara/?q={quote(query)}"),
                           "document.documentElement.dataset.searchReady === 'true'")  # fmt: skip
            status = page.inner_text("#search-status")
            wanted = "?q=" + quote(then)
            second = _loads(page, lambda: page.fill("#search-q", then),
                            f"document.getElementById('search-results').dataset.done === {wanted!r}")  # fmt: skip
            browser.close()
    finally:
        server.shutdown()
    return {"first": first, "status": status, "second": second}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="a built site (its ara/ page and pagefind/ index)")
    parser.add_argument("--latency", type=float, default=40, help="milliseconds added to every request")
    parser.add_argument("--query", default="kagithane")
    parser.add_argument("--then", default="ulaşım", help="a second query, typed on the ready page")
    args = parser.parse_args(argv)
    found = measure(args.output, args.latency, args.query, args.then)
    for label, run in (("first results of " + args.query, found["first"]), ("then " + args.then, found["second"])):
        print(f"{label}: {run['seconds']:.2f} s, {run['requests']} requests, {run['kb']:.0f} KB {run['kinds']}")
    print(found["status"])


if __name__ == "__main__":
    main()
