# Zhanakorgan Aid — set-up and everyday commands. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite test-postgres system-deps venv lint messages bench mutate clean

# Python 3.12+ is required (Django 6.1). pyenv picks 3.12 through .python-version; otherwise the
# first python3.13/python3.12/python3 that is new enough is used.
PYTHON_BIN := $(shell for p in python3 python3.13 python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

system-deps:
	@bash scripts/system_deps.sh

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON_BIN)" ]; then \
		echo "Python 3.12 or newer is needed. Install it (e.g. 'pyenv install 3.12' or the"; \
		echo "Debian package python3.12) and run this command again."; exit 1; fi
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

messages: venv
	$(PY) manage.py compilemessages -v0 --ignore=.venv

run: system-deps venv messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo  # loads the reference fixtures only into an empty database
	@echo "Open http://127.0.0.1:8000 — see README.md for the demo logins."
	$(PY) manage.py runserver 127.0.0.1:8000

# The tests run in one process per core (pytest-xdist), a test module's tests together: each
# process has its own test database, caches and upload folder. PYTEST_WORKERS=0 runs them in
# this process (for pdb).
PYTEST_WORKERS ?= auto
test: system-deps venv messages
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: venv
	$(PY) bench/run_all.py

# Mutation testing of the rules (applications/reference/rules.py, the calendar, the quarters)
# against tests/rules/, on SQLite; not part of `make test` or CI. Configured in pyproject.toml
# ([tool.mutmut]); `$(VENV)/bin/mutmut browse` shows the mutants that survived.
mutate: venv
	env -u DATABASE_URL $(VENV)/bin/mutmut run
	$(VENV)/bin/mutmut results

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
