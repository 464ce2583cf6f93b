# The two promises of the README: `make up` and `make test`, on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: up test lint docs bench rebuild clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

up: $(STAMP)
	$(BIN)/planpulse up

test: $(STAMP)
	$(BIN)/pytest -q -rs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m planpulse_cli.asyncapi --check
	$(BIN)/python -m planpulse_cli.deploy --check

docs: $(STAMP)
	$(BIN)/python -m planpulse_cli.asyncapi
	$(BIN)/python -m planpulse_cli.deploy

bench: $(STAMP)
	$(BIN)/planpulse bench

rebuild: $(STAMP)
	$(BIN)/planpulse rebuild

clean:
	rm -rf var .pytest_cache
