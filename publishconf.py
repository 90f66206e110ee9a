"""Settings for publishing: absolute URLs under the site's address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
# The output is kept: a rebuild writes only what changed and ends byte-identical to a build from
# scratch (tests/test_incremental.py), so publishing one new item takes seconds, not a full build.
DELETE_OUTPUT_DIRECTORY = False
# Clean URLs on the web (the host serves a folder's index.html), and .gz/.br copies beside
# every text file for hosts that serve pre-compressed files.
BELDE_INDEX_LINKS = False
BELDE_PRECOMPRESS = True
