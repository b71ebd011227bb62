"""The checks of a cancellation request, before anything is decided or written: what the cancel
wizard, the delete dialog, a text reply or a bulk job's batch collected is checked here, once for
all of them. The reason is active, of the practice's billing profile and for who cancelled; the
advised time is before the session and not in the future; the note and the waiver's reason fit,
and the actor may waive (`checked_waiver`, a did-not-attend's waiver too); the bookings that leave are the booked ones the request names. Each
refusal is the sentence the user reads.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.db import UnitOfWork
from app.errors import NotAllowedError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Booking, CancellationReason, Session
from app.models.enums import BookingStatus, CancelledBy
from app.models.lifecycle import STARTED_USE_DNA
from app.services import practice
from app.services.auth import Permission, require
from app.services.boundary import checked_moment, checked_text
from app.services.dto import NOTE_LIMIT, CancelRequest
from app.services.sessions.common import booked, chosen_bookings

# Clocks on two desks disagree a little; an advised time this far ahead is still "now".
FUTURE_TOLERANCE = timedelta(minutes=2)
NOBODY_BOOKED = QT_TRANSLATE_NOOP(
    "cancel", "No client is still booked in this session; there is nothing to cancel."
)


def checked_reason(uow: UnitOfWork, req: CancelRequest) -> CancellationReason:
    """The request's reason: active, of the practice's billing profile, for who cancelled."""
    reason = uow.session.get(CancellationReason, req.reason_id)
    if reason is None or not reason.active or reason.is_no_show:
        raise ValidationError(
            translate("cancel", "Choose a cancellation reason from the list."), field="reason"
        )
    if reason.profile not in practice.profile_names(practice.settings(uow)):
        raise ValidationError(
            translate(
                "cancel",
                "“{label}” belongs to the other billing profile; choose one from the list.",
            ).format(label=reason.label),
            field="reason",
        )
    if reason.applies_to != req.cancelled_by:
        raise ValidationError(
            translate(
                "cancel",
                "“{label}” is not a reason for {value} cancellations; choose one from the list.",
            ).format(label=reason.label, value=req.cancelled_by.value),
            field="reason",
        )
    return reason


def check_request(uow: UnitOfWork, starts_at: datetime, req: CancelRequest) -> str:
    """Validate what the wizard collected for a session starting at `starts_at`; the trimmed note."""
    now = uow.now()
    if now >= starts_at:
        raise NotAllowedError(translate("lifecycle", STARTED_USE_DNA))
    checked_moment(req.advised_at, "advised_at", QT_TRANSLATE_NOOP("fields", "advised time"))
    if req.advised_at > now + FUTURE_TOLERANCE:
        raise ValidationError(
            translate(
                "cancel",
                "The advised time is in the future. Enter when you were told, or press Now.",
            ),
            field="advised_at",
        )
    if req.advised_at > starts_at:
        raise ValidationError(
            translate(
                "cancel",
                "The advised time is after the session start. If the client did not come, mark them as did-not-attend instead.",
            ),
            field="advised_at",
        )
    note = checked_text(req.note, "note", QT_TRANSLATE_NOOP("fields", "note"))
    if len(note) > NOTE_LIMIT:
        raise ValidationError(
            translate(
                "cancel",
                "The note is {count} characters long; the limit is {note_limit}. Shorten it.",
            ).format(count=len(note), note_limit=NOTE_LIMIT),
            field="note",
        )
    checked_waiver(uow, req.waive, req.waiver_reason)
    return note


def checked_waiver(uow: UnitOfWork, waive: object, waiver_reason: object) -> str:
    """A charge waived (a cancellation's or a did-not-attend's): only by those who may waive,
    and only with a reason that fits. The trimmed reason; "" when nothing is waived."""
    if not isinstance(waive, bool) or not isinstance(waiver_reason, str):
        raise ValidationError(
            translate("cancel", "Tick whether the charge is waived, and say why."),
            field="waiver_reason",
        )
    reason = checked_text(
        waiver_reason,
        "waiver_reason",
        QT_TRANSLATE_NOOP("fields", "reason for the waiver"),
        NOTE_LIMIT,
    )
    if not waive:
        return ""
    require(uow.actor, Permission.WAIVE_CHARGE)
    if not reason:
        raise ValidationError(
            translate("cancel", "Say why the charge is waived."), field="waiver_reason"
        )
    return reason


def leaving_bookings(session: Session, req: CancelRequest) -> list[Booking]:
    """The bookings `req` cancels: every booked client unless a client cancels, then the chosen."""
    if req.cancelled_by != CancelledBy.CLIENT:
        targets = booked(session)
    elif req.booking_ids:
        targets = chosen_bookings(session, req.booking_ids)
        for b in targets:
            if b.status != BookingStatus.BOOKED:
                raise NotAllowedError(
                    translate(
                        "cancel",
                        "{display_name}'s booking is already {value}; only a booked client can cancel.",
                    ).format(display_name=b.client.display_name, value=b.status.value)
                )
    else:
        targets = booked(session)
        if len(targets) > 1:
            raise ValidationError(
                translate("cancel", "Choose which client cancelled."), field="clients"
            )
    if not targets:
        raise NotAllowedError(translate("cancel", NOBODY_BOOKED))
    return targets
