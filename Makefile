# Two commands: `make demo` and `make test`. Both set up .venv first; `make setup` only installs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_HOME := $(CURDIR)/.prefect

.PHONY: setup demo test train bench clean

# The demo feeds end on this day (see examples/demo.toml); its digest is the one to open.
DEMO_DAY := 2026-11-24

$(STAMP): pyproject.toml
	@echo "setup 1/3: virtual environment $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setup 2/3: upgrading pip"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "setup 3/3: installing newsmon and its dependencies (spaCy and its English model, Prefect, DuckDB,"
	@echo "           scikit-learn, matplotlib...): 1 to 3 minutes and about 1 GB the first time"
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)
	@echo "setup done: $(BIN)/newsmon"

setup: $(STAMP)

demo: setup
	$(BIN)/newsmon run --config examples/demo.toml --date $(DEMO_DAY)
	@echo
	@echo "Open the demo day's digest: $(CURDIR)/data/digests/digest-$(DEMO_DAY).html"
	@echo "Three things to try next:"
	@sed 's/^/  /' examples/demo-next.txt

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
	$(BIN)/python benchmarks/readers.py
	test -x .venv-quantulum/bin/python || ($(PYTHON) -m venv .venv-quantulum && .venv-quantulum/bin/pip install --quiet quantulum3)
	$(BIN)/python benchmarks/figures_vs_quantulum.py

clean:
	rm -rf $(VENV) .venv-quantulum .prefect data .pytest_cache .ruff_cache
