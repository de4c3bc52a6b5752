# quellenlage: every target makes its own virtual environment in .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= quellenlage-demo.db

.PHONY: demo test lint docs model model-en model-attribution bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

## Install and run the main job on the bundled demo corpus.
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/quellenlage demo --db $(DEMO_DB)

## Install what the tests need, lint, and run the whole test suite.
test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/ruff format --check src tests benchmarks training
	$(BIN)/lint-imports --no-cache
	$(BIN)/cog --check -I docs docs/cli.md

## Retrain both pipelines (German, then English) from ../shared/data (see training/README.md),
## then the SpkAtt attribution model, which reads the German parse.
model: $(STAMP)
	$(BIN)/python -m training.recipe all
	$(BIN)/python -m training.recipe_en all
	$(BIN)/python -m training.spkatt

## Retrain the SpkAtt attribution model (German; CC BY-SA 4.0, shipped in the package).
model-attribution: $(STAMP)
	$(BIN)/python -m training.spkatt

## Retrain the English pipeline only.
model-en: $(STAMP)
	$(BIN)/python -m training.recipe_en all

## Regenerate the CLI reference (docs/cli.md) from the commands.
docs: $(STAMP)
	$(BIN)/cog -r -I docs docs/cli.md

## Run every benchmark and print its table.
bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
