"""A session dragged on the day view moves as far as the pointer travelled; a twitch moves nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import AuditEvent, Booking, OutboxMessage, Session, Worker
from app.models.enums import BookingStatus, SessionStatus
from app.ui.schedule.range import ViewMode
from tests.factory import SYD
from tests.ui.flows import data

DAY = date(2026, 4, 2)


def free_an_hour_later(ctx: AppContext, blocks: list[Any]) -> Any:
    """A rostered session whose worker and clients are free, and rostered on, an hour later."""

    def pick(orm: Any) -> Any:
        for block in blocks:
            start, end = block.starts_at + timedelta(hours=1), block.ends_at + timedelta(hours=1)
            worker = orm.get(Worker, block.worker_id)
            local_start, local_end = start.astimezone(SYD), end.astimezone(SYD)
            minutes = local_start.hour * 60 + local_start.minute
            length = int((end - start).total_seconds() // 60)
            rostered = any(
                h.weekday == local_start.weekday()
                and h.start_minute <= minutes
                and minutes + length <= h.end_minute
                for h in worker.hours
            )
            clients = [c.client_id for c in block.clients]
            busy = orm.scalar(
                select(Session.id)
                .outerjoin(Booking, Booking.session_id == Session.id)
                .where(Session.id != block.id, Session.status != SessionStatus.CANCELLED)
                .where(Session.starts_at < end, Session.ends_at > start)
                .where(
                    (Session.worker_id == block.worker_id)
                    | (Booking.client_id.in_(clients) & (Booking.status == BookingStatus.BOOKED))
                )
                .limit(1)
            )
            if rostered and busy is None and local_start.date() == local_end.date():
                return block
        raise AssertionError("no session on the day could move an hour later")

    return data.read(ctx, pick)


def day_view(qtbot: Any, window: Any) -> Any:
    window.set_mode(ViewMode.DAY)
    window.go_to(DAY)
    view = window.view
    qtbot.waitUntil(lambda: len(view.blocks()) > 5, timeout=5000)
    return view


def drag(qtbot: Any, view: Any, session_id: int, dx: int, dy: int = 0) -> None:
    """Press on the middle of the session, move, and let go `dx` pixels along (`dy` down)."""
    here = view.block_rect(session_id).center()
    there = QPoint(here.x() + dx, here.y() + dy)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=here)
    qtbot.mouseMove(view.viewport(), pos=QPoint(here.x() + dx // 2, here.y() + dy // 2))
    qtbot.mouseMove(view.viewport(), pos=there)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=there)


def future_blocks(window: Any, view: Any) -> list[Any]:
    now = window.desk.now()
    return [
        b
        for b in view.blocks()
        if b.starts_at > now + timedelta(hours=1)
        and b.status == SessionStatus.ROSTERED
        and b.ends_at - b.starts_at >= timedelta(minutes=45)  # long enough to grab its middle
    ]


def test_a_session_dragged_an_hour_along_starts_an_hour_later(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    view = day_view(qtbot, window)
    block = free_an_hour_later(demo_ctx, future_blocks(window, view))
    hour = round(view.scene.layout.col_width[0])
    drag(qtbot, view, block.id, hour)
    moved = data.read(demo_ctx, lambda orm: orm.get(Session, block.id))
    assert moved is not None
    assert moved.starts_at.astimezone(SYD) == block.starts_at.astimezone(SYD) + timedelta(
        hours=1
    ), "the session's start moves as far as the pointer did, wherever it was grabbed"
    assert moved.ends_at - moved.starts_at == block.ends_at - block.starts_at


def test_a_session_barely_nudged_stays_and_its_clients_are_not_told_of_a_move(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    view = day_view(qtbot, window)
    block = future_blocks(window, view)[0]
    messages, audits = data.ids(demo_ctx, OutboxMessage), data.ids(demo_ctx, AuditEvent)
    rect = view.block_rect(block.id)
    down = max(rect.height() // 3, QApplication.startDragDistance())
    assert down < rect.height() // 2, "the nudge stays on the session's row"
    drag(qtbot, view, block.id, 3, down)  # past the drag distance, a few minutes along
    kept = data.read(demo_ctx, lambda orm: orm.get(Session, block.id))
    assert kept is not None
    assert (kept.starts_at, kept.worker_id, kept.version) == (
        block.starts_at,
        block.worker_id,
        block.version,
    )
    assert data.new_rows(demo_ctx, OutboxMessage, messages) == []
    assert data.new_rows(demo_ctx, AuditEvent, audits) == []
