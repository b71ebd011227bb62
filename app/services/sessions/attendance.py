"""After the start: complete a session, mark did-not-attend, and the unresolved worklist."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import NotAllowedError, ValidationError
from app.i18n import translate
from app.models import (
    Booking,
    CancellationReason,
    Client,
    PracticeSettings,
    Service,
    Session,
    Worker,
)
from app.models.enums import BillingProfile, BookingStatus, Funding, SdKind, SessionStatus
from app.models.lifecycle import NOT_STARTED_COMPLETE, NOT_STARTED_DNA, NOTHING_BOOKED
from app.models.money import format_money
from app.models.rules import evaluate_no_show
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.dto import ChangeSet, OperationResult, PlannedMessage
from app.services.outbox import notify
from app.services.sessions.cancel_charges import rule_of, waiver_note
from app.services.sessions.cancel_checks import checked_waiver
from app.services.sessions.common import (
    booked,
    chosen_bookings,
    load_session,
    new_sd,
    snapshot,
    touch,
)
from app.services.setup.funders import (
    BILL_TO_CLIENT,
    charged_to_client_sentence,
    delivered_bill_to,
    funder_not_paying_fees,
    plan_cannot_pay,
    private_code_sentence,
)


def _started(uow: UnitOfWork, session: Session, refusal: str) -> None:
    if uow.now() < session.starts_at:
        raise NotAllowedError(translate("lifecycle", refusal))


# The integration's event and the audit's action of each attendance topic.
ATTENDANCE_EVENTS = {
    "complete": ("session.completed", "session.complete"),
    "dna": ("session.did_not_attend", "session.did_not_attend"),
}


def _told_and_audited(
    uow: UnitOfWork,
    session: Session,
    settings: PracticeSettings,
    before: dict[str, Any],
    targets: Sequence[Booking],
    topic: str,
    decided: dict[str, Any] | None = None,
) -> None:
    """After attendance is marked: the session's new version, the integration told, audited
    (with what was `decided` beside the session's state: charges, a waiver)."""
    event, action = ATTENDANCE_EVENTS[topic]
    touch(uow, session)
    notify.write_integration_message(
        uow,
        settings,
        key=f"{topic}:{session.id}:v{session.version}:integration",
        topic=topic,
        session_id=session.id,
        payload={
            "event": event,
            "session_id": session.id,
            "clients": [b.client_id for b in targets],
        },
        created_at=uow.now(),
    )
    uow.session.flush()
    audit.record(uow, action, "session", session.id, session_id=session.id,
                 before=before, after={**snapshot(session), **(decided or {})})  # fmt: skip


def complete_session(
    uow: UnitOfWork, session_id: int, *, expected_version: int | None = None
) -> OperationResult:
    """Once started: booked → attended, a delivered SD each; cancelled bookings keep theirs."""
    require(uow.actor, Permission.COMPLETE)
    session = load_session(uow, session_id, expected_version)
    _started(uow, session, NOT_STARTED_COMPLETE)
    targets = booked(session)
    if not targets:
        raise NotAllowedError(translate("lifecycle", NOTHING_BOOKED))
    before = snapshot(session)
    sd_ids: list[int] = []
    for b in targets:
        b.status = BookingStatus.ATTENDED
        sd = new_sd(
            uow,
            session,
            b,
            SdKind.DELIVERED,
            session.price_cents,
            bill_to=delivered_bill_to(b.client, session.service.code),
        )
        uow.session.flush()
        sd_ids.append(sd.id)
    _told_and_audited(uow, session, practice.settings(uow), before, targets, "complete")
    return OperationResult(
        message=translate(
            "sessions", "Completed: {clients} client(s) attended, {sds} SD(s) created."
        ).format(clients=len(targets), sds=len(sd_ids)),
        changes=ChangeSet(
            frozenset({session.id}),
            frozenset(b.client_id for b in targets),
            frozenset({"complete"}),
        ),
        session_id=session.id,
        sd_ids=tuple(sd_ids),
    )


def no_show_reason(uow: UnitOfWork) -> CancellationReason | None:
    profiles = practice.profile_names(practice.settings(uow))
    return uow.session.scalar(
        select(CancellationReason)
        .where(
            CancellationReason.is_no_show.is_(True),
            CancellationReason.active.is_(True),
            CancellationReason.profile.in_(profiles),
        )
        .order_by(CancellationReason.sort_order)
        .limit(1)
    )


@dataclass(frozen=True)
class NoShowCharge:
    booking_id: int
    client_name: str
    charge_cents: int
    explanation: str
    waived: bool = False
    waived_cents: int = 0  # what the no-show rule would have charged, when waived
    message: PlannedMessage | None = None  # the did-not-attend e-mail (previews only)


def preview_did_not_attend(
    uow: UnitOfWork, session_id: int, booking_ids: Sequence[int], waive: bool = False
) -> list[NoShowCharge]:
    """The charge the no-show rule gives each chosen client (after a waiver), without writing."""
    session = load_session(uow, session_id)
    waiving = waive is True  # untrusted: only a plain True waives
    return [
        replace(
            _no_show_charge(uow, session, b, waiving),
            message=notify.client_message(b.client, "dna"),
        )
        for b in _dna_targets(session, booking_ids)
    ]


def _dna_targets(session: Session, booking_ids: Sequence[int]) -> list[Booking]:
    if not booking_ids:
        targets = booked(session)
        if len(targets) > 1:
            raise ValidationError(
                translate("sessions", "Choose which client did not attend."), field="clients"
            )
    else:
        targets = chosen_bookings(session, booking_ids)
        for b in targets:
            if b.status != BookingStatus.BOOKED:
                raise NotAllowedError(
                    translate(
                        "sessions", "{display_name}'s booking is {value}, not booked."
                    ).format(display_name=b.client.display_name, value=b.status.value)
                )
    if not targets:
        raise NotAllowedError(translate("lifecycle", NOTHING_BOOKED))
    return targets


def _no_show_charge(
    uow: UnitOfWork, session: Session, b: Booking, waive: bool = False, waiver_reason: str = ""
) -> NoShowCharge:
    """The no-show rule's charge for one client; a waiver takes it away as it takes away a
    cancellation's (`waiver_note`)."""
    reason = no_show_reason(uow)
    if reason is None:
        return NoShowCharge(
            b.id,
            b.client.display_name,
            0,
            translate("dna", "The practice has no no-show rule, so no charge applies."),
        )
    d = evaluate_no_show(
        rule_of(reason), session.price_cents, session.service.allows_cancellation_charge
    )
    text = d.explanation or (d.not_charged_because or "")
    waiver = waiver_note(d.charge_cents, waive, waiver_reason)
    if waiver is not None:
        return NoShowCharge(
            b.id, b.client.display_name, 0, text or waiver, waived=True, waived_cents=d.charge_cents
        )
    unpaid_by = funder_not_paying_fees(b.client) if d.charge_cents > 0 else None
    if unpaid_by is not None:  # the fee goes to the client, and the working says so
        text = f"{text} {charged_to_client_sentence(unpaid_by)}".strip()
    elif d.charge_cents > 0 and plan_cannot_pay(b.client, session.service.code):
        text = f"{text} {private_code_sentence(session.service.code)}".strip()
    return NoShowCharge(
        b.id,
        b.client.display_name,
        d.charge_cents,
        text
        or translate("dna", "No-show charge {amount}").format(amount=format_money(d.charge_cents)),
    )


def no_show_fee_sentence(charge_cents: int) -> str:
    """What the did-not-attend e-mail says of the no-show charge; "" when nothing is charged."""
    if charge_cents <= 0:
        return ""
    return translate(
        "email", "A no-show fee of {fee} applies, as the practice's cancellation policy says."
    ).format(fee=format_money(charge_cents))


def _missed_you(
    uow: UnitOfWork,
    session: Session,
    settings: PracticeSettings,
    targets: Sequence[Booking],
    charges: dict[str, int],
) -> None:
    """Each client marked did-not-attend is e-mailed (with their consent) that they were missed
    and may book another time, with the no-show fee when charged and the practice's e-mails
    state fees. It waits the practice's grace period first, so a mark taken back by then is
    never sent (`dna_undo` withdraws it)."""
    facts = notify.session_facts(session, practice.calendar(settings).tz, settings)
    for b in targets:
        fee = no_show_fee_sentence(charges[str(b.id)]) if settings.fee_in_email else ""
        notify.write_client_message(
            uow,
            key=f"dna:{session.id}:v{session.version}:booking:{b.id}:email",
            topic="dna",
            session=session,
            client=b.client,
            facts={**facts, "fee": fee} if fee else facts,
        )


def mark_did_not_attend(
    uow: UnitOfWork,
    session_id: int,
    booking_ids: Sequence[int] = (),
    *,
    waive: bool = False,
    waiver_reason: str = "",
    expected_version: int | None = None,
) -> OperationResult:
    """Once started: the chosen clients become did-not-attend, charged by the no-show rule
    unless a manager waives the charge, with a reason (no SD then, the waiver kept)."""
    require(uow.actor, Permission.MARK_DNA)
    why = checked_waiver(uow, waive, waiver_reason)
    session = load_session(uow, session_id, expected_version)
    _started(uow, session, NOT_STARTED_DNA)
    targets = _dna_targets(session, booking_ids)
    before = snapshot(session)
    settings = practice.settings(uow)
    reason = no_show_reason(uow)
    sd_ids: list[int] = []
    charges: dict[str, int] = {}
    for b in targets:
        charge = _no_show_charge(uow, session, b, bool(why), why)
        b.status = BookingStatus.DNA
        charges[str(b.id)] = charge.charge_cents
        if charge.waived:
            b.no_show_waived = True
            b.no_show_waiver_reason = why
            b.no_show_waived_cents = charge.waived_cents
        if charge.charge_cents > 0:
            ndis = (
                settings.billing_profile == BillingProfile.NDIS and b.client.funding == Funding.NDIS
            )
            code = (
                reason.ndis_reason_code.value
                if ndis and reason and reason.ndis_reason_code
                else None
            )
            sd = new_sd(
                uow,
                session,
                b,
                SdKind.NO_SHOW,
                charge.charge_cents,
                claim_type="CANC" if ndis else "",
                reason_code=code,
                bill_to=BILL_TO_CLIENT
                if funder_not_paying_fees(b.client)
                or plan_cannot_pay(b.client, session.service.code)
                else "",
            )
            uow.session.flush()
            sd_ids.append(sd.id)
    waived = [b for b in targets if b.no_show_waived]
    decided = {"charges": charges, "waived": bool(waived), "waiver_reason": why if waived else None}
    _told_and_audited(uow, session, settings, before, targets, "dna", decided)
    _missed_you(uow, session, settings, targets, charges)
    message = translate("dna", "Marked did-not-attend: {names}.").format(
        names=", ".join(b.client.display_name for b in targets)
    )
    if waived:
        message += " " + translate("dna", "The no-show charge was waived.")
    return OperationResult(
        message=message,
        changes=ChangeSet(
            frozenset({session.id}), frozenset(b.client_id for b in targets), frozenset({"dna"})
        ),
        session_id=session.id,
        sd_ids=tuple(sd_ids),
    )


@dataclass(frozen=True)
class UnresolvedSession:
    session_id: int
    version: int
    starts_at: datetime
    worker_name: str
    service_name: str
    clients: str


def list_unresolved_past_sessions(uow: UnitOfWork, limit: int = 500) -> list[UnresolvedSession]:
    """Started sessions nobody completed, cancelled or marked: the worklist, oldest first.

    Plain rows, not records: the sessions from the index of (status, start), which holds only
    the few rostered ones in the past apart from the future, then their booked clients' names.
    """
    sessions = uow.session.execute(
        select(Session.id, Session.version, Session.starts_at, Worker.name, Service.name)
        .join(Worker, Worker.id == Session.worker_id)
        .join(Service, Service.id == Session.service_id)
        .where(Session.status == SessionStatus.ROSTERED, Session.starts_at <= uow.now())
        .order_by(Session.starts_at)
        .limit(limit)
    ).all()
    names: dict[int, list[str]] = {}
    if sessions:
        booked_clients = uow.session.execute(
            select(Booking.session_id, Client.first_name, Client.last_name)
            .join(Client, Client.id == Booking.client_id)
            .where(
                Booking.session_id.in_([row[0] for row in sessions]),
                Booking.status == BookingStatus.BOOKED,
            )
            .order_by(Booking.id)
        )
        for session_id, first, last in booked_clients:
            names.setdefault(session_id, []).append(f"{first} {last}")
    return [
        UnresolvedSession(sid, version, starts_at, worker, service, ", ".join(names.get(sid, ())))
        for sid, version, starts_at, worker, service in sessions
    ]
