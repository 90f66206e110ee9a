"""Build one generated corpus with Belde and with plain Pelican, and print the figures side by side.

    python -m bench.run --n 20000          (or: make bench N=20000)

The corpus (bench/generate.py) is written to .bench/corpus-N/ once and reused. For each system the
run copies it to .bench/work-N/<system>/, then times, each build in a fresh process:

  cold        fresh output folder, no cache
  add one     one more item, dated after the whole corpus (published now), built again
  edit one    one item's text changed (one of the oldest), built again
  edit recent (Belde) an item of the month before the newest changed, built again
  registry    (Belde) one person's term moved by a day, built again
  serve       (Belde) `belde serve` on the built site: one item edited, seconds until the
              server returns the edited page, and until the rebuild after it is done

and reports peak memory, output bytes and HTML files per item, and the search index (Pagefind) for
both: Belde's own search step when the build runs it (its time and memory are read from the build
log), a separate `python -m pagefind` run otherwise. Results go to .bench/results-N.json as well.
"""

import argparse
import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from belde import staging  # noqa: E402
from bench import generate, serve  # noqa: E402

SEARCH_LINE = re.compile(r"search:\s+(\S+)\s+pages\s+indexed\s+in\s+([\d.]+)\s*s,\s*(\d+)\s+bytes")
# The build's own figure for Pagefind's memory: the runs that overlapped, added up.
SEARCH_MEMORY = re.compile(r"search: .* at once, (\d+) MiB\)")
PAGES_LINE = re.compile(r"pages:\s+(\d+) rendered, (\d+) unchanged, (\d+) removed")
ITEMS_LINE = re.compile(r"items:\s+(\d+) read, (\d+) published, (\d+) refused")
MIB = 1024

# Belde's goals, relative to plain Pelican on the same corpus where they are ratios.
TARGETS = {
    # Pelican has no search: its cold build is compared with Belde's site alone, and with
    # Pagefind's run over its output added, with Belde's site and index together.
    "cold_site_s": ("ratio", 0.25, "≤ 0.25×"),
    "cold_site_index_s": ("ratio", 0.25, "≤ 0.25×"),
    "add_s": ("both", (5.0, 0.03), "≤ 5 s and ≤ 0.03×"),
    "edit_s": ("both", (5.0, 0.03), "≤ 5 s and ≤ 0.03×"),  # "one added or edited item"
    "edit_recent_s": ("abs", 5.0, "≤ 5 s"),  # Belde only: Pelican rebuilds all for any edit
    "preview_s": ("abs", 2.0, "≤ 2 s"),
    "build_rss_mib": ("abs", 500, "≤ 500 MiB"),
    "search_rss_mib": ("abs", 1024, "≤ 1 GiB"),
    "output_kb_per_item": ("abs", 15, "≤ 15 KB"),
    "index_kb_per_item": ("abs", 5, "≤ 5 KB"),
}

BELDE_SETTINGS = '''"""Belde's settings for the benchmark corpus (written by bench/run.py)."""
import sys

sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: E402,F401,F403

PATH = {content!r}
OUTPUT_PATH = {output!r}
BELDE_REGISTRY_PATH = {registry!r}
CACHE_PATH = {cache!r}
CACHE_CONTENT = {cache_on}
LOAD_CONTENT_CACHE = {cache_on}
'''

# What a plain Pelican user would write for such an archive: pelican-quickstart's answers
# (10 items a page, one author), typogrify, the default theme, and tag and category feeds.
PELICAN_SETTINGS = '''"""Plain Pelican's settings for the benchmark corpus (written by bench/run.py)."""
AUTHOR = "Haber Masası"
SITENAME = "İstanbul yerel haberleri"
SITEURL = ""
RELATIVE_URLS = True
PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
TIMEZONE = "Europe/Istanbul"
DEFAULT_LANG = "tr"
DEFAULT_PAGINATION = 10
TYPOGRIFY = True
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{{slug}}.atom.xml"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
'''


def log(message: str) -> None:
    print(message, flush=True)


# --- running and measuring one build -------------------------------------------------------------
def run_measured(label: str, module_args: list, logs: Path) -> dict:
    """`python -m MODULE ARGS` in a fresh process: wall seconds, exit code, peak memory, log."""
    logs.mkdir(parents=True, exist_ok=True)
    log_path, figures_path = logs / f"{label}.log", logs / f"{label}.json"
    figures_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.measure", str(figures_path), *module_args]
    os.sync()  # the previous run's pages are on disk: their writeback is not timed here
    env = dict(os.environ, COLUMNS="400", PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    started = time.perf_counter()
    with log_path.open("w", encoding="utf-8") as handle:
        done = subprocess.run(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env, check=False)
    seconds = time.perf_counter() - started
    text = log_path.read_text(encoding="utf-8", errors="replace")
    try:
        figures = json.loads(figures_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        figures = {"exit": done.returncode, "self_kib": None, "children_kib": None}
    result = {
        "label": label,
        "seconds": seconds,
        "exit": done.returncode,
        "self_mib": figures["self_kib"] / MIB if figures.get("self_kib") else None,
        "children_mib": figures["children_kib"] / MIB if figures.get("children_kib") else None,
        "log": str(log_path),
    }
    search = SEARCH_LINE.search(text)
    if search:
        result["search_seconds"] = float(search.group(2))
        result["search_bytes"] = int(search.group(3))
        memory = SEARCH_MEMORY.search(text)
        if memory:
            result["search_mib"] = float(memory.group(1))
    pages = PAGES_LINE.search(text)
    if pages:
        result["rendered"], result["unchanged"], result["removed"] = map(int, pages.groups())
    items = ITEMS_LINE.search(text)
    if items:
        result["read"], result["published"], result["refused"] = map(int, items.groups())
    status = "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
    log(f"  {label:<28} {seconds:8.2f} s   {status}")
    if done.returncode != 0:
        tail = "\n".join(text.rstrip().splitlines()[-25:])
        log(f"  --- last lines of {log_path} ---\n{tail}\n  ---")
    return result


def folder_bytes(folder: Path, skip: str | None = None) -> tuple:
    """(bytes, html files) under folder, leaving out the subfolder `skip`."""
    total, html = 0, 0
    if not folder.is_dir():
        return 0, 0
    for base, dirs, files in os.walk(folder):
        if skip and Path(base) == folder and skip in dirs:
            dirs.remove(skip)
        for name in files:
            total += os.path.getsize(os.path.join(base, name))
            html += name.endswith(".html")
    return total, html


# --- the corpus ----------------------------------------------------------------------------------
def ensure_corpus(bench: Path, n: int, seed: int) -> Path:
    corpus = bench / f"corpus-{n}"
    manifest = corpus / "manifest.json"
    try:
        current = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = {}
    wanted = {"version": generate.VERSION, "n": n, "seed": seed, "collide": 0}
    if any(current.get(k) != v for k, v in wanted.items()):
        log(f"generating {n} items into {corpus} …")
        started = time.perf_counter()
        generate.generate(corpus, n, seed)
        log(f"  generated in {time.perf_counter() - started:.1f} s")
    return corpus


def fresh_copy(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def reset(*folders: Path) -> None:
    for folder in folders:
        if folder.exists():
            shutil.rmtree(folder)


def new_item(content: Path, n: int, seed: int, kind: str) -> Path:
    """Write item number n (one past the corpus) into content, in the system's format: published
    now, as a press office publishes, so dated after every item of the corpus."""
    registry = generate.make_registry(seed)
    item = generate.make_item(seed, n, registry, at=dt.datetime.combine(generate.LAST_DAY, dt.time(20, 0)))
    item.slug = generate.unique_slug(item.title, set()) + "-yeni"
    path = content / item.relpath()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(item.belde_text() if kind == "belde" else item.pelican_text(), encoding="utf-8")
    return path


def edit_item(content: Path, recent: bool = False) -> Path:
    """Append a sentence to the first item (sorted by path: one of the oldest month's), or with
    `recent` to the first of the month before the newest (an item corrected weeks later)."""
    items = sorted(p for p in content.rglob("*.md") if "registry" not in p.parts)
    months = sorted({p.parent for p in items})
    path = next(p for p in items if not recent or len(months) < 2 or p.parent == months[-2])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nGüncelleme: çalışmanın takvimi öğleden sonra yeniden açıklandı; İlçe ekipleri ışıklandırmayı sürdürüyor.\n")
    return path


def edit_registry(registry_folder: Path) -> str:
    """Move the first closed deputy-mayor term's `to` date a day later."""
    path = registry_folder / "people.yaml"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(r"(office: deputy_mayor, [^\n]*?to: )(\d{4}-\d{2}-\d{2})")
    match = pattern.search(text)
    if not match:
        return "no closed deputy term to edit"
    old = dt.date.fromisoformat(match.group(2))
    new = old + dt.timedelta(days=1)
    path.write_text(text[: match.start(2)] + new.isoformat() + text[match.end(2):], encoding="utf-8")
    return f"to: {old} -> {new}"


# --- the two systems -----------------------------------------------------------------------------
def pagefind_run(label: str, output: Path, logs: Path) -> dict:
    try:
        from pagefind.service import get_executable

        executable = get_executable()
    except ImportError:
        executable = None
    if executable is None:
        log(f"  {label:<28} n/a (the pagefind package is not installed)")
        return {}
    result = run_measured(label, ["-x", str(executable), "--site", str(output), "--force-language", "tr"], logs)
    result["search_seconds"] = result["seconds"]
    result["search_bytes"] = folder_bytes(output / "pagefind")[0]
    return result


def settle(output: Path) -> None:
    """Wait until the previous build's replaced output is removed and its spare linked (Belde
    does both in the background once the new one is published), so that each run is timed on a
    quiet machine."""
    deadline = time.monotonic() + 300
    busy = (f"{output.name}{staging.RETIRED_SUFFIX}-*", f"{output.name}{staging.LINKING_SUFFIX}")
    while any(any(output.parent.glob(pattern)) for pattern in busy) and time.monotonic() < deadline:
        time.sleep(0.2)


def bench_belde(corpus: Path, work: Path, n: int, seed: int, extra: list, cache_on: bool = True) -> dict:
    content = fresh_copy(corpus / "content", work / "belde" / "content")
    output, cache, logs = work / "belde" / "output", work / "belde" / "cache", work / "belde" / "logs"
    reset(output, cache, *output.parent.glob(f"{output.name}.*"))  # and the staging folders of earlier runs
    settings = work / "belde" / "settings.py"
    settings.write_text(
        BELDE_SETTINGS.format(root=str(ROOT), content=str(content), output=str(output),
                              registry=str(content / "registry"), cache=str(cache), cache_on=cache_on),
        encoding="utf-8",
    )
    command = ["-m", "belde", "build", "-s", str(settings), "-o", str(output), *extra]
    log(f"Belde ({' '.join(['python', *command])})")
    runs = {"cold": run_measured("belde-cold", command, logs)}
    if runs["cold"]["exit"] != 0 and cache_on and "pickle" in Path(runs["cold"]["log"]).read_text(encoding="utf-8", errors="replace"):
        error = _pickle_error(runs["cold"]["log"])
        log(f"  Belde's content cache cannot be written ({error}): measuring again without it")
        result = bench_belde(corpus, work, n, seed, extra, cache_on=False)
        result["content_cache"] = "failed: " + error
        return result
    result = figures_of(runs["cold"], output, n)
    result["content_cache"] = "on" if cache_on else "off"
    if "search_seconds" not in runs["cold"] and not (output / "pagefind").is_dir():
        runs["search"] = pagefind_run("belde-pagefind", output, logs)
        result.update(search_figures(runs["search"], n))
    else:
        result.update(search_figures(runs["cold"], n))
    result.update(cold_parts(result, n, index_in_build="search_seconds" in runs["cold"]))
    new_item(content, n, seed, "belde")
    settle(output)
    runs["add"] = run_measured("belde-add-one", command, logs)
    edit_item(content)
    settle(output)
    runs["edit"] = run_measured("belde-edit-one", command, logs)
    edit_item(content, recent=True)
    settle(output)
    runs["edit_recent"] = run_measured("belde-edit-last-month", command, logs)
    result["registry_edit"] = edit_registry(content / "registry")
    settle(output)
    runs["registry"] = run_measured("belde-registry-term", command, logs)
    settle(output)
    result.update(serve.first_look(settings, content, logs))
    if "preview_s" in result:
        log(f"  {'belde-serve (edit one)':<28} {result['preview_s']:8.2f} s   shown; rebuilt after {result['serve_rebuild_s']:.2f} s")
    result.update({
        "add_s": runs["add"]["seconds"],
        "edit_s": runs["edit"]["seconds"],
        "edit_recent_s": runs["edit_recent"]["seconds"],
        "registry_s": runs["registry"]["seconds"],
        "runs": runs,
    })
    result["rebuild_failed"] = [k for k in ("add", "edit", "edit_recent", "registry") if runs[k]["exit"] != 0]
    return result


def _pickle_error(log_path: str) -> str:
    lines = [line for line in Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines() if "pickle" in line]
    return lines[-1].strip() if lines else "pickle error"


def bench_pelican(corpus: Path, work: Path, n: int, seed: int) -> dict:
    content = fresh_copy(corpus / "pelican-content", work / "pelican" / "content")
    output, cache, logs = work / "pelican" / "output", work / "pelican" / "cache", work / "pelican" / "logs"
    reset(output, cache)
    settings = work / "pelican" / "settings.py"
    settings.write_text(PELICAN_SETTINGS.format(content=str(content), output=str(output), cache=str(cache)), encoding="utf-8")
    command = ["-m", "pelican", str(content), "-o", str(output), "-s", str(settings)]
    log(f"plain Pelican ({' '.join(['python', *command])})")
    runs = {"cold": run_measured("pelican-cold", command, logs)}
    result = figures_of(runs["cold"], output, n)
    runs["search"] = pagefind_run("pelican-pagefind", output, logs)
    result.update(search_figures(runs["search"], n))
    result.update(cold_parts(result, n, index_in_build=False))
    new_item(content, n, seed, "pelican")
    runs["add"] = run_measured("pelican-add-one", command, logs)
    edit_item(content)
    runs["edit"] = run_measured("pelican-edit-one", command, logs)
    result.update({"add_s": runs["add"]["seconds"], "edit_s": runs["edit"]["seconds"], "registry_s": None, "runs": runs})
    result["rebuild_failed"] = [k for k in ("add", "edit") if runs[k]["exit"] != 0]
    return result


def figures_of(cold: dict, output: Path, n: int) -> dict:
    size, html = folder_bytes(output, skip="pagefind")
    return {
        "exit": cold["exit"],
        "cold_s": cold["seconds"],
        "cold_ms_per_item": cold["seconds"] * 1000 / n,
        "build_rss_mib": cold["self_mib"],
        "output_kb_per_item": size / 1000 / n,
        "output_bytes": size,
        "html_files": html,
        "refused": cold.get("refused"),
    }


def cold_parts(figures: dict, n: int, index_in_build: bool) -> dict:
    """The cold build's site alone and site with its search index, whether the index was built
    by the build itself (Belde's search step, which its cold_s includes) or by a run after it."""
    search = figures.get("search_s") or 0.0
    site = figures["cold_s"] - search if index_in_build else figures["cold_s"]
    return {"cold_site_s": site, "cold_site_ms_per_item": site * 1000 / n, "cold_site_index_s": site + search}


def search_figures(run: dict, n: int) -> dict:
    """The search step's time, index size and peak memory: for Belde's build, the memory its
    Pagefind runs held together (its search line); for a separate run, that process's peak."""
    if not run or "search_seconds" not in run:
        return {"search_s": None, "index_kb_per_item": None, "search_rss_mib": None}
    return {
        "search_s": run["search_seconds"],
        "index_kb_per_item": run["search_bytes"] / 1000 / n,
        "search_rss_mib": run.get("search_mib") or run["children_mib"],
    }


# --- the table -----------------------------------------------------------------------------------
ROWS = [
    ("cold build, site (s)", "cold_site_s", "{:.1f}"),
    ("cold build, site (ms/item)", "cold_site_ms_per_item", "{:.2f}"),
    ("cold build, site and search index (s)", "cold_site_index_s", "{:.1f}"),
    ("rebuild: add one item (s)", "add_s", "{:.1f}"),
    ("rebuild: edit one item (s)", "edit_s", "{:.1f}"),
    ("rebuild: edit an item of last month (s)", "edit_recent_s", "{:.1f}"),
    ("rebuild: edit a registry term (s)", "registry_s", "{:.1f}"),
    ("belde serve: edited item shown (s)", "preview_s", "{:.2f}"),
    ("peak RSS, build (MiB)", "build_rss_mib", "{:.0f}"),
    ("peak RSS, search (MiB)", "search_rss_mib", "{:.0f}"),
    ("output (KB/item, without index)", "output_kb_per_item", "{:.1f}"),
    ("HTML files", "html_files", "{:d}"),
    ("search index (s)", "search_s", "{:.1f}"),
    ("search index (KB/item)", "index_kb_per_item", "{:.2f}"),
]


def verdict(key: str, belde: dict, pelican: dict):
    if key not in TARGETS:
        return "", ""
    kind, limit, text = TARGETS[key]
    value, other = belde.get(key), pelican.get(key)
    if value is None:
        return text, "n/a"
    if kind == "abs":
        ok = value <= limit
    elif kind == "ratio":
        if not other:
            return text, "n/a"
        ok = value / other <= limit
    else:
        seconds, ratio = limit
        ok = value <= seconds and bool(other) and value / other <= ratio
        if not other:
            return text, "pass" if value <= seconds else "FAIL"
    return text, "pass" if ok else "FAIL"


def table(results: dict, n: int) -> str:
    belde, pelican = results.get("belde", {}), results.get("pelican", {})
    header = ("figure", "Belde", "Pelican", "Belde/Pelican", "target", "")
    lines = [header]
    for title, key, fmt in ROWS:
        b, p = belde.get(key), pelican.get(key)
        ratio = f"{b / p:.3f}×" if isinstance(b, (int, float)) and isinstance(p, (int, float)) and p else "–"
        target, mark = verdict(key, belde, pelican)
        lines.append((title, fmt.format(b) if b is not None else "n/a", fmt.format(p) if p is not None else "n/a", ratio, target, mark))
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    out = [f"N = {n} items, {os.cpu_count()} CPUs"]
    for number, row in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if number == 0:
            out.append("  ".join("-" * w for w in widths))
    notes = []
    for name, figures in (("Belde", belde), ("Pelican", pelican)):
        if figures.get("exit"):
            notes.append(f"{name}'s cold build failed (exit {figures['exit']}); its figures describe what it wrote")
        if figures.get("rebuild_failed"):
            notes.append(f"{name}'s rebuilds failed: {', '.join(figures['rebuild_failed'])}")
    if belde.get("content_cache", "on") != "on":
        notes.append(f"Belde's content cache: {belde['content_cache']}; Belde was measured without it")
    if belde.get("refused"):
        notes.append(f"Belde refused {belde['refused']} items")
    return "\n".join(out + [f"note: {note}" for note in notes])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="items in the corpus (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bench", default=str(ROOT / ".bench"), help="working folder (default .bench/)")
    parser.add_argument("--only", choices=("belde", "pelican"), help="measure one system only")
    parser.add_argument("--belde-args", default="", help="extra options for `python -m belde build`, quoted")
    args = parser.parse_args(argv)
    bench = Path(args.bench).resolve()
    bench.mkdir(parents=True, exist_ok=True)
    corpus = ensure_corpus(bench, args.n, args.seed)
    work = bench / f"work-{args.n}"
    results = {"n": args.n, "seed": args.seed, "cpus": os.cpu_count(), "when": dt.datetime.now().isoformat(timespec="seconds")}
    if args.only in (None, "belde"):
        results["belde"] = bench_belde(corpus, work, args.n, args.seed, shlex.split(args.belde_args))
    if args.only in (None, "pelican"):
        results["pelican"] = bench_pelican(corpus, work, args.n, args.seed)
    printed = table(results, args.n)
    results["table"] = printed
    path = bench / f"results-{args.n}.json"
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log("")
    log(printed)
    log(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
