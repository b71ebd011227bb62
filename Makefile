# FrontDesk — `make run` opens the app, `make test` runs the whole suite. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

PACKAGE_BIN := dist/FrontDesk/frontdesk
COMPILE     := $(BIN)/python -m compileall -q app > /dev/null

.PHONY: package package-test run test lint typecheck pytest coverage demo screenshots bench clean sysdeps bytecode translations

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@$(COMPILE)
	@touch $(STAMP)

# The modules compiled ahead, as an installed copy has them: a start then reads bytecode instead
# of compiling ~150 modules (where PYTHONDONTWRITEBYTECODE is set, at every start).
bytecode: $(STAMP)
	@$(COMPILE)

sysdeps: $(STAMP)
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then SYSDEPS_EXTRA="xvfb-run" tools/sysdeps.sh $(BIN)/python; \
	 else tools/sysdeps.sh $(BIN)/python; fi

# Opens FrontDesk on the local database (the demo practice when it is empty).
# Without a screen (a server, CI) it runs on a virtual one.
run: sysdeps bytecode
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(BIN)/frontdesk --demo-if-empty; \
	 else echo "No screen found: running FrontDesk on a virtual display (xvfb)."; \
	      xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/frontdesk --demo-if-empty; fi

test: sysdeps lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check app tests benchmarks tools
	$(BIN)/ruff format --check app tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy app

# Two workers, one per core; a test file runs whole on one of them (its tests keep their order).
# The fifteen slowest tests are listed at the end, where trimming the suite starts.
pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n 2 --dist loadfile --durations=15

# The suite again with line and branch coverage, and what the cancellation rules' modules leave
# untested. Measuring costs the suite about half its time again, so `make test` leaves it out.
COVERED = app/models/rules.py,app/models/practice_calendar.py,app/models/notice_text.py,app/models/lifecycle.py,app/services/sessions/cancel.py,app/services/sessions/cancel_checks.py,app/services/sessions/cancel_charges.py,app/services/sessions/undo.py,app/services/sessions/attendance.py,app/services/sessions/deletion.py,app/services/sessions/scheduling.py
coverage: $(STAMP)
	rm -f .coverage .coverage.*
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n 2 --dist loadfile --cov=app --cov-report=
	$(BIN)/coverage combine -q 2>/dev/null || true
	$(BIN)/coverage report --skip-covered --precision=1 --include='$(COVERED)'

demo: $(STAMP)
	$(BIN)/frontdesk demo

# The README's screenshots on the demo practice: the window, every dialog, the set-up screens
# (offscreen, no screen needed).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/dialog_screenshots.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/setup_screenshots.py

# The benchmarks (benchmarks/README.md): a large practice generated once and cached, every scenario
# in fresh processes against a floor measured in the same run; prints the table and writes
# benchmarks/results/latest.json. Not part of `make test` (a tiny-scale smoke run is).
# Options: make bench BENCH_ARGS="--runs 3 --only week_load,bulk_cancel"
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# The Qt Linguist catalogues (README, "Translations"): every tr()/translate() of app/ collected into
# translations/frontdesk_<lang>.ts, built into resources/translations/*.qm with the pseudo-translation.
# A new language: make translations LANGS=fr_FR
translations: $(STAMP)
	$(BIN)/python tools/translations.py $(LANGS)

clean:
	rm -rf $(VENV) .coverage .coverage.* build dist *.egg-info

# A frozen one-folder build (PyInstaller) in dist/FrontDesk/, then its smoke test.
package: $(STAMP)
	$(BIN)/python -m pip install -q "pyinstaller>=6.5"
	$(BIN)/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/frontdesk.spec
	packaging/smoke.sh $(PACKAGE_BIN)

package-test:
	packaging/smoke.sh $(PACKAGE_BIN)
