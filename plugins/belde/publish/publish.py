"""The publishing plugin: template helpers, then files written once the site is complete.

Settings (defaults in DEFAULTS; pelicanconf.py or publishconf.py may override any):

- BELDE_INDEX_LINKS: end links to folders with 'index.html', so that a build opened from
  disk (file://) navigates; local builds turn it on, published builds keep clean URLs.
- BELDE_SITEMAP: write sitemap.xml; BELDE_ROBOTS: write robots.txt.
- BELDE_PRECOMPRESS: write .gz and .br next to every text file, for hosts that serve them.
"""

import logging
from pathlib import Path

from markupsafe import Markup
from pelican import signals

from ..press import state, structured
from ..press.forked import workers
from . import compress, links, sitemap

logger = logging.getLogger("belde")

DEFAULTS = {
    "BELDE_INDEX_LINKS": False,
    "BELDE_SITEMAP": True,
    "BELDE_ROBOTS": True,
    "BELDE_PRECOMPRESS": False,
    "BELDE_PRECOMPRESS_SUFFIXES": (".html", ".css", ".js", ".xml", ".json", ".txt", ".svg"),
    "BELDE_PRECOMPRESS_MIN_BYTES": 256,
}

COMPRESSED_RECORD = "belde-compressed-{}.json"  # what the last publish build compressed
_dates = {}  # save_as of each item -> the date its sitemap entry gives


def _filters(settings) -> dict:
    """Jinja filters the theme uses; they read the build's settings, never a page's SITEURL."""
    from jinja2 import pass_context

    @pass_context
    def page_url(context, output_file):
        """The address of the page being written: absolute when the site has one."""
        url = str(output_file or "")
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        absolute = structured.absolute(settings, url)
        if absolute:
            return absolute
        return f"{context.get('SITEURL', '')}/{url}"

    def html_datetime(period):
        """A <time datetime> value to the period's precision. HTML has no form for an interval,
        so an interval gives its start: the day it is sorted and dated by (as in JSON-LD)."""
        return period.iso().split("/")[0]

    def summary_text(article):
        """An item's summary without its markup, for a description or a line of a list: worked
        out once per item, which lists print many times over. Without tags, the text holds no
        address, so it is the same on every page whatever the page's SITEURL."""
        found = article.__dict__.get("_summary_text")
        if found is None:
            found = article._summary_text = Markup(str(article.summary)).striptags()
        return found

    return {
        "page_url": page_url,
        "summary_text": summary_text,
        "absolute_url": lambda url: structured.absolute(settings, url) or "",
        "item_jsonld": lambda article: structured.item(article, settings),
        "district_jsonld": lambda view: structured.district(view, settings),
        "official_jsonld": lambda view: structured.official(view, settings),
        "plain": structured.plain,
        "html_datetime": html_datetime,
    }


def set_defaults(pelican):
    """initialized: fill in settings, and give the theme its filters."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.update(_filters(settings))
    settings["JINJA_FILTERS"] = filters
    jinja_globals = dict(settings.get("JINJA_GLOBALS") or {})
    jinja_globals["SITE_ROOT"] = structured.site_root(settings)
    settings["JINJA_GLOBALS"] = jinja_globals
    _dates.clear()


def collect_dates(generator):
    """article_generator_finalized: each item's sitemap date is its modified date or its date."""
    for article in generator.articles + generator.translations:
        when = getattr(article, "modified", None) or article.date
        _dates[article.save_as] = when.date().isoformat()


def finish(pelican):
    """finalized: rewrite links for disk use, then write sitemap and robots, then compress."""
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    if not output.is_dir():
        return
    writer = state.writer()
    if settings.get("BELDE_INDEX_LINKS"):
        links.add_index_html(output, writer.changed if writer is not None else None)
    if settings.get("BELDE_SITEMAP"):
        sitemap.write_sitemap(output, settings, _dates, writer.pages() if writer is not None else None)
    if settings.get("BELDE_ROBOTS"):
        sitemap.write_robots(output, settings)
    if settings.get("BELDE_PRECOMPRESS"):
        counts = compress.precompress(
            output, settings["BELDE_PRECOMPRESS_SUFFIXES"], settings["BELDE_PRECOMPRESS_MIN_BYTES"],
            record=state.output_cache(settings, COMPRESSED_RECORD), workers=workers(settings),
        )  # fmt: skip
        logger.info("compressed: %(compressed)s files as .gz and .br, %(linked)s given the copies of a file with the "
                    "same bytes, %(kept)s as they were; %(removed)s stale copies removed", counts)  # fmt: skip
    else:
        compress.remove_copies(output, settings["BELDE_PRECOMPRESS_SUFFIXES"], state.output_cache(settings, COMPRESSED_RECORD))


def register():
    signals.initialized.connect(set_defaults)
    signals.article_generator_finalized.connect(collect_dates)
    signals.finalized.connect(finish)
