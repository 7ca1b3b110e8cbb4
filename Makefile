# Networks with Memory — every target sets up .venv itself when it is missing or older than the requirements.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb))
# Quiet, reproducible runs: no progress bars, one thread, no plotting window.
export NWM_QUIET := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTER_PLATFORM_DIRS := 1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install book test lint unit nbval build linkcheck site-test execute lab serve bench student clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)" >/dev/null
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned requirements

book: $(STAMP) ## build the website into _build/html
	$(BIN)/jupyter-book build . -W -n --keep-going

test: $(STAMP) ## every check: ruff, unit tests, strict nbval, the book, links, browser tests
	$(MAKE) lint unit nbval build linkcheck site-test

lint: $(STAMP) ## ruff on utils/, tests/ and scripts/
	$(BIN)/ruff check utils tests scripts

unit: $(STAMP) ## unit tests (checkers, data, utils)
	$(BIN)/python -m pytest -q -n 2 --ignore=tests/test_site.py tests

nbval: $(STAMP) ## run every notebook and compare with its stored outputs
	$(BIN)/python -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  -n 2 --dist loadfile -p no:randomly $(NOTEBOOKS)

build: book

linkcheck: $(STAMP) ## no broken internal link or anchor in _build/html
	$(BIN)/python scripts/check_links.py _build/html

site-test: $(STAMP) ## browser tests of the built site (Playwright + Debian chromium)
	$(BIN)/python -m pytest -q tests/test_site.py

execute: $(STAMP) ## re-run every notebook top to bottom in a fresh kernel and store its outputs
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

lab: $(STAMP) ## open the notebooks in JupyterLab
	env -u NWM_QUIET $(BIN)/jupyter lab chapters

serve: $(STAMP) ## serve the built site on http://127.0.0.1:8000 (another port: make serve PORT=8080)
	test -d _build/html || $(MAKE) book
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

bench: $(STAMP) ## time every notebook (on copies), collect recorded metrics, regenerate results.md
	$(BIN)/python scripts/bench.py $(NOTEBOOKS)
	$(BIN)/python scripts/results_page.py _build/bench/results.json results.md

student: $(STAMP) ## write solution-free notebooks to _build/student/
	$(BIN)/python scripts/make_student.py $(NOTEBOOKS) --out _build/student

clean: ## remove the build and the virtual environment
	rm -rf _build $(VENV) *.egg-info
