"""Belde's site settings for local builds (relative URLs, no absolute site address)."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "Belde"
SITESUBTITLE = "İstanbul yerel yönetim haberleri arşivi"
SITEURL = ""
RELATIVE_URLS = True
PATH = str(HERE / "content")
OUTPUT_PATH = str(HERE / "output")
THEME = str(HERE / "theme")
TIMEZONE = "Europe/Istanbul"
DEFAULT_LANG = "tr"
# One language: no translations to pair up (Pelican's pairing compares every item with every other).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
LOCALE = ("C",)  # dates are worded by Babel (belde.turkish.dates), never by the OS locale

PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["belde.press", "belde.search", "belde.publish"]

# Items live under content/YYYY/MM/; the registry is data, not pages.
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["registry", "pages"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
READERS = {"html": None, "rst": None}

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "konu/{slug}/"
TAG_SAVE_AS = "konu/{slug}/index.html"
TAGS_URL = "konu/"
TAGS_SAVE_AS = "konu/index.html"
ARCHIVES_URL = "arsiv/"
ARCHIVES_SAVE_AS = "arsiv/index.html"
# The search page; belde.search indexes the output with Pagefind (BELDE_SEARCH = False turns it off).
SEARCH_URL = "ara/"
SEARCH_SAVE_AS = "ara/index.html"
# Pelican's categories and authors do not fit press items: districts and people replace them.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives", "search"]
# Pelican's draft writer reads article.category even when categories are off: give one.
DEFAULT_METADATA = {"category": "haber"}
DRAFT_SAVE_AS = ""  # a draft is not published anywhere
DRAFT_URL = ""

# Fifty items a page: fewer pages, and less page furniture per listed item. The home page
# lists the newest items only (BELDE_HOME_ITEMS); the month archive pages list every item.
DEFAULT_PAGINATION = 50
PAGINATED_TEMPLATES = {"tag": None, "district": None, "official": None, "period_archives": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/sayfa/{number}/", "{base_name}/sayfa/{number}/index.html"),
)

FEED_DOMAIN = SITEURL
FEED_ATOM = "atom.xml"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TAG_FEED_ATOM = None
FEED_MAX_ITEMS = 30
RSS_FEED_SUMMARY_ONLY = True

# Typography is applied once by the reader (belde.press.typeset), with Turkish acronyms;
# Markdown's own smarty extension would do smartypants' work twice.
TYPOGRIFY = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
    },
    "output_format": "html5",
}
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
CACHE_CONTENT = False
TEMPLATE_PAGES = {"404.html": "404.html"}

# Publishing (belde.publish). A browser reading files from disk does not open a folder's
# index.html: `make html` sets BELDE_INDEX_LINKS=1 so that its links end in index.html.
BELDE_INDEX_LINKS = os.environ.get("BELDE_INDEX_LINKS", "") == "1"
BELDE_SITEMAP = True
BELDE_ROBOTS = True
BELDE_PRECOMPRESS = False
