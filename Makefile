# Redwood: two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := src/redwood/web/static/vendor/vendor.json

.PHONY: run install dev vendor browser test lint typecheck imports pytest lock clean

# Sets up, migrates the embedded SQLite database and serves the app (Ctrl+C stops it).
run: install
	@$(BIN)/redwood db upgrade --quiet
	@$(BIN)/redwood serve --host $(HOST) --port $(PORT)

install: $(VENV)/.installed $(VENDOR)

dev: $(VENV)/.installed-dev $(VENDOR)

# Front-end files: npm installs what package-lock.json pins, tools/vendor.py copies them
# into the static folder with their versions in the file names.
vendor: $(VENDOR)

node_modules/.package-lock.json: package-lock.json package.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR): node_modules/.package-lock.json tools/vendor.py | $(BIN)/python
	@$(BIN)/python tools/vendor.py

# The browser tests drive Debian's chromium (never `playwright install`).
browser:
	@test -x /usr/bin/chromium || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || \
		{ $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q chromium >/dev/null; }; }
	@test -x /usr/bin/chromium || { echo "make: could not install Debian's chromium" >&2; exit 1; }

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock requirements-build.lock pyproject.toml | $(BIN)/python
	@$(PIP) install --require-hashes -r requirements-build.lock
	@$(PIP) install --require-hashes -r requirements.lock
	@$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock requirements-build.lock pyproject.toml | $(BIN)/python
	@$(PIP) install --require-hashes -r requirements-build.lock
	@$(PIP) install --require-hashes -r requirements-dev.lock
	@$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@ $(VENV)/.installed

test: dev browser lint typecheck imports pytest

lint: dev
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: dev
	$(BIN)/mypy --strict src

imports: dev
	$(BIN)/lint-imports

pytest: dev browser
	$(BIN)/pytest -n 2 -q

# Maintainers only: re-pin every dependency after editing pyproject.toml (needs uv).
lock:
	uv pip compile requirements-build.in --generate-hashes -q -o requirements-build.lock --python-version 3.11
	uv pip compile pyproject.toml --generate-hashes -q -o requirements.lock --python-version 3.11
	uv pip compile pyproject.toml --extra dev --generate-hashes -q -o requirements-dev.lock --python-version 3.11

clean:
	rm -rf $(VENV) node_modules src/redwood/web/static/vendor .mypy_cache .pytest_cache .ruff_cache .hypothesis
