"""Wiring: a Jinja filter for the folded words, and Pagefind run over the finished output.

Pagefind lower-cases with Unicode rules (İ → i̇, I → i) and treats ı, ğ, ş … as letters of
their own, so 'kagithane' would not find 'Kağıthane'. Each item page therefore carries, in a
hidden element inside its indexed body, the ASCII-folded form of every word that folding
changes (belde.turkish.tr_casefold with ascii_fold); search.js folds the query the same way.
"""

import json
import logging
import re
import shutil
import subprocess
import time
import unicodedata
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from pelican import signals

from belde.press import state
from belde.turkish import tr_casefold

logger = logging.getLogger("belde.search")

# Every setting the plugin reads, with its default; pelicanconf.py may override any.
DEFAULTS = {
    "BELDE_SEARCH": True,  # False: no index is built (tests that do not search save the time)
    "BELDE_SEARCH_LANGUAGE": "tr",  # Pagefind's stemming language for the whole site
    "BELDE_SEARCH_BUNDLE": "pagefind",  # the index's folder inside OUTPUT_PATH
    # Files Pagefind reads; None = those ARTICLE_SAVE_AS can name ('*/*/*/index.html'), since only
    # item pages carry data-pagefind-body: reading the index pages too would triple the time.
    "BELDE_SEARCH_GLOB": None,
}

# A word: letters and digits; an apostrophe ends it (Kağıthane'de → Kağıthane: the suffix
# after a proper noun is dropped, as a reader would search for the name).
_WORD = re.compile(r"([^\W_]+)(?:['’][^\W_]+)?")
_TAG = re.compile(r"<[^>]+>")


def _words(text: str):
    return _WORD.findall(text)


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
        plain = _TAG.sub(" ", Markup(str(text)).unescape()) if "<" in str(text) or "&" in str(text) else str(text)
        for word in _words(plain):
            if word.isascii():
                continue  # ASCII folds to itself under both rules
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


def pagefind_executable() -> Path:
    """The Pagefind binary that the pagefind[bin] package ships."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise RuntimeError("Pagefind's binary is missing: pip install 'pagefind[bin]' (requirements.txt pins it)")
    return executable


def item_glob(save_as: str) -> str:
    """The glob of the files an ARTICLE_SAVE_AS pattern writes: each {field} becomes '*'."""
    return re.sub(r"\{[^}]*\}", "*", save_as)


def index_site(output_path, language: str = "tr", bundle: str = "pagefind", glob: str | None = None) -> dict:
    """Run Pagefind over a built site; returns the figures it reports and the time it took."""
    command = [
        str(pagefind_executable()),
        "--site", str(output_path),
        "--output-subdir", bundle,
        "--force-language", language,
    ]
    if glob:
        command += ["--glob", glob]
    stale = Path(output_path) / bundle
    if stale.is_dir():  # a previous build's index would otherwise linger beside the new one
        shutil.rmtree(stale)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    pages = re.search(r"Indexed (\d+) pages?", done.stdout)
    bundle_path = Path(output_path) / bundle
    size = sum(p.stat().st_size for p in bundle_path.rglob("*") if p.is_file())
    return {"pages": int(pages.group(1)) if pages else None, "seconds": seconds, "bytes": size, "log": done.stdout}


def build_index(pelican):
    """finalized: index the item pages, one Pagefind bundle per shard, re-indexing only changed shards.

    A shard is the first folder of an item's address (the year, with Belde's URLs), so
    that Pagefind's memory stays bounded by the largest year and a new item re-indexes
    its year alone. search.js loads the newest shard and merges the others (shards.json).
    """
    settings = pelican.settings
    if not settings.get("BELDE_SEARCH", True):
        return
    output = Path(settings["OUTPUT_PATH"])
    bundle = settings.get("BELDE_SEARCH_BUNDLE", "pagefind")
    glob = settings.get("BELDE_SEARCH_GLOB") or item_glob(settings["ARTICLE_SAVE_AS"])
    shard_glob = glob.split("/", 1)[1] if "/" in glob else glob
    writer = state.writer()
    articles = writer.context.get("articles", []) if writer is not None and writer.context else []
    shards = sorted({a.save_as.split("/", 1)[0] for a in articles if "/" in a.save_as}, reverse=True)
    changed = {name.split("/", 1)[0] for name in writer.reindex} if writer is not None else None
    root = output / bundle
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.iterdir():
        if stale.is_dir() and stale.name not in shards or stale.is_file() and stale.name != SHARDS_FILE:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    figures = {"pages": 0, "seconds": 0.0, "shards": 0}
    for shard in shards:
        if changed is not None and shard not in changed and (root / shard / "pagefind.js").is_file():
            continue
        done = index_site(
            output, settings.get("BELDE_SEARCH_LANGUAGE", "tr"), f"{bundle}/{shard}", f"{shard}/{shard_glob}"
        )
        figures["pages"] += done["pages"] or 0
        figures["seconds"] += done["seconds"]
        figures["shards"] += 1
    (root / SHARDS_FILE).write_text(json.dumps({"shards": shards}), encoding="utf-8")
    figures["bytes"] = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    pelican.belde_search = figures
    figures["summary"] = (
        f"search: {figures['pages']} pages indexed in {figures['seconds']:.2f} s, {figures['bytes']} bytes "
        f"({figures['shards']} of {len(shards)} shards)"
    )
    logger.info("%s", figures["summary"])


def register():
    signals.initialized.connect(set_defaults)
    signals.finalized.connect(build_index)
