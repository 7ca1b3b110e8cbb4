# Networks with Memory — every target sets up .venv itself when it is missing, broken or older than the
# requirements. The environment of scripted runs (one thread per library) is defined once, in utils/seed.py.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb))
RU_NOTEBOOKS := $(sort $(wildcard ru/chapters/*.ipynb))
WORK := my-notebooks
PORT ?= 8000
SEEDS ?= 1
JOBS ?= 2
# nbval compares every stored output; the sanitiser masks timings and site-packages paths only.
NBVAL := $(BIN)/python -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
	-n 2 --dist loadfile -p no:randomly
# Jupyter refuses to start as root without this flag (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.DEFAULT_GOAL := help
.PHONY: help install book test lint unit nbval nbval-ru student-test translations-check build linkcheck \
	site-test execute lab serve bench bench-full experiments student progress translations russian clean \
	pdf site-measure

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# A venv whose pip does not run (an interrupted `python -m venv`) is removed and made again.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@if [ -d $(VENV) ] && ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  echo "$(VENV) is incomplete (an interrupted install?): making it again"; rm -rf $(VENV); fi
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)" >/dev/null
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned requirements

book: $(STAMP) ## build the website into _build/html (the Russian edition into _build/html/ru), with the book's PDF
	$(BIN)/jupyter-book build . -W -n --keep-going
	if [ -f ru/_config.yml ]; then \
	  $(BIN)/jupyter-book build ru --path-output _build/ru -W -n --keep-going && \
	  rm -rf _build/html/ru && cp -r _build/ru/_build/html _build/html/ru; fi
	$(MAKE) pdf

pdf: $(STAMP) ## the whole book as one PDF, linked from every page: _build/html/networks-with-memory.pdf (Chromium)
	$(BIN)/python -m scripts.build_pdf

test: $(STAMP) ## every check: ruff, unit tests, translations, notebooks (both languages), student copies, the book, links, browser tests
	$(MAKE) lint unit translations-check nbval nbval-ru student-test build linkcheck site-test

lint: $(STAMP) ## ruff on the code and the notebooks
	$(BIN)/ruff check utils tests scripts data _ext chapters

unit: $(STAMP) ## unit tests (checkers, data, tooling, notebook conventions)
	$(BIN)/python -m pytest -q -n 2 --ignore=tests/test_site.py tests

nbval: $(STAMP) ## run every notebook as a learner would (progress lines on) and compare every stored output
	NWM_PROGRESS=1 $(NBVAL) $(NOTEBOOKS)

nbval-ru: $(STAMP) ## the Russian notebooks, like the English ones
	@test -n "$(RU_NOTEBOOKS)" || { echo "ru/chapters has no notebooks: run \`make russian\`, then \`make execute\`"; exit 1; }
	NWM_PROGRESS=1 $(NBVAL) $(RU_NOTEBOOKS)

translations-check: $(STAMP) ## every string translated and reviewed; ru/ is what the catalogs give
	$(BIN)/python -m scripts.translations --check
	$(BIN)/python -m scripts.build_russian --check

student-test: $(STAMP) ## the solution-free copies run top to bottom and print the book's outputs
	rm -rf _build/student-test
	$(BIN)/python -m scripts.make_student $(NOTEBOOKS) --out _build/student-test --keep-outputs >/dev/null
	NWM_PROGRESS=1 $(NBVAL) _build/student-test/*.ipynb

build: book

linkcheck: $(STAMP) ## no broken internal link or anchor in _build/html
	$(BIN)/python -m scripts.check_links _build/html

site-test: $(STAMP) ## browser tests of the built site (Playwright + Debian chromium)
	$(BIN)/python -m pytest -q tests/test_site.py

site-measure: $(STAMP) ## per page: code and equations that do not fit, width on a phone, figures, axe (DETAILS=1: which)
	$(BIN)/python -m scripts.measure_site $(if $(DETAILS),--details,)

execute: $(STAMP) ## re-run notebooks (both languages) and store their outputs (NB=chapters/02_rnn.ipynb for one)
	$(BIN)/python -m scripts.execute_notebooks $(or $(NB),$(NOTEBOOKS) $(RU_NOTEBOOKS)) --jobs $(JOBS)

translations: $(STAMP) ## refresh the Russian catalogs (locale/ru) and print, per source, what is new or changed
	$(BIN)/python -m scripts.translations

russian: $(STAMP) ## write ru/ from the English sources and the catalogs (then `make execute` the changed notebooks)
	$(BIN)/python -m scripts.build_russian

student: $(STAMP) ## write your solution-free working copies to my-notebooks/ (never overwrites; FORCE=1 does; EDITION=ru: the Russian ones, to my-notebooks/ru/)
	$(BIN)/python -m scripts.make_student $(if $(filter ru,$(EDITION)),$(RU_NOTEBOOKS) --out $(WORK)/ru,$(NOTEBOOKS) --out $(WORK)) $(if $(FORCE),--force,)

lab: $(STAMP) ## open your working copies (made by `make student` if missing) in JupyterLab
	test -d $(WORK) || $(MAKE) student
	NWM_PROGRESS=1 $(BIN)/jupyter lab $(ROOT_FLAG) $(WORK)

progress: $(STAMP) ## run your working copies and show which exercises are solved (✅ / ⏳ / ❌)
	$(BIN)/python -m scripts.progress $(wildcard $(WORK)/*.ipynb)

serve: $(STAMP) ## serve the built site on http://127.0.0.1:8000 (another port: make serve PORT=8080)
	test -d _build/html || $(MAKE) book
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

bench: $(STAMP) ## time every notebook, collect metrics, regenerate results.md (SEEDS=3: spreads), run experiments
	$(BIN)/python -m scripts.bench $(NOTEBOOKS) --seeds $(SEEDS) --jobs $(JOBS)
	$(BIN)/python -m scripts.results_page
	$(MAKE) experiments

bench-full: $(STAMP) ## the full-scale run (SCALE="full") of every notebook, for its column on results.md
	$(BIN)/python -m scripts.bench $(NOTEBOOKS) --scale full --jobs $(JOBS)
	$(BIN)/python -m scripts.results_page

experiments: $(STAMP) ## apply every "change X and rerun" an exercise suggests (tests/experiments.py)
	$(BIN)/python -m pytest -q -n 2 tests/test_experiments.py --run-experiments

clean: ## remove the build and the virtual environment (never your my-notebooks/)
	rm -rf _build $(VENV) *.egg-info
