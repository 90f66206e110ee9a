# Every target bootstraps the virtual environment first, so a fresh clone needs only make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: html test serve devserver clean import import-eval bench publish github rsync_upload java-runtime browsers

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -e .
	touch $(STAMP)

# Links end in index.html, so that output/ also reads from disk (README, "Publishing").
html: $(STAMP)
	BELDE_INDEX_LINKS=1 $(BIN)/python -m belde build

test: $(STAMP) java-runtime browsers node_modules/.package-lock.json
	$(BIN)/python -m pytest

# Java runs the Nu HTML Checker (vnu.jar) in make test: installed from Debian when missing, as root.
java-runtime:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    mkdir -p /usr/share/man/man1 && apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless; \
	  else echo "java is missing and we are not root: the HTML validity tests will skip"; fi; }

# Chromium for the browser tests (search): Debian's package when missing, as root. Playwright
# drives this system browser and never downloads one of its own.
browsers:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "chromium is missing and we are not root: the browser tests will skip"; fi; }

# axe-core (package.json) for the accessibility tests, from the npm registry.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; \
	  fi; }
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	  else echo "npm is missing: the accessibility tests will skip"; fi

# Publishing: absolute URLs under SITEURL, .gz/.br copies; a failed build stops here (non-zero exit).
SITEURL ?= https://example.org
GITHUB_PAGES_BRANCH ?= gh-pages
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?= $(USER)
SSH_TARGET_DIR ?= /var/www/belde

publish: $(STAMP)
	SITEURL="$(SITEURL)" $(BIN)/python -m belde build -s publishconf.py

# GitHub Pages: output/ becomes the gh-pages branch (with .nojekyll) and is pushed to origin.
github: publish
	$(BIN)/ghp-import --no-jekyll --push --force --branch $(GITHUB_PAGES_BRANCH) --message "Publish $(SITEURL)" output

# Any host with SSH: make rsync_upload SITEURL=https://example.org/basin SSH_HOST=host SSH_TARGET_DIR=/var/www/basin
rsync_upload: publish
	@test -n "$(SSH_HOST)" || { echo "rsync_upload: set SSH_HOST (and SSH_USER, SSH_PORT, SSH_TARGET_DIR)"; exit 2; }
	rsync -e "ssh -p $(SSH_PORT)" -rlvzc --delete output/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)/"

serve: $(STAMP)
	$(BIN)/python -m http.server 8000 --directory output

# Serve output/ on http://127.0.0.1:8000/ and rebuild it, incrementally, whenever a file changes.
devserver: $(STAMP)
	BELDE_INDEX_LINKS=1 $(BIN)/python -m belde serve

clean:
	rm -rf output output.next output.spare output.linking output.old-* cache

# Press releases to items: make import FILES="a.txt b.html" [DATE=2024-04] [SOURCE=ANKA] [DRY=1] [FORCE=1]
import: $(STAMP)
	$(BIN)/python -m belde import $(FILES) $(if $(DATE),--date "$(DATE)") $(if $(SOURCE),--source "$(SOURCE)") $(if $(DRY),--dry-run) $(if $(FORCE),--force) --out content

# Precision and recall of the importer's district and person tags on the labelled set.
import-eval: $(STAMP)
	$(BIN)/python -m belde.importer.evaluate

# Belde against plain Pelican on a generated corpus of N fictional items (in .bench/): make bench N=20000
N ?= 2000
bench: $(STAMP)
	$(BIN)/python -m bench.run --n $(N)
