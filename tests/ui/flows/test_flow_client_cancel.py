"""Client cancellations walked through the real window: single, one of a group, each series scope."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Cancellation, OutboxMessage, Session
from app.models.enums import BookingStatus, SessionStatus
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    finish,
    from_context_menu,
    next_page,
    press,
)


def series_session(ctx: AppContext) -> Session:
    """A future individual session of a weekly series with later booked sessions."""
    from sqlalchemy.orm import Session as OrmSession

    with OrmSession(ctx.db.engine) as s:
        now = ctx.db.clock()
        rows = s.scalars(
            select(Session)
            .where(Session.series_id.is_not(None), Session.starts_at > now + timedelta(days=1))
            .where(Session.status == SessionStatus.ROSTERED, Session.capacity == 1)
            .order_by(Session.starts_at)
        ).all()
        for row in rows:
            later = [
                o
                for o in rows
                if o.series_id == row.series_id and o.starts_at > row.starts_at
            ]
            if row.starts_at < now + timedelta(days=6) and len(later) >= 1:
                s.expunge_all()
                return row
    raise AssertionError("the demo practice has no weekly series to cancel")


def ids_of(ctx: AppContext, model: Any) -> set[int]:
    from sqlalchemy.orm import Session as OrmSession

    with OrmSession(ctx.db.engine) as s:
        return set(s.scalars(select(model.id)))


def test_this_session_only_cancels_one_session_of_the_series(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    target = series_session(demo_ctx)
    before = ids_of(demo_ctx, Cancellation)
    mails_before = ids_of(demo_ctx, OutboxMessage)
    window = open_window(demo_ctx, "reception")

    def who(w: Any) -> None:
        press(w, "The client")
        next_page(w)

    def details(w: Any) -> None:
        choose(field(w, "Reason"), "Health")
        choose(field(w, "Which sessions of the series"), "This session only")
        next_page(w)
        finish(w)

    with dialogs(lambda w: (who(w), details(w))):
        from_context_menu(window, target.id, "Cancel…")

    from sqlalchemy.orm import Session as OrmSession

    with OrmSession(demo_ctx.db.engine) as s:
        cancelled = s.scalars(
            select(Cancellation.session_id).where(Cancellation.id.not_in(before))
        ).all()
        assert cancelled == [target.id]
        statuses = s.scalars(
            select(Booking.status).join(Session).where(Session.series_id == target.series_id)
        ).all()
        assert statuses.count(BookingStatus.CANCELLED) == 1
        mails = s.scalars(
            select(OutboxMessage).where(OutboxMessage.id.not_in(mails_before))
        ).all()
        assert [m.session_id for m in mails if m.channel == "email"] == [target.id]
