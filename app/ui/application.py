"""Start the GUI: application object, palette, the database, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

# The database side before PySide6 (see app/ui/startup.py).
# isort: split
from app.ui.startup import FileCheck, Startup

# isort: split
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app import __version__
from app.paths import APP_AUTHOR, APP_NAME
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from app.services.desk import Desk
    from app.ui.main_window import MainWindow

tr = QCoreApplication.translate


class EventLoop(Protocol):
    """The application (or, in tests, a local event loop)."""

    def exec(self) -> int: ...

    def exit(self, code: int = 0) -> None: ...


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
    app = make_application()
    demo = demo_if_empty or bool(os.environ.get("FRONTDESK_DEMO_IF_EMPTY"))
    return run_desk(Startup(url, data_dir, demo_if_empty=demo), app)


def open_window(desk: Desk, ctx: AppContext, runner: TaskRunner | None = None) -> MainWindow:
    """The main window, shown; the menus and panels beyond the schedule follow the first week.

    Those (dialogs, bulk jobs, reports, outbox, practice set-up, users, idle sign-out) load
    some forty modules: built once the week is painted, they no longer hold up the screen a
    receptionist is waiting for, and they are in place a moment later.
    """
    from app.ui.main_window import MainWindow
    from app.ui.wiring import install_all

    window = MainWindow(desk, ctx, runner=runner)
    window.first_week_shown.connect(lambda: install_all(window, desk, ctx))
    window.show()
    return window


def run_desk(startup: Startup, loop: EventLoop, runner: TaskRunner | None = None) -> int:
    """Sign in and show the window; the file is checked (and backed up) once it shows.

    Damage found then closes the window for the rescue: restored, the desk opens again.
    """
    opened = startup.open()
    while opened is not None:
        ctx, desk = opened
        window = open_window(desk, ctx, runner)
        check = FileCheck(startup, ctx, window.runner, window)
        check.failed.connect(lambda text, w=window: w.statusBar().showMessage(text, 15_000))
        check.closed.connect(lambda: loop.exit(0))
        check.start_later()
        code = loop.exec()
        check.wait()
        ctx.close()
        if check.damage is None:
            return int(code)
        if check.restore_from is None:
            return 2
        startup.restore(check.restore_from, check.damage.path)
        opened = startup.open()
    return 2
