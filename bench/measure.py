"""Run one Python module as `python -m MODULE ARGS…` would, then report its peak memory.

    python -m bench.measure RESULT.json -m MODULE [ARG…]
    python -m bench.measure RESULT.json -x PROGRAM [ARG…]    (a program, run as a child)

The module runs in this process, so RUSAGE_SELF is the build's own peak resident set size;
RUSAGE_CHILDREN is the largest process it started and waited for (Pagefind, when the build
indexes the site). RESULT.json gets {"exit": code, "self_kib": …, "children_kib": …}.
"""

import json
import os
import resource
import runpy
import subprocess
import sys


def main() -> None:
    # `python -m belde` leaves with os._exit, skipping the teardown of the build's objects: here
    # it ends the module's run instead, so that the figures are written, and this process then
    # leaves the same way. Forked children (the build's workers) still exit at once.
    leave, parent = os._exit, os.getpid()

    def exit_after_figures(code):
        if os.getpid() != parent:
            leave(code)
        raise SystemExit(code)

    os._exit = exit_after_figures
    result_path, flag, module, *rest = sys.argv[1:]
    if flag not in ("-m", "-x"):
        raise SystemExit("usage: python -m bench.measure RESULT.json -m MODULE|-x PROGRAM [ARG…]")
    sys.argv = [module, *rest]
    code = 0
    try:
        if flag == "-x":
            code = subprocess.run([module, *rest], check=False).returncode
        else:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if not isinstance(done.code, (int, type(None))):
            print(done.code, file=sys.stderr)
    except BaseException as error:  # a crash is a figure too: report it and its exit code
        import traceback

        traceback.print_exc()
        code = 70
        del error
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        figures = {
            "exit": code,
            # ru_maxrss is in KiB on Linux
            "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        }
        with open(result_path, "w", encoding="utf-8") as handle:
            json.dump(figures, handle)
    leave(code)


if __name__ == "__main__":
    main()
