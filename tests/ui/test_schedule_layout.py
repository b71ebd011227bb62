"""The schedule's geometry: where each block goes, what an exposed area holds, what sizes it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont

from app.models.enums import SessionStatus
from app.services.dto import ScheduleSnapshot, SessionBlock, WorkerRow
from app.ui.schedule import layout as lay
from app.ui.schedule.range import ViewMode, bounds, visible_days
from app.ui.schedule.view import ScheduleView
from tests.ui.test_schedule_view import NOW, TZ, B, block

DAYS = visible_days(date(2026, 3, 30), ViewMode.WEEK)
METRICS = lay.Metrics(line=17.0, char=7.0, name_width=120.0)


def _week() -> tuple[list[WorkerRow], list[SessionBlock]]:
    workers = [WorkerRow(w, f"Worker {w}", "#4a90d9", "", True) for w in (1, 2)]
    # Given out of order: a row is laid out by day, then by start (then id).
    hours = [(1, 30), (1, 2), (2, 5), (1, 26), (2, 50), (1, 3), (1, 2.5)]
    blocks = [
        block(SessionStatus.ROSTERED, (B,), h, sid=i + 1, worker=w)
        for i, (w, h) in enumerate(hours)
    ]
    return workers, blocks


def test_a_week_row_stacks_each_days_blocks_by_start_and_keeps_their_rectangles() -> None:
    workers, blocks = _week()
    layout = lay.build(ViewMode.WEEK, DAYS, TZ, workers, blocks, METRICS, 900.0)
    first = layout.rows[0]
    assert [laid.block.id for laid in first.laid] == [2, 7, 6, 4, 1]
    assert first.lefts == sorted(first.lefts) == [laid.x for laid in first.laid]
    for laid in first.laid:
        assert laid.rect == QRectF(laid.x, laid.y, laid.width, laid.height)
        assert laid.rect is laid.rect  # made once
        assert layout.by_id[laid.block.id] is laid
    same_day = [laid for laid in first.laid if laid.x == first.laid[0].x]
    assert [laid.block.id for laid in same_day] == [2, 7, 6]
    assert [laid.y for laid in same_day] == sorted(laid.y for laid in same_day)
    assert first.height == 3 * (METRICS.chip + 2) + 2 * METRICS.pad


def test_an_exposed_area_yields_exactly_the_blocks_it_meets() -> None:
    workers, blocks = _week()
    layout = lay.build(ViewMode.WEEK, DAYS, TZ, workers, blocks, METRICS, 900.0)
    everything = [laid for row in layout.rows for laid in row.laid]
    for area in (
        QRectF(0, 0, 900, 400),
        QRectF(0, 0, 60, 30),
        QRectF(150, 10, 200, 40),
        QRectF(600, 0, 300, 400),
    ):
        found = {laid.block.id for laid in layout.in_rect(area)}
        assert found == {laid.block.id for laid in everything if laid.rect.intersects(area)}
    target = layout.by_id[6]
    hit = layout.at(target.x + 2, target.y + 2)
    assert hit is target


def _snapshot(names: list[str]) -> ScheduleSnapshot:
    start, end = bounds(DAYS, TZ)
    rows = tuple(WorkerRow(i + 1, n, "#4a90d9", "", True) for i, n in enumerate(names))
    return ScheduleSnapshot(start, end, rows, (block(SessionStatus.ROSTERED, (B,), 2),), 1)


def test_the_sizes_follow_the_longest_worker_name_and_the_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = ScheduleView(TZ, NOW)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.set_snapshot(_snapshot(["Al", "Bo"]), ViewMode.WEEK, DAYS)
    short = view.layout_.metrics
    view.set_snapshot(_snapshot(["Al", "Bo"]), ViewMode.WEEK, DAYS + [DAYS[-1] + timedelta(1)])
    assert view.layout_.metrics == short
    view.set_snapshot(
        _snapshot(["Al", "Dr Maximiliana Wolfeschlegelsteinhausen-Bergerdorff"]),
        ViewMode.WEEK,
        DAYS,
    )
    assert view.layout_.metrics.name_width > short.name_width
    bigger = QFont(view.font())
    bigger.setPointSizeF(view.font().pointSizeF() * 2)
    view.setFont(bigger)
    assert view.layout_.metrics.line > short.line
    assert view.layout_.metrics.char > short.char
