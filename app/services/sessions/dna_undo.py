"""Take back a did-not-attend mark entered by mistake: the client is booked again, the no-show
charge removed, the other system told, the audit records why; a manager's step, as an undo is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import BlockedError, NotAllowedError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Booking, ServiceDelivered, Session
from app.models.enums import BookingStatus, SdKind
from app.models.lifecycle import NO_DNA_TO_TAKE_BACK
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import checked_text
from app.services.dto import NOTE_LIMIT, ChangeSet, OperationResult
from app.services.outbox import notify, withdrawal
from app.services.sessions.common import chosen_bookings, load_session, snapshot, touch
from app.services.sessions.undo import extracted_line

EXTRACTED = QT_TRANSLATE_NOOP(
    "sessions",
    "This did-not-attend mark can't be taken back: its no-show charge was already extracted "
    "for claiming. Correct the claim with the funder instead.",
)


def take_back_did_not_attend(
    uow: UnitOfWork,
    session_id: int,
    booking_ids: Sequence[int] = (),
    reason: str = "",
    *,
    expected_version: int | None = None,
) -> OperationResult:
    """The chosen did-not-attend clients are booked again (the session can then be completed):
    their no-show SDs deleted, a waiver cleared, an unsent did-not-attend e-mail withdrawn, the
    integration told, audited with why. Refused whole when a no-show SD was extracted."""
    require(uow.actor, Permission.UNDO_DNA)
    why = _checked_reason(reason)
    session = load_session(uow, session_id, expected_version)
    targets = _marked(session, booking_ids)
    sds = _no_show_sds(uow, targets)
    blockers = [line for lines in _extracted_lines(uow, sds).values() for line in lines]
    if blockers:  # read before anything is written: the take-back is refused whole
        raise BlockedError(translate("sessions", EXTRACTED), blockers)
    before = snapshot(session)
    for sd in sds:
        uow.session.delete(sd)
    for b in targets:
        b.status = BookingStatus.BOOKED
        b.no_show_waived = False
        b.no_show_waiver_reason = None
        b.no_show_waived_cents = 0
    touch(uow, session)
    clients = [b.client_id for b in targets]
    withdrawal.withdraw_superseded(uow, session.id, clients, withdrawal.DNA_UNDONE, ("dna",))
    notify.write_integration_message(
        uow,
        practice.settings(uow),
        key=f"dna_undo:{session.id}:v{session.version}:integration",
        topic="dna_undo",
        session_id=session.id,
        payload={"event": "session.did_not_attend_undone", "session_id": session.id,
                 "clients": clients},
        created_at=uow.now(),
    )  # fmt: skip
    uow.session.flush()
    audit.record(uow, "session.did_not_attend_taken_back", "session", session.id,
                 session_id=session.id, before=before,
                 after={**snapshot(session), "reason": why,
                        "sds_deleted": sorted(sd.id for sd in sds)})  # fmt: skip
    names = ", ".join(b.client.display_name for b in targets)
    return OperationResult(
        message=translate(
            "sessions", "The did-not-attend mark was taken back: {names} booked again."
        ).format(names=names),
        changes=ChangeSet(frozenset({session.id}), frozenset(clients), frozenset({"dna_undo"})),
        session_id=session.id,
    )


@dataclass(frozen=True)
class TakeBackBlocker:
    """A did-not-attend booking whose mark can't be taken back: why, and its no-show charges
    extracted for claiming, each as the line a refusal lists."""

    booking_id: int
    reason: str
    lines: tuple[str, ...]


def take_back_blockers(uow: UnitOfWork, session_id: int) -> list[TakeBackBlocker]:
    """The session's did-not-attend bookings whose mark can't be taken back, in the sentence
    `take_back_did_not_attend` refuses with (the menu greys the entry with it, the dialog
    greys the client); the others can be."""
    extracted = uow.session.scalars(
        select(ServiceDelivered)
        .join(Booking, Booking.id == ServiceDelivered.booking_id)
        .where(
            Booking.session_id == session_id,
            Booking.status == BookingStatus.DNA,
            ServiceDelivered.kind == SdKind.NO_SHOW,
            ServiceDelivered.extracted_at.is_not(None),
        )
        .order_by(ServiceDelivered.id)
    )
    why = translate("sessions", EXTRACTED)
    return [
        TakeBackBlocker(booking_id, why, tuple(lines))
        for booking_id, lines in _extracted_lines(uow, list(extracted)).items()
    ]


def _extracted_lines(uow: UnitOfWork, sds: Sequence[ServiceDelivered]) -> dict[int, list[str]]:
    """The rule: a mark can't be taken back once its no-show charge was extracted for
    claiming. Per booking, its extracted no-show charges as lines; a booking with none is
    left out."""
    if not sds:
        return {}
    tz = practice.time_zone(uow)
    out: dict[int, list[str]] = {}
    for sd in sds:
        line = extracted_line(sd, tz)
        if line is not None:
            out.setdefault(sd.booking_id, []).append(line)
    return out


def _checked_reason(reason: object) -> str:
    if not isinstance(reason, str):
        reason = ""
    why = checked_text(reason, "reason", QT_TRANSLATE_NOOP("fields", "reason"), NOTE_LIMIT)
    if not why:
        raise ValidationError(
            translate("sessions", "Say why the did-not-attend mark is taken back."),
            field="reason",
        )
    return why


def _marked(session: Session, booking_ids: Sequence[int]) -> list[Booking]:
    """The did-not-attend bookings to take back: the chosen, or the only one."""
    if booking_ids:
        targets = chosen_bookings(session, booking_ids)
        for b in targets:
            if b.status != BookingStatus.DNA:
                raise NotAllowedError(
                    translate(
                        "sessions",
                        "{display_name}'s booking is {value}, not marked did-not-attend.",
                    ).format(display_name=b.client.display_name, value=b.status.value)
                )
        return targets
    targets = [b for b in session.bookings if b.status == BookingStatus.DNA]
    if not targets:
        raise NotAllowedError(translate("lifecycle", NO_DNA_TO_TAKE_BACK))
    if len(targets) > 1:
        raise ValidationError(
            translate("sessions", "Choose whose did-not-attend mark to take back."),
            field="clients",
        )
    return targets


def _no_show_sds(uow: UnitOfWork, targets: Sequence[Booking]) -> list[ServiceDelivered]:
    return list(
        uow.session.scalars(
            select(ServiceDelivered)
            .where(
                ServiceDelivered.booking_id.in_([b.id for b in targets]),
                ServiceDelivered.kind == SdKind.NO_SHOW,
            )
            .order_by(ServiceDelivered.id)
        )
    )
