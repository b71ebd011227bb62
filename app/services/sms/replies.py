"""Clients' text replies: STOP opts out of texts (START back in), "C" cancels, "Y" confirms or
takes an offered place, the rest waits for staff on the Replies queue (the words: `reply_words`).

A reply is matched to a booking by the newest reminder or offer sent to its number in the last
14 days (its payload names the booking or the offer). Every automatic change is made as the SMS
channel's actor through the same services the desk uses (the cancel wizard's rules, charge and
working; the waitlist's booking and refill rule), is audited, and staff can undo it from the
queue (`reply_queue`). A change the services refuse leaves the reply on the queue with their
sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import func, select

from app.db import Actor, UnitOfWork
from app.errors import FrontDeskError
from app.i18n import translate
from app.models import (
    Booking,
    CancellationReason,
    OutboxMessage,
    SmsReply,
    User,
    WaitlistOffer,
)
from app.models.enums import BookingStatus, CancelledBy, OutboxChannel, OutboxStatus, Role
from app.models.money import format_money
from app.models.rules import NDIS_PROFILE, PRIVATE_PROFILE
from app.services import practice
from app.services.audit import chain as audit
from app.services.dto import CancelRequest, ChangeSet
from app.services.sessions.cancel import cancel_booking
from app.services.sms import offers, opt_out
from app.services.sms.reply_words import Meaning, meaning

# Changes made from clients' replies are the SMS channel's: a desk role, no user behind it.
SMS_ACTOR = Actor(0, "sms", Role.RECEPTION)
SMS_USER_NAME = "Text messages (automatic)"
MATCH_WINDOW = timedelta(days=14)
SMS_REASON_LABEL = "Cancelled by text message"

T = TypeVar("T")


@dataclass(frozen=True)
class _Match:
    booking_id: int | None
    offer_id: int | None
    why_not: str = ""


def match(uow: UnitOfWork, reply: SmsReply) -> _Match:
    """The booking (or offer) the reply answers: the newest reminder or offer to its number."""
    m = OutboxMessage
    when = func.coalesce(m.sent_at, m.created_at)
    rows = uow.session.execute(
        select(m.client_id, m.payload)
        .where(
            m.channel == OutboxChannel.SMS,
            m.recipient == reply.from_number,
            m.topic.in_(("reminder", "offer")),
            m.status == OutboxStatus.SENT,
            when >= reply.received_at - MATCH_WINDOW,
            when <= reply.received_at,
        )
        .order_by(when.desc(), m.id.desc())
    ).all()
    if not rows:
        return _Match(
            None,
            None,
            translate("sms", "No reminder or offer was sent to this number in the last 14 days."),
        )
    if len({r.client_id for r in rows}) > 1:
        said = translate(
            "sms",
            "This number was sent messages for more than one client; choose the booking yourself.",
        )
        return _Match(None, None, said)
    payload = rows[0].payload or {}
    offer_id, booking_id = payload.get("offer_id"), payload.get("booking_id")
    if isinstance(offer_id, int):
        return _Match(None, offer_id)
    if isinstance(booking_id, int):
        return _Match(booking_id, None)
    return _Match(None, None, translate("sms", "The message this replies to names no booking."))


def sms_actor(uow: UnitOfWork) -> Actor:
    """`SMS_ACTOR` with its user row, which records need (a cancellation names who made it).

    The row is added the first time: inactive and without a password, so nobody signs in as it.
    """
    user = uow.session.scalar(select(User).where(User.username == SMS_ACTOR.username))
    if user is None:
        user = User(username=SMS_ACTOR.username, full_name=SMS_USER_NAME, role=SMS_ACTOR.role,
                    password_hash="", active=False, created_at=uow.now())  # fmt: skip
        uow.session.add(user)
        uow.session.flush()
        audit.record(uow, "user.create", "user", user.id,
                     after={"username": user.username, "why": "changes made by text replies"})  # fmt: skip
    return Actor(user.id, SMS_ACTOR.username, SMS_ACTOR.role)


def _as_sms(uow: UnitOfWork) -> UnitOfWork:
    """The same transaction, acting as the SMS channel."""
    return UnitOfWork(uow.session, uow.clock, sms_actor(uow))


def _attempt(uow: UnitOfWork, fn: Callable[[], T]) -> T | str:
    """Run `fn` in a savepoint; a refusal rolls it back and comes back as its sentence."""
    tail = uow.session.info.get(audit.TAIL_KEY)
    nested = uow.session.begin_nested()
    try:
        value = fn()
        uow.session.flush()
    except FrontDeskError as exc:
        nested.rollback()
        if tail is None:
            uow.session.info.pop(audit.TAIL_KEY, None)
        else:
            uow.session.info[audit.TAIL_KEY] = tail
        return str(exc) or type(exc).__name__
    nested.commit()
    return value


def sms_reason(uow: UnitOfWork) -> CancellationReason:
    """The practice's reason for a cancellation by text, added once per billing profile.

    It carries the charge rule of the profile's "Other" client reason, so a text cancellation
    costs what one told at the desk does. A practice that deactivates it stops text
    cancellations (they wait on the queue instead).
    """
    profile = practice.settings(uow).billing_profile.value
    code = f"{profile}_sms"
    found = uow.session.scalar(select(CancellationReason).where(CancellationReason.code == code))
    if found is not None:
        return found
    like = uow.session.scalar(
        select(CancellationReason).where(CancellationReason.code == f"{profile}_other")
    )
    order = uow.session.scalar(select(func.max(CancellationReason.sort_order))) or 0
    reason = CancellationReason(code=code, label=SMS_REASON_LABEL, applies_to=CancelledBy.CLIENT,
                                active=True, is_no_show=False, profile=profile,
                                sort_order=order + 1)  # fmt: skip
    if like is not None:
        for name in ("threshold_value", "threshold_unit", "charge_kind", "charge_percent",
                     "charge_fixed_cents", "requires_service_flag", "not_when_refilled",
                     "ndis_reason_code"):  # fmt: skip
            setattr(reason, name, getattr(like, name))
    else:
        shipped = NDIS_PROFILE if profile == "ndis" else PRIVATE_PROFILE
        t = next(r for r in shipped if r.applies_to == CancelledBy.CLIENT and not r.is_no_show)
        reason.threshold_value, reason.threshold_unit = (
            t.rule.threshold_value,
            t.rule.threshold_unit,
        )
        reason.charge_kind, reason.charge_percent = t.rule.charge_kind, t.rule.percent
        reason.charge_fixed_cents = t.rule.fixed_cents
        reason.requires_service_flag = t.rule.requires_service_flag
        reason.not_when_refilled = t.rule.not_when_refilled
        reason.ndis_reason_code = t.ndis_reason_code
    uow.session.add(reason)
    uow.session.flush()
    audit.record(uow, "reason.create", "cancellation_reason", reason.id,
                 after={"code": code, "label": SMS_REASON_LABEL, "why": "text replies"})  # fmt: skip
    return reason


def _queue(reply: SmsReply, note: str) -> ChangeSet:
    reply.outcome, reply.note = "queued", note
    return ChangeSet()


def _cancel(uow: UnitOfWork, reply: SmsReply, booking: Booking) -> ChangeSet:
    session = booking.session
    if reply.received_at >= session.starts_at:
        said = translate(
            "sms",
            "Received after the session started, so it is not a cancellation; mark the booking "
            "yourself.",
        )
        return _queue(reply, said)
    reason = sms_reason(uow)
    if not reason.active:
        said = translate(
            "sms",
            "Text cancellations are switched off (the reason “{reason}” is inactive); cancel the "
            "booking yourself.",
        )
        return _queue(reply, said.format(reason=reason.label))
    req = CancelRequest(
        session_id=session.id,
        cancelled_by=CancelledBy.CLIENT,
        advised_at=reply.received_at,
        reason_id=reason.id,
        booking_ids=(booking.id,),
        note=f"Text message from {reply.from_number}: “{reply.body.strip()}”",
    )
    done = _attempt(uow, lambda: cancel_booking(_as_sms(uow), req))
    if isinstance(done, str):
        return _queue(reply, done)
    reply.outcome = "cancelled"
    charge = done.total_charge_cents
    reply.note = (
        translate("sms", "Cancelled by text; charge {charge}.").format(charge=format_money(charge))
        if charge
        else translate("sms", "Cancelled by text; no charge.")
    )
    return done.changes


def _confirm(uow: UnitOfWork, reply: SmsReply, booking: Booking) -> ChangeSet:
    if reply.received_at >= booking.session.starts_at:
        return _queue(
            reply, translate("sms", "Received after the session started; nothing was confirmed.")
        )
    if booking.status != BookingStatus.BOOKED:
        said = translate("sms", "The booking is {status}; nothing was confirmed.")
        return _queue(reply, said.format(status=booking.status.value))
    if booking.confirmed_at is None:
        booking.confirmed_at = reply.received_at
        audit.record(_as_sms(uow), "booking.confirm", "booking", booking.id,
                     session_id=booking.session_id, before={"confirmed_at": None},
                     after={"confirmed_at": reply.received_at.isoformat(),
                            "reply_id": reply.id})  # fmt: skip
    reply.outcome, reply.note = "confirmed", translate("sms", "Confirmed by text.")
    return ChangeSet(frozenset({booking.session_id}), frozenset({booking.client_id}),
                     frozenset({"confirm"}))  # fmt: skip


def _answer_offer(uow: UnitOfWork, reply: SmsReply, offer_id: int, word: Meaning) -> ChangeSet:
    if word == Meaning.NO:
        reply.outcome, reply.note = (
            "handled",
            offers.decline_offer(uow, offer_id, reply.received_at),
        )
        return ChangeSet(topics=frozenset({"offers"}))
    answer = _attempt(uow, lambda: offers.accept_offer(_as_sms(uow), offer_id, reply.received_at))
    if isinstance(answer, str):
        return _queue(reply, answer)
    reply.booking_id = answer.booking_id
    reply.outcome = "accepted" if answer.booked else "handled"
    reply.note = answer.note
    return answer.changes


def _handle_one(uow: UnitOfWork, reply: SmsReply) -> ChangeSet:
    word = meaning(reply.body)
    if word in (None, Meaning.OPT_OUT, Meaning.OPT_IN):
        found = match(uow, reply)
        _link(uow, reply, found)  # the queue names the client
        if word == Meaning.OPT_OUT:
            return opt_out.opt_out(_as_sms(uow), reply)
        if word == Meaning.OPT_IN:
            return opt_out.opt_in(_as_sms(uow), reply)
        return _queue(reply, found.why_not)
    found = match(uow, reply)
    if found.offer_id is not None:
        return _answer_offer(uow, reply, found.offer_id, word)
    if found.booking_id is None:
        return _queue(reply, found.why_not)
    booking = uow.session.get(Booking, found.booking_id)
    if booking is None:
        return _queue(reply, translate("sms", "The booking this replies to no longer exists."))
    reply.booking_id = booking.id
    if word == Meaning.NO:
        return _cancel(uow, reply, booking)
    return _confirm(uow, reply, booking)


def _link(uow: UnitOfWork, reply: SmsReply, found: _Match) -> None:
    """A reply for staff still names the booking it answers, when one is known."""
    if found.booking_id is not None and uow.session.get(Booking, found.booking_id) is not None:
        reply.booking_id = found.booking_id
    elif found.offer_id is not None:
        offer = uow.session.get(WaitlistOffer, found.offer_id)
        if offer is not None and offer.booking_id is not None:
            reply.booking_id = offer.booking_id


def handle_new(uow: UnitOfWork) -> ChangeSet:
    """Act on every reply fetched but not yet handled, in the order they were received."""
    replies = list(
        uow.session.scalars(
            select(SmsReply).where(SmsReply.outcome == "new")
            .order_by(SmsReply.received_at, SmsReply.id)
        )
    )  # fmt: skip
    changes = ChangeSet()
    for reply in replies:
        changes = changes.merge(_handle_one(uow, reply))
        if reply.outcome != "queued":
            reply.handled_at = uow.now()
        uow.session.flush()
    if replies:
        changes = changes.merge(ChangeSet(topics=frozenset({"replies"})))
    return changes
