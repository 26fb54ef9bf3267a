# Two commands do everything on a fresh machine with Python 3.11:
#   make run    set up .venv, migrate SQLite, load demo data, start a worker and the web app
#   make test   set up .venv and run the whole test suite (SQLite, then PostgreSQL)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
export PIPENV_VENV_IN_PROJECT := 1
export PIPENV_VERBOSITY := -1
export PIPENV_NOSPIN := 1

.PHONY: setup run test test-sqlite test-postgres

$(VENV)/.synced: Pipfile.lock
	@$(PYTHON) -m pipenv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --user --quiet pipenv
	$(PYTHON) -m pipenv sync --dev
	touch $@

# A random key for this checkout only, so manage.py commands run without DEBUG; a secret,
# so readable by its owner alone.
.env:
	@umask 077 && $(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > $@

# Both README commands end set-up with a migrated default database, so every operator
# command (`.venv/bin/python manage.py ...`) works after either; migrate does nothing when
# the database is up to date. chmod closes a .env written before it was made 0600.
setup: $(VENV)/.synced .env
	@chmod 600 .env
	$(PY) manage.py migrate --noinput

# The worker's beat keeps its schedule file in var/.
run: setup
	@mkdir -p var
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(VENV)/bin/celery -A credsly worker -B --schedule var/celerybeat-schedule --loglevel=INFO --concurrency=2 & \
	  trap "kill $$! 2>/dev/null" EXIT; \
	  DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: setup test-sqlite test-postgres

test-sqlite:
	$(PY) -m pytest

# The same suite on the machine's PostgreSQL; skipped with a notice when the server is not
# running, unless REQUIRE_SERVICES=1 (CI), where its absence fails the run.
test-postgres:
	@if $(PY) -m tests.services postgres; then \
	  DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest; \
	else \
	  echo "PostgreSQL is not reachable at 127.0.0.1:5432: PostgreSQL run skipped"; \
	  test "$$REQUIRE_SERVICES" != 1; \
	fi
