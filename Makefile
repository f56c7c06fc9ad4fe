# Worklane — the verbs people type. `make help` lists them.
SHELL := bash
.DEFAULT_GOAL := help

# Without DATABASE_URL, everything runs on a project-local PostgreSQL cluster under
# .data/ (created and started on demand). With DATABASE_URL set, that server is used.
EMBEDDED_DB := $(if $(DATABASE_URL),,yes)
export DATABASE_URL := $(or $(DATABASE_URL),$(shell scripts/db.sh url))
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export CARGO_TERM_COLOR ?= never

SCHEMATHESIS_VERSION := 4.32.5
VENV := .venv
NPM_STAMP := frontend/node_modules/.package-lock.json

.PHONY: help run dev test db db-stop db-reset build release openapi openapi-check bench-ledger \
        lint fmt test-rust frontend frontend-test test-live test-faults test-multi test-fuzz fuzz chromium schemathesis bench clean

help: ## List the commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: db release frontend ## Start everything: local PostgreSQL, migrations, demo data, SPA + API on http://127.0.0.1:8080
	@./target/release/worklane migrate
	@./target/release/worklane seed --demo --jobs 400 --freelancers 120 --clients 40 --seed 1
	@WORKLANE_STATIC_DIR=frontend/dist WORKLANE_DATA_DIR=.data/files ./target/release/worklane serve

dev: db ## API with a debug build (SPA dev server: cd frontend && npm run dev)
	cargo run -p worklane-api --bin worklane -- serve

test: db lint test-rust openapi-check frontend-test test-fuzz test-faults test-multi test-live ## Run every suite (starts what it needs)
	@echo "==> all suites passed"

db: ## Start the local PostgreSQL cluster (no-op with DATABASE_URL set)
ifeq ($(EMBEDDED_DB),yes)
	@scripts/db.sh start
else
	@echo "==> using the PostgreSQL server in DATABASE_URL"
endif

db-stop: ## Stop the local PostgreSQL cluster
	@scripts/db.sh stop

db-reset: ## Stop the local cluster and delete its data
	@scripts/db.sh reset

build: ## Debug build of the workspace
	cargo build --workspace

release: ## Release build of the worklane binary
	cargo build --release -p worklane-api --bin worklane

openapi: ## Regenerate openapi/openapi.json and the SPA's API types from the code
	cargo run -q -p worklane-api --bin worklane -- openapi > openapi/openapi.json
	$(MAKE) $(NPM_STAMP)
	cd frontend && npm run --silent gen:api

openapi-check: $(NPM_STAMP) ## Fail when openapi/openapi.json or the SPA's API types are stale
	@cargo run -q -p worklane-api --bin worklane -- openapi > target/openapi.check.json
	@diff -u openapi/openapi.json target/openapi.check.json > /dev/null || \
	  { echo "openapi/openapi.json is stale: run 'make openapi'"; exit 1; }
	@cd frontend && npx --no-install openapi-typescript ../openapi/openapi.json -o ../target/schema.check.d.ts > /dev/null
	@diff -u frontend/src/api/schema.d.ts target/schema.check.d.ts > /dev/null || \
	  { echo "frontend/src/api/schema.d.ts is stale: run 'make openapi'"; exit 1; }
	@echo "==> OpenAPI document and generated client are up to date"

lint: $(NPM_STAMP) ## rustfmt, clippy -D warnings, tsc, ESLint
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd frontend && npm run --silent typecheck && npm run --silent lint

fmt: ## Format Rust code
	cargo fmt --all

test-rust: db ## Rust unit and API tests (real PostgreSQL, a database per test)
	cargo nextest run --workspace --no-fail-fast --test-threads 8

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

frontend: $(NPM_STAMP) ## Build the SPA into frontend/dist
	cd frontend && npm run --silent build

frontend-test: $(NPM_STAMP) ## SPA unit tests (Vitest)
	cd frontend && npm test

chromium: ## Install Debian's Chromium for the browser tests, when missing
	@command -v chromium > /dev/null || { \
	  echo "==> installing chromium (apt)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium > /dev/null; }

$(VENV)/bin/schemathesis:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check schemathesis==$(SCHEMATHESIS_VERSION)

schemathesis: $(VENV)/bin/schemathesis ## Install the pinned schemathesis into .venv

test-fuzz: ## cargo-fuzz, briefly: money parsing and every request DTO, 20 s each
	scripts/fuzz.sh 20

fuzz: ## cargo-fuzz for longer: FUZZ_SECONDS per target (default 300); the corpus stays in target/fuzz-corpus
	scripts/fuzz.sh $${FUZZ_SECONDS:-300}

test-faults: db ## Money under faults: the server SIGKILLed, then PostgreSQL restarted, mid-load; ledger and answers checked
	cargo build -p worklane-api --bin worklane
	scripts/faults.sh

test-multi: db ## Three instances behind nginx on one database: jobs once, WebSockets, rate limits, a killed instance
	cargo build -p worklane-api --bin worklane
	scripts/multi-instance.sh

test-live: db chromium schemathesis frontend ## Browser journeys and the OpenAPI fuzz run against a live server
	cargo build -p worklane-api --bin worklane
	scripts/test-live.sh

$(VENV)/bin/matplotlib-stamp: | $(VENV)/bin/schemathesis
	$(VENV)/bin/pip install -q --disable-pip-version-check matplotlib==3.11.2
	@touch $@

bench: db release $(VENV)/bin/matplotlib-stamp ## Seed 1M jobs once, load-test the release server (wrk, pgbench, the mixed journey, concurrency sweeps); results, table and plots in bench/
	@command -v wrk > /dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk > /dev/null; }
	scripts/bench.sh

bench-ledger: db release ## Escrow throughput: fund+release pairs/s on a scratch database, then ledger verify
	@psql "$$(scripts/db.sh url | sed -E 's#/[^/?]*\?#/postgres?#')" -qc "DROP DATABASE IF EXISTS worklane_ledger_bench" -c "CREATE DATABASE worklane_ledger_bench"
	@url="$$(scripts/db.sh url | sed -E 's#/[^/?]*\?#/worklane_ledger_bench?#')"; \
	  DATABASE_URL="$$url" ./target/release/worklane migrate > /dev/null && \
	  DATABASE_URL="$$url" RUST_LOG=warn ./target/release/worklane ledger bench --pairs $${PAIRS:-4000} --concurrency $${CONCURRENCY:-8} && \
	  DATABASE_URL="$$url" ./target/release/worklane ledger verify

clean: ## Remove build output (keeps the database)
	cargo clean
	rm -rf frontend/dist
