#!/usr/bin/env bash
# Installs the system libraries Qt needs when they are missing (Debian/Ubuntu, as root or with sudo).
set -euo pipefail
PY="${1:-.venv/bin/python}"
# libcups2: Qt's print dialog lists and reaches the printers through CUPS (Print…).
QT_LIBS="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core
 libcups2"
EXTRA="${SYSDEPS_EXTRA:-}"
# The PDF tests read names back out of the reports with poppler (pdftotext, pdffonts, pdfunite).
# No font package: the fonts that print every script are bundled in resources/fonts/.
PDF_TOOLS="pdftotext pdffonts pdfunite pdftoppm"

qt_ok() {
  QT_QPA_PLATFORM=offscreen "$PY" -c \
    "from PySide6.QtWidgets import QApplication; QApplication(['probe'])" >/dev/null 2>&1
}

need=()
for cmd in $EXTRA $PDF_TOOLS; do command -v "$cmd" >/dev/null 2>&1 || need+=("$cmd"); done
if qt_ok && [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Qt cannot start and apt-get is not available: install Qt's system libraries (libEGL, libxkbcommon, fontconfig) yourself." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
pkgs="$QT_LIBS"
for cmd in "${need[@]}"; do
  case "$cmd" in
    xvfb-run) pkgs="$pkgs xvfb xauth" ;;
    pdftoppm|pdftotext|pdffonts|pdfunite) pkgs="$pkgs poppler-utils" ;;
    *) pkgs="$pkgs $cmd" ;;
  esac
done
echo "Installing system packages: $pkgs"
$SUDO apt-get update -qq || true
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
qt_ok || { echo "Qt still cannot start after installing its libraries." >&2; exit 1; }
