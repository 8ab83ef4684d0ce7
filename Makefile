# The two commands a newcomer needs are `make run` and `make test`; the rest are helpers.
SHELL := /bin/bash
LOCAL := deploy/local
PY := .venv/bin/python

.PHONY: screenshots run test setup infra-up infra-down infra-status test-unit schemas token bench-bus clean resilience-long

run:            ## Kafka, the store and every service; prints the URL; Ctrl-C stops all
	@$(LOCAL)/run.sh

test:           ## the whole suite against a fresh real Kafka and store (test ports)
	@$(LOCAL)/test.sh

setup:          ## virtual environment, packages, Kafka jars, the local store built once per machine (all cached)
	@$(LOCAL)/setup.sh

infra-up:       ## start Kafka and the store for `make run` (harmless if running)
	@source $(LOCAL)/env.sh && use_profile run && $(LOCAL)/setup.sh && infra start

infra-down:     ## stop them (harmless if stopped)
	@source $(LOCAL)/env.sh && use_profile run && infra stop

infra-status:
	@source $(LOCAL)/env.sh && use_profile run && infra status

resilience-long: ## before a release: the resilience battery ten times over (longer streams, 10x fuzzing)
	@QA_RESILIENCE_SCALE=10 $(LOCAL)/test.sh tests/resilience

test-unit:      ## only the unit and component layers: no broker or store needed
	@$(LOCAL)/setup.sh && $(PY) -m pytest -m "unit or component"

schemas:        ## regenerate the committed JSON Schemas and AsyncAPI document
	@$(PY) -m schemas.generate

token:          ## a development token: make token ROLE=auditor SUB=auditor-001
	@$(PY) -m shared.auth --role $(or $(ROLE),head_of_quality) --sub $(or $(SUB),dev-user)

clean:          ## stop everything and remove local data (var/)
	@-$(MAKE) -s infra-down
	rm -rf var

bench-bus:      ## shared publisher vs a raw aiokafka producer (the test Kafka: never `make run`'s data)
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) -m bench.event_bus

.PHONY: import bench-import bench-audits bench-moderation
import:         ## import a CSV/Excel export: make import SOURCE=momo FILE=statements.csv [REPORT=report.csv]; exit 0 all taken, 1 refused or failed, 2 some rows quarantined, 64 bad arguments
	@$(PY) -m services.feedback_ingestion.importer $(SOURCE) $(FILE) $(if $(REPORT),--report $(REPORT))

bench-import:   ## 100,000-row file import vs a raw aiokafka producer (the test Kafka and store)
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) -m bench.import_rows

bench-audits:   ## audit submissions/s (Kafka-acknowledged) next to a bare FastAPI endpoint
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) -m bench.audit_submissions

bench-moderation: ## moderation and sign-off latency as audits accumulate, next to reading one audit
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) -m bench.moderation_latency

.PHONY: bench-catch-up
bench-catch-up: ## a consumer down while 1,000 audits arrived: back to lag 0, next to a raw consumer
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) bench/catch_up.py --audits 1000

.PHONY: bench-alerts
bench-alerts:   ## overdue alert: due moment → published → SSE client, next to a bare Kafka round trip (test infra)
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) -m bench.overdue_alert_latency

reporting-rebuild: ## replay every topic into new read models, swap them in when caught up
	@source $(LOCAL)/env.sh && use_profile run && $(PY) -m services.reporting.rebuild

.PHONY: bench-sealing
bench-sealing:  ## what sealing personal data costs publishing and projecting, next to the same without (test infra)
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) -m bench.sealing $(BENCH_ARGS)

.PHONY: reporting-rebuild bench-reporting
bench-reporting: ## reporting's projector vs a raw aiokafka consumer (the test Kafka and store)
	@source $(LOCAL)/env.sh && use_profile test && $(LOCAL)/setup.sh && infra start && $(PY) -m bench.projector $(BENCH_ARGS)

.PHONY: bench-pages ten-years
bench-pages:    ## every page's p50/p95 under ten users next to a bare endpoint (start `make run` first)
	@source $(LOCAL)/env.sh && use_profile run && $(PY) -m bench.page_latency --store $(BENCH_ARGS)

screenshots:    ## a full-page PNG of every page each role can open on `make run`'s stack (var/screenshots/<role>/)
	@$(PY) -m tools.screenshots $(SCREENSHOT_ARGS)

ten-years:      ## ten synthetic years into the running `make run` services' EMPTY store, in bulk
	@source $(LOCAL)/env.sh && use_profile run && $(PY) -m bench.ten_years $(BENCH_ARGS)

.PHONY: audit-deps
audit-deps:     ## pip-audit of the installed pinned dependencies; fails if any could not be audited
	@$(LOCAL)/setup.sh && $(PY) -m tools.audit_deps $(AUDIT_ARGS)
