# casekit: the two commands are `make lab` and `make test`; `make demo` shows a worked example.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.casekit-installed
WORKSPACE ?= workspaces/my-workspace
PACK ?= scenarios/intro.json

.PHONY: lab demo test lint format bench docs models mutate clean help

help:
	@echo "make lab    - install into .venv and open JupyterLab on your casework desk"
	@echo "make test   - install into .venv and run every test (lint, unit, notebooks, browser)"
	@echo "make demo   - run a worked example headless; writes demo/ (ends in an evidence pack)"
	@echo "make bench  - run the benchmarks and print their figures"
	@echo "make docs   - regenerate docs/events.md from the event catalogue"
	@echo "make models - learn the drafting checks' resemblance models from tests/corpus/letters"
	@echo "make mutate - mutation-test the rules, the record and the coach (slow; not in make test)"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,hub]'
	@touch $(STAMP)

# configurable-http-proxy (from the npm registry) for the real-hub test and `casekit hub --run`.
CHP_VERSION := 5.3.0
PROXY := .cache/npm/node_modules/.bin/configurable-http-proxy

$(PROXY):
	npm install --prefix .cache/npm --no-audit --no-fund --silent configurable-http-proxy@$(CHP_VERSION)

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The learner's own folder (beside the workspace) gets working copies of the notebooks, and
# JupyterLab opens there on the desk: autosave never touches the kit's tracked notebooks, and
# the exported pack appears in the same file list.
lab: $(STAMP)
	$(PY) -m casekit.cli.labstart --workspace $(WORKSPACE) --pack $(PACK) --lab $(ROOT_FLAG)

demo: $(STAMP)
	$(PY) -m casekit.cli.demo --out demo

lint: $(STAMP)
	$(PY) -m ruff check casekit tests benchmarks
	$(PY) -m ruff format --check casekit tests benchmarks

format: $(STAMP)
	$(PY) -m ruff format casekit tests benchmarks
	$(PY) -m ruff check --fix casekit tests benchmarks

# axe-core, injected into the page by the browser tests' accessibility checks (from the npm
# registry, pinned; casekit itself downloads nothing at run time).
AXE_VERSION := 4.14.1
AXE := .cache/npm/node_modules/axe-core/axe.min.js

$(AXE):
	npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@$(AXE_VERSION)

# Unit, property and browser tests in parallel; then every notebook under nbval, run
# against a temporary workspace so nothing is written into the checkout.
test: $(STAMP) $(PROXY) $(AXE)
	$(PY) -m ruff check casekit tests benchmarks
	$(PY) -m ruff format --check casekit tests benchmarks
	$(PY) -m pytest -n 2 --dist loadgroup
	T=$$(mktemp -d) && CASEKIT_WORKSPACE=$$T/workspace CASEKIT_CLASS_DIR=$$T/tutor \
		CASEKIT_PACKS_DIR=$$T/packs $(PY) -m pytest --nbval-lax --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider notebooks; \
		s=$$?; rm -rf $$T; exit $$s

# Pages generated from data files (a test keeps them current).
docs: $(STAMP)
	$(PY) -m casekit.record.events_doc docs/events.md

models: $(STAMP)
	$(PY) -m tests.corpus.train

bench: $(STAMP) $(PROXY)
	$(PY) benchmarks/bench_ui.py
	$(PY) benchmarks/bench_log.py
	$(PY) benchmarks/bench_clocks.py
	$(PY) benchmarks/bench_checks.py
	$(PY) benchmarks/bench_scenarios.py
	$(PY) benchmarks/bench_coach.py
	$(PY) benchmarks/bench_export.py
	$(PY) benchmarks/bench_start.py
	$(PY) benchmarks/bench_class.py
	$(PY) benchmarks/bench_hub.py

# Mutation testing of the modules that hold rules and judgements (tests/mutation/modules.toml);
# not part of `make test`. Pass options with MUTATE_ARGS, e.g. MUTATE_ARGS="--jobs 4 calendar".
MUTATE_ARGS ?=
mutate: $(STAMP)
	$(PY) -m tests.mutation $(MUTATE_ARGS)

clean:
	rm -rf demo .pytest_cache .ruff_cache .hypothesis
