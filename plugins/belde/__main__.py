"""python -m belde COMMAND: the site's command line.

  import FILE...   press releases to items (belde.importer.cli)
  build            the site (belde.build)
  serve            serve output/ and rebuild it on every change (belde.devserver)
"""

import argparse
import importlib
import logging
import os
import sys


def _import(args) -> int:
    from .importer import cli

    return cli.run(args)


def _add_import(commands) -> None:
    from .importer.cli import add_arguments

    parser = commands.add_parser("import", help="import press releases as items")
    add_arguments(parser)
    parser.set_defaults(handler=_import)


# --- build ---------------------------------------------------------------
# The build command lives in belde.build; it is loaded only when asked for.
def _build(args) -> int:
    try:
        build = importlib.import_module("belde.build")
    except ModuleNotFoundError as error:
        if error.name in ("belde.build",):
            print("belde build: the build command is not installed in this checkout (no belde.build)", file=sys.stderr)
            return 2
        raise
    return build.main(args.rest)


def _add_build(commands) -> None:
    parser = commands.add_parser("build", help="build the site", add_help=False)
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(handler=_build)
# -------------------------------------------------------------------------


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # build's and serve's own options (-s, -o) are parsed by their modules; the importer's
    # arguments are not even loaded for them (a build is often a second's work).
    if argv[:1] == ["build"]:
        return importlib.import_module("belde.build").main(argv[1:])
    if argv[:1] == ["serve"]:
        return importlib.import_module("belde.devserver").main(argv[1:])
    parser = argparse.ArgumentParser(prog="belde", description="Belde: İstanbul local-government press items")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_import(commands)
    _add_build(commands)
    args = parser.parse_args(argv)
    return args.handler(args) or 0


def _leave(code: int) -> None:
    """Exit without freeing the build's objects one by one: at archive scale that takes
    seconds, and everything is already written. Output and logs are flushed first."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    try:
        _leave(main() or 0)
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(0)
