# The two commands a pharmacy IT person needs: `make run` and `make test`.
# Each one sets up everything first (system libraries, .venv, Python packages) and is
# quick when everything is already there.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench system-deps setup clean bundle bundle-check

run: setup
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		echo "No display found: starting PharmaDesk on a virtual screen (Xvfb)."; \
		xvfb-run -a -s "-screen 0 1440x900x24" $(PY) -m pharmadesk --sandbox; \
	else \
		$(PY) -m pharmadesk --sandbox; \
	fi

test: setup
	$(PY) -m pytest

bench: setup
	@set -e; for script in tests/bench/bench_*.py; do \
		echo "== $$script"; $(PY) $$script; \
	done

setup: system-deps $(STAMP)

system-deps:
	@bash installer/linux/system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# The one-folder application dist/pharmadesk/ (executable dist/pharmadesk/pharmadesk);
# installer/windows/pharmadesk.iss turns the Windows build of it into a setup program.
BUNDLE_STAMP := $(VENV)/.bundle-installed

bundle: setup $(BUNDLE_STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller installer/pharmadesk.spec
	@du -sh dist/pharmadesk

$(BUNDLE_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bundle]'
	@touch $(BUNDLE_STAMP)

# Builds the bundle, then runs the bundled executable: --version, doctor, a sandbox
# window offscreen, and scan + sync against the bundled simulator.
bundle-check: bundle
	$(PY) installer/bundle_check.py dist/pharmadesk

clean:
	rm -rf $(VENV) build dist *.egg-info
