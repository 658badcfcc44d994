# Netral: the commands a developer and CI need. See README.md.
HOST ?= 127.0.0.1
PORT ?= 8501
PY := .venv/bin/python

.PHONY: run test check lint bench demo clean

# The QR links printed on certificates point where `make run` actually serves (NETRAL_BASE_URL overrides).
run: export NETRAL_BASE_URL ?= http://localhost:$(PORT)
run:  ## serve the app with demo data on the embedded SQLite database
	@scripts/venv.sh
	@$(PY) -m netral demo
	@echo "Netral berjalan di http://localhost:$(PORT)"
	@$(PY) -m streamlit run app.py --server.address $(HOST) --server.port $(PORT)

test:  ## lint, types, then the whole suite on SQLite and PostgreSQL, browser tests included (what CI runs)
	@scripts/test.sh

bench:  ## benchmarks, each beside a baseline measured in the same run (writes docs/benchmarks.md)
	@scripts/bench.sh

lint:  ## ruff and mypy
	@scripts/venv.sh dev
	@$(PY) -m ruff check .
	@$(PY) -m ruff format --check .
	@$(PY) -m mypy

check: test  ## everything (make test already lints)

clean:  ## remove the demo database and caches (keeps .venv)
	rm -rf data .pytest_cache .mypy_cache .ruff_cache test-artifacts
