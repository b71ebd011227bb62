"""The one QApplication: the names QSettings and the platform need, and its style."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import __version__
from app.paths import APP_AUTHOR, APP_NAME, resources_dir

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE = "frontdesk"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names QSettings and the platform need."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_AUTHOR)
    QApplication.setApplicationVersion(__version__)
    # Fusion follows the system's light or dark scheme on every platform. Chosen on the command
    # line Qt reads, not with setStyle(): that hands back the style object, and PySide6 finds its
    # Python type by initialising every style class it knows (~8 ms ahead of the first paint).
    app = QApplication([*(argv or sys.argv), "-style", "Fusion"])
    app.setWindowIcon(window_icon())
    # Wayland shows no window icon of its own: the desktop finds ours (and the entry in its
    # menu) through the desktop entry of this name, packaging/frontdesk.desktop.
    app.setDesktopFileName(DESKTOP_FILE)
    return app


def window_icon() -> QIcon:
    """FrontDesk's icon at every drawn size (title bar, task bar, Alt+Tab); each loads when shown."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"frontdesk-{size}.png"), QSize(size, size))
    return icon
