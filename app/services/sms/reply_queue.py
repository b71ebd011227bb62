"""The Replies queue: the clients' text replies waiting for staff, with the recent changes made
automatically from replies (`replies.handle_new`), which staff can take back here. Staff mark a
queued reply as handled, open the desk's own cancel wizard on the booking a reply names, undo a
cancellation made by a reply (the ordinary undo, refused as it would be at the desk when the
freed place was taken since, and saying first, as the desk's undo does, when the class credit it
gave back has been spent since) or take back a confirmation; every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from app.db import UnitOfWork
from app.errors import NotAllowedError, NotFoundError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Booking, Cancellation, CancellationLine, Client, Session, SmsReply, User
from app.models.enums import BookingStatus
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.dto import ChangeSet, OperationResult
from app.services.sessions.undo import spent_credits, undo_cancellation, undo_refusals
from app.services.sms import opt_out
from app.services.sms.replies import SMS_ACTOR

AUTOMATIC = ("cancelled", "confirmed", "accepted", opt_out.OUTCOME, opt_out.OPT_IN_OUTCOME)
# A reply's booking that is no longer booked: the cancel wizard would cancel no one, or another
# client of the session in this client's name.
NOT_BOOKED = {
    BookingStatus.CANCELLED: QT_TRANSLATE_NOOP(
        "sms",
        "{name}'s booking was already cancelled, so there is nothing to cancel for this reply. "
        "Check it with Open booking, then press Mark handled.",
    ),
    BookingStatus.ATTENDED: QT_TRANSLATE_NOOP(
        "sms",
        "{name} was already marked as attended for this booking, so it cannot be cancelled. "
        "Check it with Open booking, then press Mark handled.",
    ),
    BookingStatus.DNA: QT_TRANSLATE_NOOP(
        "sms",
        "{name} was already marked as did-not-attend for this booking, so it cannot be "
        "cancelled. Check it with Open booking, then press Mark handled.",
    ),
}
UNDO_WHY = "Undone by staff from the Replies queue: the client's text reply was not a cancellation."


@dataclass(frozen=True)
class ReplyRow:
    """One reply as the Replies queue shows it."""

    id: int
    from_number: str
    client_name: str
    body: str
    received_at: datetime
    outcome: str
    note: str
    booking_id: int | None
    session_id: int | None

    @property
    def can_undo(self) -> bool:
        return self.outcome in ("cancelled", "confirmed")


def queued_count(uow: UnitOfWork) -> int:
    """Replies waiting for staff (the badge)."""
    return int(
        uow.session.scalar(select(func.count(SmsReply.id)).where(SmsReply.outcome == "queued")) or 0
    )


def list_replies(uow: UnitOfWork, *, recent_days: int = 7) -> list[ReplyRow]:
    """The replies waiting for staff, then the recent automatic changes (which staff can undo)."""
    since = uow.now() - timedelta(days=recent_days)
    rows = uow.session.execute(
        select(SmsReply, Booking.session_id, Client.first_name, Client.last_name)
        .outerjoin(Booking, Booking.id == SmsReply.booking_id)
        .outerjoin(Client, Client.id == Booking.client_id)
        .where(or_(SmsReply.outcome == "queued",
                   (SmsReply.outcome.in_(AUTOMATIC)) & (SmsReply.received_at >= since)))
        .order_by((SmsReply.outcome != "queued"), SmsReply.received_at.desc(), SmsReply.id.desc())
    ).all()  # fmt: skip
    return [
        ReplyRow(
            r.id,
            r.from_number,
            f"{first or ''} {last or ''}".strip(),
            r.body,
            r.received_at,
            r.outcome,
            r.note,
            r.booking_id,
            sid,
        )  # fmt: skip
        for r, sid, first, last in rows
    ]


def _reply(uow: UnitOfWork, reply_id: int) -> SmsReply:
    reply = uow.session.get(SmsReply, reply_id)
    if reply is None:
        raise NotFoundError(translate("sms", "That reply is no longer on file."))
    return reply


def mark_handled(uow: UnitOfWork, reply_id: int) -> OperationResult:
    """Staff dealt with a queued reply themselves; audited."""
    require(uow.actor, Permission.CANCEL)
    reply = _reply(uow, reply_id)
    if reply.outcome != "queued":
        raise NotAllowedError(translate("sms", "This reply is no longer waiting on the queue."))
    reply.outcome, reply.handled_at = "handled", uow.now()
    reply.handled_by_id = uow.actor.user_id or None
    audit.record(uow, "sms_reply.handled", "sms_reply", reply.id,
                 before={"outcome": "queued"}, after={"outcome": "handled"})  # fmt: skip
    return OperationResult(
        translate("sms", "The reply was marked as handled."),
        ChangeSet(topics=frozenset({"replies"})),
    )


def unconfirm(uow: UnitOfWork, booking_id: int) -> ChangeSet:
    """Take back a client's confirmation of a booking; audited."""
    require(uow.actor, Permission.CANCEL)
    booking = uow.session.get(Booking, booking_id)
    if booking is None:
        raise NotFoundError(translate("sms", "That booking is no longer on file."))
    if booking.confirmed_at is None:
        raise NotAllowedError(translate("sms", "This booking is not confirmed."))
    before = booking.confirmed_at.isoformat()
    booking.confirmed_at = None
    audit.record(uow, "booking.unconfirm", "booking", booking.id, session_id=booking.session_id,
                 before={"confirmed_at": before}, after={"confirmed_at": None})  # fmt: skip
    return ChangeSet(frozenset({booking.session_id}), frozenset({booking.client_id}),
                     frozenset({"confirm"}))  # fmt: skip


def _cancellation_of(uow: UnitOfWork, reply: SmsReply) -> Cancellation | None:
    """The cancellation the reply made by itself (as the SMS channel, advised when it came),
    undone since or not: never one the desk made of the same booking afterwards."""
    return uow.session.scalar(
        select(Cancellation)
        .join(CancellationLine, CancellationLine.cancellation_id == Cancellation.id)
        .join(User, User.id == Cancellation.actor_id)
        .where(
            CancellationLine.booking_id == reply.booking_id,
            Cancellation.advised_at == reply.received_at,
            User.username == SMS_ACTOR.username,
        )
        .order_by(Cancellation.id.desc())
        .limit(1)
    )


def _already_undone() -> str:
    return translate("sms", "This cancellation was already undone.")


@dataclass(frozen=True)
class UndoCheck:
    """What the queue says before it undoes a reply's cancellation: why the undo would be refused
    (undone already, or the undo's own sentence: its freed place taken since, say; "" when it
    would not be), and, when it would go ahead, the returned class credits spent since, in the
    sentences the Undo cancellation dialog shows (`app.services.sessions.undo.spent_credits`)."""

    refusal: str = ""
    spent: tuple[str, ...] = ()


def undo_check(uow: UnitOfWork, reply_id: int) -> UndoCheck:
    """What undoing the reply's cancellation would meet, for the queue to say before it asks
    (read; nothing is written). Nothing for a confirmation."""
    reply = _reply(uow, reply_id)
    if reply.outcome != "cancelled" or reply.booking_id is None:
        return UndoCheck()
    cancelled = _cancellation_of(uow, reply)
    if cancelled is None or cancelled.undone_at is not None:
        return UndoCheck(_already_undone())
    refusal = undo_refusals(uow, cancelled.session_id).get(cancelled.id)
    if refusal:
        return UndoCheck(refusal)
    return UndoCheck(spent=spent_credits(uow, cancelled.id).here)


def undo_reply(uow: UnitOfWork, reply_id: int) -> OperationResult:
    """Take back what a reply did by itself: a cancellation (the ordinary undo) or a confirmation."""
    reply = _reply(uow, reply_id)
    if reply.outcome not in ("cancelled", "confirmed") or reply.booking_id is None:
        raise NotAllowedError(translate(
            "sms", "Only a cancellation or a confirmation made by a text reply can be undone "
            "here; change a booking made from an offer on the schedule."))  # fmt: skip
    booking = uow.session.get(Booking, reply.booking_id)
    if booking is None:
        raise NotFoundError(translate("sms", "That booking is no longer on file."))
    if reply.outcome == "confirmed":
        changes = unconfirm(uow, booking.id)
        message = translate("sms", "The confirmation was taken back.")
    else:
        cancelled = _cancellation_of(uow, reply)
        if cancelled is None or cancelled.undone_at is not None:
            raise NotAllowedError(_already_undone())
        result = undo_cancellation(uow, booking.session_id, UNDO_WHY, cancellation_id=cancelled.id)
        changes, message = result.changes, result.message
    before = reply.outcome
    reply.outcome, reply.handled_at = "undone", uow.now()
    reply.handled_by_id = uow.actor.user_id or None
    reply.note = translate("sms", "Undone by {user} (it was {outcome}).").format(
        user=uow.actor.username, outcome=before
    )
    audit.record(uow, "sms_reply.undo", "sms_reply", reply.id, session_id=booking.session_id,
                 before={"outcome": before}, after={"outcome": "undone"})  # fmt: skip
    return OperationResult(message, changes.merge(ChangeSet(topics=frozenset({"replies"}))),
                           booking.session_id)  # fmt: skip


@dataclass(frozen=True)
class CancelTarget:
    """What the cancel wizard needs to open for a reply's booking."""

    session_id: int
    booking_id: int
    advised_at: datetime
    note: str


def cancel_target(uow: UnitOfWork, reply_id: int) -> CancelTarget:
    """The booking a queued reply names, for the desk's own cancel wizard."""
    reply = _reply(uow, reply_id)
    booking = uow.session.get(Booking, reply.booking_id) if reply.booking_id else None
    if booking is None:
        raise NotAllowedError(
            translate("sms", "This reply matches no booking; find the booking on the schedule.")
        )
    if booking.status != BookingStatus.BOOKED:
        name = uow.session.get(Client, booking.client_id)
        raise NotAllowedError(translate("sms", NOT_BOOKED[booking.status]).format(
            name=name.display_name if name is not None else reply.from_number))  # fmt: skip
    session = uow.session.get(Session, booking.session_id)
    assert session is not None
    return CancelTarget(session.id, booking.id, reply.received_at,
                        f"Text message from {reply.from_number}: “{reply.body.strip()}”")  # fmt: skip
