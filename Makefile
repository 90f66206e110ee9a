# Every target bootstraps the virtual environment first, so a fresh clone needs only make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: html test serve clean import import-eval

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -e .
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/python -m belde build

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/python -m http.server 8000 --directory output

clean:
	rm -rf output cache

# Press releases to items: make import FILES="a.txt b.html" [DATE=2024-04] [SOURCE=ANKA] [DRY=1] [FORCE=1]
import: $(STAMP)
	$(BIN)/python -m belde import $(FILES) $(if $(DATE),--date "$(DATE)") $(if $(SOURCE),--source "$(SOURCE)") $(if $(DRY),--dry-run) $(if $(FORCE),--force) --out content

# Precision and recall of the importer's district and person tags on the labelled set.
import-eval: $(STAMP)
	$(BIN)/python -m belde.importer.evaluate
