# Two commands: `make demo` and `make test`. Both set up .venv first; `make setup` only installs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_HOME := $(CURDIR)/.prefect

.PHONY: setup demo test train bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/newsmon run --config examples/demo.toml
	$(BIN)/newsmon digest --config examples/demo.toml --date 2026-11-24 > /dev/null

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

train: setup
	$(BIN)/newsmon train

bench: setup
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/long_text.py
	$(BIN)/python benchmarks/topics.py
	$(BIN)/python benchmarks/ingest.py
	test -x .venv-quantulum/bin/python || ($(PYTHON) -m venv .venv-quantulum && .venv-quantulum/bin/pip install --quiet quantulum3)
	$(BIN)/python benchmarks/figures_vs_quantulum.py

clean:
	rm -rf $(VENV) .venv-quantulum .prefect data .pytest_cache .ruff_cache
