# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

# The browser tests drive Debian's Chromium through Playwright (Playwright's
# own browser downloads are never used), with a CJK font so Chinese text is
# drawn in screenshots.
CHROMIUM ?= /usr/bin/chromium
BROWSER_PACKAGES := chromium fonts-wqy-microhei

.PHONY: demo test bench score clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/irmetrics extract irmetrics/examples/ir_record_zh.txt

test: $(VENV)/.installed browser
	IRMETRICS_CHROMIUM=$(CHROMIUM) $(PY) -m pytest

# Installs the browser where it is missing: as root with apt-get, else it
# stops and says what to install.  A CJK font is added when fontconfig knows
# none (not fatal without root: only screenshots need it).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "make: installing Debian's $(BROWSER_PACKAGES) for the browser tests"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(BROWSER_PACKAGES); \
	  else \
	    echo "make: the browser tests need Chromium at $(CHROMIUM), which is missing." >&2; \
	    echo "      Install it with:  sudo apt-get install $(BROWSER_PACKAGES)" >&2; \
	    echo "      (or run: make test CHROMIUM=/path/to/chromium)" >&2; \
	    exit 1; \
	  fi; \
	fi
	@if command -v fc-list >/dev/null && [ -z "$$(fc-list :lang=zh)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-wqy-microhei) \
	      || echo "make: could not install fonts-wqy-microhei; screenshots will show boxes" >&2; \
	  else \
	    echo "make: no Chinese font; screenshots will show boxes (sudo apt-get install fonts-wqy-microhei)" >&2; \
	  fi; \
	fi

bench: $(VENV)/.installed browser
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/corpus.py
	IRMETRICS_CHROMIUM=$(CHROMIUM) $(PY) benchmarks/report.py

score: $(VENV)/.installed
	$(PY) ../shared/eval/score.py ../shared/corpus/dev

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
