# Redwood: two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run install dev test lint typecheck imports pytest lock clean

run: install
	@$(BIN)/redwood db upgrade --quiet
	@$(BIN)/redwood welcome

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

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

test: dev lint typecheck imports pytest

lint: dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: dev
	$(BIN)/mypy --strict src

imports: dev
	$(BIN)/lint-imports

pytest: dev
	$(BIN)/pytest -n 2 -q

# Maintainers only: re-pin every dependency after editing pyproject.toml (needs uv).
lock:
	uv pip compile requirements-build.in --generate-hashes -q -o requirements-build.lock --python-version 3.11
	uv pip compile pyproject.toml --generate-hashes -q -o requirements.lock --python-version 3.11
	uv pip compile pyproject.toml --extra dev --generate-hashes -q -o requirements-dev.lock --python-version 3.11

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
