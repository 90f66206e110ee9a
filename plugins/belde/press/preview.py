"""A first look at saved items, before the exact rebuild (`belde serve`).

A rebuild at archive scale takes seconds, most of them spent on what did not change. An
editor who saved an item wants to see that item first: its page is rendered at once from
the last build (its registry, its lists, its theme), as if the item stood where its new
date puts it. The writer notes the page as written between builds, so the rebuild that
follows renders it again with everything else the edit touched, or removes it. The last
build stays in memory between the two (state.py); nothing here runs in `belde build`.
"""

import logging
import os

from pelican.contents import Article
from pelican.readers import Readers

from . import state
from .reader import ITEM_SUFFIXES


def preview(paths) -> list:
    """Render the pages of the items in `paths` (absolute paths of saved item files) from the
    last build, in place; return the output names written. An item the last build cannot
    show (refused, a draft, dated in the future, or no build yet) is left to the rebuild."""
    writer = state.writer()
    archive = writer.context.get("archive") if writer is not None and writer.context else None
    if archive is None or writer.settings.get("BELDE_ATOMIC", True):
        return []  # a staged build's output folder is gone once it is published
    # Pelican's source paths are absolute already.
    jobs = {job.kwargs["article"].source_path: job for job in writer.jobs if job.template_name == "article"}
    if not jobs:
        return []
    written = []
    for path in map(os.path.abspath, paths):
        article = _read(path, writer.settings, writer.context)
        if article is None:
            continue
        job = jobs.get(path)
        previous = job.kwargs["article"] if job else None
        like = job or next(iter(jobs.values()))
        article.notes = archive.notes_for(article, instead_of=previous)
        kwargs = {**like.kwargs, "article": article, "category": article.category, "url": article.url}
        writer.render_between_builds(like, article.save_as, kwargs)
        written.append(article.save_as)
    return written


def _read(path: str, settings, context):
    """The item as the article generator would make it, or None when it would not publish it.
    Refusals are reported by the rebuild that follows, not twice."""
    if not path.endswith(ITEM_SUFFIXES) or not os.path.isfile(path):
        return None
    state.forget_parsed(path)  # parsed ahead by the last build, before this save
    quiet = logging.getLogger("belde"), logging.getLogger("pelican")
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        readers = Readers(settings)
        article = readers.read_file(base_path=settings["PATH"], path=path, content_class=Article, context=context)
    except Exception:  # noqa: BLE001 - whatever stops the item, the rebuild reports it
        return None
    finally:
        for logger, level in zip(quiet, levels):
            logger.setLevel(level)
    return article if article.status == "published" else None  # a future date makes a draft
