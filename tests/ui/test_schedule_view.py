"""The painted schedule: status styles (decided and drawn), keys, search, tooltips, speed."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.services.dto import BookingInfo, ScheduleSnapshot, SessionBlock, WorkerRow
from app.ui import palette, qt_compat
from app.ui.schedule import text
from app.ui.schedule.range import ViewMode, bounds, visible_days
from app.ui.schedule.style import GREY, BadgeKind, Look, badges_of, block_style, is_dark, look_of
from app.ui.schedule.view import ScheduleView
from app.ui.start.main_window import MainWindow
from tests.ui.test_main_window import make_window

TZ = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
B, A, C, D = (
    BookingStatus.BOOKED,
    BookingStatus.ATTENDED,
    BookingStatus.CANCELLED,
    BookingStatus.DNA,
)


def block(
    status: SessionStatus,
    bookings: tuple[BookingStatus, ...],
    hours: float = 2,
    *,
    sid: int = 1,
    worker: int = 1,
    colour: str = "#3b82c4",
) -> SessionBlock:
    start = NOW + timedelta(hours=hours)
    return SessionBlock(
        sid, 1, worker, f"Worker {worker}", "CODE", "Physiotherapy", colour, "Clinic",
        start, start + timedelta(minutes=45), status, SessionKind.INDIVIDUAL, len(bookings),
        19399, None,
        tuple(BookingInfo(i, i, f"Client {i}", s, 1) for i, s in enumerate(bookings)),
    )  # fmt: skip


def kinds(b: SessionBlock) -> list[BadgeKind]:
    return [badge.kind for badge in badges_of(b, look_of(b, NOW))]


def test_the_style_decision_follows_the_session_and_booking_statuses() -> None:
    assert look_of(block(SessionStatus.CANCELLED, (C,)), NOW) is Look.CANCELLED
    assert look_of(block(SessionStatus.ROSTERED, (B,)), NOW) is Look.ROSTERED
    assert look_of(block(SessionStatus.ROSTERED, (B,), -1), NOW) is Look.UNRESOLVED
    assert look_of(block(SessionStatus.COMPLETED, (A,), -3), NOW) is Look.COMPLETED
    assert kinds(block(SessionStatus.COMPLETED, (A,), -3)) == [BadgeKind.DONE]
    assert kinds(block(SessionStatus.COMPLETED, (D,), -3)) == [BadgeKind.DNA]
    assert kinds(block(SessionStatus.ROSTERED, (B, C))) == [BadgeKind.PART_CANCELLED]
    assert kinds(block(SessionStatus.ROSTERED, (B,), -1)) == [BadgeKind.UNRESOLVED]
    assert kinds(block(SessionStatus.CANCELLED, (C, C))) == []


def _stripe(window: MainWindow, image: QImage, session_id: int) -> QColor:
    rect = window.view.block_rect(session_id)
    assert rect is not None
    return image.pixelColor(rect.left() + 2, rect.center().y())


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 3


def _colours_inside(image: QImage, window: MainWindow, session_id: int) -> int:
    rect = window.view.block_rect(session_id)
    assert rect is not None
    y = rect.bottom() - 3
    return len({image.pixelColor(x, y).name() for x in range(rect.left() + 8, rect.left() + 40)})


def test_a_cancelled_session_is_drawn_cancelled(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    window.select_session(0)
    blocks = window.view.blocks()
    cancelled = next(b for b in blocks if b.status is SessionStatus.CANCELLED)
    rostered = next(
        b
        for b in blocks
        if b.status is SessionStatus.ROSTERED and b.worker_id == cancelled.worker_id
    )
    style = window.view.style_for(cancelled.id)
    assert style is not None and style.look is Look.CANCELLED and style.hatched and style.struck
    for b in (cancelled, rostered):
        window.view.ensure_visible(b.id)
        image = window.view.viewport().grab().toImage()
        painted = _stripe(window, image, b.id)
        expected = GREY if b is cancelled else QColor(b.colour)
        assert _close(painted, expected), (painted.name(), expected.name())
        if b is cancelled:
            assert _colours_inside(image, window, b.id) > 1  # the hatching


def test_arrow_keys_move_the_selection_along_and_across_rows(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    window.set_mode(ViewMode.DAY)
    view = window.view
    row = next(r for r in view.layout_.rows if len(r.laid) >= 3)
    first, second = row.laid[0].block, row.laid[1].block
    view.setFocus()
    view.select(first.id)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert window.selected == view.selected_id == second.id
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_id == first.id
    QTest.keyClick(view, Qt.Key.Key_Down)
    below = view.block(view.selected_id)
    assert below is not None and below.worker_id != first.worker_id


def test_a_click_selects_and_a_double_click_opens(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    target = window.view.blocks()[3]
    window.view.ensure_visible(target.id)
    rect = window.view.block_rect(target.id)
    assert rect is not None
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected == target.id
    assert window.details_panel.details is not None
    assert window.details_panel.details.block.id == target.id
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert window.selected == 0


def test_search_marks_matches_and_return_goes_to_the_next(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    name = window.view.blocks()[0].clients[0].client_name
    window.toolbar.search.setText(name)
    found = window.view.matches()
    assert found and all(text.matches(window.view.block(i), name) for i in found)  # type: ignore[arg-type]
    assert len(found) < len(window.view.blocks())
    window.toolbar.search_next_requested.emit()
    assert window.selected == found[0]
    window.toolbar.search_next_requested.emit()
    assert window.selected == found[1 % len(found)]
    window.toolbar.search.setText(f"#{found[0]}")
    assert window.view.matches() == [found[0]]


def test_the_tooltip_lists_each_client_with_their_status() -> None:
    tip = text.tooltip_html(block(SessionStatus.ROSTERED, (B, C)), TZ, NOW)
    assert "Client 0 — Booked" in tip
    assert "<s>Client 1 — Cancelled</s>" in tip
    assert "Worker 1" in tip and "Physiotherapy" in tip and "Clinic" in tip
    assert "partly cancelled" in tip


def _big_week(workers: int, per_day: int) -> ScheduleSnapshot:
    days = visible_days(date(2026, 3, 30), ViewMode.WEEK)
    start, end = bounds(days, TZ)
    rows = tuple(
        WorkerRow(w, f"Worker {w:02d}", "#4a90d9", "", True) for w in range(1, workers + 1)
    )
    blocks = []
    for d in days:
        first = datetime.combine(d, datetime.min.time(), TZ).replace(hour=6)
        for w in rows:
            for k in range(per_day):
                at = first + timedelta(minutes=15 * k)
                status = SessionStatus.CANCELLED if k % 9 == 0 else SessionStatus.ROSTERED
                b = block(status, (C if k % 9 == 0 else B,), sid=len(blocks) + 1, worker=w.id)
                blocks.append(
                    SessionBlock(
                        **{**b._asdict(), "starts_at": at, "ends_at": at + timedelta(minutes=15)}
                    )
                )
    return ScheduleSnapshot(start, end, rows, tuple(blocks), 1)


def _shown_view(qtbot) -> ScheduleView:  # type: ignore[no-untyped-def]
    """A schedule view on screen at a desk's size, painted once."""
    view = ScheduleView(TZ, NOW)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_week_of_40_workers_with_60_sessions_a_day_each_scrolls_smoothly(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _shown_view(qtbot)
    started = time.perf_counter()
    view.set_snapshot(
        _big_week(40, 60), ViewMode.WEEK, visible_days(date(2026, 3, 30), ViewMode.WEEK)
    )
    layout_s = time.perf_counter() - started
    assert len(view.layout_.by_id) == 40 * 60 * 7
    full = _timed(lambda: view.viewport().grab(), 10)
    QApplication.processEvents()  # the pending full paint after the new data
    bar, steps = view.verticalScrollBar(), []
    for _ in range(40):
        bar.setValue(bar.value() + 60)
        steps.append(_timed(lambda: QApplication.processEvents(), 1))
        assert view.last_exposed.height() <= 61  # only the strip that scrolled in is painted
    steps.sort()
    print(
        f"layout {layout_s * 1000:.0f} ms; full frame {full * 1000:.1f} ms; scroll step {steps[20] * 1000:.1f} ms"
    )
    assert layout_s < 1.5
    assert full < 0.080
    assert steps[20] < 0.025


def _timed(fn: Callable[[], object], times: int) -> float:
    """The median seconds of `times` calls."""
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        spent.append(time.perf_counter() - started)
    return sorted(spent)[len(spent) // 2]


def test_the_palette_follows_a_dark_scheme(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setenv("FRONTDESK_COLOR_SCHEME", "dark")
    palette.apply_scheme(app)
    try:
        view = ScheduleView(TZ, NOW)
        qtbot.addWidget(view)
        assert is_dark(view.palette())
        style = block_style(block(SessionStatus.ROSTERED, (B,)), NOW, view.palette())
        assert style.fill.lightnessF() < 0.5 < style.text.lightnessF()
    finally:
        monkeypatch.setenv("FRONTDESK_COLOR_SCHEME", "light")
        palette.apply_scheme(app)
    assert not is_dark(QApplication.palette())


def test_painting_never_runs_none_out_of_references(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call; see qt_compat."""
    view = ScheduleView(TZ, NOW)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.set_snapshot(
        _big_week(8, 20), ViewMode.WEEK, visible_days(date(2026, 3, 30), ViewMode.WEEK)
    )
    for _ in range(40):
        view.viewport().grab()
    assert sys.getrefcount(None) > 1_000_000 or not qt_compat.leaks_none()


def test_the_start_paints_with_the_palette_last_applied_for_the_scheme(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setenv("FRONTDESK_COLOR_SCHEME", "dark")
    assert palette.apply_saved_scheme(app) is False  # nothing saved yet: the window applies it
    palette.apply_scheme(app)
    dark = QApplication.palette()
    monkeypatch.setenv("FRONTDESK_COLOR_SCHEME", "light")
    assert palette.apply_saved_scheme(app) is False  # the light one was never applied here
    palette.apply_scheme(app)
    light = QApplication.palette()
    monkeypatch.setenv("FRONTDESK_COLOR_SCHEME", "dark")
    assert palette.apply_saved_scheme(app) is True
    assert is_dark(QApplication.palette()) and QApplication.palette() == dark
    monkeypatch.setenv("FRONTDESK_COLOR_SCHEME", "light")
    assert palette.apply_saved_scheme(app) is True
    assert QApplication.palette() == light and not is_dark(light)


def test_a_session_changed_elsewhere_repaints_only_its_block_and_row_cell(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _shown_view(qtbot)
    days = visible_days(date(2026, 3, 30), ViewMode.WEEK)
    week = _big_week(6, 4)
    view.set_snapshot(week, ViewMode.WEEK, days)
    QApplication.processEvents()
    view.set_now(NOW)  # the same time: the week looks the same, nothing is painted again
    QApplication.processEvents()
    painted = view.paints
    view.set_snapshot(week, ViewMode.WEEK, days)  # the same sessions read again
    QApplication.processEvents()
    assert view.paints == painted
    changed = week.blocks[5]
    cancelled = SessionBlock(**{**changed._asdict(), "status": SessionStatus.CANCELLED})
    blocks = tuple(cancelled if b is changed else b for b in week.blocks)
    view.set_snapshot(
        ScheduleSnapshot(week.start, week.end, week.workers, blocks, 1), ViewMode.WEEK, days
    )
    QApplication.processEvents()
    rect = view.block_rect(changed.id)
    assert rect is not None and view.paints == painted + 1
    assert view.last_exposed.contains(rect)
    assert view.last_exposed.height() < view.viewport().height() / 2


def test_a_week_shown_while_the_window_still_changes_size_is_laid_out_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A window opening maximised goes through sizes before its first paint: the week is laid
    out for the size it is painted at, not once per size."""
    view = ScheduleView(TZ, NOW)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    view.set_snapshot(
        _big_week(6, 4), ViewMode.WEEK, visible_days(date(2026, 3, 30), ViewMode.WEEK)
    )
    for width in (500, 900, 1300):
        view.resize(width, 800)
    assert view.layouts == 0
    qtbot.waitUntil(lambda: view.paints > 0)
    assert view.layouts == 1
    painted = view.viewport().width() - view.layout_.width
    view.resize(1000, 800)
    # Asked for before the paint, the layout is made for the size now.
    left = view.viewport().width() - view.layout_.width  # the frozen worker column
    assert view.layouts == 2
    assert 0 < left < 400
    assert painted == pytest.approx(left)  # the first was made for the painted width
    qtbot.waitUntil(lambda: view.paints > 1)
    assert view.layouts == 2
