"""Start the GUI: application object, palette, the database, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app import __version__
from app.paths import APP_AUTHOR, APP_NAME

tr = QCoreApplication.translate


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names QSettings and the platform need."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_AUTHOR)
    QApplication.setApplicationVersion(__version__)
    app = QApplication(argv or sys.argv)
    app.setStyle("Fusion")  # follows the system's light or dark scheme on every platform
    return app


def run_gui(url: str | None, data_dir: Path | None, *, demo_if_empty: bool = False) -> int:
    """Open the database (rescuing a damaged one), sign in, then the main window."""
    from app.ui.main_window import MainWindow
    from app.ui.startup import Startup
    from app.ui.wiring import install_all

    app = make_application()
    demo = demo_if_empty or bool(os.environ.get("FRONTDESK_DEMO_IF_EMPTY"))
    opened = Startup(url, data_dir, demo_if_empty=demo).open()
    if opened is None:
        return 2
    ctx, desk = opened
    window = MainWindow(desk, ctx)
    install_all(window, desk, ctx)
    window.show()
    code = app.exec()
    ctx.close()
    return int(code)
