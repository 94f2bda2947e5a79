# Two commands do all the set-up: `make run` and `make test` create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint check bench bench-memory bench-reliability clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dossierbot run

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/dossierbot check
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP)
	$(BIN)/dossierbot check

bench: $(STAMP)
	$(BIN)/python bench/knowledge_load.py

bench-memory: $(STAMP)
	$(BIN)/python bench/memory_flood.py

bench-reliability: $(STAMP)
	$(BIN)/python bench/reliability.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
