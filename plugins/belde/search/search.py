"""Wiring: a Jinja filter for the folded words, and Pagefind run over the finished output.

Pagefind lower-cases with Unicode rules (İ → i̇, I → i) and treats ı, ğ, ş … as letters of
their own, so 'kagithane' would not find 'Kağıthane'. Each item page therefore carries, in a
hidden element inside its indexed body, the ASCII-folded form of every word that folding
changes (belde.turkish.tr_casefold with ascii_fold); search.js folds the query the same way.
"""

import importlib.metadata
import json
import logging
import re
import shutil
import unicodedata
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from pelican import signals

from belde.atomic import write_if_changed
from belde.press import state
from belde.press.forked import workers
from belde.turkish import tr_casefold

from .runs import UNUSED_FILES, Shard, folder_bytes, index_shards

logger = logging.getLogger("belde.search")

# Every setting the plugin reads, with its default; pelicanconf.py may override any.
DEFAULTS = {
    "BELDE_SEARCH": True,  # False: no index is built (tests that do not search save the time)
    "BELDE_SEARCH_LANGUAGE": "tr",  # Pagefind's stemming language for the whole site
    "BELDE_SEARCH_BUNDLE": "pagefind",  # the index's folder inside OUTPUT_PATH
    # Files Pagefind reads; None = those ARTICLE_SAVE_AS can name ('*/*/*/index.html'), since only
    # item pages carry data-pagefind-body: reading the index pages too would triple the time.
    "BELDE_SEARCH_GLOB": None,
    # The newest month's newest items, as many as exceed a multiple of this, are a shard of their
    # own: a new item re-indexes a few dozen pages, and the month once per this many items.
    "BELDE_SEARCH_NEWEST": 50,
    # The newest this many months are shards of their own (the newest cut as above), so that an
    # item corrected within weeks re-indexes its month rather than its year.
    "BELDE_SEARCH_MONTHS": 2,
    # A year of more item pages than this is indexed in runs of months of at most this many,
    # so that Pagefind's memory stays under 1 GiB (some 0.3 MiB a page); 0: one shard a year.
    "BELDE_SEARCH_SHARD_PAGES": 3000,
    # Shards are indexed up to one per core (BELDE_WORKERS) at once while their pages together
    # stay within this many: 3,000 pages keep Pagefind's memory under 1 GiB.
    "BELDE_SEARCH_PAGES_AT_ONCE": 3000,
}

# A word: letters and digits; an apostrophe ends it (Kağıthane'de → Kağıthane: the suffix
# after a proper noun is dropped, as a reader would search for the name).
_WORD = re.compile(r"([^\W_]+)(?:['’][^\W_]+)?")
_TAG = re.compile(r"<[^>]+>")


def _words(text: str):
    return _WORD.findall(text)


def _unique_non_ascii_words(text: str) -> list:
    """The words of `text` (as _words finds them) that are not ASCII, each once, in the order
    they first appear. A word never spans whitespace, so the text is cut into its distinct
    whitespace-separated tokens first, in C; only tokens with a non-ASCII character are looked
    into, and the word pattern runs only over those that are not one word already. Run over the
    whole body, it took more than a quarter of the time an item page takes to render."""
    words = {}
    for token in dict.fromkeys(text.split()):
        if token.isascii():
            continue
        if token.isalnum():
            words[token] = None
            continue
        for word in _words(token):
            if not word.isascii():
                words[word] = None
    return list(words)


def _strip_marks(text: str) -> str:
    """What Pagefind does to a word besides lower-casing it: combining marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str | None:
    """The ASCII fold of a word, or None when Pagefind's own folding already gives it."""
    folded = _strip_marks(tr_casefold(word, ascii_fold=True))
    return folded if folded != _strip_marks(word.lower()) else None


def search_fold(*texts) -> str:
    """The ASCII-folded forms of the words in `texts` that Pagefind would not fold alike.

    Pagefind lower-cases and drops combining marks (İmamoğlu → imamoglu, seçilen → secilen)
    but keeps the dotless ı, so 'Kağıthane'de ılık belediye İmamoğlu' → 'kagithane ilik':
    words Pagefind already matches in ASCII are left out. HTML tags in the texts are ignored.
    """
    if len(texts) == 1 and isinstance(texts[0], (list, tuple)):
        texts = tuple(texts[0])
    seen, folded_words = set(), []
    for text in texts:
        if not text:
            continue
        text = str(text)
        plain = _TAG.sub(" ", Markup(text).unescape()) if "<" in text or "&" in text else text
        for word in _unique_non_ascii_words(plain):  # ASCII folds to itself under both rules
            folded = _fold_word(word)
            if folded is not None and folded not in seen:
                seen.add(folded)
                folded_words.append(folded)
    return " ".join(folded_words)


SHARDS_FILE = "shards.json"  # the shards' names, newest first, read by search.js

# search.js cuts the excerpt's text at this mark, so that folded words are never shown.
FOLD_MARK = "⁂"


def set_defaults(pelican):
    """initialized: fill in settings left out, and register the Jinja filter."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    filters = dict(pelican.settings.get("JINJA_FILTERS") or {})
    filters["search_fold"] = search_fold
    pelican.settings["JINJA_FILTERS"] = filters


def item_glob(save_as: str) -> str:
    """The glob of the files an ARTICLE_SAVE_AS pattern writes: each {field} becomes '*'."""
    return re.sub(r"\{[^}]*\}", "*", save_as)


def plan_shards(save_as_names: list, glob: str, by_month: bool = True, newest: int = 0, moments: list | None = None,
                months: int = 1, largest: int = 0) -> dict:
    """{shard name: glob of its pages}, newest first: the newest `months` months each alone,
    then one shard per year, or per run of its months when the year has more than `largest`
    pages ('2019-07_12'): Pagefind's memory grows with a shard's pages (some 0.3 MiB a page).

    Pagefind's time and memory grow with the pages it indexes at once (some 4 ms a page), and a
    press office publishes into the newest month and corrects what it published lately: those
    months are shards of their own, so a new or corrected item re-indexes a few hundred pages
    rather than a year's thousands. Within the newest month, the newest items beyond a multiple
    of `newest` (save_as_names come newest first) are a shard of their own ('2025-12-son'),
    listed by folder: a new item re-indexes them alone, and the rest of the month once every
    `newest` items. Items of one moment (`moments`: each item's date, in the same order) stay in
    one shard, so that a new item of the newest day, placed among that day's items by its slug,
    still falls in the newest shard. When an item of a later month arrives, the oldest of the
    months joins its year, which is re-indexed once. Every shard follows from the items alone,
    so a cold build makes the same shards.

    Shards follow the first two folders of ARTICLE_SAVE_AS (year and month, with Belde's
    addresses); when they are not both dates (by_month False), one shard per first folder.
    """
    parts = glob.split("/")
    moments = range(len(save_as_names)) if moments is None else moments  # each item a moment of its own
    dated = [(name.split("/"), moment) for name, moment in zip(save_as_names, moments) if "/" in name]
    folders = [folder for folder, _ in dated]
    if not folders:
        return {}
    recent = []  # the newest months, newest first
    if by_month and len(parts) >= 3 and len(folders[0]) >= 3:
        for folder in folders:
            month = "/".join(folder[:2])
            if month not in recent:
                if len(recent) == max(months, 1):
                    break
                recent.append(month)
    years, pages = {}, {}
    for folder in folders:
        years.setdefault(folder[0], set()).add(folder[1])
        pages[tuple(folder[:2])] = pages.get(tuple(folder[:2]), 0) + 1
    plan = {}
    if recent:
        in_month = [(folder, moment) for folder, moment in dated if "/".join(folder[:2]) == recent[0]]
        plan.update(_month_shards(recent[0], *zip(*in_month), parts, newest))
        plan.update({month.replace("/", "-"): f"{month}/{'/'.join(parts[2:])}" for month in recent[1:]})
    for year in sorted(years, reverse=True):
        alone = {month.split("/")[1] for month in recent if month.split("/")[0] == year}
        rest = sorted(years[year] - alone)
        groups = _month_groups(rest, [pages[year, month] for month in rest], largest) if recent else [rest]
        for group in reversed(groups):
            name = year if len(groups) == 1 else f"{year}-{group[0]}_{group[-1]}"
            if not alone and len(groups) == 1:
                plan[name] = f"{year}/{'/'.join(parts[1:])}"
            elif group:
                alternatives = group[0] if len(group) == 1 else "{" + ",".join(group) + "}"
                plan[name] = f"{year}/{alternatives}/{'/'.join(parts[2:])}"
    return plan


def _month_groups(months: list, pages: list, largest: int) -> list:
    """Consecutive months in groups of at most `largest` pages (a month larger than that is a
    group of its own), or one group when the whole fits or `largest` is 0."""
    if not largest or sum(pages) <= largest:
        return [months]
    groups, size = [[]], 0
    for month, count in zip(months, pages):
        if groups[-1] and size + count > largest:
            groups.append([])
            size = 0
        groups[-1].append(month)
        size += count
    return groups


# A glob is one command-line argument, which Linux caps at 128 KiB: a month of more items than
# this many characters of folder names is one shard (some two thousand items, at Belde's slugs).
MAX_LISTED = 100_000


def _month_shards(month: str, folders: list, moments: list, parts: list, newest: int) -> dict:
    """The newest month's shards: its newest items beyond a multiple of `newest` (with the rest
    of their moment), then the rest, each listed by folder (so that the rest's glob stays the
    same while its items do)."""
    name = month.replace("/", "-")
    whole = {name: f"{month}/{'/'.join(parts[2:])}"}
    if not newest or any(len(folder) != len(parts) for folder in folders):
        return whole
    entries = [folder[2] for folder in folders]
    if any(c in entry for entry in entries for c in "*?[]{},\\") or sum(map(len, entries)) > MAX_LISTED:
        return whole
    recent = len(entries) % newest
    while 0 < recent < len(entries) and moments[recent] == moments[recent - 1]:
        recent += 1
    shards = {f"{name}-son": entries[:recent], name: entries[recent:]}
    return {shard: "/".join([month, "{" + ",".join(sorted(chosen)) + "}", *parts[3:]]) for shard, chosen in shards.items() if chosen}



@lru_cache(maxsize=64)
def _matcher(glob: str):
    """A glob as Pagefind reads those of plan_shards ('*' within a folder, '{a,b}'), as a regex."""
    pattern = []
    for token in re.split(r"(\*|\{[^}]*\})", glob):
        if token == "*":
            pattern.append("[^/]*")
        elif token.startswith("{") and token.endswith("}"):
            pattern.append("(?:" + "|".join(re.escape(a) for a in token[1:-1].split(",")) + ")")
        else:
            pattern.append(re.escape(token))
    return re.compile("".join(pattern) + r"\Z")


def shard_of(page: str, plan: dict) -> str | None:
    """The shard an item page belongs to under a plan from plan_shards; for a page no glob
    matches (an item gone), the first whose glob's literal start the page has (the month before
    its year). A shard that listed a gone item by folder has a new glob, and is re-indexed anyway."""
    for name, pages in plan.items():
        if _matcher(pages).match(page):
            return name
    for name, pages in plan.items():
        if page.startswith(re.split(r"[*{]", pages, maxsplit=1)[0]):
            return name
    return None


def _previous(root: Path) -> tuple:
    """The previous build's plan ({shard: glob}), the bytes of each of its shards, and how
    Pagefind was run (_indexer)."""
    try:
        data = json.loads((root / SHARDS_FILE).read_text(encoding="utf-8"))
        return data.get("globs", {}), data.get("bytes", {}), data.get("indexer")
    except (OSError, ValueError, AttributeError):
        return {}, {}, None


def _indexer(language: str) -> dict:
    """What, besides the pages, makes a shard's files: Pagefind's version, the language it stems
    for, and the files removed from its bundle. When any of them changes (a shard written before
    those files were removed, say), every shard is indexed again."""
    try:
        version = importlib.metadata.version("pagefind-bin")
    except importlib.metadata.PackageNotFoundError:
        version = None
    return {"pagefind": version, "language": language, "removed": sorted(UNUSED_FILES)}


def _shards(names: list, plan: dict, articles: list) -> list:
    """The shards to index, in the plan's order, with their pages (counted only when there is
    more than one to schedule: a new item's build indexes one)."""
    counts = {}
    if len(names) > 1:
        for article in articles:
            shard = shard_of(article.save_as, plan)
            counts[shard] = counts.get(shard, 0) + 1
    return [Shard(name, plan[name], counts.get(name, 0)) for name in names]


def build_index(pelican):
    """finalized: index the item pages, one Pagefind bundle per shard (plan_shards),
    re-indexing only the shards whose pages changed. search.js loads the newest shard and
    merges the others (shards.json)."""
    settings = pelican.settings
    if not settings.get("BELDE_SEARCH", True):
        return
    output = Path(settings["OUTPUT_PATH"])
    bundle = settings.get("BELDE_SEARCH_BUNDLE", "pagefind")
    glob = settings.get("BELDE_SEARCH_GLOB") or item_glob(settings["ARTICLE_SAVE_AS"])
    writer = state.writer()
    articles = writer.context.get("articles", []) if writer is not None and writer.context else []
    by_month = all("{date" in folder for folder in settings["ARTICLE_SAVE_AS"].split("/")[:2])
    newest, months = settings.get("BELDE_SEARCH_NEWEST", 0), settings.get("BELDE_SEARCH_MONTHS", 1)
    largest = settings.get("BELDE_SEARCH_SHARD_PAGES", 0)
    plan = plan_shards([a.save_as for a in articles], glob, by_month, newest, [a.date for a in articles], months, largest)
    root = output / bundle
    root.mkdir(parents=True, exist_ok=True)
    previous, sizes, indexer = _previous(root)
    language = settings.get("BELDE_SEARCH_LANGUAGE", "tr")
    current_indexer = _indexer(language)
    if writer is None or indexer != current_indexer:
        changed = set(plan)
    else:
        changed = {shard_of(name, plan) for name in writer.reindex} - {None}
        changed |= {name for name, pages in plan.items() if previous.get(name) != pages}
    for stale in root.iterdir():
        if stale.is_dir() and stale.name not in plan or stale.is_file() and stale.name != SHARDS_FILE:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    todo = [name for name in plan if name in changed or not (root / name / "pagefind.js").is_file()]
    for name in plan:
        if name not in todo and name not in sizes:
            sizes[name] = folder_bytes(root / name)
    done = index_shards(output, root, _shards(todo, plan, articles), language, workers(settings),
                        settings.get("BELDE_SEARCH_PAGES_AT_ONCE", 0))  # fmt: skip
    sizes.update({name: shard["bytes"] for name, shard in done["shards"].items()})
    figures = {"pages": sum(shard["pages"] for shard in done["shards"].values()), "seconds": done["seconds"],
               "shards": len(todo), "peak_kib": done["peak_kib"], "most_at_once": done["most_at_once"]}  # fmt: skip
    # The shards' sizes are kept with the plan: adding them up again would stat every file of the index.
    sizes = {shard: sizes[shard] for shard in plan}
    shards = json.dumps({"shards": list(plan), "globs": plan, "bytes": sizes, "indexer": current_indexer})
    write_if_changed(root / SHARDS_FILE, shards)  # the same plan keeps its file and its compressed copies
    figures["bytes"] = sum(sizes.values()) + len(shards.encode())
    pelican.belde_search = figures
    at_once = f", {done['most_at_once']} at once, {done['peak_kib'] / 1024:.0f} MiB" if todo else ""
    figures["summary"] = (
        f"search: {figures['pages']} pages indexed in {figures['seconds']:.2f} s, {figures['bytes']} bytes "
        f"({figures['shards']} of {len(plan)} shards{at_once})"
    )
    logger.info("%s", figures["summary"])


def register():
    signals.initialized.connect(set_defaults)
    signals.finalized.connect(build_index)
