# Qudra: `make run` starts the platform with its demo, `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core for the browser tests' accessibility checks, installed from package-lock.json by `npm ci`.
NODE_STAMP := node_modules/.installed
# The suite runs in this many processes (pytest-xdist), one test database and one Redis broker database each;
# tests are handed out in collection order, in which pytest-django puts the transactional tests last: a transactional
# test leaves its database flushed, so no other kind of test may follow it in the same process. TEST_WORKERS=0: one process.
TEST_WORKERS ?= 2

.PHONY: run test lint format bench messages venv clean release

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Qudra is starting at http://127.0.0.1:$${QUDRA_PORT:-8000}  (Arabic: /ar/, English: /en/, admin: /admin/)"
	@echo "Press Ctrl-C to stop the web server, the Celery worker and Celery beat."
	@echo "E-mails are printed by the worker and the web server in this terminal (the console e-mail backend)."
	@# Ctrl-C stops it: honcho alone gets it (lms/foreground.py), stops every process, and make ends cleanly.
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m lms.foreground $(BIN)/honcho start -f Procfile

test: $(STAMP)
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "npm not found: the browser tests (axe-core) will be skipped"; fi
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

# The layer contracts and the type checker's scope are in pyproject.toml; docs/architecture.md explains them.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l ar --ignore=.venv --ignore=var --ignore=node_modules --no-obsolete --no-location
	$(BIN)/python manage.py compilemessages --ignore=.venv

# What a production release runs once per deploy, before web nodes take traffic (docs/deploy.md).
release: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input -v0
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py check --deploy --fail-level WARNING

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf var staticfiles .pytest_cache test-artifacts
