"""The window's start: the week first, then the other tabs; nothing loaded the first paint does not need."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.services.desk import open_desk
from app.ui.start.main_window import MainWindow
from app.ui.tasks import TaskRunner
from tests.conftest import DEMO_NOW

ROOT = Path(__file__).resolve().parents[2]


class HeldRunner(TaskRunner):
    """Keeps each submitted load until the test lets it run, in order."""

    def __init__(self) -> None:
        super().__init__(synchronous=True)
        self.waiting: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def submit(self, fn: Any, on_done: Any, on_error: Any = None) -> None:  # type: ignore[override]
        self.waiting.append((fn, on_done))

    def run_next(self) -> None:
        fn, on_done = self.waiting.pop(0)
        on_done(fn())


def test_the_other_tabs_load_once_the_first_week_is_shown(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    runner = HeldRunner()
    window = MainWindow(open_desk(demo_ctx.db, "admin"), demo_ctx, runner=runner)
    qtbot.addWidget(window)
    assert len(runner.waiting) == 1  # the week alone: the Bookings and Unresolved tabs wait
    assert window.view.days == window.visible_days()  # its days' header while it loads
    runner.run_next()
    assert window.view.blocks()
    assert len(runner.waiting) == 1  # the worklist (its count is on its tab)
    while runner.waiting:
        runner.run_next()
    assert window.worklist.model.rowCount() > 0
    # The Bookings tab, behind the schedule, reads its range when it is first shown.
    assert window.bookings.model.rowCount() == 0 and window.bookings_stale
    window.tabs.setCurrentWidget(window.bookings)
    assert len(runner.waiting) == 1
    while runner.waiting:
        runner.run_next()
    assert window.bookings.model.rowCount() > 0
    window.step(1)  # afterwards every load goes at once, as before
    assert len(runner.waiting) == 2  # the week and the Bookings tab's range (it is shown)


def test_a_failed_first_load_does_not_hold_the_other_tabs(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    runner = HeldRunner()
    window = MainWindow(open_desk(demo_ctx.db, "admin"), demo_ctx, runner=runner)
    qtbot.addWidget(window)
    runner.waiting.clear()
    window.loader.load_failed.emit("the database is busy")
    assert len(runner.waiting) == 1  # the worklist; the Bookings tab reads when it is shown
    assert window.bookings_stale


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_the_menus_beyond_the_schedule_are_built_once_the_first_week_is_painted(
    qtbot, demo_ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.start import wiring
    from app.ui.start.application import open_window

    seen: list[tuple[int, int]] = []  # (paints of the week, blocks shown) when the rest was built
    real = wiring.install_all

    def install(window: MainWindow, *args: Any, **kwargs: Any) -> Any:
        seen.append((window.view.paints, len(window.view.blocks())))
        return real(window, *args, resume_jobs=False, watch_idle=False)

    monkeypatch.setattr(wiring, "install_all", install)
    runner = HeldRunner()
    window = open_window(open_desk(demo_ctx.db, "admin"), demo_ctx, runner)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert "Practice" not in _menu_titles(window)  # only the schedule's own menus so far
    runner.run_next()  # the first week arrives: painted at once, the rest follows
    qtbot.waitUntil(lambda: "Practice" in _menu_titles(window), timeout=5000)
    assert len(seen) == 1
    paints, blocks = seen[0]
    assert paints >= 1 and blocks > 0  # the week was on screen before the menus were built
    assert {"Schedule", "Reports", "Practice", "Administration", "Help"} <= set(
        _menu_titles(window)
    )
    window.step(1)  # later weeks build nothing again
    runner.run_next()
    qtbot.wait(50)
    assert len(seen) == 1


def test_the_outbox_first_pass_follows_the_start_preload_of_public_holidays(
    qtbot, demo_ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The outbox's first pass works out reminders, which read the public holidays: it waits
    for the start's preload of them instead of loading them while the window starts; its timer
    runs from the start, so a pass comes within its interval even without the preload."""
    from app.services import practice
    from app.ui.outbox.pump import OutboxPump
    from app.ui.start import wiring
    from app.ui.start.application import open_window

    order: list[str] = []
    real_preload, real_work = practice.preload_calendar, OutboxPump._work
    monkeypatch.setattr(practice, "preload_calendar",
                        lambda uow: (order.append("preload"), real_preload(uow))[1])  # fmt: skip
    monkeypatch.setattr(OutboxPump, "_work",
                        lambda pump, desk: (order.append("pass"), real_work(pump, desk))[1])  # fmt: skip
    installed: list[Any] = []
    real = wiring.install_all

    def install(window: MainWindow, *args: Any, **kwargs: Any) -> Any:
        installed.append(real(window, *args, resume_jobs=False, watch_idle=False))
        return installed[-1]

    monkeypatch.setattr(wiring, "install_all", install)
    runner = HeldRunner()
    window = open_window(open_desk(demo_ctx.db, "admin"), demo_ctx, runner)
    qtbot.addWidget(window)
    runner.run_next()  # the first week: painted, then the menus and the preload
    qtbot.waitUntil(lambda: bool(installed), timeout=5000)
    assert installed[0].outbox.pump.timer.isActive()
    while runner.waiting:
        runner.run_next()
    assert order == ["preload", "pass"]
    window.shutdown()


def test_the_menus_are_built_even_when_the_first_week_fails_to_load(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.ui.start.application import open_window

    runner = HeldRunner()
    window = open_window(open_desk(demo_ctx.db, "admin"), demo_ctx, runner)
    qtbot.addWidget(window)
    runner.waiting.clear()
    with qtbot.waitSignal(window.first_week_shown, timeout=5000):
        window.loader.load_failed.emit("the database is busy")
    assert "Practice" in _menu_titles(window)


def test_the_window_with_every_menu_loads_neither_migrations_nor_reports_nor_holidays(
    demo_ctx,
) -> None:  # type: ignore[no-untyped-def]
    url = demo_ctx.url  # a practice at the current schema: nothing to migrate
    folder = str(demo_ctx.paths.data_dir)
    script = f"""
import sys
import datetime
from pathlib import Path
from app.ui.start.application import make_application
from app.ui.start.main_window import MainWindow
from app.ui.start.startup import Startup
app = make_application(["frontdesk"])
assert Startup({url!r}, None, run_dialog=lambda d: 0).open() is None  # sign-in cancelled
from app.bootstrap import prepare_database
from app.paths import AppPaths
from app.services.desk import open_desk
ctx = prepare_database({url!r}, AppPaths(Path({folder!r})), lambda: {DEMO_NOW!r})
window = MainWindow(open_desk(ctx.db), ctx)
from app.ui.start.wiring import install_all
install_all(window, window.desk, ctx)  # every menu, as frontdesk builds the window
window.show()
while not window.worklist.model.rowCount():  # the week, then the other tabs
    window.runner.wait()
    app.processEvents()
assert window.view.blocks()
heavy = ("alembic", "mako", "reportlab", "holidays", "icalendar", "app.services.demo.generate")
print(sorted(m for m in sys.modules if m.startswith(heavy)))
window.shutdown()
ctx.close()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_database_side_loads_before_pyside6_whichever_module_starts_the_window() -> None:
    # Modules imported after PySide6 each have their source read by it (see app/ui/start/startup.py).
    script = """
import sys
import {module}
loaded = list(sys.modules)
print(loaded.index("sqlalchemy.orm") < loaded.index("PySide6.QtCore"))
"""
    for module in ("app.ui.start.startup", "app.ui.start.application"):
        done = subprocess.run(
            [sys.executable, "-c", script.format(module=module)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "True", module


def test_each_report_s_dialog_is_loaded_when_its_menu_entry_is_first_opened(
    qtbot, demo_ctx
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from app.ui.reports import build_reports_menu

    window = QWidget()
    qtbot.addWidget(window)
    menu = build_reports_menu(window, open_desk(demo_ctx.db, "admin"), TaskRunner(synchronous=True))
    opened = []
    for action in menu.actions():
        action.trigger()
        [dialog] = [d for d in menu.dialogs.values() if d not in opened]
        opened.append(dialog)
        assert dialog.isVisible()
    assert [type(d).__name__ for d in opened] == [
        "CancellationReportDialog",
        "AuditLogDialog",
        "ExtractionDialog",
        "IcsExportDialog",
    ]
    for dialog in opened:
        dialog.close()
