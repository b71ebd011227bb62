"""Start the GUI: application object, palette, the database, the main window."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

# The database side before PySide6 (see app/ui/start/startup.py).
# isort: split
from app.bootstrap import sqlite_file
from app.ui.start.startup import FileCheck, Startup

# isort: split

from app.ui import qt_compat
from app.ui.start.qapp import make_application
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.bootstrap import AppContext
    from app.services.desk import Desk
    from app.ui.start.first_week import FirstWeek
    from app.ui.start.login import LoginDialog
    from app.ui.start.main_window import MainWindow


class EventLoop(Protocol):
    """The application (or, in tests, a local event loop)."""

    def exec(self) -> int: ...

    def exit(self, code: int = 0) -> None: ...


def run_gui(
    url: str | None,
    data_dir: Path | None,
    *,
    demo_if_empty: bool = False,
    first: FirstWeek | None = None,
    early: LoginDialog | None = None,
) -> int:
    """Open the database (rescuing a damaged one), sign in, then the main window.

    `first`: the week the start already painted (app/ui/start/first_week.py); the window takes it over.
    `early`: the sign-in dialog the start already painted (app/ui/start/quick_sign_in.py).
    """
    app = make_application()
    demo = demo_if_empty or bool(os.environ.get("FRONTDESK_DEMO_IF_EMPTY"))
    return run_desk(Startup(url, data_dir, demo_if_empty=demo, early=early), app, first=first)


def open_window(
    desk: Desk, ctx: AppContext, runner: TaskRunner | None = None, first: FirstWeek | None = None
) -> MainWindow:
    """The main window, shown; the menus and panels beyond the schedule follow the first week.

    Those (dialogs, bulk jobs, reports, outbox, practice set-up, users, idle sign-out) load
    some forty modules: built once the week is painted, they no longer hold up the screen a
    receptionist is waiting for, and they are in place a moment later. With `first`, the
    window takes over the schedule the start painted and closes the frame that held it.
    """
    from app.ui.start.main_window import MainWindow
    from app.ui.start.window_state import show_window
    from app.ui.start.wiring import install_all

    window = MainWindow(desk, ctx, runner=runner, first=first)

    def build_the_rest() -> None:
        installed = install_all(window, desk, ctx)
        # The outbox's first pass (its reminders read the public holidays) once they are loaded.
        preload_after_paint(window, then=installed.outbox.pump.run_now)

    window.first_week_shown.connect(build_the_rest)
    show_window(window)  # maximised on a first start
    if first is not None:
        first.window.close()
        first.window.deleteLater()
    return window


def preload_after_paint(window: MainWindow, then: Callable[[], None] | None = None) -> None:
    """Once the week is painted, load in the background what the day's first cancellation
    would otherwise wait for (the practice's public holidays, the cancellation's modules);
    then the start is over and what it made is settled out of the cycle collector's walks.
    `then` runs afterwards, loaded or not (the outbox's first pass, whose reminders need them)."""
    from app.services import practice

    def preload(desk: Desk) -> None:
        desk.read(practice.preload_calendar)
        from app.services.sessions import cancel  # noqa: F401 - the cancellation's modules

    def settled() -> None:
        qt_compat.settle_start_garbage()
        if then is not None:
            then()

    def failed(exc: Exception) -> None:
        log.warning("Public holidays not loaded ahead: %s", exc)
        settled()

    window.ops.background(preload, lambda _done: settled(), failed)


def run_desk(
    startup: Startup,
    loop: EventLoop,
    runner: TaskRunner | None = None,
    first: FirstWeek | None = None,
) -> int:
    """Sign in and show the window; the file is checked (and backed up) once it shows.

    Damage found then closes the window for the rescue: restored, the desk opens again.
    """
    opened = startup.open()
    if first is not None and (opened is None or startup.restored):
        first.window.close()  # refused, given up, or read from the file a backup replaced
        first = None
    while opened is not None:
        ctx, desk = opened
        window = open_window(desk, ctx, runner, first or startup.ahead)
        first = None
        check = FileCheck(startup, ctx, window.runner, window)
        check.failed.connect(lambda text, w=window: w.statusBar().showMessage(text, 15_000))
        check.closed.connect(lambda: loop.exit(0))
        window.restore_requested.connect(lambda: loop.exit(0))
        if startup.note:  # a backup restored from the window: said again where work goes on
            window.statusBar().showMessage(startup.note, 30_000)
            startup.note = ""
        check.start_later()
        code = loop.exec()
        check.wait()
        ctx.close()
        target = sqlite_file(ctx.url)
        if window.restore_from is not None and target is not None:
            by = window.desk.actor.username  # who is signed in now, for the audit
            startup.restore_chosen(window.restore_from, target, by)  # said when refused
            opened = startup.open()  # on the restored practice, or the one left as it was
            continue
        if check.damage is None:
            return int(code)
        if check.restore_from is None:
            return 2
        if not startup.restore(check.restore_from, check.damage.path):
            return 2  # refused (another desk has the practice open), and said why
        opened = startup.open()
    return 2
