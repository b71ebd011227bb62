"""A session ticked for a closure that another desk moves out of the closure's days before the
job reaches it is left where it now is, booked, and the job says why it passed it over."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QTableView
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import BulkCancelItem, Cancellation, CreditEntry, OutboxMessage, Session
from app.models.enums import BookingStatus, JobItemState, SessionStatus
from app.services.desk import open_desk
from app.services.sessions.scheduling import reschedule_session
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, from_menu, press
from tests.ui.flows.test_flow_bulk import GO, WORKER, save_as


def test_a_session_moved_out_of_the_closure_meanwhile_is_not_cancelled(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    other_desk = open_desk(demo_ctx.db, "manager")
    out = tmp_path / "closure.csv"
    picked: dict[str, Any] = {}

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), WORKER)
        press(w, "Select all")
        model = field(w, "Sessions to cancel", QTableView).model()
        rows = [model.row(r) for r in range(model.rowCount())]
        assert len(rows) >= 2
        picked["ids"] = [r.session_id for r in rows]
        moved = picked["moved"] = rows[-1].session_id
        picked["bookings"] = data.booking_statuses(demo_ctx, moved)
        assert BookingStatus.BOOKED in picked["bookings"].values()
        # Meanwhile the desk by the door moves one of them to next week, out of the closure.
        start = rows[-1].starts_at + timedelta(days=7)
        other_desk.write(lambda uow: reschedule_session(uow, moved, start, allow_conflicts=True))
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        press(w, GO)

    with dialogs(
        bulk_dialog, save_as(out), lambda w: press(w, "Cancel sessions"), lambda w: press(w, "OK")
    ):
        from_menu(window, "Schedule", "Bulk cancel")

    moved = picked["moved"]
    kept = [sid for sid in picked["ids"] if sid != moved]
    statuses = data.read(
        demo_ctx,
        lambda orm: {s.id: s.status for s in orm.scalars(select(Session).where(
            Session.id.in_(picked["ids"])))},
    )  # fmt: skip
    assert statuses[moved] == SessionStatus.ROSTERED
    assert {statuses[sid] for sid in kept} == {SessionStatus.CANCELLED}
    assert data.booking_statuses(demo_ctx, moved) == picked["bookings"]  # still booked
    assert data.count(demo_ctx, Cancellation, Cancellation.session_id == moved,
                      Cancellation.bulk_job_id.is_not(None)) == 0  # fmt: skip
    assert data.count(demo_ctx, OutboxMessage, OutboxMessage.session_id == moved,
                      OutboxMessage.topic == "bulk_closure") == 0  # fmt: skip
    booking_ids = data.read(
        demo_ctx,
        lambda orm: [b.id for b in orm.get(Session, moved).bookings],  # type: ignore[union-attr]
    )
    assert data.count(demo_ctx, CreditEntry, CreditEntry.booking_id.in_(booking_ids),
                      CreditEntry.bulk_job_id.is_not(None)) == 0  # fmt: skip
    item = data.read(
        demo_ctx,
        lambda orm: orm.scalars(
            select(BulkCancelItem).where(BulkCancelItem.session_id == moved)
        ).one(),
    )
    assert item.state == JobItemState.SKIPPED
    assert item.error and "moved" in item.error and "not cancelled" in item.error, item.error
