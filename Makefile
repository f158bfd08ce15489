# Two commands on a fresh machine (Python 3.11):
#   make serve   set everything up, build the site into site/ and serve it on http://127.0.0.1:8000/
#   make test    set everything up (Chromium, test tools) and run every test
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve test test-tools lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

setup: $(VENV)/.installed

build: setup
	$(VENV)/bin/mangfold build

serve: build
	$(VENV)/bin/mangfold serve --dev-addr 127.0.0.1:8000

test-tools:
	bash scripts/setup-test-tools.sh

test: setup test-tools
	$(VENV)/bin/pytest

lock:
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' | sort -f > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf site .site-* tests/artifacts
