"""The week's texts drawn from lines laid out once land on the very pixels drawText gives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QImage

from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.services.dto import BookingInfo, ScheduleSnapshot, SessionBlock, WorkerRow
from app.ui.schedule import scene
from app.ui.schedule.range import ViewMode, bounds, visible_days
from app.ui.schedule.view import ScheduleView

TZ = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 31, 23, 7, tzinfo=UTC)
DAYS = visible_days(date(2026, 3, 30), ViewMode.WEEK)
NAMES = ["Isla Brown", "Hugo Nguyễn", "Aroha Papadopoulos", "Zoë O'Brien", "Liam Lê", "Ava Wu"]
B, A, C, D = (
    BookingStatus.BOOKED,
    BookingStatus.ATTENDED,
    BookingStatus.CANCELLED,
    BookingStatus.DNA,
)


def _week() -> ScheduleSnapshot:
    """Workers' weeks of 1 to 5 sessions a day (rows of many heights, so texts at many
    fractions of a pixel): done, missed, unresolved, cancelled, partly cancelled, groups."""
    start, end = bounds(DAYS, TZ)
    workers = tuple(WorkerRow(w, f"Worker {w}", "#4a90d9", "", True) for w in range(1, 17))
    blocks = []
    for d, day in enumerate(DAYS[:5]):
        for w in workers:
            for k in range(1 + (w.id * 3 + d) % 5):
                at = datetime.combine(day, datetime.min.time(), TZ).replace(hour=8 + 2 * k)
                n = len(blocks) + 1
                past = at < NOW
                status = SessionStatus.COMPLETED if past and n % 3 else SessionStatus.ROSTERED
                books: tuple[BookingStatus, ...] = ((A if n % 5 else D) if past else B,)
                kind = SessionKind.INDIVIDUAL
                if n % 7 == 0:
                    status, books = SessionStatus.CANCELLED, (C,)
                elif n % 11 == 0:
                    kind, books = SessionKind.GROUP, (B, C, B)
                clients = tuple(
                    BookingInfo(i, i, NAMES[(n + i + d) % len(NAMES)], s, 1)
                    for i, s in enumerate(books)
                )
                blocks.append(
                    SessionBlock(
                        n,
                        1,
                        w.id,
                        w.name,
                        "CODE",
                        "Pilates",
                        "#3b82c4",
                        "Clinic",
                        at,
                        at + timedelta(minutes=45),
                        status,
                        kind,
                        4,
                        19399,
                        None,
                        clients,
                    )  # fmt: skip
                )
    return ScheduleSnapshot(start, end, workers, tuple(blocks), 1)


def _painted(qtbot, width: int, select: int) -> QImage:  # type: ignore[no-untyped-def]
    view = ScheduleView(TZ, NOW)
    qtbot.addWidget(view)
    view.resize(width, 2400)
    view.show()
    view.set_snapshot(_week(), ViewMode.WEEK, DAYS)
    view.select(select, ensure_visible=False)
    return view.viewport().grab().toImage()


@pytest.mark.parametrize("width", [1300, 700])  # one line per block, and two (compact)
def test_laid_out_texts_paint_the_same_pixels_as_drawn_texts(qtbot, monkeypatch, width) -> None:  # type: ignore[no-untyped-def]
    laid_out = _painted(qtbot, width, 9)
    # Every text drawn in its rectangle instead, as drawText does.
    monkeypatch.setattr(scene.Laidout, "__missing__", lambda self, words: None)
    drawn = _painted(qtbot, width, 9)
    assert laid_out == drawn
