# The two commands: `make run` serves the portal with demo data on SQLite;
# `make test` runs the whole suite, browser tests included; `make lint` the
# linters and the import contracts (the layers, see pyproject.toml).
.PHONY: run test setup lint format check-deploy

PY := .venv/bin/python
# Development settings for `make run` only; production reads its own environment.
DEV_ENV := DEBUG=true

setup:
	@scripts/setup.sh

run: setup
	$(DEV_ENV) $(PY) manage.py migrate --no-input
	$(DEV_ENV) $(PY) manage.py createcachetable
	$(DEV_ENV) $(PY) manage.py demo --if-empty
	@# The server and the task worker (emails, digests) together; Ctrl-C stops both.
	$(DEV_ENV) scripts/serve.sh 127.0.0.1:8000

test:
	@scripts/setup.sh --browser
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djhtml --check templates
	.venv/bin/lint-imports

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	.venv/bin/djhtml templates
