# The two commands: `make run` and `make test`. Each sets up what it needs first.
# `make test-e2e`: the browser tests alone; with E2E_BASE_URL (and E2E_USERNAME,
# E2E_PASSWORD) set, only the flows marked `deployed`, against that instance.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run test test-e2e setup
export E2E_BASE_URL E2E_USERNAME E2E_PASSWORD

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo
	@echo "Serving the CRM at http://$(HOST_PORT)/ with its background worker (Ctrl-C stops both)"
	@# The worker (imports, ...) runs beside the server; whichever way the server stops,
	@# the worker goes with it. Ctrl-C reaches both anyway: they share the terminal.
	@$(BIN)/python manage.py worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST_PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-e2e: $(VENV)/.installed
	$(BIN)/python -m pytest e2e $(PYTEST_ARGS)

setup: $(VENV)/.installed

# Reinstalled whenever the lock file changes.
$(VENV)/.installed: requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
	  echo "Python 3.12 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Run again with a newer one, e.g. make $(MAKECMDGOALS) PYTHON=python3.13"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@
