"""Permanent delete of a session entered in error and what blocks it.

A payment or adjustment that blocks it is removed first, by `app.services.money.payments`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update

from app.db import UnitOfWork
from app.errors import BlockedError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import (
    Adjustment,
    BulkCancelItem,
    Cancellation,
    CancellationLine,
    ClinicalNote,
    CreditEntry,
    InsuranceClaim,
    OutboxMessage,
    Payment,
    ServiceDelivered,
    Session,
)
from app.models.base import as_dict
from app.models.enums import IntegrationKind, LedgerKind, SessionStatus
from app.models.money import format_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.calendar_feed import tombstones
from app.services.dto import ChangeSet, OperationResult
from app.services.money.payments import remove_adjustment as remove_adjustment
from app.services.money.payments import remove_payment as remove_payment
from app.services.money.refunds import Held, still_held
from app.services.outbox import notify, withdrawal
from app.services.sessions.common import load_session, session_label, snapshot


@dataclass(frozen=True)
class Blocker:
    """One thing that stops a permanent delete, and how to clear it."""

    kind: str  # insurance | payment | adjustment | note | extracted_sd | bulk_job
    record_id: int
    text: str
    how_to_clear: str
    removable: bool = False  # a manager can remove it from the delete dialog


@dataclass(frozen=True)
class DeleteCheck:
    session_id: int
    blockers: tuple[Blocker, ...]
    addendum_reminder: str | None
    removes: tuple[str, ...] = ()  # what a permanent delete takes away, one sentence each

    @property
    def can_delete(self) -> bool:
        return not self.blockers


def check_delete(uow: UnitOfWork, session_id: int) -> DeleteCheck:
    """Everything that blocks a permanent delete, each with its own sentence."""
    session = load_session(uow, session_id)
    tz = practice.time_zone(uow)
    instead = _way_out(uow, session)
    blockers = [
        *_insurance_blockers(uow, session.id, tz, instead),
        *_payment_blockers(uow, session.id, tz),
        *_adjustment_blockers(uow, session.id, tz),
        *_note_blockers(uow, session.id, tz, instead),
        *_extracted_blockers(uow, session.id, instead),
        *_bulk_job_blockers(uow, session.id),
    ]
    return DeleteCheck(session.id, tuple(blockers), _addendum(uow), _what_goes(uow, session))


def _way_out(uow: UnitOfWork, session: Session) -> str:
    """The way out named in each sentence: a session already cancelled has nothing to apply, and
    one that has started can no longer be cancelled (the delete dialog greys that choice)."""
    if session.status == SessionStatus.CANCELLED:
        return translate("sessions", "leave the session cancelled")
    if uow.now() >= session.starts_at:
        return translate(
            "sessions",
            "leave the session as it is: it has already started, so no cancellation can apply",
        )
    return translate("sessions", "apply a cancellation instead")


def _insurance_blockers(
    uow: UnitOfWork, session_id: int, tz: ZoneInfo, instead: str
) -> Iterator[Blocker]:
    """A claim to an insurer or funder: the session can never be deleted."""
    for c in uow.session.scalars(
        select(InsuranceClaim).where(InsuranceClaim.session_id == session_id)
    ):
        yield Blocker(
            "insurance",
            c.id,
            translate(
                "sessions", "Billed to insurance: claim {claim} to {insurer} on {day}."
            ).format(
                claim=c.claim_number,
                insurer=c.insurer,
                day=when_text(c.billed_at.astimezone(tz), "%d %b %Y"),
            ),
            translate(
                "sessions",
                "A session ever billed to insurance can never be deleted. This is for good, even "
                "once the claim is paid or withdrawn: remove its charges through payment entry, "
                "and {instead}.",
            ).format(instead=instead),
        )


def _payment_blockers(uow: UnitOfWork, session_id: int, tz: ZoneInfo) -> Iterator[Blocker]:
    """Each payment posted to the session (a manager may remove it from the dialog)."""
    for p in uow.session.scalars(select(Payment).where(Payment.session_id == session_id)):
        yield Blocker(
            "payment",
            p.id,
            translate("sessions", "Payment of {amount} ({method}) posted {day}.").format(
                amount=format_money(p.amount_cents),
                method=p.method,
                day=when_text(p.posted_at.astimezone(tz), "%d %b %Y"),
            ),
            translate("sessions", "Remove the payment first, then delete."),
            removable=True,
        )


def _adjustment_blockers(uow: UnitOfWork, session_id: int, tz: ZoneInfo) -> Iterator[Blocker]:
    """Each adjustment posted to the session (a manager may remove it from the dialog)."""
    for a in uow.session.scalars(select(Adjustment).where(Adjustment.session_id == session_id)):
        yield Blocker(
            "adjustment",
            a.id,
            translate("sessions", "Adjustment of {amount} ({kind}) posted {day}.").format(
                amount=format_money(a.amount_cents),
                kind=a.kind,
                day=when_text(a.posted_at.astimezone(tz), "%d %b %Y"),
            ),
            translate("sessions", "Remove the adjustment first, then delete."),
            removable=True,
        )


def _note_blockers(
    uow: UnitOfWork, session_id: int, tz: ZoneInfo, instead: str
) -> Iterator[Blocker]:
    """Each finalized clinical note: part of the clinical record."""
    for n in uow.session.scalars(
        select(ClinicalNote).where(
            ClinicalNote.session_id == session_id, ClinicalNote.finalized.is_(True)
        )
    ):
        when = n.finalized_at or n.created_at
        yield Blocker(
            "note",
            n.id,
            translate("sessions", "A finalized clinical note (finalized {day}).").format(
                day=when_text(when.astimezone(tz), "%d %b %Y")
            ),
            translate(
                "sessions", "A session with a finalized note can't be deleted; {instead}."
            ).format(instead=instead),
        )


def _extracted_blockers(uow: UnitOfWork, session_id: int, instead: str) -> Iterator[Blocker]:
    """Each SD already extracted for claiming."""
    for sd in uow.session.scalars(
        select(ServiceDelivered).where(
            ServiceDelivered.session_id == session_id, ServiceDelivered.extracted_at.is_not(None)
        )
    ):
        yield Blocker(
            "extracted_sd",
            sd.id,
            translate("sessions", "SD #{id} ({kind}, {amount}) was extracted for claiming.").format(
                id=sd.id, kind=sd.kind.value, amount=format_money(sd.amount_cents)
            ),
            translate("sessions", "Extracted SDs can't be removed; {instead}.").format(
                instead=instead
            ),
        )


def _bulk_job_blockers(uow: UnitOfWork, session_id: int) -> Iterator[Blocker]:
    """Each bulk cancellation job the session is part of."""
    for item in uow.session.scalars(
        select(BulkCancelItem).where(BulkCancelItem.session_id == session_id)
    ):
        yield Blocker(
            "bulk_job",
            item.job_id,
            translate("sessions", "Part of bulk cancellation job #{job}.").format(job=item.job_id),
            translate("sessions", "Undo that bulk job first, or leave the session cancelled."),
        )


def _count(uow: UnitOfWork, model: Any, session_id: int) -> int:
    return int(uow.session.scalar(select(func.count()).where(model.session_id == session_id)) or 0)


def _what_goes(uow: UnitOfWork, session: Session) -> tuple[str, ...]:
    """Each thing a permanent delete removes or changes, in words a receptionist reads."""
    tz = practice.time_zone(uow)
    goes = [
        translate("sessions", "The session: {session}.").format(session=session_label(session, tz))
    ]
    if session.bookings:
        names = ", ".join(f"{b.client.first_name} {b.client.last_name}" for b in session.bookings)
        goes.append(
            translate("sessions", "{count} booking(s): {names}.").format(
                count=len(session.bookings), names=names
            )
        )
    held = still_held(uow, list(session.bookings))
    credits = sum(h.credits for h in held.values())
    if credits:
        goes.append(
            translate(
                "sessions", "{count} credit(s) used on it go back to the clients' balances."
            ).format(count=credits)
        )
    for b in session.bookings:
        if held.get(b.id, Held()).cents:
            goes.append(
                translate(
                    "sessions",
                    "{amount} {name} paid for it is recorded as refunded: give it back to them.",
                ).format(
                    amount=format_money(held[b.id].cents),
                    name=f"{b.client.first_name} {b.client.last_name}",
                )
            )
    sds = uow.session.execute(
        select(func.count(), func.coalesce(func.sum(ServiceDelivered.amount_cents), 0)).where(
            ServiceDelivered.session_id == session.id
        )
    ).one()
    if sds[0]:
        goes.append(
            translate("sessions", "{count} SD(s) (billing lines) totalling {amount}.").format(
                count=sds[0], amount=format_money(int(sds[1]))
            )
        )
    for model, words in (
        (
            Cancellation,
            QT_TRANSLATE_NOOP("sessions", "{count} cancellation record(s) and their history."),
        ),
        (ClinicalNote, QT_TRANSLATE_NOOP("sessions", "{count} clinical note(s) (drafts).")),
    ):
        if n := _count(uow, model, session.id):
            goes.append(translate("sessions", words).format(count=n))
    if n := _count(uow, OutboxMessage, session.id):
        goes.append(
            translate(
                "sessions",
                "{count} outbox message(s) about it stay in the outbox history, no longer linked "
                "to it.",
            ).format(count=n)
        )
    if practice.settings(uow).integration_kind != IntegrationKind.NONE:
        goes.append(translate("sessions", "The other system is told the session was deleted."))
    goes.append(translate("sessions", "The audit log keeps a full snapshot of what was deleted."))
    return tuple(goes)


def _addendum(uow: UnitOfWork) -> str | None:
    settings = practice.settings(uow)
    if settings.integration_kind == IntegrationKind.NONE:
        return None
    name = str(
        settings.integration_config.get("name") or translate("outbox", "the practice system")
    )
    return translate(
        "sessions", "Remember to write an addendum in {name} for the deleted session."
    ).format(name=name)


def _full_snapshot(uow: UnitOfWork, session: Session) -> dict[str, Any]:
    data = snapshot(session)
    q = uow.session.scalars
    data["sds"] = [
        as_dict(sd, ("id", "booking_id", "kind", "support_item", "amount_cents", "cancellation_id"))
        for sd in q(select(ServiceDelivered).where(ServiceDelivered.session_id == session.id))
    ]
    data["cancellations"] = [
        as_dict(
            c, ("id", "cancelled_by", "reason_id", "advised_at", "note", "undone_at", "undo_reason")
        )
        for c in q(select(Cancellation).where(Cancellation.session_id == session.id))
    ]
    data["notes"] = [
        as_dict(n, ("id", "body", "finalized"))
        for n in q(select(ClinicalNote).where(ClinicalNote.session_id == session.id))
    ]
    return data


def delete_session(
    uow: UnitOfWork, session_id: int, *, expected_version: int | None = None
) -> OperationResult:
    """Permanently delete a session entered in error; refused with every blocker listed."""
    require(uow.actor, Permission.DELETE_SESSION)
    session = load_session(uow, session_id, expected_version)
    check = check_delete(uow, session_id)
    if not check.can_delete:
        raise _refusal(check.blockers, _way_out(uow, session))
    before = _full_snapshot(uow, session)
    clients = frozenset(b.client_id for b in session.bookings)
    booking_ids = [b.id for b in session.bookings]
    _return_credits(uow, session)
    sid = session.id
    _remove_records(uow, sid)
    _unlink_records(uow, sid, clients, booking_ids)
    tombstones.bury(uow, session)  # calendars that imported it see it cancelled
    uow.session.delete(session)
    uow.session.flush()
    _tell_other_system(uow, sid)
    audit.record(uow, "session.delete", "session", sid, session_id=sid, before=before, after=None)
    return OperationResult(
        message=translate("sessions", "The session was permanently deleted."),
        changes=ChangeSet(frozenset({sid}), clients, frozenset({"delete"})),
        session_id=None,
        reminder=check.addendum_reminder,
    )


def _refusal(blockers: tuple[Blocker, ...], instead: str) -> BlockedError:
    """The refusal listing every blocker; billed to an insurer, the session never can be."""
    for_good = any(b.kind == "insurance" for b in blockers)
    if for_good:
        said = translate(
            "sessions",
            "This session can't be permanently deleted. It was billed to an insurer or funder, "
            "so it never can be: {instead}.",
        )
    else:
        said = translate(
            "sessions",
            "This session can't be permanently deleted. Clear what is listed, or {instead}.",
        )
    return BlockedError(
        said.format(instead=instead), [f"{b.text} {b.how_to_clear}" for b in blockers]
    )


def _remove_records(uow: UnitOfWork, sid: int) -> None:
    """The session's SDs, cancellations (and their lines) and draft notes go with it."""
    uow.session.execute(delete(ServiceDelivered).where(ServiceDelivered.session_id == sid))
    cancellation_ids = select(Cancellation.id).where(Cancellation.session_id == sid)
    uow.session.execute(
        delete(CancellationLine).where(CancellationLine.cancellation_id.in_(cancellation_ids))
    )
    uow.session.execute(delete(Cancellation).where(Cancellation.session_id == sid))
    uow.session.execute(delete(ClinicalNote).where(ClinicalNote.session_id == sid))


def _unlink_records(
    uow: UnitOfWork, sid: int, clients: frozenset[int], booking_ids: list[int]
) -> None:
    """What stays on file (outbox history, ledger lines, its replacements) no longer points at
    the session; the client e-mails about it not yet gone are withdrawn."""
    # Client e-mails about it not yet gone (waiting, or refused by the server) would be untrue.
    withdrawal.withdraw_superseded(uow, sid, clients, withdrawal.DELETED)
    uow.session.execute(
        update(OutboxMessage).where(OutboxMessage.session_id == sid).values(session_id=None)
    )
    uow.session.execute(
        update(CreditEntry).where(CreditEntry.booking_id.in_(booking_ids)).values(booking_id=None)
    )
    uow.session.execute(
        update(Session).where(Session.replacement_of_id == sid).values(replacement_of_id=None)
    )


def _tell_other_system(uow: UnitOfWork, sid: int) -> None:
    """The other system hears the session was deleted (or a manual to-do says to do it there)."""
    settings = practice.settings(uow)
    notify.write_integration_message(
        uow,
        settings,
        key=f"delete:{sid}:integration",
        topic="delete",
        session_id=None,
        payload={"event": "session.deleted", "session_id": sid},
        created_at=uow.now(),
    )


def _return_credits(uow: UnitOfWork, session: Session) -> None:
    """Credits spent on a session entered in error go back to the client, and a single-class
    purchase is refunded, but not what a cancellation of it gave back already."""
    held = still_held(uow, list(session.bookings))
    for b in session.bookings:
        if b.id in held:
            what = "purchase refunded" if held[b.id].cents else "credits returned"
            uow.session.add(
                CreditEntry(
                    client_id=b.client_id,
                    booking_id=None,
                    kind=LedgerKind.REFUND,
                    credits=held[b.id].credits,
                    amount_cents=-held[b.id].cents,
                    created_at=uow.now(),
                    note=f"Session #{session.id} deleted (entered in error): {what}",
                    created_by_id=uow.actor.user_id or None,
                )
            )
