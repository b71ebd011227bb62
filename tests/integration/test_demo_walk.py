"""A scripted walk through the demo practice: the day a receptionist and a manager have."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import Actor
from app.errors import BlockedError, PermissionDeniedError
from app.models import InsuranceClaim, Session
from app.models.enums import CancelledBy, SessionKind, SessionStatus
from app.services.audit.verify import verify_audit_chain
from app.services.dto import CancelRequest
from app.services.sessions.attendance import (
    complete_session,
    list_unresolved_past_sessions,
    mark_did_not_attend,
)
from app.services.sessions.cancel import cancel_booking, preview_cancellation, reasons_for
from app.services.sessions.deletion import delete_session
from app.services.sessions.undo import undo_cancellation


def test_demo_walk_cancel_preview_undo_complete_no_show_and_a_refused_delete(
    demo_ctx: AppContext, reception: Actor, manager: Actor
) -> None:
    db = demo_ctx.db
    now = db.clock()
    with db.read(reception) as uow:
        target = uow.session.scalar(
            select(Session)
            .where(
                Session.status == SessionStatus.ROSTERED,
                Session.kind == SessionKind.INDIVIDUAL,
                Session.starts_at > now + timedelta(days=1),
                Session.starts_at < now + timedelta(days=2),
                Session.service.has(support_worker_pricing=False, allows_cancellation_charge=True),
            )
            .order_by(Session.starts_at)
            .limit(1)
        )
        assert target is not None
        booking = target.bookings[0].id
        health = next(
            rid for rid, label in reasons_for(uow, CancelledBy.CLIENT) if label == "Health"
        )
    req = CancelRequest(target.id, CancelledBy.CLIENT, now, health, (booking,), note="Has the flu")
    with db.write(reception) as uow:
        preview = preview_cancellation(uow, req)
    assert preview.charges[0].short_notice and preview.total_charge_cents == target.price_cents
    assert "short notice" in preview.working
    with db.write(reception) as uow:
        result = cancel_booking(uow, req)
    assert (
        result.session_status is SessionStatus.CANCELLED
        and result.total_charge_cents == target.price_cents
    )
    with pytest.raises(PermissionDeniedError) as denied, db.write(reception) as uow:
        undo_cancellation(uow, target.id, "Wrong client")
    assert "Ask a manager" in denied.value.message
    with db.write(manager) as uow:
        undone = undo_cancellation(uow, target.id, "Wrong client selected")
    assert undone.message == "The cancellation was undone; the session is rostered again."

    with db.read(reception) as uow:
        worklist = list_unresolved_past_sessions(uow)
    assert len(worklist) >= 2
    with db.write(reception) as uow:
        assert "attended" in complete_session(uow, worklist[0].session_id).message
    with db.read(reception) as uow:
        other = uow.session.get(Session, worklist[1].session_id)
        first_booking = other.bookings[0].id
    with db.write(reception) as uow:
        dna = mark_did_not_attend(uow, worklist[1].session_id, [first_booking])
    assert dna.message.startswith("Marked did-not-attend:")

    with db.read(manager) as uow:
        billed = uow.session.scalar(select(InsuranceClaim.session_id))
    with pytest.raises(BlockedError) as blocked, db.write(manager) as uow:
        delete_session(uow, billed)
    assert blocked.value.message.startswith("This session can't be permanently deleted.")
    assert any(
        "Billed to insurance" in b and "can never be deleted" in b for b in blocked.value.blockers
    )
    with db.read(manager) as uow:
        assert verify_audit_chain(uow).ok


def test_demo_walk_a_class_client_cancels_and_the_place_goes_to_the_waitlist(
    demo_ctx: AppContext, reception: Actor
) -> None:
    """The offer the desk sees after a cancellation: the demo's waiting clients who fit the
    freed class place, longest waiting first; booking one closes their entry."""
    from app.models import WaitlistEntry
    from app.models.enums import BookingStatus
    from app.services.setup.waitlist import book_from_waitlist, waitlist_matches

    db = demo_ctx.db
    now = db.clock()
    with db.read(reception) as uow:
        classes = list(uow.session.scalars(
            select(Session)
            .where(Session.kind == SessionKind.CLASS, Session.status == SessionStatus.ROSTERED,
                   Session.starts_at > now + timedelta(days=1))
            .order_by(Session.starts_at)))  # fmt: skip
        target = next((s for s in classes if waitlist_matches(uow, s.id)), None)
        assert target is not None, "no class to come has a free place a waiting client fits"
        booking = next(b.id for b in target.bookings if b.status == BookingStatus.BOOKED)
        reason = reasons_for(uow, CancelledBy.CLIENT)[0][0]
    req = CancelRequest(target.id, CancelledBy.CLIENT, now, reason, (booking,), note="Away")
    with db.write(reception) as uow:
        cancel_booking(uow, req)
    with db.read(reception) as uow:
        offered = waitlist_matches(uow, target.id)
    assert offered and offered == sorted(offered, key=lambda m: m.waiting_since)
    with db.write(reception) as uow:
        result = book_from_waitlist(uow, target.id, offered[0].entry_id)
    assert result.message == f"{offered[0].client_name} was booked from the waitlist."
    with db.read(reception) as uow:
        entry = uow.session.get(WaitlistEntry, offered[0].entry_id)
        assert entry is not None and not entry.active
        assert offered[0].entry_id not in {m.entry_id for m in waitlist_matches(uow, target.id)}
