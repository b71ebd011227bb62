#!/usr/bin/env bash
# Smoke test of the built bundle: it starts offscreen, creates a demo database in a temporary
# data folder, runs the migrations, paints the main window and exits 0.
set -euo pipefail
BIN="${1:-dist/FrontDesk/frontdesk}"
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
# A clean environment: no virtual environment, no source tree on the path.
env -i HOME="$DATA" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen "$BIN" --data-dir "$DATA" smoke
test -s "$DATA/frontdesk.sqlite3"
"$BIN" --version
echo "Package smoke test passed."
