# The interface of the project: `make build` and `make test` are all a newcomer needs.
#   make build [SF=0.1] [DAYS=3]  venv + pinned deps, DuckDB extensions (offline), TPC-H raw zone,
#        [GENERATOR=dbgen]        DAYS simulated days of CDC changes, dbt build day by day into the
#        [TARGET=postgres|spark|lake] build warehouse, audit, publish the serving warehouse
#                                  (GENERATOR=dbgen: DuckDB's reference dbgen, the official answers;
#                                  TARGET=postgres|spark: the same project in a local PostgreSQL
#                                  server or Spark cluster, started if needed; make
#                                  services-status / services-stop; TARGET=lake: a DuckLake,
#                                  catalog in that PostgreSQL server or LAKE_CATALOG=sqlite,
#                                  Parquet under data/lake/, published by snapshot)
#   make lake-maintenance [KEEP_DAYS=7]  merge small files, expire old snapshots of the lake
#   make lake-export               the lake's published marts as Parquet + manifest.json
#   make compare-engines [ENGINE=spark]  the marts and the 22 TPC-H answers on DuckDB vs PostgreSQL
#                                  (or Spark)
#   make test-spark                the project on a local Spark cluster vs DuckDB (not in make test)
#   make answer-set                acceptance test: TPC-H's 22 answers from the serving marts vs the
#                                  official answer set (needs GENERATOR=dbgen, SF 0.01, 0.1 or 1)
#   make daily [FULL_TEST=1] [TARGET=lake]  simulate the next day, build it incrementally (tests windowed on
#                                  the day's rows; FULL_TEST=1: every row), audit, publish
#   make repair FROM=YYYY-MM-DD    after correcting the raw zone: roll the raw vault back to FROM and
#                                  reload it, recompute the rest, every test, audit, publish
#   make test  [TEST_SF=0.01]      sqlfluff lint, dbt build into a throw-away warehouse (dbgen data,
#                                  with the data-contract check, audit and publish), pytest (the
#                                  answer set among them; installs Superset's venv and Debian's
#                                  chromium for the serving tests)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

SF ?= 0.1
DAYS ?= 3
TEST_SF ?= 0.01
TEST_DAYS ?= 2
# TPC-H generator: tpchgen (tpchgen-cli: a landing in under half the time, 2/3 of the memory) or dbgen
# (DuckDB's reference dbgen: its answers are the official answer set). Unset, make build keeps
# the generator that landed the raw zone (tpchgen for a new one). The test warehouse uses dbgen
# so make test checks the marts against the official answers (pytests/test_answer_set.py).
GENERATOR ?=
TEST_GENERATOR ?= dbgen
# Engine of make build: duckdb (the embedded file, the default), postgres (warehouse/services.py
# starts a PostgreSQL 15 server on 127.0.0.1:$(WAREHOUSE_PG_PORT), data in data/services/) or
# spark (a Spark standalone cluster + Thrift Server on 127.0.0.1, from .venv-spark).
TARGET ?= duckdb
# TARGET=lake: the lake's catalog, postgres (database lake of that server) or sqlite (a file
# under data/lake/, no server). KEEP_DAYS: the days of snapshots make lake-maintenance keeps.
LAKE_CATALOG ?= postgres
export WAREHOUSE_LAKE_CATALOG ?= $(LAKE_CATALOG)
KEEP_DAYS ?= 7
# make compare-engines ENGINE=spark|lake; make services-start SERVICES="postgres spark".
ENGINE ?= postgres
SERVICES ?= postgres
# make lint fails when the share of tested columns falls below this (a ratchet: raise it, never lower it).
COLUMN_TEST_COVERAGE_MIN ?= 48
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DBT := $(VENV)/bin/dbt
STAMP := $(VENV)/.installed
# Apache Superset lives in its own venv: it needs SQLAlchemy < 2 (the project's tools need 2).
SUPERSET_VENV := .venv-superset
SUPERSET_STAMP := $(SUPERSET_VENV)/.installed
# The local Spark cluster (TARGET=spark) runs from its own venv: pyspark is large and only
# that target needs it (dbt reaches the cluster with dbt-spark from the main venv).
SPARK_VENV := .venv-spark
SPARK_STAMP := $(SPARK_VENV)/.installed
SUPERSET_PORT ?= 8088
# VENV_CACHE=<dir>: keep the venvs there, one per hash of their pins, and link them into the
# clone (scripts/venv.sh); CI sets it so fresh clones skip reinstalling unchanged pins.
export VENV_CACHE ?=
export SUPERSET_HOME ?= $(CURDIR)/data/superset

# Absolute paths: the raw-zone path is baked into the staging views.
# Write-Audit-Publish: dbt writes the build warehouse (WAREHOUSE_DB_PATH); only an audited build
# is published, by atomic rename, as the serving warehouse BI tools read (WAREHOUSE_SERVING_PATH).
export WAREHOUSE_RAW_DIR ?= $(CURDIR)/data/raw
export WAREHOUSE_DB_PATH ?= $(CURDIR)/data/build/warehouse.duckdb
export WAREHOUSE_SERVING_PATH ?= $(CURDIR)/data/warehouse.duckdb
export WAREHOUSE_SIM_DIR ?= $(CURDIR)/data/sim
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

TEST_DIR := $(CURDIR)/.tmp/test

.PHONY: help venv lock format build postgres-server compare-engines services-start services-status services-stop lake-maintenance lake-export answer-set daily repair test lint dbt-test-build pytest contracts contracts-breaking docs erd charts docs-serve docs-screenshots browser superset superset-stop bench bench-engines bench-daily spark-venv test-spark bench-soak clean

help:  ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml scripts/venv.sh
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
		echo "error: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); the project needs 3.11 (pyproject.toml requires-python): make ... PYTHON=python3.11" >&2; exit 2; }
	@echo "==> creating $(VENV) and installing the locked dependencies (requirements.txt; about a minute)"
	scripts/venv.sh $(VENV) requirements.txt $(PYTHON)
	@echo "==> installing the project into $(VENV) (editable: the \`warehouse\` command runs this clone)"
	@# PYTHONWARNINGS: setuptools warns on every editable install that it is one.
	PYTHONWARNINGS=ignore $(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@echo "==> registering DuckDB extensions from their wheels (offline)"
	$(PY) -m warehouse register-extensions
	@touch $@

venv: $(STAMP)  ## create .venv with the locked dependencies and the `warehouse` command

lock:  ## re-lock requirements.txt from requirements.in (pip-compile, with hashes; keeps unchanged pins)
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements.txt requirements.in

$(SPARK_STAMP): spark/requirements.txt scripts/venv.sh
	@echo "==> creating $(SPARK_VENV) with pyspark (Spark's jars and launchers; locked, about a minute)"
	scripts/venv.sh $(SPARK_VENV) spark/requirements.txt $(PYTHON)
	@touch $@

spark-venv: $(SPARK_STAMP)  ## create .venv-spark (pyspark) for the local Spark cluster of TARGET=spark

$(SUPERSET_STAMP): bi/superset/requirements.txt scripts/venv.sh
	@echo "==> creating $(SUPERSET_VENV) and installing Apache Superset, locked (about a minute)"
	scripts/venv.sh $(SUPERSET_VENV) bi/superset/requirements.txt $(PYTHON)
	@touch $@

build: $(STAMP) $(if $(filter postgres lake,$(TARGET)),postgres-server) $(if $(filter spark,$(TARGET)),$(SPARK_STAMP))  ## land TPC-H at SF (default 0.1), simulate DAYS (default 3), dbt build, audit, publish
	$(PY) -m warehouse build --sf $(SF) --days $(DAYS) $(if $(GENERATOR),--generator $(GENERATOR)) --target $(TARGET)

compare-engines: $(STAMP)  ## compare the marts and the 22 TPC-H answers of the DuckDB build warehouse and ENGINE (postgres, spark or lake)
	$(PY) -m warehouse compare-engines --engine $(ENGINE)

services-start: $(STAMP) $(if $(filter postgres,$(SERVICES)),postgres-server) $(if $(filter spark,$(SERVICES)),$(SPARK_STAMP))  ## start SERVICES (default postgres; SERVICES="postgres spark") on 127.0.0.1, data in data/services/
	$(PY) -m warehouse services start $(SERVICES)

services-status: $(STAMP)  ## are the local PostgreSQL server and Spark cluster running (PIDs, addresses)?
	$(PY) -m warehouse services status

services-stop: $(STAMP)  ## stop the local PostgreSQL server and Spark cluster started here (by their recorded PIDs)
	$(PY) -m warehouse services stop

lake-maintenance: $(STAMP)  ## the lake (TARGET=lake): merge small files, expire snapshots older than KEEP_DAYS (default 7), delete unreferenced files
	$(PY) -m warehouse lake maintain --keep-days $(KEEP_DAYS)

lake-export: $(STAMP)  ## the lake's published marts as Parquet files + manifest.json under data/lake/export/ (for Spark, pandas, ...)
	$(PY) -m warehouse lake export

answer-set: $(STAMP)  ## acceptance test: the 22 TPC-H answers from the marts vs the official answer set
	$(PY) -m warehouse answer-set

daily: $(STAMP)  ## simulate the next day of changes, build it incrementally, audit, publish
	$(PY) -m warehouse daily $(if $(FULL_TEST),--full-test) $(if $(filter lake,$(TARGET)),--target lake)

repair: $(STAMP)  ## after correcting the raw zone: rebuild from load date FROM (YYYY-MM-DD) on, audit, publish
	@test -n "$(FROM)" || { echo "error: give the first corrected load date: make repair FROM=YYYY-MM-DD" >&2; exit 2; }
	$(PY) -m warehouse repair --from $(FROM)

LINT_DBT_ENV := DBT_TARGET_PATH=$(CURDIR)/.tmp/lint/target DBT_LOG_PATH=$(CURDIR)/.tmp/lint/logs WAREHOUSE_DB_PATH=:memory:
lint: $(STAMP)  ## ruff, sqlfluff, dbt-score (>= 9.5), dbt-bouncer (dbt-bouncer.yml), column test coverage
	@echo "==> ruff check, ruff format --check"
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@echo "==> sqlfluff lint"
	$(LINT_DBT_ENV) $(VENV)/bin/sqlfluff lint models tests analyses snapshots
	@echo "==> dbt parse, then dbt-score and dbt-bouncer on its manifest"
	$(LINT_DBT_ENV) $(DBT) parse --quiet
	$(VENV)/bin/dbt-score lint --manifest .tmp/lint/target/manifest.json --show failing-items
	@# dbt-bouncer prints a table of the parsed artifacts on every run: kept in a log, shown on failure.
	@if $(VENV)/bin/dbt-bouncer run --config-file dbt-bouncer.yml --output-only-failures > .tmp/lint/dbt-bouncer.log 2>&1; \
	then echo "dbt-bouncer: $$(grep -o "SUCCESS=[0-9]* WARN=[0-9]* ERROR=[0-9]*" .tmp/lint/dbt-bouncer.log | tail -n 1)"; \
	else cat .tmp/lint/dbt-bouncer.log; echo "error: dbt-bouncer found failing checks (above; dbt-bouncer.yml)" >&2; exit 1; fi
	@echo "==> column test coverage (tested columns of the project's models, seeds, snapshots)"
	$(PY) scripts/column_test_coverage.py .tmp/lint/target/manifest.json --min $(COLUMN_TEST_COVERAGE_MIN)

format:  ## ruff format and ruff check --fix on the Python (what pre-commit runs)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

dbt-test-build: $(STAMP)  ## full dbt build at TEST_SF into a throw-away warehouse
	@echo "==> dbt build at SF $(TEST_SF) + $(TEST_DAYS) days into a throw-away warehouse in $(TEST_DIR)"
	rm -rf $(TEST_DIR) && mkdir -p $(TEST_DIR)
	WAREHOUSE_RAW_DIR=$(TEST_DIR)/raw WAREHOUSE_DB_PATH=$(TEST_DIR)/warehouse.duckdb \
		WAREHOUSE_SERVING_PATH=$(TEST_DIR)/serving/warehouse.duckdb \
		WAREHOUSE_SIM_DIR=$(TEST_DIR)/sim $(PY) -m warehouse build --sf $(TEST_SF) --days $(TEST_DAYS) \
		--generator $(TEST_GENERATOR) 2>&1 | tee $(TEST_DIR)/build.log  # pytest fails on any warning in it (test_warehouse_build.py)

# pytest runs its modules in PYTEST_WORKERS processes (pytest-xdist, one module per worker at a
# time: a module's fixtures, e.g. its Superset server, are set up once); they share the one
# test warehouse, read-only, and each dbt a test runs writes its own target folder.
PYTEST_WORKERS ?= 2
pytest: $(STAMP) $(SUPERSET_STAMP) browser postgres-server  ## the Python test suite (pytests/)
	@echo "==> pytest ($(PYTEST_WORKERS) workers)"
	WAREHOUSE_TEST_DB=$(TEST_DIR)/warehouse.duckdb $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile \
		--durations=10 pytests

# The Spark cluster tests (pytests/test_spark.py): a local standalone cluster, the project built
# on it from the test raw zone and compared with the DuckDB test warehouse. Not part of make
# test (the cluster and Spark's per-statement cost add about 15 minutes; README).
test-spark: $(STAMP) $(SPARK_STAMP)  ## the project on a local Spark cluster vs the DuckDB test warehouse (about 15 min)
	@[ -f $(TEST_DIR)/warehouse.duckdb ] || $(MAKE) --no-print-directory dbt-test-build
	@echo "==> pytest pytests/test_spark.py (Spark standalone cluster: master, 2 workers, Thrift Server)"
	WAREHOUSE_TEST_SPARK=1 WAREHOUSE_TEST_DB=$(TEST_DIR)/warehouse.duckdb $(PY) -m pytest --durations=5 pytests/test_spark.py

# lint and the test build overlap (neither writes what the other reads); output stays grouped.
test: $(STAMP)  ## everything CI checks
	$(MAKE) --no-print-directory -j2 --output-sync=target lint dbt-test-build
	$(MAKE) --no-print-directory pytest

contracts: $(STAMP)  ## data contracts: consistency with dbt, then freshness + datacontract test on the warehouse
	$(PY) -m warehouse contracts check
	$(PY) -m warehouse contracts test

contracts-breaking: $(STAMP)  ## fail when a contract breaks consumers vs BASE (default main) without a major bump
	$(PY) -m warehouse contracts breaking --base $(or $(BASE),main)

docs: $(STAMP)  ## generate the dbt docs site into target/ from the serving warehouse (read-only)
	@test -f $(WAREHOUSE_SERVING_PATH) || { echo "error: no serving warehouse at $(WAREHOUSE_SERVING_PATH): run make build first" >&2; exit 1; }
	DBT_TARGET=serving $(DBT) docs generate

erd: $(STAMP)  ## regenerate docs/erd.md (Mermaid ERDs of the star and snowflake schemas) from the serving warehouse
	@test -f $(WAREHOUSE_SERVING_PATH) || { echo "error: no serving warehouse at $(WAREHOUSE_SERVING_PATH): run make build first" >&2; exit 1; }
	DBT_TARGET=serving DBT_TARGET_PATH=$(CURDIR)/.tmp/erd/target DBT_LOG_PATH=$(CURDIR)/.tmp/erd/logs $(DBT) docs generate --quiet
	$(PY) scripts/erd.py .tmp/erd/target docs/erd.md

charts: $(STAMP)  ## redraw docs/images' charts: one customer's SCD2 history (serving warehouse), make test per revision (bench/history.csv)
	$(PY) scripts/charts.py $(WAREHOUSE_SERVING_PATH) docs/images

docs-serve: docs  ## generate, then serve the docs site on http://127.0.0.1:8080
	DBT_TARGET=serving $(DBT) docs serve --port 8080 --host 127.0.0.1 --no-browser

docs-screenshots: $(STAMP) $(SUPERSET_STAMP) browser  ## refresh docs/images/ (the README's screenshots) from the test warehouse
	WAREHOUSE_TEST_DB=$(TEST_DIR)/warehouse.duckdb WAREHOUSE_SCREENSHOT_DIR=$(CURDIR)/docs/images \
		$(PY) -m pytest -q pytests/test_docs_site.py pytests/test_superset.py

browser:  ## install Debian's chromium + chromium-driver for the docs-site test (apt; once)
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "==> chromium and chromedriver present"; \
	else echo "==> installing chromium and chromium-driver from Debian's packages (apt)"; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get install -y -q chromium chromium-driver > /dev/null \
		|| { $$sudo apt-get update -q > /dev/null && $$sudo apt-get install -y -q chromium chromium-driver > /dev/null; }; fi

postgres-server:  ## install Debian's PostgreSQL 15 server (apt; once) for TARGET=postgres and make test
	@if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo "==> PostgreSQL 15 present"; \
	else echo "==> installing postgresql-15 from Debian's packages (apt)"; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get install -y -q postgresql-15 > /dev/null \
		|| { $$sudo apt-get update -q > /dev/null && $$sudo apt-get install -y -q postgresql-15 > /dev/null; }; fi

superset: $(STAMP) $(SUPERSET_STAMP)  ## start Apache Superset on 127.0.0.1:8088 with a dashboard on the serving warehouse
	$(PY) -m warehouse superset start --port $(SUPERSET_PORT)

superset-stop:  ## stop the Superset server started by make superset
	$(PY) -m warehouse superset stop

bench: $(STAMP)  ## benchmark generate + dbt build at SF 0.1 and 1 (figures, not tests)
	$(PY) bench/bench_build.py --sf 0.1 1

bench-engines: $(STAMP) postgres-server $(SPARK_STAMP)  ## benchmark the full build and a daily run on DuckDB, PostgreSQL and Spark at SF 0.1 and 1
	$(PY) bench/bench_engines.py --sf 0.1 1

bench-daily: $(STAMP)  ## benchmark a daily incremental build against a full rebuild at SF 1
	$(PY) bench/bench_daily.py --sf 1

bench-soak: $(STAMP)  ## soak: 30 daily runs with bad lines, kills and races, then incremental = rebuilt (about 40 min)
	$(PY) bench/soak.py --days 30 --sf 0.01

clean:  ## remove build outputs (keeps .venv and the raw zone)
	rm -rf target logs .tmp $(WAREHOUSE_DB_PATH) $(WAREHOUSE_SERVING_PATH)
