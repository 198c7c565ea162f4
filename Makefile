# Two commands a newcomer needs: `make run` and `make test`. Everything else is here for them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test unit lint bench extension extension-check openapi browser firefox node-deps screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# The machine's pip 23 mis-resolves trafilatura's lxml[html-clean] extra; a current pip does not.
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/backstory serve

# Debian's Chromium for the extension tests; Playwright cannot download its own browser here.
browser:
	@command -v chromium >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }

# Debian's Firefox ESR for the same tests, driven through its built-in WebDriver BiDi (Debian ships no geckodriver).
firefox:
	@command -v firefox-esr >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends firefox-esr; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check backend tests
	$(BIN)/ruff format --check backend tests
	$(BIN)/mypy

openapi: $(VENV)/.installed
	$(BIN)/backstory openapi --output shared/api/openapi.json

unit: $(VENV)/.installed-test
	$(BIN)/pytest -m 'not e2e'

test: $(VENV)/.installed-test browser firefox lint node-deps extension-check
	$(BIN)/pytest

# The READMEs' images, refreshed on purpose (never by `make test`): the e2e tests that take them write to the ignored
# tests/e2e/artifacts/, and this copies the four the READMEs show into the committed extension/screenshots/.
SCREENSHOTS := popup-light popup-dark popup-abstained story-page
screenshots: $(VENV)/.installed-test browser firefox
	rm -f $(addprefix tests/e2e/artifacts/,$(addsuffix .png,$(SCREENSHOTS)))
	$(BIN)/pytest tests/e2e -q -p no:cacheprovider -k 'light_and_dark or whole_story or plain_words'
	mkdir -p extension/screenshots
	cp $(addprefix tests/e2e/artifacts/,$(addsuffix .png,$(SCREENSHOTS))) extension/screenshots/

# The browser extension: a Chrome and a Firefox package in dist/ (and unpacked copies beside them).
extension:
	$(PYTHON) extension/tools/package.py dist

# web-ext, TypeScript and Prettier (npm; linting, JSDoc type checks and formatting only), pinned by extension/package-lock.json.
node-deps: extension/node_modules/.installed

extension/node_modules/.installed: extension/package.json extension/package-lock.json
	cd extension && npm ci --no-audit --no-fund
	touch $@

# Unit tests of the extension's pure logic, its JSDoc types and format, then Mozilla's linter on the Firefox package.
extension-check: node-deps extension
	node --test tests/extension
	cd extension && npx --no-install tsc -p . && npx --no-install prettier --config .prettierrc.json --check . ../tests/extension
	cd extension && NO_UPDATE_NOTIFIER=1 npx --no-install web-ext lint --source-dir ../dist/firefox --warnings-as-errors

# Accuracy and scale benchmarks, then issue 12's cost benchmark (`backstory bench --quick` takes under 3 minutes).
bench: $(VENV)/.installed-test
	$(BIN)/pytest tests/bench -m bench -s -p no:cacheprovider
	$(BIN)/backstory bench

clean:
	rm -rf $(VENV) dist var .pytest_cache .mypy_cache .ruff_cache
