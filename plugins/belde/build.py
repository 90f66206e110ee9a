"""`python -m belde build`: build the site, report the ledger, and exit non-zero on refusals."""

import argparse
import logging
import os
import sys
from pathlib import Path

from pelican import Pelican, signals
from pelican.log import init as init_logging
from pelican.settings import read_settings

from . import staging
from .press import state as press_state


def summary_lines(pelican) -> list:
    """The build's figures as plain lines, for people and for scripts (bench/run.py)."""
    lines = [f"items: {pelican.belde_ledger.summary()}"]
    writer = press_state.writer()
    if writer is not None:
        lines.append(f"pages: {writer.rendered} rendered, {writer.skipped} unchanged, {writer.removed} removed")
    search = getattr(pelican, "belde_search", None)
    if search:
        lines.append(search["summary"])
    return lines


def _mostly_unchanged(pelican) -> bool:
    """Whether the build rewrote at most a third of the pages (search pages counted). Relinking
    a file of the spare costs some 0.15 ms, linking it into a new tree 0.03 ms, but the next
    build relinks in a forked child while it reads its items, which takes about as long per
    item: a third stays behind the reading (an old item's year re-indexed, say), where a new
    tree is linked after the build and a build started at once waits for it."""
    writer = press_state.writer()
    if writer is None:
        return False
    search = getattr(pelican, "belde_search", None) or {}
    rewritten = writer.rendered + writer.removed + (search.get("pages") or 0)
    return rewritten * 3 <= writer.rendered + writer.skipped


def build(settings_file: str, overrides: dict | None = None) -> "Ledger":  # noqa: F821
    """Build the site into a staging folder and put it in OUTPUT_PATH's place when done.

    Refused items do not stop the swap (every valid item is published; the ledger says
    what was refused); an exception or an interruption leaves the previous output whole.
    BELDE_ATOMIC = False builds in place.
    """
    settings = read_settings(settings_file, override=overrides or {})
    if not settings.get("BELDE_ATOMIC", True):
        pelican = Pelican(settings)
        pelican.run()
        pelican.belde_ledger.lines = summary_lines(pelican)
        return pelican.belde_ledger
    output = Path(settings["OUTPUT_PATH"])
    settings["BELDE_FINAL_OUTPUT"] = str(output)  # the writer keys its records by the final folder
    static = (settings.get("THEME_STATIC_DIR", "theme"), *settings.get("STATIC_PATHS", ()))
    preparation = staging.prepare(output, copied=static, keep=not settings.get("DELETE_OUTPUT_DIRECTORY"))
    settings["OUTPUT_PATH"] = str(preparation.path)

    def staging_ready(*_):  # the previous pages are linked while the items are read
        preparation.ready()

    signals.all_generators_finalized.connect(staging_ready)
    try:
        pelican = Pelican(settings)
        pelican.run()
    except BaseException:
        preparation.abandon()
        raise
    finally:
        signals.all_generators_finalized.disconnect(staging_ready)
    staging.publish(preparation.ready(), output, keep_spare=_mostly_unchanged(pelican))
    writer = press_state.writer()
    if writer is not None:
        writer.commit()
    pelican.belde_ledger.lines = summary_lines(pelican)
    return pelican.belde_ledger


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="belde build", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="settings file (default: pelicanconf.py)")
    parser.add_argument("-o", "--output", help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    init_logging(level=logging.INFO if args.verbose else logging.WARNING)
    logging.getLogger("belde").setLevel(logging.INFO)
    if not Path(args.settings).is_file():
        print(f"belde build: settings file {args.settings} not found; run from the project folder", file=sys.stderr)
        return 2
    # From the current folder, as pelican -o: Pelican would take a relative path in the settings
    # as relative to the settings file.
    overrides = {"OUTPUT_PATH": os.path.abspath(os.path.expanduser(args.output))} if args.output else {}
    ledger = build(args.settings, overrides)
    print("\n".join(ledger.lines))
    return 0 if ledger.ok else 1


if __name__ == "__main__":
    sys.exit(main())
