"""A refilled group place is not charged (NDIS rule): the charge is withdrawn when it is refilled.

A place counts as refilled when the session would be over capacity had the charged clients kept
theirs: a client who takes a place that was free anyway refills nobody's place. The oldest charge
is withdrawn first. Called in the transaction that adds the booking (waitlist or a new booking).
A class credit or single-class purchase the late cancellation kept as its fee comes back then,
as it would have had nothing been charged (`app.services.money.refunds`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import (
    Cancellation,
    CancellationLine,
    CreditEntry,
    OutboxMessage,
    ServiceDelivered,
    Session,
)
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.models.money import format_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.money.refunds import refund_values, spent_from, still_held
from app.services.outbox import notify, withdrawal

WHY = QT_TRANSLATE_NOOP(
    "sessions", "The freed place was refilled by {name}; a refilled place is not charged."
)


@dataclass(frozen=True)
class Withdrawn:
    """One charge taken back: the client it was for, the amount, and whether a manager must act."""

    client_name: str
    amount_cents: int
    needs_claim_correction: bool
    # The cancellation e-mail stating the fee had gone: an e-mail now says it is withdrawn.
    client_told: bool = False
    # What the place was paid with up front and the fee had kept, now given back.
    credits_returned: int = 0
    refunded_cents: int = 0
    client_id: int = 0

    def sentence(self) -> str:
        """What the desk reads about this charge, in the practice's language."""
        amount = format_money(self.amount_cents)
        if self.needs_claim_correction:
            first = translate(
                "sessions",
                "{name}'s cancellation charge of {amount} was already extracted for claiming: a "
                "reversing line was written and a manager has a to-do to correct the claim.",
            )
        else:
            first = translate("sessions", "{name}'s cancellation charge of {amount} was withdrawn.")
        said = [first.format(name=self.client_name, amount=amount)]
        if self.credits_returned:
            said.append(
                translate(
                    "sessions", "The {count} credit(s) it kept went back onto their balance."
                ).format(count=self.credits_returned)
            )
        if self.refunded_cents:
            said.append(
                translate(
                    "sessions",
                    "The {amount} they paid for the class is recorded as refunded: give it back "
                    "to them.",
                ).format(amount=format_money(self.refunded_cents))
            )
        if self.client_told:
            said.append(
                translate(
                    "sessions",
                    "The cancellation e-mail had already told them of the fee, so an e-mail now "
                    "tells them it is withdrawn.",
                )
            )
        return " ".join(said)


def _charged_lines(uow: UnitOfWork, session: Session) -> list[CancellationLine]:
    """Open charges of this session whose rule drops the charge when the place is refilled."""
    rows = uow.session.scalars(
        select(Cancellation)
        .where(Cancellation.session_id == session.id, Cancellation.undone_at.is_(None))
        .options(selectinload(Cancellation.reason), selectinload(Cancellation.lines))
        .order_by(Cancellation.recorded_at, Cancellation.id)
    )
    return [
        line
        for c in rows
        if c.reason.not_when_refilled
        for line in c.lines
        if line.charge_cents > 0 and line.withdrawn_at is None
    ]


def withdraw_refilled_charges(
    uow: UnitOfWork, session: Session, new_client: str
) -> list[Withdrawn]:
    """After a booking was added to `session`: withdraw the charges of the places it refilled."""
    if session.capacity <= 1:
        return []
    lines = _charged_lines(uow, session)
    booked = sum(1 for b in session.bookings if b.status == BookingStatus.BOOKED)
    refilled = booked + len(lines) - session.capacity
    return [_withdraw(uow, session, line, new_client) for line in lines[: max(0, refilled)]]


def _withdraw(
    uow: UnitOfWork, session: Session, line: CancellationLine, new_client: str
) -> Withdrawn:
    why = translate("sessions", WHY).format(name=new_client)
    name = line.booking.client.display_name
    amount = line.charge_cents
    sds = list(
        uow.session.scalars(
            select(ServiceDelivered).where(
                ServiceDelivered.cancellation_id == line.cancellation_id,
                ServiceDelivered.booking_id == line.booking_id,
                ServiceDelivered.reverses_id.is_(None),
            )
        )
    )
    extracted = [sd for sd in sds if sd.extracted_at is not None]
    for sd in sds:
        if sd.extracted_at is None:
            uow.session.delete(sd)
        else:
            _reverse(uow, sd, why)
    line.withdrawn_at = uow.now()
    line.withdrawn_reason = why
    refund = _give_back(uow, line)
    # The cancellation e-mail not yet gone no longer states the fee; one that went and stated
    # it is followed by an e-mail saying the fee is withdrawn.
    about = f"cancellation:{line.cancellation_id}:booking:{line.booking_id}:email"
    told = withdrawal.fee_told(uow, about)
    withdrawal.drop_fee(uow, about)
    if told:
        _tell_withdrawn(uow, session, line, amount)
    if extracted:
        _claim_todo(uow, session, line.booking.client_id, name, extracted)
    uow.session.flush()
    audit.record(
        uow,
        "cancellation.charge_withdrawn",
        "cancellation",
        line.cancellation_id,
        session_id=session.id,
        before={"booking_id": line.booking_id, "charge_cents": amount},
        after={
            "booking_id": line.booking_id,
            "withdrawn": True,
            "why": why,
            "reversed_sds": [sd.id for sd in extracted],
            "removed_sds": [sd.id for sd in sds if sd.extracted_at is None],
            "refund": None if refund is None else {"id": refund.id, "credits": refund.credits,
                                                   "amount_cents": refund.amount_cents},
        },
    )  # fmt: skip
    return Withdrawn(
        name,
        amount,
        bool(extracted),
        told,
        credits_returned=refund.credits if refund else 0,
        refunded_cents=-refund.amount_cents if refund else 0,
        client_id=line.booking.client_id,
    )


def _give_back(uow: UnitOfWork, line: CancellationLine) -> CreditEntry | None:
    """The credit or purchase a late cancellation kept as its fee comes back with the fee gone,
    as a refund line of that cancellation (an undo of it takes it back again)."""
    booking = line.booking
    if booking.id not in still_held(uow, [booking]):
        return None
    values = refund_values(
        booking,
        uow.now(),
        f"Cancellation of session #{booking.session_id}, place refilled",
        expires_on=spent_from(uow, booking.id),  # the client's own cancellation: their pack's
    )
    if values is None:
        return None
    entry = CreditEntry(
        **values, cancellation_id=line.cancellation_id, created_by_id=uow.actor.user_id or None
    )
    uow.session.add(entry)
    return entry


def _tell_withdrawn(uow: UnitOfWork, session: Session, line: CancellationLine, amount: int) -> None:
    """Queue the client's "cancellation fee withdrawn" e-mail (or record why none goes)."""
    facts = notify.session_facts(session, practice.time_zone(uow), practice.settings(uow))
    notify.write_client_message(
        uow,
        key=f"fee_withdrawn:{line.cancellation_id}:booking:{line.booking_id}:email",
        topic="fee_withdrawn",
        session=session,
        client=line.booking.client,
        facts={**facts, "fee": format_money(amount)},
    )


def _reverse(uow: UnitOfWork, sd: ServiceDelivered, why: str) -> None:
    """An extracted line stays as claimed; a negative line takes it back in the next extraction."""
    uow.session.add(
        ServiceDelivered(
            session_id=sd.session_id,
            booking_id=sd.booking_id,
            kind=sd.kind,
            cancellation_id=sd.cancellation_id,
            support_item=sd.support_item,
            claim_type=sd.claim_type,
            reason_code=sd.reason_code,
            quantity=-sd.quantity,
            unit_price_cents=sd.unit_price_cents,
            amount_cents=-sd.amount_cents,
            gst_code=sd.gst_code,
            created_at=uow.now(),
            reverses_id=sd.id,
            bill_to=sd.bill_to,  # taken back from whoever was to pay it
        )
    )


def _claim_todo(
    uow: UnitOfWork,
    session: Session,
    client_id: int,
    client: str,
    extracted: list[ServiceDelivered],
) -> None:
    """A manager's to-do: the charge was already claimed, so the claim itself must be corrected."""
    tz = practice.time_zone(uow)
    when = session.starts_at.astimezone(tz)
    lines = ", ".join(f"SD #{sd.id} ({format_money(sd.amount_cents)})" for sd in extracted)
    text = translate(
        "sessions",
        "Correct the claim for {client}'s cancellation charge — {service} with {worker}, {when}: "
        "{lines} was claimed, but the place was refilled. Cancel that claim line with the funder; "
        "a reversing line was written.",
    ).format(
        client=client,
        service=session.service.name,
        worker=session.worker.name,
        when=when_text(when, "%a %d %b %Y %H:%M"),
        lines=lines,
    )
    first = extracted[0]
    uow.session.add(
        OutboxMessage(
            channel=OutboxChannel.INTEGRATION,
            topic="claim_correction",
            idempotency_key=notify.unique_key(f"claim_correction:sd:{first.id}"),
            session_id=session.id,
            client_id=client_id,
            recipient="",
            subject=text[:255],
            payload={"event": "claim.correction", "session_id": session.id, "text": text},
            status=OutboxStatus.MANUAL,
            status_reason=text[:255],
            created_at=uow.now(),
        )
    )
