# MLTrack. `make dev` runs the product, `make test` proves it; `make help` lists every target.
# Targets delegate to npm scripts and scripts/; installs run only when their inputs change.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

NODE_STAMP := node_modules/.installed
VENV_STAMP := .venv/.installed
SDK_DIST := mltrack-sdk/dist/index.js
SDK_SOURCES := $(shell find mltrack-sdk/src -type f -not -name '*.test.ts') mltrack-sdk/package.json mltrack-sdk/tsup.config.ts
PY_PACKAGE := mltrack-sdk/python
PY_DIST := $(PY_PACKAGE)/dist
# The Python binding installed into .venv (make python-binding): the demo's training imports it.
PY_BINDING := .venv/.mltrack-binding

.PHONY: help install dev build lint format typecheck type-check chromium postgres test test-unit test-integration \
  test-python test-e2e check bench clean python-lock python-wheel python-binding start status logs stop \
  mlflow-clean train deploy test-inference demo screenshots docker-build docker-up docker-logs docker-down

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(NODE_STAMP): package.json package-lock.json ui/package.json mltrack-sdk/package.json
	npm ci --no-audit --no-fund
	@touch $@

$(VENV_STAMP): scripts/ensure-venv.sh $(wildcard scripts/requirements/*.txt)
	scripts/ensure-venv.sh

$(SDK_DIST): $(NODE_STAMP) $(SDK_SOURCES)
	npm run build:sdk

install: $(NODE_STAMP) $(VENV_STAMP) ## Install Node packages and the Python .venv (MLflow 3.18)

dev: install $(SDK_DIST) ## Run MLflow (SQLite in ./.mltrack) and the UI on http://127.0.0.1:3000
	npm run dev

# The production UI: rebuilt only when a UI source, the SDK build or a package list changed.
UI_BUILD := ui/dist/server.js
UI_SOURCES := $(shell find ui -type f -not -path 'ui/.next/*' -not -path 'ui/dist/*' -not -path 'ui/node_modules/*' \
  -not -name '*.test.ts' -not -name '*.test.tsx' -not -name '*.tsbuildinfo' -not -name 'next-env.d.ts')

$(UI_BUILD): $(NODE_STAMP) $(SDK_DIST) $(UI_SOURCES)
	npm run build:ui

build: install $(UI_BUILD) ## Build the SDK and the production UI (only what changed)

lint: $(NODE_STAMP) ## ESLint and Prettier checks
	npm run lint

format: $(NODE_STAMP) ## Format and auto-fix what can be fixed
	npm run format

typecheck: $(NODE_STAMP) $(SDK_DIST) ## TypeScript across the SDK, UI, tests, scripts and benchmarks
	npm run typecheck

type-check: typecheck ## Same as typecheck

chromium: ## Install Debian's chromium for the browser tests, when missing
	scripts/ensure-chromium.sh

postgres: ## Install PostgreSQL for the store's integration tests, when missing
	scripts/ensure-postgres.sh

test-unit: $(NODE_STAMP) $(VENV_STAMP) $(SDK_DIST) ## Unit tests (vitest)
	npm run test:unit

test-integration: install build postgres ## Integration tests against a real MLflow server, the built UI and a throwaway PostgreSQL
	npm run test:integration

python-wheel: $(VENV_STAMP) ## Build the Python binding's wheel into mltrack-sdk/python/dist (offline, .venv's setuptools)
	rm -rf $(PY_DIST) $(PY_PACKAGE)/build
	.venv/bin/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
	  $(PY_PACKAGE) -w $(PY_DIST)

test-python: python-wheel ## Python binding tests (pytest on the built wheel) against a real MLflow server
	mkdir -p test-results
	cd $(PY_PACKAGE) && MLTRACK_WHEEL="$$(ls $(CURDIR)/$(PY_DIST)/mltrack-*.whl)" \
	  $(CURDIR)/.venv/bin/python -m pytest --junitxml=$(CURDIR)/test-results/python.xml

test-e2e: install build chromium $(PY_BINDING) ## End-to-end tests in Chromium against a real MLflow server
	npm run test:e2e

check: lint typecheck test-unit ## Lint, typecheck and unit tests (fast)

test: install chromium postgres lint typecheck test-unit build test-integration test-python test-e2e ## Install and run every test tier (what CI runs)
	@npx tsx scripts/test-summary.ts

bench: install build ## Run every benchmark under bench/ against real servers and print the results
	npm run bench

clean: ## Remove build and test output (keeps .venv, node_modules and ./.mltrack data)
	rm -rf ui/.next ui/dist mltrack-sdk/dist test-results tests/e2e/.output bench/.output \
	  $(PY_DIST) $(PY_PACKAGE)/build $(PY_PACKAGE)/src/mltrack.egg-info

mlflow-clean: $(NODE_STAMP) ## Delete the local MLflow data in ./.mltrack (asks first; YES=1 skips the question)
	npm run stack -- mlflow-clean $(if $(YES),--yes,)

python-lock: $(VENV_STAMP) ## Re-freeze scripts/requirements/constraints.txt from .venv
	{ echo '# Exact versions for python.txt, frozen from a working .venv (make python-lock).'; \
	  .venv/bin/pip freeze --all --exclude mlflow --exclude pip --exclude setuptools; } > scripts/requirements/constraints.txt

# --- Demos and daily work: a background MLflow + UI, demo training, a local deployment -------------

$(PY_BINDING): python-wheel
	.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall \
	  "$$(ls $(PY_DIST)/mltrack-*.whl)"
	@touch $@

python-binding: $(PY_BINDING) ## Install the Python binding (`import mltrack`) into .venv

start: build ## Start MLflow and the production UI in the background (./.mltrack/logs); reuses running ones
	npm run stack -- start

status: $(NODE_STAMP) ## What is running (MLflow, the UI, local deployments), on which ports
	@npm run --silent stack -- status

logs: $(NODE_STAMP) ## Follow the background MLflow's and UI's logs (Ctrl-C stops following, not the servers)
	npm run --silent stack -- logs

stop: $(NODE_STAMP) ## Stop the background MLflow and UI, and the local deployments' scoring servers
	npm run stack -- stop

train: start $(PY_BINDING) $(SDK_DIST) ## Demo training: a scikit-learn sweep (Python binding) and a TypeScript model (track())
	npm run demo:train

deploy: start $(SDK_DIST) ## Deploy the best registered demo model (alias champion) locally through the CLI
	npm run demo:deploy

test-inference: $(SDK_DIST) ## Send held-out rows to the demo deployment and check its predictions
	npm run demo:test-inference

demo: train deploy test-inference ## Train, deploy, test inference, then print the pages to open
	@npm run --silent stack -- urls

screenshots: build chromium $(PY_BINDING) ## Retake the README's screenshots (tests/e2e/screenshots) from the real app
	MLTRACK_UPDATE_SCREENSHOTS=1 npx playwright test -c tests/e2e/playwright.config.ts screenshots.spec.ts

# --- The team server on one machine (docker-compose.yml; needs Docker with the compose plugin) ------

docker-build: ## Build the UI and MLflow images of docker-compose.yml
	scripts/compose.sh build

docker-up: ## Start the team stack (PostgreSQL, MinIO, MLflow with auth, UI) and wait until healthy
	scripts/compose.sh up -d --wait

docker-logs: ## Follow the team stack's logs
	scripts/compose.sh logs -f

docker-down: ## Stop the team stack (volumes and their data are kept)
	scripts/compose.sh down
