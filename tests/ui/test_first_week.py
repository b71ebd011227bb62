"""The start paints the first week before the database side loads; the main window takes it over."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.bootstrap import AppContext
from app.services import practice, users
from app.services.desk import open_desk
from app.services.schedule import queries as schedule_queries
from app.services.schedule import quick_week
from app.ui.schedule import range as rng
from app.ui.start.first_week import FirstWeek, show_first_week
from app.ui.start.startup import Startup
from tests.conftest import DEMO_NOW, FakeClock
from tests.ui.test_start_order import HeldRunner


def _single_user(ctx: AppContext) -> None:
    open_desk(ctx.db).write(lambda uow: users.set_single_user_mode(uow, True))


def _first(ctx: AppContext, clock: FakeClock) -> FirstWeek | None:
    return show_first_week(ctx.url, ctx.paths.data_dir, clock)


def _shown(qtbot, ctx: AppContext, clock: FakeClock) -> FirstWeek:  # type: ignore[no-untyped-def]
    """The first week of a single-user desk, painted."""
    _single_user(ctx)
    first = _first(ctx, clock)
    assert first is not None
    qtbot.addWidget(first.window)
    return first


def _visible_windows() -> list[str]:
    return [w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_a_single_user_desk_paints_its_week_before_the_database_side_loads(
    qtbot, demo_ctx: AppContext, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    first = _shown(qtbot, demo_ctx, clock)
    assert first.window.isVisible()
    assert first.view.paints >= 1  # painted before show_first_week returned
    # Laid out once, at the size it is painted: the window opens maximised, through sizes.
    assert first.view.layouts == 1
    with demo_ctx.db.read() as uow:
        name = practice.settings(uow).name
    assert first.window.windowTitle() == f"FrontDesk — {name}"
    with demo_ctx.db.read() as uow:
        usual = schedule_queries.load_snapshot(uow, first.snapshot.start, first.snapshot.end)
    assert first.view.blocks() == usual.blocks and len(usual.blocks) > 20
    assert first.mode is rng.ViewMode.WEEK
    assert first.view.days == rng.visible_days(DEMO_NOW.date(), rng.ViewMode.WEEK)


def test_a_desk_that_signs_in_shows_nothing_before_the_usual_start(
    qtbot, demo_ctx: AppContext, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    assert _first(demo_ctx, clock) is None  # the demo practice asks who is at the desk
    assert "firstWeek" not in _visible_windows()


def test_the_saved_day_view_and_worker_filter_are_what_the_first_paint_shows(
    qtbot, demo_ctx: AppContext, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    first = _shown(qtbot, demo_ctx, clock)
    hidden = first.snapshot.workers[0].id
    first.window.close()
    settings = QSettings()
    settings.setValue("schedule/mode", rng.ViewMode.DAY.value)
    settings.setValue("schedule/hidden_workers", [str(hidden)])
    first = _first(demo_ctx, clock)
    assert first is not None
    qtbot.addWidget(first.window)
    assert first.mode is rng.ViewMode.DAY and len(first.view.days) == 1
    assert first.view.mode is rng.ViewMode.DAY
    shown = {w.id for w in first.view.visible_workers()}
    assert hidden not in shown and len(shown) == len(first.snapshot.workers) - 1
    settings.setValue("main/tab", 1)  # left on the Bookings tab: it opens there, the usual way
    assert _first(demo_ctx, clock) is None


def test_the_week_a_desk_opens_on_was_read_ahead_and_another_range_is_read_on_the_spot(
    qtbot, demo_ctx: AppContext, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    taken: list[bool] = []
    real = quick_week.ReadAhead.rows

    def rows(ahead: quick_week.ReadAhead, *bounds: Any) -> Any:
        found = real(ahead, *bounds)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(quick_week.ReadAhead, "rows", rows)
    first = _shown(qtbot, demo_ctx, clock)
    assert taken == [True]  # today's week, read while the window's modules loaded
    first.window.close()
    QSettings().setValue("schedule/mode", rng.ViewMode.DAY.value)
    first = _first(demo_ctx, clock)
    assert first is not None
    qtbot.addWidget(first.window)
    assert taken == [True, False]  # the desk was left on the day view: its day, read now
    with demo_ctx.db.read() as uow:
        usual = schedule_queries.load_snapshot(uow, first.snapshot.start, first.snapshot.end)
    assert first.view.blocks() == usual.blocks and usual.blocks
    assert first.view.days == [clock().astimezone(first.view.tz).date()]


@pytest.fixture
def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = schedule_queries.load_snapshot

    def load(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(schedule_queries, "load_snapshot", load)
    return calls


def test_the_main_window_takes_the_painted_week_over_without_reading_it_again(
    qtbot, demo_ctx: AppContext, clock: FakeClock, counted_loads: list[int], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.start.application import open_window
    from app.ui.start.main_window import MainWindow

    _single_user(demo_ctx)
    first = _first(demo_ctx, clock)
    assert first is not None
    runner = HeldRunner()
    desk = open_desk(demo_ctx.db)
    first.window.move(37, 41)  # moved while the rest loaded: the window opens where it is
    where = first.window.saveGeometry()
    restored: list[bytes] = []
    real = MainWindow.restoreGeometry
    monkeypatch.setattr(
        MainWindow, "restoreGeometry", lambda w, g: restored.append(bytes(g)) or real(w, g)
    )
    with qtbot.waitSignal(first.window.destroyed, timeout=5000):
        window = open_window(desk, demo_ctx, runner, first)
        qtbot.addWidget(window)
        assert window.view is first.view and window.tabs.widget(0) is first.view
        assert not first.window.isVisible()  # the frame that held it closed
    # (The offscreen screen is narrower than the main window, so Qt moves it back on screen.)
    assert restored[-1] == bytes(where)
    assert window.isVisible() and window.view.blocks() == first.snapshot.blocks
    while runner.waiting:
        runner.run_next()
    assert counted_loads == []  # the week was not read a second time
    # The Bookings tab, behind the schedule, reads its range when it is first shown.
    assert window.bookings.model.rowCount() == 0 and window.bookings_stale
    window.tabs.setCurrentWidget(window.bookings)
    while runner.waiting:
        runner.run_next()
    assert window.bookings.model.rowCount() > 0
    # A change made since the quick read shows at the next poll: its marker came along.
    assert window.loader.marker == first.snapshot.marker
    desk.write(lambda uow: users.set_single_user_mode(uow, True))
    before = window.loader.marker
    window.loader.poll()
    while runner.waiting:
        runner.run_next()
    assert window.loader.marker > before  # noticed; a settings change reads no week again
    assert counted_loads == []
    window.shutdown()


def test_the_schedule_stays_where_it_was_painted_when_the_main_window_takes_it_over(
    qtbot, demo_ctx: AppContext, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    from app.ui.start.application import open_window

    _single_user(demo_ctx)
    desk = open_desk(demo_ctx.db)
    before = open_window(desk, demo_ctx, HeldRunner())
    qtbot.addWidget(before)
    before.setGeometry(10, 30, 780, 700)
    qtbot.waitExposed(before)
    before.close()  # saves the window's state, as at the end of a day
    first = _first(demo_ctx, clock)
    assert first is not None
    qtbot.waitExposed(first.window)
    painted = first.view.mapTo(first.window, QPoint(0, 0)), first.view.height()
    window = open_window(desk, demo_ctx, HeldRunner(), first)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    # The same top-left corner and height (the offscreen screen, 800 pixels wide, is narrower
    # than the toolbar: the main window outgrows it, the frame before it cannot).
    assert (window.view.mapTo(window, QPoint(0, 0)), window.view.height()) == painted
    window.shutdown()


def test_taking_the_week_over_neither_selects_a_session_nor_scrolls(
    qtbot, demo_ctx: AppContext, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    """The painted week had the keyboard focus; moving it into the main window is not a Tab
    press: no session is selected and the week stays scrolled where it was painted."""
    from app.ui.start.application import open_window

    first = _shown(qtbot, demo_ctx, clock)
    qtbot.waitExposed(first.window)
    first.window.activateWindow()
    first.view.setFocus()
    qtbot.waitUntil(first.view.hasFocus)
    top = first.view.verticalScrollBar().value()
    window = open_window(open_desk(demo_ctx.db), demo_ctx, HeldRunner(), first)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.view.selected_id == 0 and window.selected == 0
    assert window.view.verticalScrollBar().value() == top
    window.shutdown()


class _Restoring(Startup):
    """A start whose rescue put a backup in place of the file the first week was read from."""

    def open(self) -> Any:
        opened = super().open()
        self.restored = True
        return opened


class _Once:
    """The event loop of run_desk, in a test: notes the window shown and ends at once."""

    def __init__(self) -> None:
        self.shown: list[Any] = []

    def exec(self) -> int:
        from app.ui.start.main_window import MainWindow

        self.shown += [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        return 0

    def exit(self, code: int = 0) -> None:
        pass


def test_a_week_read_from_a_file_a_backup_replaced_is_not_taken_over(
    qtbot, demo_ctx: AppContext, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.start.application import run_desk

    first = _shown(qtbot, demo_ctx, clock)
    loop = _Once()
    startup = _Restoring(demo_ctx.url, demo_ctx.paths.data_dir, run_dialog=lambda _d: 0)
    assert run_desk(startup, loop, HeldRunner(), first) == 0
    (window,) = loop.shown
    qtbot.addWidget(window)
    assert not first.window.isVisible()
    assert window.view is not first.view  # the week is read again, from the file now in place
    window.shutdown()


def _read_ahead(ctx: AppContext) -> FirstWeek | None:
    from app.ui.start.ahead import read_ahead

    with ctx.db.read() as uow:
        row = practice.settings(uow)
        name, tz = row.name, row.time_zone
    return read_ahead(ctx, name, tz)


def test_the_week_read_while_the_sign_in_dialog_waits_is_shown_without_reading_it_again(
    qtbot, demo_ctx: AppContext, counted_loads: list[int]
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.start.application import open_window

    first = _read_ahead(demo_ctx)
    assert first is not None and first.snapshot.blocks
    qtbot.addWidget(first.window)
    assert not first.window.isVisible()  # nobody has signed in yet
    assert counted_loads == [1]  # read once, while the dialog waited
    first.paint()  # the password checked: the week on screen at once
    assert first.view.paints and first.view.blocks() == first.snapshot.blocks
    runner = HeldRunner()
    window = open_window(open_desk(demo_ctx.db, "manager"), demo_ctx, runner, first)
    qtbot.addWidget(window)
    assert window.view is first.view and not first.window.isVisible()
    while runner.waiting:
        runner.run_next()
    assert counted_loads == [1]  # not read a second time
    assert window.loader.marker == first.snapshot.marker  # a later change shows at the poll
    with qtbot.waitSignal(window.first_week_shown, timeout=5000):
        pass  # the rest of the window once the main window has painted the week
    assert window.view.paints > 1
    window.shutdown()


def test_a_week_read_long_before_the_sign_in_is_read_again(
    qtbot, demo_ctx: AppContext, counted_loads: list[int]
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.start.application import open_window

    first = _read_ahead(demo_ctx)
    assert first is not None
    first.read_at -= FirstWeek.FRESH_SECONDS + 1  # the dialog waited over lunch
    runner = HeldRunner()
    window = open_window(open_desk(demo_ctx.db, "manager"), demo_ctx, runner, first)
    qtbot.addWidget(window)
    runner.run_next()
    assert counted_loads == [1, 1] and window.view.blocks()
    window.shutdown()


def test_the_start_builds_the_week_before_the_sign_in_dialog_waits_and_shows_it_after(
    qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from app.bootstrap import build
    from app.services.demo.generate import generate_demo

    ctx = build(data_dir=tmp_path / "data")
    generate_demo(ctx.db, DEMO_NOW)
    ctx.close()
    seen: list[bool] = []

    def cancel(_dialog: object) -> int:
        assert start.ahead is not None
        seen.append(start.ahead.window.isVisible())
        return 0

    start = Startup(None, tmp_path / "data", run_dialog=cancel)
    assert start.open() is None  # given up at the dialog: the week never shows
    assert seen == [False] and start.ahead is None

    def sign_in(dialog: object) -> int:
        dialog.username.setText("manager")  # type: ignore[attr-defined]
        dialog.password.setText("manager")  # type: ignore[attr-defined]
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]
        return dialog.result()  # type: ignore[attr-defined, no-any-return]

    start = Startup(None, tmp_path / "data", run_dialog=sign_in)
    opened = start.open()
    assert opened is not None and start.ahead is not None
    qtbot.addWidget(start.ahead.window)
    assert start.ahead.window.isVisible() and start.ahead.view.paints  # shown once signed in
    opened[0].close()
