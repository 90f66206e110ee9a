"""`python -m belde serve`: serve the output and rebuild it when an item, the registry, the
theme or the settings change, so that a saved edit shows in the browser within seconds.

Rebuilds run in this one process: the registry, the parsed items (readahead.py) and the
page digests (writer.py) stay warm, so a rebuild parses one file and renders the pages
whose inputs changed. When only items were saved, their pages are shown first, rendered
from the last build in a fraction of a second (preview.py), and the rebuild follows.
Changes are found by polling modification times, which needs no platform-specific
watcher and costs little for tens of thousands of files.
"""

import argparse
import functools
import http.server
import logging
import os
import sys
import threading
import time
from pathlib import Path

from pelican.log import init as init_logging
from pelican.settings import read_settings

from .build import build
from .press.preview import preview
from .press.reader import ITEM_SUFFIXES
from .press.state import registry_folder
from .publish.links import add_index_html

POLL_SECONDS = 0.3


def _stamps(folders) -> dict:
    stamps = {}
    for folder in folders:
        for base, _, files in os.walk(folder):
            for name in files:
                path = os.path.join(base, name)
                try:
                    stamps[path] = os.stat(path).st_mtime_ns
                except OSError:
                    pass
    return stamps


def _serve(output: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# Rebuilds write in place: a reader of a local preview loses nothing from a half-written page,
# and linking a staging copy of a large output would cost seconds at every save.
IN_PLACE = {"BELDE_ATOMIC": False}


def _item_files(changed, settings) -> list | None:
    """The changed files when every one is an item file (or its removal), else None: a change
    to the registry, the theme, the settings or a static file has no quick first look."""
    content = os.path.abspath(settings["PATH"])
    registry = str(registry_folder(settings).resolve())
    for path in changed:
        inside = os.path.commonpath([content, path]) == content and os.path.commonpath([registry, path]) != registry
        if not (inside and path.endswith(ITEM_SUFFIXES)):
            return None
    return changed


def _preview(paths, settings) -> list:
    """Show the saved items first (preview.py), then rebuild: at archive scale the rebuild takes
    seconds, the first look a fraction of one."""
    started = time.perf_counter()
    written = preview(paths)
    if written:
        if settings.get("BELDE_INDEX_LINKS"):  # as the publish step does after a build
            add_index_html(Path(settings["OUTPUT_PATH"]), written)
        pages = ", ".join("/" + name.removesuffix("index.html") for name in written)
        print(f"preview: {pages} · {time.perf_counter() - started:.2f} s (rebuilding)", flush=True)
    return written


def _rebuild(settings_file: str, overrides: dict) -> None:
    started = time.perf_counter()
    try:
        ledger = build(settings_file, overrides)
    except Exception as error:  # noqa: BLE001 - the server keeps serving the last good site
        print(f"build failed, the previous site is still served: {error}", file=sys.stderr)
        return
    print(" · ".join(ledger.lines) + f" · {time.perf_counter() - started:.2f} s", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="belde serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("--once", action="store_true", help="build and serve without watching (for tests)")
    args = parser.parse_args(argv)
    init_logging(level=logging.WARNING)
    settings = read_settings(args.settings)
    output = Path(settings["OUTPUT_PATH"])
    # Each build replaces the output folder; the server looks the path up at every request.
    watched = [settings["PATH"], settings["THEME"], str(Path(__file__).resolve().parent), args.settings]
    _rebuild(args.settings, IN_PLACE)
    server = _serve(output, args.port)
    print(f"serving {output} on http://127.0.0.1:{args.port}/ (Ctrl-C stops)", flush=True)
    if args.once:
        return 0
    stamps = _stamps(watched)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = _stamps(watched)
            if now != stamps:
                changed = _item_files(sorted(p for p in now.keys() | stamps.keys() if now.get(p) != stamps.get(p)), settings)
                stamps = now  # taken before the rebuild: a file saved during it starts another
                if changed:
                    _preview(changed, settings)
                _rebuild(args.settings, IN_PLACE)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
