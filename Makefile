# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test bench score clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/irmetrics extract irmetrics/examples/ir_record_zh.txt

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/corpus.py

score: $(VENV)/.installed
	$(PY) ../shared/eval/score.py ../shared/corpus/dev

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
