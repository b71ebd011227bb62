"""Offers of a freed place to the waitlist, by SMS, one client after another a set gap apart.

A place frees when a client cancels (at the desk, by a text reply or in a bulk batch): every such
cancellation is a `Cancellation` row, so the outbox loop's `process_due_offers` finds the freed
places in one query, whatever path freed them, and offers each to the waiting clients who fit it
(`waitlist_matches`: service, worker, weekdays, times, longest waiting first). The first offer
goes at once, the next `offer_gap_minutes` later, and so on. A "Yes" books the client
(`book_from_waitlist`, which withdraws the canceller's charge of a refilled group place). The
round stays open while a place is free (two freed places, two Yeses); once the last is taken,
the other clients who were sent the offer are told the place has been taken (`offer_round`, the
texts' home, which also closes a round when the desk books the last place).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.errors import NotAllowedError
from app.i18n import translate
from app.models import Booking, Cancellation, Client, Session, WaitlistEntry, WaitlistOffer
from app.models.enums import BookingStatus, CancelledBy, SessionStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.dto import ChangeSet, OperationResult
from app.services.setup.waitlist import book_from_waitlist, waitlist_matches
from app.services.sms.offer_round import (
    CHANGED,
    OPEN,
    SERVICE_CHANGED,
    close_round,
    mobile,
    send,
)
from app.services.sms.offer_round import queue_sms as queue_sms  # its home is offer_round
from app.services.sms.settings import DEFAULT_OFFER_GAP, sms_settings

# A cancellation older than this is not looked at again for offers.
LOOK_BACK = timedelta(days=14)


def offer_gap(uow: UnitOfWork) -> timedelta:
    """The gap between two offers of one place, from the SMS settings (their default, 30
    minutes, before a gateway is saved)."""
    found = sms_settings(uow)
    minutes = found.offer_gap_minutes if found is not None else DEFAULT_OFFER_GAP
    return timedelta(minutes=max(0, minutes))


def freed_sessions(uow: UnitOfWork, now: datetime) -> list[int]:
    """Sessions still to come whose place a client freed since their last round of offers."""
    c, o = Cancellation, WaitlistOffer
    # A round closed because its session moved (or changed service) does not count: the place
    # is offered again.
    last_offer = (
        select(o.session_id, func.max(o.created_at).label("at"))
        .where(o.status.not_in(CHANGED))
        .group_by(o.session_id)
        .subquery()
    )
    rows = uow.session.execute(
        select(c.session_id)
        .join(Session, Session.id == c.session_id)
        .outerjoin(last_offer, last_offer.c.session_id == c.session_id)
        .where(
            c.cancelled_by == CancelledBy.CLIENT,
            c.undone_at.is_(None),
            c.recorded_at >= now - LOOK_BACK,
            Session.starts_at > now,
            Session.cancelled_by_worker.is_(False),
            (last_offer.c.at.is_(None)) | (last_offer.c.at < c.recorded_at),
            _taken(Session.id) < Session.capacity,
        )
        .group_by(c.session_id)
        .order_by(c.session_id)
    )
    return list(rows.scalars())


def _taken(session_id: Any) -> Any:
    """How many places of the session are taken (every booking not cancelled), as SQL."""
    return (
        select(func.count(Booking.id))
        .where(Booking.session_id == session_id, Booking.status != BookingStatus.CANCELLED)
        .scalar_subquery()
    )


def offerable(uow: UnitOfWork, session_id: int) -> list[int]:
    """The waitlist entries a freed place goes to, in turn: those who fit it (longest waiting
    first) and can be texted (a mobile number, consent, no text opt-out), but for those whose offer of the
    session is still open (a second freed place joins the open round instead of texting them
    again)."""
    country = practice.settings(uow).country
    offered = set(uow.session.scalars(select(WaitlistOffer.client_id).where(
        WaitlistOffer.session_id == session_id, WaitlistOffer.status.in_(OPEN))))  # fmt: skip
    matches = [m for m in waitlist_matches(uow, session_id) if m.client_id not in offered]
    clients = {
        c.id: c
        for c in uow.session.scalars(
            select(Client).where(Client.id.in_([m.client_id for m in matches]))
        )
    }
    return [
        m.entry_id
        for m in matches
        if (client := clients.get(m.client_id)) is not None and mobile(client, country) is not None
    ]


def open_offers(uow: UnitOfWork, session_id: int) -> list[WaitlistOffer]:
    """Offer the session's free place to the waiting clients who fit it and have a mobile.

    The first offer is due now, each next one a gap later. Nothing when nobody fits.
    """
    now, gap = uow.now(), offer_gap(uow)
    chosen = offerable(uow, session_id)
    rows = uow.session.execute(
        select(WaitlistEntry.id, WaitlistEntry.client_id).where(WaitlistEntry.id.in_(chosen))
    )
    client_of = {entry_id: client_id for entry_id, client_id in rows}
    offers = [
        WaitlistOffer(
            session_id=session_id,
            waitlist_entry_id=entry_id,
            client_id=client_of[entry_id],
            position=i,
            status="waiting",
            created_at=now,
            send_at=now + gap * i,
        )
        for i, entry_id in enumerate(chosen)
    ]
    if not offers:
        return []
    uow.session.add_all(offers)
    uow.session.flush()
    audit.record(uow, "offer.open", "session", session_id, session_id=session_id,
                 after={"offers": [{"id": o.id, "client_id": o.client_id,
                                    "send_at": o.send_at.isoformat() if o.send_at else None}
                                   for o in offers]})  # fmt: skip
    return offers


def _anyone_waiting(uow: UnitOfWork) -> bool:
    found = uow.session.scalar(
        select(WaitlistEntry.id).where(WaitlistEntry.active.is_(True)).limit(1)
    )
    return found is not None


def has_work(uow: UnitOfWork, now: datetime | None = None) -> bool:
    """Whether `process_due_offers` would change anything: an offer due, a round whose place is
    gone, or a freed place with someone to text. Read first, so the outbox loop takes the write
    lock only when it must."""
    now = now or uow.now()
    o = WaitlistOffer
    due = (o.status == "waiting") & (o.send_at <= now)
    gone = (
        (Session.starts_at <= now)
        | Session.cancelled_by_worker.is_(True)
        | (_taken(Session.id) >= Session.capacity)
    )
    found = uow.session.scalar(
        select(o.id)
        .join(Session, Session.id == o.session_id)
        .where(o.status.in_(OPEN), due | gone)
        .limit(1)
    )
    if found is not None:
        return True
    if not _anyone_waiting(uow):
        return False
    return any(offerable(uow, sid) for sid in freed_sessions(uow, now))


def _place_free(session: Session, now: datetime) -> bool:
    if session.cancelled_by_worker or now >= session.starts_at:
        return False
    if session.status == SessionStatus.COMPLETED:
        return False
    taken = sum(1 for b in session.bookings if b.status != BookingStatus.CANCELLED)
    return taken < session.capacity


def _session(uow: UnitOfWork, session_id: int) -> Session | None:
    return uow.session.scalar(
        select(Session)
        .where(Session.id == session_id)
        .options(selectinload(Session.bookings), selectinload(Session.service),
                 selectinload(Session.worker))
    )  # fmt: skip


def process_due_offers(uow: UnitOfWork, now: datetime | None = None) -> ChangeSet:
    """One step of the offers: open a round for each freed place, close rounds whose place is
    gone, and send every offer now due. Run by the outbox loop; safe to run at any time."""
    now = now or uow.now()
    touched: set[int] = set()
    for sid in freed_sessions(uow, now) if _anyone_waiting(uow) else ():
        if open_offers(uow, sid):
            touched.add(sid)
    due = list(
        uow.session.scalars(
            select(WaitlistOffer)
            .where(WaitlistOffer.status.in_(OPEN))
            .order_by(WaitlistOffer.session_id, WaitlistOffer.position, WaitlistOffer.id)
        )
    )
    sessions: dict[int, Session | None] = {}
    for offer in due:
        if offer.session_id not in sessions:
            sessions[offer.session_id] = _session(uow, offer.session_id)
        session = sessions[offer.session_id]
        if session is None or not _place_free(session, now):
            offer.status = "withdrawn" if offer.status == "waiting" else "expired"
            touched.add(offer.session_id)
            continue
        if offer.status == "waiting" and offer.send_at is not None and offer.send_at <= now:
            if send(uow, offer, session, "offer"):
                offer.status, offer.sent_at = "sent", now
            else:
                offer.status = "withdrawn"
            touched.add(offer.session_id)
    if not touched:
        return ChangeSet()
    uow.session.flush()
    return ChangeSet(sessions=frozenset(touched), topics=frozenset({"offers", "outbox"}))


@dataclass(frozen=True)
class Answer:
    """What a client's "Yes" to an offer did: booked, or told the place has been taken."""

    booked: bool
    note: str
    booking_id: int | None
    changes: ChangeSet


def accept_offer(uow: UnitOfWork, offer_id: int, replied_at: datetime) -> Answer:
    """The client said yes: book them when the place is still theirs to take, else tell them.

    Run as the SMS channel's actor; the booking (and the refill rule) is the waitlist's own.
    """
    offer = uow.session.get(WaitlistOffer, offer_id)
    if offer is None:
        gone = translate("offers", "The offer this reply answers no longer exists.")
        return Answer(False, gone, None, ChangeSet())
    if offer.status == "accepted":  # a second yes ("Yes", then "Yes please"): already theirs
        return _already_theirs(uow, offer)
    if offer.status in CHANGED:  # never book a time or a service the client was not offered
        raise NotAllowedError(_changed_since(offer.status))
    session = _session(uow, offer.session_id)
    offer.replied_at = replied_at
    if session is None:
        offer.status = "expired"
        gone = translate("offers", "The session of this offer no longer exists.")
        return Answer(False, gone, None, ChangeSet())
    changes = ChangeSet(sessions=frozenset({session.id}), topics=frozenset({"offers"}))
    # A client who said no and then yes while the place is still free changed their mind: the
    # first yes books it, theirs as anyone's (telling them it was taken would be untrue).
    if offer.status not in (*OPEN, "declined") or not _place_free(session, uow.now()):
        offer.status = "taken" if offer.status in (*OPEN, "taken") else offer.status
        send(uow, offer, session, "offer_taken")
        taken = translate("offers", "The place had already been taken; the client was told.")
        return Answer(False, taken, None, changes.merge(ChangeSet(topics=frozenset({"outbox"}))))
    result: OperationResult = book_from_waitlist(
        uow, session.id, offer.waitlist_entry_id, close_offers=False
    )  # this round closes below
    booking_id = uow.session.scalar(
        select(Booking.id).where(
            Booking.session_id == session.id,
            Booking.client_id == offer.client_id,
            Booking.status == BookingStatus.BOOKED,
        )
    )
    offer.status, offer.booking_id = "accepted", booking_id
    _settle_own(uow, offer)
    # The round stays open while a place is free: the next Yes books the next place.
    told = [] if _place_free(session, uow.now()) else close_round(uow, session, offer.id, "taken")
    audit.record(uow, "offer.accept", "waitlist_offer", offer.id, session_id=session.id,
                 after={"booking_id": booking_id, "client_id": offer.client_id,
                        "told_taken": told})  # fmt: skip
    note = result.message
    return Answer(True, note, booking_id, changes.merge(result.changes).merge(
        ChangeSet(topics=frozenset({"outbox"}))))  # fmt: skip


def _changed_since(status: str) -> str:
    """Why a "Yes" to an offer closed by a change of its session (`MOVED`, `SERVICE_CHANGED`)
    books nothing, for staff to read on the Replies queue."""
    if status == SERVICE_CHANGED:
        return translate(
            "offers", "The session's service was changed after this offer was texted, and the "
            "client was told the offer no longer stands; nothing was booked. Ring them if they "
            "want the place as the new service.")  # fmt: skip
    return translate(
        "offers", "The session was moved after this offer was texted, and the client was told "
        "the offer no longer stands; nothing was booked. Ring them if they want the new time.")  # fmt: skip


def _already_theirs(uow: UnitOfWork, offer: WaitlistOffer) -> Answer:
    """A yes to an offer the client already took: nothing to do while the booking it made stands
    (telling them the place was taken would be untrue); a booking cancelled since is a refusal,
    for staff to read on the queue."""
    booking = uow.session.get(Booking, offer.booking_id) if offer.booking_id else None
    if booking is None or booking.status != BookingStatus.BOOKED:
        raise NotAllowedError(translate(
            "offers", "The client booked this place from the offer, and that booking has been "
            "cancelled since; read their reply and book them again yourself if they still want "
            "the place."))  # fmt: skip
    said = translate(
        "offers", "The client had already booked this place from the offer; nothing more was done."
    )
    return Answer(False, said, booking.id, ChangeSet())


def _settle_own(uow: UnitOfWork, offer: WaitlistOffer) -> None:
    """The client's other open offers of the session (an earlier round's) are theirs, accepted:
    never told later that the place they booked has been taken."""
    for other in uow.session.scalars(
        select(WaitlistOffer).where(
            WaitlistOffer.session_id == offer.session_id,
            WaitlistOffer.client_id == offer.client_id,
            WaitlistOffer.status.in_(OPEN),
            WaitlistOffer.id != offer.id,
        )
    ):
        other.status, other.booking_id = "accepted", offer.booking_id


def decline_offer(uow: UnitOfWork, offer_id: int, replied_at: datetime) -> str:
    """The client said no: their offer closes; the next ones go on as planned."""
    offer = uow.session.get(WaitlistOffer, offer_id)
    if offer is None or offer.status not in OPEN:
        return translate("sms", "The offer was no longer open.")
    offer.status, offer.replied_at = "declined", replied_at
    audit.record(uow, "offer.decline", "waitlist_offer", offer.id, session_id=offer.session_id,
                 after={"client_id": offer.client_id})  # fmt: skip
    return translate("sms", "The client declined the offer.")
