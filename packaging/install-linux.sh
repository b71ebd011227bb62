#!/usr/bin/env bash
# Installs the built bundle (make package) on Linux: the app, a `frontdesk` command, the icon at
# every size in the hicolor theme (the name the desktop entry's Icon= gives) and the desktop entry,
# so FrontDesk appears in the applications menu with its icon.
#   packaging/install-linux.sh                 for this user, in ~/.local (no root needed)
#   sudo packaging/install-linux.sh /usr/local for everyone on this computer
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${1:-$HOME/.local}"
BUNDLE="${BUNDLE:-$ROOT/dist/FrontDesk}"
if [ ! -x "$BUNDLE/frontdesk" ]; then
  echo "There is no build in $BUNDLE: run make package first." >&2
  exit 1
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin"
rm -rf "$PREFIX/lib/frontdesk"
cp -a "$BUNDLE" "$PREFIX/lib/frontdesk"
ln -sf "$PREFIX/lib/frontdesk/frontdesk" "$PREFIX/bin/frontdesk"

ICONS="$PREFIX/share/icons/hicolor"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$ROOT/resources/icons/frontdesk-$size.png" "$ICONS/${size}x${size}/apps/frontdesk.png"
done
install -D -m 644 "$ROOT/resources/icons/frontdesk.svg" "$ICONS/scalable/apps/frontdesk.svg"

# The entry runs this install's command wherever it went, not whatever `frontdesk` is on PATH.
mkdir -p "$PREFIX/share/applications"
sed -e "s|^Exec=.*|Exec=$PREFIX/bin/frontdesk|" -e "s|^TryExec=.*||" \
  "$ROOT/packaging/frontdesk.desktop" > "$PREFIX/share/applications/frontdesk.desktop"
chmod 644 "$PREFIX/share/applications/frontdesk.desktop"

# Menus and docks pick the new entry and icon up at once where these tools exist.
command -v gtk-update-icon-cache > /dev/null && gtk-update-icon-cache -q -t "$ICONS" || true
command -v update-desktop-database > /dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
echo "FrontDesk installed in $PREFIX (command: $PREFIX/bin/frontdesk)."
