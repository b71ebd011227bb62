"""Reschedule walked through the real window: the clashes it warns about are those the move has."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import AuditEvent, Booking, Client, OutboxMessage, Session, Worker
from app.models.enums import BookingStatus, PaidWith, SessionStatus
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    errors,
    field,
    from_context_menu,
    press,
    type_date,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel


def book_elsewhere(ctx: AppContext, client_name: str, session_id: int) -> Session:
    """The client booked, with another worker, at a time three days after the session."""
    with OrmSession(ctx.db.engine) as s:
        group = s.get(Session, session_id)
        assert group is not None
        client = next(
            c
            for c in s.scalars(select(Client))
            if c.display_name == client_name  # a hybrid of first and last name
        )
        other = s.scalar(
            select(Worker).where(Worker.id != group.worker_id, Worker.active.is_(True)).limit(1)
        )
        assert other is not None
        at = group.starts_at + timedelta(days=3)
        elsewhere = Session(worker_id=other.id, service_id=group.service_id,
                            starts_at=at, ends_at=at + (group.ends_at - group.starts_at),
                            capacity=1, price_cents=group.price_cents,
                            status=SessionStatus.ROSTERED, created_at=ctx.db.clock(),
                            updated_at=ctx.db.clock())  # fmt: skip
        elsewhere.bookings = [Booking(client_id=client.id, status=BookingStatus.BOOKED,
                                      paid_with=PaidWith.INVOICE, created_at=ctx.db.clock())]  # fmt: skip
        s.add(elsewhere)
        s.commit()
        s.refresh(elsewhere)
        s.expunge_all()
        return elsewhere


def test_rescheduling_a_group_warns_of_its_booked_clients_clashes_not_of_one_who_cancelled(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    left, *staying = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Family", clients=(left,))):
        from_context_menu(window, sid, "Cancel…")
    elsewhere = book_elsewhere(demo_ctx, left, sid)
    book_elsewhere(demo_ctx, staying[0], sid)  # a client still booked: a clash to warn about
    when = elsewhere.starts_at.astimezone(window.tz)
    seen: dict[str, str] = {}

    def reschedule(w: Any) -> None:
        type_date(qtbot, field(w, "New start"), f"{when:%d/%m/%y %H:%M}")
        warnings = field(w, "Conflicts") if w.warnings.isVisible() else None
        seen["warnings"] = warnings.text() if warnings is not None else ""
        press(w, "Reschedule")

    with dialogs(reschedule):
        from_context_menu(window, sid, "Reschedule…")

    assert left not in seen["warnings"], seen["warnings"]
    assert f"{staying[0]} is already booked at" in seen["warnings"]
    with OrmSession(demo_ctx.db.engine) as s:
        moved = s.get(Session, sid)
        assert moved is not None and moved.starts_at == elsewhere.starts_at
    assert data.booking_statuses(demo_ctx, sid) == {
        left: BookingStatus.CANCELLED,
        **dict.fromkeys(staying, BookingStatus.BOOKED),
    }


def test_rescheduling_to_the_time_and_worker_it_already_has_is_refused_and_tells_nobody(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    before = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
    assert before is not None
    worker = data.read(demo_ctx, lambda orm: orm.get(Worker, before.worker_id).name)  # type: ignore[union-attr]
    window = open_window(demo_ctx, "reception")
    messages, audits = data.ids(demo_ctx, OutboxMessage), data.ids(demo_ctx, AuditEvent)
    refusals: list[str] = []

    def reschedule(w: Any) -> None:
        type_date(
            qtbot, field(w, "New start"), f"{before.starts_at.astimezone(window.tz):%d/%m/%y %H:%M}"
        )
        choose(field(w, "Worker"), worker)
        press(w, "Reschedule")
        assert w.isVisible(), "a refusal keeps the dialog open"
        refusals.extend(errors(w))
        press(w, "Cancel")

    with dialogs(reschedule):
        from_context_menu(window, sid, "Reschedule…")

    assert refusals == [
        f"The session is already at that time with {worker}; choose another time or worker."
    ]
    after = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
    assert after is not None and after.version == before.version
    assert data.new_rows(demo_ctx, OutboxMessage, messages) == []
    assert data.new_rows(demo_ctx, AuditEvent, audits) == []
