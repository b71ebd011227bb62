"""Start the GUI: application object, palette, the database, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

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
    """Open the main window on the database; refusals become a message box, not a traceback."""
    from app.bootstrap import build
    from app.services.demo_check import ensure_demo
    from app.services.desk import open_desk
    from app.services.errors import FrontDeskError
    from app.ui.main_window import MainWindow

    app = make_application()
    try:
        ctx = build(url, data_dir)
        if demo_if_empty or os.environ.get("FRONTDESK_DEMO_IF_EMPTY"):
            ensure_demo(ctx.db)
        desk = open_desk(ctx.db)
    except FrontDeskError as exc:
        QMessageBox.critical(None, tr("app", "FrontDesk cannot open the database"), exc.message)
        return 2
    window = MainWindow(desk, ctx)
    window.show()
    code = app.exec()
    ctx.close()
    return int(code)
