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

# The hot stages are compiled with mypyc (setup.py): a change to their source rebuilds them, and
# EXTRACTOR_PURE=1 (make run, make test) switches to a pure-Python install; each build has its own stamp.
COMPILED := $(shell sed -n 's/^COMPILED = \[\(.*\)\]/\1/p' setup.py | tr -d '",')
BUILD := $(if $(filter 1,$(EXTRACTOR_PURE)),pure,compiled)
RUNTIME := $(VENV)/.runtime-$(BUILD)

$(RUNTIME): requirements.lock requirements-build.lock pyproject.toml setup.py $(COMPILED) | $(BIN)/python
	rm -f $(VENV)/.runtime-*
	$(BIN)/python -m pip install --quiet -r requirements.lock -r requirements-build.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/extractor --version
	touch $@

$(VENV)/.dev: requirements-dev.lock $(RUNTIME)
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(RUNTIME)
install-dev: $(VENV)/.dev

run: install
	$(BIN)/extractor run corpus -o outputs

test: install-dev
	$(BIN)/python -m pytest -q

bench: install-dev
	$(BIN)/python benchmarks/bench.py --skip-memory
	$(BIN)/python benchmarks/pages.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache extractor/*.so

# Regenerate the lock files from pyproject.toml in throw-away environments.
lock:
	rm -rf /tmp/extractor-lock && $(PYTHON) -m venv /tmp/extractor-lock
	/tmp/extractor-lock/bin/pip install --quiet .
	/tmp/extractor-lock/bin/pip freeze --exclude extractor > requirements.lock
	/tmp/extractor-lock/bin/pip install --quiet ".[test,bench]"
	/tmp/extractor-lock/bin/pip freeze --exclude extractor > requirements-dev.lock
	rm -rf /tmp/extractor-lock && $(PYTHON) -m venv /tmp/extractor-lock
	/tmp/extractor-lock/bin/pip install --quiet "pip>=24"
	/tmp/extractor-lock/bin/pip install --quiet $$(sed -n 's/^requires = \[\(.*\)\]/\1/p' pyproject.toml | tr -d '",')
	/tmp/extractor-lock/bin/pip freeze --all --exclude pip > requirements-build.lock
