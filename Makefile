# Two commands for a newcomer: `make lab` to learn, `make test` to check everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: lab app test lint typecheck unit nbval browser notebooks images bench assignments hub hub-deps clean

# Jupyter refuses to run as root unless told; containers and cloud shells often are root.
lab: $(VENV)/.runtime-installed
	$(BIN)/jupyter lab notebooks/ $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# The same notebooks as plain pages in Voilà: text, pictures and live panels, no code to scroll
# past. Voilà's own server, unlike Jupyter's, runs as root without being told.
app: $(VENV)/.runtime-installed
	$(BIN)/voila notebooks/

test: $(VENV)/.dev-installed hub-deps lint typecheck
	$(PY) -m pytest tests notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
		--ignore=tests/browser -p no:playwright
	$(PY) -m pytest tests/browser

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(VENV)/.dev-installed
	$(PY) -m mypy nnlib

notebooks: $(VENV)/.dev-installed
	$(PY) tools/run_notebooks.py notebooks

images: $(VENV)/.runtime-installed
	$(PY) -m nnlib.images notebooks/images

bench: $(VENV)/.dev-installed
	$(PY) -m bench

# The instructor edition: an nbgrader course in course/ (source/ with solutions and hidden tests,
# release/ for the learners). docs/instructors.md explains how to run a course with it.
assignments: $(VENV)/.dev-installed
	$(PY) tools/make_assignments.py --notebooks notebooks --course course --release

# A local trial of the class hub (deploy/README.md): log in at http://127.0.0.1:8000 with any name.
hub: hub-deps
	@echo "JupyterHub on http://127.0.0.1:8000: any name, the password in deploy/.trial/password"
	NNLIB_HUB_STATE=deploy/.trial $(PY) -m jupyterhub -f deploy/trial_config.py

# JupyterHub (pip, into .venv) and its proxy (npm, into deploy/node_modules), both pinned.
# Without npm this says so and goes on: the hub test then skips, or fails under CI=true.
hub-deps: $(VENV)/.hub-installed deploy/node_modules/.package-lock.json

$(VENV)/.hub-installed: $(VENV)/.runtime-installed deploy/requirements.txt
	$(PY) -m pip install -r deploy/requirements.txt
	touch $@

deploy/node_modules/.package-lock.json: deploy/package.json deploy/package-lock.json
	@if command -v npm >/dev/null; then cd deploy && npm ci --no-audit --no-fund; \
	else echo "npm is missing: install Node.js 20 or newer with npm to run the hub"; fi

$(VENV)/.python-ok:
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)" || \
		{ echo "Python 3.10 or newer is needed; found $$($(PYTHON) --version 2>&1)." \
		  "Install a newer Python, or run: make PYTHON=python3.12 ..."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.runtime-installed: $(VENV)/.python-ok requirements.txt pyproject.toml
	$(PY) -m pip install -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(PY) -m pip install -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) results .pytest_cache .mypy_cache .ruff_cache .hypothesis
