"""Related items, ranked again only where an item's lists changed near it.

Ranking related items (Archive.related) is most of the archive model's time. An item's
related items depend only on its own date and slug, on the lists it is in (in order), and on
the RELATED_WINDOW items on each side of it in each of those lists. Each build keeps, for
the next one, every list as it was and every item's related items. The next build ranks
again only the items for which one of those changed and takes the others' as they were:
adding one item ranks again the few dozen items around it in its lists.
"""

import logging
import pickle

from . import state
from .archive import RELATED_WINDOW
from .background import write_pickles
from .fingerprint import code_digest
from .forked import forked_map, workers

logger = logging.getLogger(__name__)
MEMORY = "belde-related-{}.pickle"  # one per content folder


def relate(archive, settings) -> None:
    """Give every item of the archive its related items (notes.related)."""
    articles = archive.articles
    number = {id(a): i for i, a in enumerate(articles)}
    lists_of = [archive.list_names(a) for a in articles]  # one object per name: pickled once
    keys = [(archive.seconds(a), a.slug) for a in articles]
    paths = [a.source_path for a in articles]
    lists = archive.lists
    stamp = code_digest(settings)  # RELATED_WINDOW and the ranking are code
    memory = _recall(settings, stamp)

    related = [None] * len(articles)
    if memory is not None:
        unchanged = _unchanged(memory, paths, keys, lists_of)
        stale = set()
        for name, items in lists.items():
            stale.update(_near_changes([number[id(a)] for a in items], memory["lists"].get(name, ()), unchanged))
        new_number = {old: new for new, old in enumerate(unchanged) if old is not None}
        for i, old in enumerate(unchanged):
            if old is not None and i not in stale:
                kept = [new_number.get(o) for o in memory["related"][old]]
                if None not in kept:  # always so when the lists say the item is unchanged
                    related[i] = kept
    todo = [i for i, found in enumerate(related) if found is None]
    ranked = forked_map(lambda i: [number[id(o)] for o in archive.related(articles[i])], todo, workers(settings))
    for i, found in zip(todo, ranked):
        related[i] = found
    for article, found in zip(articles, related):
        article.notes.related = [articles[i] for i in found]
    logger.info("related items: %d ranked, %d as in the last build", len(todo), len(articles) - len(todo))

    if settings.get("BELDE_INCREMENTAL", True):
        lists_now = {name: [number[id(a)] for a in items] for name, items in lists.items()}
        memory = {"paths": paths, "keys": keys, "lists_of": lists_of, "lists": lists_now, "related": related}
        write_pickles({_memory_path(settings): [stamp, memory]})


def _memory_path(settings):
    return state.content_cache(settings, MEMORY)


def _recall(settings, stamp) -> dict | None:
    """The previous build's lists and related items, when the same code and settings made them."""
    if not settings.get("BELDE_INCREMENTAL", True):
        return None
    try:
        with _memory_path(settings).open("rb") as handle:
            if pickle.load(handle) != stamp:  # noqa: S301 - Belde's own cache file
                return None
            return pickle.load(handle)  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None


def _unchanged(memory, paths, keys, lists_of) -> list:
    """Per item, its number in the memory when its date, slug and lists are as they were; else None."""
    old_number = {path: i for i, path in enumerate(memory["paths"])}
    old_keys, old_lists_of = memory["keys"], memory["lists_of"]
    unchanged = []
    for path, key, names in zip(paths, keys, lists_of):
        old = old_number.get(path)
        unchanged.append(old if old is not None and old_keys[old] == key and old_lists_of[old] == names else None)
    return unchanged


def _near_changes(items: list, old_items, unchanged: list):
    """The items of a list (numbers, in list order) whose window of RELATED_WINDOW on each side
    may differ from the window they had in the list as it was (old numbers, in order)."""
    old_position = {old: j for j, old in enumerate(old_items)}
    changes = []  # positions in the new list: an item new here, or items gone just before it
    expected = 0
    for i, item in enumerate(items):
        old = unchanged[item]
        j = old_position.get(old) if old is not None else None
        if j is None:
            changes.append(i)
            continue
        if j != expected:
            changes.append(i)
        expected = j + 1
    if expected != len(old_items):
        changes.append(len(items))
    for change in changes:
        yield from items[max(0, change - RELATED_WINDOW - 1) : change + RELATED_WINDOW + 1]
