# Two entry points for a fresh machine with only Python 3 and make:
#   make run   - install the pinned runtime, then extract corpus/ into outputs/
#   make test  - install the pinned runtime and test tools, then run the tests (score floors included)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-dev bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.runtime: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: install
	$(BIN)/extractor run corpus -o outputs

test: install-dev
	$(BIN)/python -m pytest -q

bench: install-dev
	$(BIN)/python benchmarks/bench.py --skip-memory
	$(BIN)/python benchmarks/pages.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# Regenerate the lock files from pyproject.toml in throw-away environments.
lock:
	rm -rf /tmp/extractor-lock && $(PYTHON) -m venv /tmp/extractor-lock
	/tmp/extractor-lock/bin/pip install --quiet .
	/tmp/extractor-lock/bin/pip freeze --exclude extractor > requirements.lock
	/tmp/extractor-lock/bin/pip install --quiet ".[test,bench]"
	/tmp/extractor-lock/bin/pip freeze --exclude extractor > requirements-dev.lock
