# The commands people run. `make test` installs everything it needs (uv, the locked venv).
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
# Use uv from PATH when present, otherwise a private copy under .cache/ (no global install).
UV := $(shell command -v uv 2>/dev/null || echo .cache/tools/bin/uv)
# Trust the system CA store (corporate proxies); older uv versions ignore it.
export UV_SYSTEM_CERTS := 1
PYTEST_ARGS ?=

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

.cache/tools/bin/uv:
	python3 -m venv .cache/tools
	.cache/tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv: pyproject.toml mcp-server/pyproject.toml ollama-double/pyproject.toml uv.lock $(if $(filter .cache/%,$(UV)),$(UV))
	$(UV) sync --frozen
	@touch .venv

.PHONY: install
install: .venv ## Create .venv from the lock file (orchestrator, MCP server, test tools)

.PHONY: lint
lint: .venv ## ruff (lint + format check) and mypy --strict
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy

.PHONY: test
test: lint ## Lint, then the unit and integration suites (no Docker needed)
	$(UV) run --frozen pytest $(PYTEST_ARGS)

.PHONY: test-faults
test-faults: .venv ## Kill, stall and break each dependency at each stage; prints the fault table
	$(UV) run --frozen pytest -m faults tests/faults -p no:randomly $(PYTEST_ARGS)

.PHONY: e2e
e2e: .venv ## Container end-to-end run: real images, real compose file (installs Docker if needed)
	bash scripts/e2e.sh

.PHONY: bench
bench: .venv ## Pipeline benchmark against the Ollama-API double (prints a table, writes JSON)
	$(UV) run --frozen python -m benchmarks.pipeline

.PHONY: bench-profile
bench-profile: .venv ## Where one plan's time goes at GPU speed (pyinstrument), new vs long-lived planner
	$(UV) run --frozen python -m benchmarks.profile_plan

.PHONY: bench-mcp
bench-mcp: .venv ## MCP tool-call latency benchmark
	$(UV) run --frozen python -m benchmarks.mcp_tools

.PHONY: bench-quality
bench-quality: .venv ## Plan quality: checked model prose over 20+ plans (tiny real model, scripted, replayed)
	$(UV) run --frozen python -m benchmarks.quality

.PHONY: bench-web
bench-web: .venv ## Web app: 1, 8 and 32 users at once (first event, first plan token, plans/min, memory)
	$(UV) run --frozen python -m benchmarks.web

.PHONY: bench-understanding
bench-understanding: .venv ## Request-reading accuracy per field and language (perfect / prose model)
	$(UV) run --frozen python -m benchmarks.understanding

.PHONY: mutation
mutation: .venv ## Mutation testing of the core modules (slow, incremental; TARGETS="plan facts")
	$(UV) run --frozen python scripts/mutation.py run $(TARGETS)

.env:
	sh scripts/make-env.sh

.PHONY: up
up: up-cpu ## Run the product (Ollama on the CPU); the web app is on http://127.0.0.1:8080

.PHONY: up-cpu
up-cpu: .env ## Run the stack with Ollama on the CPU (first time: .env with a random DB password)
	docker compose --profile cpu up

.PHONY: up-gpu
up-gpu: .env ## Run the stack with Ollama on an NVIDIA GPU
	docker compose --profile gpu up

.PHONY: clean
clean: ## Remove caches and the venv
	rm -rf .venv .cache .pytest_cache .mypy_cache .ruff_cache bench-results
