"""A round of texted offers of a session's freed places: the texts it sends and how it closes.

The one home of the offer's and the "place taken" texts. A round closes when its last free place
is taken: by a client's "Yes" (`offers.accept_offer`), by a booking made at the desk or a
capacity lowered (`close_for_desk_booking`, from the waitlist's booking and Edit session…).
Either way the clients who were texted the offer are texted that it has been taken, and offers
not yet texted are withdrawn. Kept apart from `offers` (which books through the waitlist) so the
waitlist's booking can close a round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import Client, OutboxMessage, PracticeSettings, Session, WaitlistOffer
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.outbox import notify, withdrawal
from app.services.sms.consent import text_number

OPEN = ("waiting", "sent")
OFFER_TEXT = "A place is free: {service} with {worker} on {when}. Reply Y to book it."
TAKEN_TEXT = (
    "Sorry, this place has been taken: {service} with {worker} on {when}. You stay on our waitlist."
)
MOVED_TEXT = (
    "Sorry, the place we offered is no longer available: {service} with {worker} on {when} has "
    "changed. You stay on our waitlist."
)
TEXTS = {"offer": OFFER_TEXT, "offer_taken": TAKEN_TEXT, "offer_moved": MOVED_TEXT}
# An offer closed because its session moved, or because its service changed: not a round
# answered, so the place is offered again as the session now is (`offers.freed_sessions`). The
# status keeps which, so a late "Yes" is answered with the right reason (the column holds 12).
MOVED = "moved"
SERVICE_CHANGED = "svc_changed"
CHANGED = (MOVED, SERVICE_CHANGED)


def mobile(client: Client | None, country: str) -> str | None:
    """Where the client's offer is texted, or None: no mobile (a landline cannot take a text: an
    offer sent there would keep the next client waiting for nothing), no consent, or they opted
    out of texts (`consent.text_number`, the one place texts ask)."""
    return text_number(client, country)


def queue_sms(
    uow: UnitOfWork,
    *,
    topic: str,
    number: str,
    body: str,
    session_id: int | None,
    client_id: int | None,
    booking_id: int | None = None,
    offer_id: int | None = None,
    at: datetime | None = None,
) -> OutboxMessage:
    """An SMS for the outbox (the gateway's adapter sends it), in the current transaction."""
    now = uow.now()
    row = OutboxMessage(
        channel=OutboxChannel.SMS,
        topic=topic,
        idempotency_key=notify.unique_key(f"sms:{topic}:{offer_id or booking_id or session_id}"),
        session_id=session_id,
        client_id=client_id,
        recipient=number,
        subject="",
        payload={"body": body, "booking_id": booking_id, "offer_id": offer_id, "rule_id": None},
        status=OutboxStatus.PENDING,
        status_reason="",
        created_at=now,
        next_attempt_at=at or now,
    )
    uow.session.add(row)
    return row


def _texts(session: Session, settings: PracticeSettings) -> dict[str, str]:
    tz = ZoneInfo(settings.time_zone)
    return {"service": session.service.name, "worker": session.worker.name,
            "when": notify.short_when(session.starts_at, tz)}  # fmt: skip


def send(uow: UnitOfWork, offer: WaitlistOffer, session: Session, topic: str) -> bool:
    """Queue the offer's (or "taken") text to its client; False when the client has no mobile,
    no longer consents to be contacted or opted out of texts (e.g. they texted STOP)."""
    settings = practice.settings(uow)
    number = mobile(uow.session.get(Client, offer.client_id), settings.country)
    if number is None:
        return False
    text = TEXTS[topic].format(**_texts(session, settings))
    queue_sms(uow, topic=topic, number=number, body=text, session_id=session.id,
              client_id=offer.client_id, offer_id=offer.id)  # fmt: skip
    return True


def close_round(uow: UnitOfWork, session: Session, keep: int | None, why: str) -> list[int]:
    """The round's open offers but `keep` close: those sent are told the place has gone (`why`:
    taken), those not yet sent are withdrawn. The clients told."""
    others = uow.session.scalars(
        select(WaitlistOffer).where(
            WaitlistOffer.session_id == session.id,
            WaitlistOffer.status.in_(OPEN),
            WaitlistOffer.id != (keep or 0),
        )
    )
    told: list[int] = []
    for other in others:
        if other.status == "sent":
            other.status = why
            if send(uow, other, session, "offer_taken"):
                told.append(other.client_id)
        else:
            other.status = "withdrawn"
    return told


@dataclass(frozen=True)
class Closed:
    """What a booking at the desk did to the place's texted offers."""

    texted: int  # offers already texted, now closed
    told: int  # of those, clients texted that the place has been taken

    def sentence(self) -> str:
        """What the receptionist is told; empty when no texted offer was open."""
        texted, untold = self.texted, self.texted - self.told  # lupdate reads plain names only
        if not texted:
            return ""
        said = translate(
            "offers",
            "%n texted offer(s) of this place closed: a text tells the client(s) it was offered "
            "to that it has been taken.",
            None,
            texted,
        )
        if untold:
            said += " " + translate(
                "offers",
                "%n of them can no longer be texted (no mobile number or no consent); tell them "
                "yourself.",
                None,
                untold,
            )
        return said


def close_for_desk_booking(uow: UnitOfWork, session: Session, client_id: int | None) -> Closed:
    """After the desk booked `client_id` into `session` (None: after its capacity was lowered):
    when no free place is left, the round closes as a "Yes" closes it (the booked client's own
    offer is theirs, accepted)."""
    offers = list(
        uow.session.scalars(
            select(WaitlistOffer).where(
                WaitlistOffer.session_id == session.id, WaitlistOffer.status.in_(OPEN)
            )
        )
    )
    if not offers:
        return Closed(0, 0)
    own = next((o for o in offers if client_id is not None and o.client_id == client_id), None)
    if own is not None:
        own.status = "accepted"
        own.booking_id = next((b.id for b in session.bookings if b.client_id == client_id
                               and b.status == BookingStatus.BOOKED), None)  # fmt: skip
    taken = sum(1 for b in session.bookings if b.status != BookingStatus.CANCELLED)
    if taken < session.capacity:
        return Closed(0, 0)  # a place is still free: the others' offers stand
    texted = sum(1 for o in offers if o.status == "sent")
    told = close_round(uow, session, own.id if own else None, "taken")
    audit.record(uow, "offer.close", "session", session.id, session_id=session.id,
                 after={"why": "booked at the desk" if client_id else "capacity lowered",
                        "client_id": client_id,
                        "texted": texted, "told_taken": told})  # fmt: skip
    return Closed(texted, len(told))


@dataclass(frozen=True)
class Superseded:
    """What a session's new time, worker or service did to its open offers, which named the old."""

    offers: int  # open offers closed
    told: int  # of those, clients texted that the offer no longer stands
    service: bool = False  # the service changed (else the time or worker)

    def sentence(self) -> str:
        """What the receptionist is told; empty when no offer was open."""
        offers, told = self.offers, self.told  # lupdate reads plain names only
        if not offers:
            return ""
        if self.service:
            said = translate(
                "offers",
                "%n waitlist offer(s) of this session named its old service and closed; the place "
                "is offered again as the new service.",
                None,
                offers,
            )
        else:
            said = translate(
                "offers",
                "%n waitlist offer(s) of this session named its old time and closed; the place is "
                "offered again at the new time.",
                None,
                offers,
            )
        if told:
            said += " " + translate(
                "offers", "A text tells the %n client(s) already texted that the offer no longer stands.",
                None, told,
            )  # fmt: skip
        return said


def close_for_move(uow: UnitOfWork, session: Session, *, service: bool = False) -> Superseded:
    """Before `session` moves to another time or worker (`service`: before its service changes):
    its open offers name what will no longer be so. A client whose offer was texted is told it no
    longer stands; an offer text still waiting in the outbox is withdrawn instead, and an offer not
    yet texted closes. They close as `MOVED` (`SERVICE_CHANGED`), so the outbox offers the place
    again as it now is.
    What was closed, for the receptionist."""
    offers = list(uow.session.scalars(
        select(WaitlistOffer).where(
            WaitlistOffer.session_id == session.id, WaitlistOffer.status.in_(OPEN))
        .order_by(WaitlistOffer.position, WaitlistOffer.id)))  # fmt: skip
    if not offers:
        return Superseded(0, 0, service)
    unsent = _unsent_offer_texts(uow, session.id)
    told: list[int] = []
    for offer in offers:
        texted = offer.status == "sent" and offer.client_id not in unsent
        if texted and send(uow, offer, session, "offer_moved"):
            told.append(offer.client_id)
        offer.status = SERVICE_CHANGED if service else MOVED
    reason = withdrawal.SERVICE_CHANGED if service else withdrawal.MOVED
    for row in unsent.values():
        row.status, row.status_reason = OutboxStatus.WITHDRAWN, reason
        row.next_attempt_at = None
    audit.record(uow, "offer.close", "session", session.id, session_id=session.id,
                 after={"why": "service changed" if service else "session moved",
                        "offers": [o.id for o in offers], "told_moved": told,
                        "texts_withdrawn": [r.id for r in unsent.values()]})  # fmt: skip
    return Superseded(len(offers), len(told), service)


def _unsent_offer_texts(uow: UnitOfWork, session_id: int) -> dict[int, OutboxMessage]:
    """The session's offer texts still waiting in the outbox (or refused by the gateway), by
    client; not one a desk is sending this very moment (claimed under a live lease)."""
    m, now = OutboxMessage, uow.now()
    rows = uow.session.scalars(
        select(m).where(
            m.session_id == session_id, m.channel == OutboxChannel.SMS, m.topic == "offer",
            m.status.in_((OutboxStatus.PENDING, OutboxStatus.FAILED)),
            or_(m.lease_until.is_(None), m.lease_until <= now),
        )
    )  # fmt: skip
    return {int(r.client_id): r for r in rows if r.client_id is not None}
