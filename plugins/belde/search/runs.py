"""Pagefind runs: one process per search shard, as many at once as there are cores while the
pages they index together stay within a budget.

Pagefind's memory grows with the pages it indexes at once (some 0.32 MiB a page: 918 MiB for a
year of 2,900 pages), and one run keeps about one and a half cores busy. Two runs at once fill
the second core: two half-years together took 7.3 s where their year alone took 9.6 s.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from belde.publish.compress import COPIES

# Pagefind writes its ready-made interfaces into every bundle; search.js uses only its JS API
# (pagefind.js, its worker, and the WebAssembly of the index's language), so the rest goes.
UNUSED_FILES = {
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
}  # fmt: skip

# How often the runs are looked at: whether they ended, and their memory.
POLL_SECONDS = 0.01


def pagefind_executable() -> Path:
    """The Pagefind binary that the pagefind[bin] package ships."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise RuntimeError("Pagefind's binary is missing: pip install 'pagefind[bin]' (requirements.txt pins it)")
    return executable


def folder_bytes(folder: Path) -> int:
    """The bytes of a shard as Pagefind wrote it: a publish build's compressed copies
    (publish/compress.py) are not counted, whether or not they are there yet."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix not in COPIES)


def _drop_unused(bundle: Path) -> None:
    """Remove the files of a Pagefind bundle that the search page never loads (about half a
    megabyte a shard)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    wasm = {f"wasm.{language.get('wasm') or 'unknown'}.pagefind" for language in entry["languages"].values()}
    for path in bundle.iterdir():
        if path.name in UNUSED_FILES or path.name.startswith("wasm.") and path.name not in wasm:
            path.unlink()


@dataclass(frozen=True)
class Shard:
    name: str  # the bundle's folder under the search folder
    glob: str  # the item pages it indexes, as Pagefind's --glob
    pages: int  # how many: what its run's memory grows with


@dataclass
class _Run:
    """One Pagefind process, writing its report to a file (several run at once, and none of
    them may block on a full pipe)."""

    shard: Shard
    bundle: Path
    process: subprocess.Popen
    report: IO[str]
    started: float
    ended: float | None = None
    status: int | None = None
    peak_kib: int = 0
    figures: dict = field(default_factory=dict)

    def poll(self) -> bool:
        """Whether the process has ended; its exit status and peak memory once it has."""
        if self.ended is None:
            self.peak_kib = max(self.peak_kib, _high_water_kib(self.process.pid))
            pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid == 0:
                return False
            self.ended = time.perf_counter()
            self.status = self.process.returncode = os.waitstatus_to_exitcode(status)
            self.peak_kib = self.peak_kib or usage.ru_maxrss
        return True

    def output(self) -> str:
        self.report.seek(0)
        return self.report.read()


def _high_water_kib(pid: int) -> int:
    """A running process's peak resident memory so far (Linux's VmHWM), or 0 where /proc does not
    tell. The exit's ru_maxrss cannot be used alone: a child started from the build carries the
    build's own resident memory into it, until its program replaces it."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _dying_with_the_build(command: list) -> list:
    """The command, run so that Linux kills it when the build dies: a killed build's staging
    folder is the next build's, and a Pagefind left running would write into it. util-linux's
    setpriv sets the signal and then becomes Pagefind; a preexec_fn would make Python fork the
    build's whole memory for each run (35 ms at 20,000 items, where a run for a new item takes 150)."""
    setpriv = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    return [setpriv, "--pdeathsig", "KILL", "--", *command] if setpriv else command


def _start(site: Path, search_root: Path, shard: Shard, language: str) -> _Run:
    bundle = search_root / shard.name
    if bundle.is_dir():  # a previous build's index would otherwise linger beside the new one
        shutil.rmtree(bundle)
    command = [
        str(pagefind_executable()),
        "--site", str(site),
        "--output-path", str(bundle),
        "--force-language", language,
        "--glob", shard.glob,
    ]  # fmt: skip
    report = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")
    process = subprocess.Popen(_dying_with_the_build(command), stdin=subprocess.DEVNULL, stdout=report,
                               stderr=subprocess.STDOUT)  # fmt: skip
    return _Run(shard, bundle, process, report, time.perf_counter())


def _finish(run: _Run) -> None:
    """Check the run, then drop what search.js does not load and measure the bundle."""
    text = run.output()
    run.report.close()
    if run.status != 0:
        raise RuntimeError(f"Pagefind failed ({run.status}) on shard {run.shard.name}: {text.strip()[-2000:]}")
    pages = re.search(r"Indexed (\d+) pages?", text)
    _drop_unused(run.bundle)
    run.figures = {"pages": int(pages.group(1)) if pages else 0, "bytes": folder_bytes(run.bundle)}


def _peak_together(runs: list) -> int:
    """The largest sum of peak memory over runs that were under way at the same moment: an upper
    bound on what indexing held at once (each run's peak is counted for its whole life)."""
    peak = 0
    for run in runs:
        peak = max(peak, sum(other.peak_kib for other in runs if other.started <= run.started < other.ended))
    return peak


def index_shards(site: Path, search_root: Path, shards: list, language: str, workers: int, pages_at_once: int) -> dict:
    """Index the shards into search_root/<name>/, up to `workers` runs at once while their pages
    together stay within `pages_at_once` (a shard larger than that runs alone). Shards start in
    the order given. If a run fails, the others are stopped and the error is raised.

    Returns {shard name: {"pages", "bytes"}} under "shards", and the whole step's "seconds"
    (wall clock), "peak_kib" (_peak_together) and "most_at_once"."""
    pending, running, ended = list(shards), [], []
    most, started = 0, time.perf_counter()
    try:
        while pending or running:
            for shard in list(pending):
                held = sum(run.shard.pages for run in running)
                if len(running) >= max(1, workers) or running and held + shard.pages > pages_at_once:
                    break  # in order: a small shard does not overtake a large one that waits
                running.append(_start(site, search_root, shard, language))
                pending.remove(shard)
            most = max(most, len(running))
            done = [run for run in running if run.poll()]
            if not done:
                time.sleep(POLL_SECONDS)
                continue
            for run in done:
                running.remove(run)
                ended.append(run)
                _finish(run)
    finally:
        for run in running:  # a failure or an interruption: no Pagefind outlives the build
            run.process.kill()
            run.process.wait()
            run.report.close()
    return {
        "shards": {run.shard.name: run.figures for run in ended},
        "seconds": time.perf_counter() - started,
        "peak_kib": _peak_together(ended),
        "most_at_once": most,
    }
