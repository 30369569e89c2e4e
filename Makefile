# Two commands matter: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
PO     := $(wildcard translations/*/LC_MESSAGES/messages.po)
HOST   ?= 127.0.0.1
PORT   ?= 5000
# The suite runs on every core (pytest-xdist; each worker has its own database), a test
# file's tests on one worker so that its module fixtures are built once. JOBS=1 runs it in
# one process.
JOBS   ?= auto
PYTEST := $(BIN)/python -m pytest -n $(JOBS) --dist loadscope

.PHONY: run test setup install translations migrate demo check-content lint extract-messages \
        test-postgres test-browser test-fast lock clean bench

run: setup ## Set everything up and serve the site on http://$(HOST):$(PORT) (make run PORT=5101)
	$(FLASK) demo load --base-url http://$(HOST):$(PORT)
	UNSHARED_PUBLIC_URL=$${UNSHARED_PUBLIC_URL:-http://$(HOST):$(PORT)} $(FLASK) run --host $(HOST) --port $(PORT)

test: setup ## Set everything up and run the whole test suite (SQLite; browser tests if Chromium is present)
	$(PYTEST)

test-fast: setup ## The suite without the browser tests
	$(PYTEST) -m "not browser" -q

setup: install translations migrate

install: $(STAMP)
# Every package, transitive ones too, comes from requirements.lock with its hash; the project
# itself is then installed on top without resolving anything again.
$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

translations: install ## Compile the interface translations (Serbian Cyrillic is made from Latin)
	$(FLASK) i18n cyrillic
	$(BIN)/pybabel compile -d translations --statistics

migrate: install ## Apply the database migrations to the SQLite database in instance/
	$(FLASK) db upgrade

demo: migrate ## Load demo data into an empty development database (never in production)
	$(FLASK) demo load --base-url http://$(HOST):$(PORT)

check-content: install ## Check every course file and print its problems
	$(FLASK) courses check

lint: install ## ruff check, ruff format --check and mypy (what CI enforces)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: setup ## Measure every performance budget (issue 15) and print one table
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python bench/run.py

lock: install ## Re-resolve requirements.lock after changing a pin in pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --universal \
	  --python-version 3.11 --quiet -o requirements.lock

extract-messages: install ## Collect interface strings into translations/messages.pot and update catalogues
	$(BIN)/pybabel extract -F pyproject.toml -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-by-file .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -l sr_Latn --no-wrap

test-postgres: setup ## The same suite against PostgreSQL
	UNSHARED_TEST_DATABASE_URL=$${UNSHARED_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(PYTEST) -m "not browser"

test-browser: setup
	$(PYTEST) tests/browser

clean:
	rm -rf $(VENV) instance translations/*/LC_MESSAGES/*.mo
