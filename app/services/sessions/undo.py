"""Undo a cancellation: bookings back to booked, its SDs removed, the history kept and marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import BlockedError, NotAllowedError, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Cancellation, ServiceDelivered, Session
from app.models.enums import BookingStatus, SessionStatus
from app.models.lifecycle import UNDO_EXTRACTED
from app.models.money import format_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import checked_text
from app.services.bulk import items as bulk_items
from app.services.dto import ChangeSet, OperationResult
from app.services.money.refunds import reverse_refunds, spent_since
from app.services.outbox import notify, withdrawal
from app.services.sessions.common import load_session, snapshot, touch


def _latest_open(uow: UnitOfWork, session_id: int) -> Cancellation | None:
    return uow.session.scalar(
        select(Cancellation)
        .where(Cancellation.session_id == session_id, Cancellation.undone_at.is_(None))
        .order_by(Cancellation.id.desc())
        .limit(1)
    )


def extracted_blockers(uow: UnitOfWork, cancellation_id: int) -> list[str]:
    """The extracted SDs of a cancellation, each as a line the undo dialog lists."""
    tz = practice.time_zone(uow)
    rows = uow.session.scalars(
        select(ServiceDelivered).where(
            ServiceDelivered.cancellation_id == cancellation_id,
            ServiceDelivered.extracted_at.is_not(None),
        )
    )
    return [line for sd in rows if (line := extracted_line(sd, tz)) is not None]


def extracted_line(sd: ServiceDelivered, tz: ZoneInfo) -> str | None:
    """An extracted SD as a refusal lists it (an undo's, a did-not-attend taken back); None
    while it is not extracted."""
    if sd.extracted_at is None:
        return None
    return (
        f"SD #{sd.id} ({sd.support_item}, {format_money(sd.amount_cents)}) was extracted for claiming "
        f"on {when_text(sd.extracted_at.astimezone(tz), '%d %b %Y')}"
        + (f" (batch {sd.extraction_batch_id})" if sd.extraction_batch_id else "")
    )


def _replacement_refusal(uow: UnitOfWork, session: Session, sibling: bool) -> str | None:
    """Why no cancellation of the session can be undone while a replacement session stands;
    for another session of the series (`sibling`), which one and that this one alone can be."""
    replacement = uow.session.scalar(
        select(Session.id).where(
            Session.replacement_of_id == session.id, Session.status != SessionStatus.CANCELLED
        )
    )
    if replacement is None:
        return None
    if sibling:
        when = when_text(session.starts_at.astimezone(practice.time_zone(uow)), "%a %d %b %H:%M")
        return translate(
            "sessions",
            "The session on {when} was replaced by session #{id}, so it can't come back. Undo "
            "only this session, or cancel or delete the replacement first.",
        ).format(when=when, id=replacement)
    return translate(
        "sessions",
        "This session was replaced by session #{id}. Cancel or delete the replacement first, so the clients are not booked twice.",
    ).format(id=replacement)


def _standing_refusal(
    uow: UnitOfWork, session: Session, cancellation: Cancellation, sibling: bool
) -> str | None:
    """Why putting the cancellation's clients back is refused: a replacement stands for the
    session, or its freed place was taken since; None when the undo can go ahead."""
    return _replacement_refusal(uow, session, sibling) or _overfill_refusal(
        uow, session, cancellation, sibling
    )


def undo_refusals(uow: UnitOfWork, session_id: int) -> dict[int, str | None]:
    """Each standing cancellation of the session, with why undoing it alone would be refused
    (None when it can be undone): the refusals `undo_cancellation` makes, in the sentences the
    schedule greys Undo with and the choice of cancellation shows."""
    standing = list(
        uow.session.scalars(
            select(Cancellation)
            .where(Cancellation.session_id == session_id, Cancellation.undone_at.is_(None))
            .order_by(Cancellation.id)
        )
    )
    if not standing:
        return {}
    session = load_session(uow, session_id)
    return {
        c.id: (
            translate("lifecycle", UNDO_EXTRACTED)
            if extracted_blockers(uow, c.id)
            else _standing_refusal(uow, session, c, False)
        )
        for c in standing
    }


def series_siblings(uow: UnitOfWork, cancellation_id: int) -> list[tuple[int, datetime]]:
    """The other sessions (id, start) a series cancellation covered that are still cancelled."""
    first = uow.session.get(Cancellation, cancellation_id)
    if first is None or first.series_first_id is None:
        return []
    rows = uow.session.execute(
        select(Session.id, Session.starts_at)
        .join(Cancellation, Cancellation.session_id == Session.id)
        .where(
            Cancellation.series_first_id == first.series_first_id,
            Cancellation.id != first.id,
            Cancellation.undone_at.is_(None),
        )
        .order_by(Session.starts_at)
    )
    return [(r.id, r.starts_at) for r in rows]


def undo_cancellation(
    uow: UnitOfWork,
    session_id: int,
    reason: str,
    *,
    cancellation_id: int | None = None,
    expected_version: int | None = None,
    with_series: bool = False,
) -> OperationResult:
    """Needs the undo permission; refused, listing them, when any SD was already extracted.

    With `with_series`, the other sessions the same series cancellation covered are restored too.
    """
    require(uow.actor, Permission.UNDO_CANCELLATION)
    session = load_session(uow, session_id, expected_version)
    why = checked_undo_reason(reason)
    cancellation = _cancellation_to_undo(uow, session, cancellation_id)
    targets = [(session, cancellation)]
    if with_series:
        targets += _series_targets(uow, cancellation)
    _refuse_blocked(uow, session, targets)
    spent = spent_since(uow, [c.id for _s, c in targets])  # read before the credits go back
    sessions: set[int] = set()
    clients: set[int] = set()
    for target, cancelled in targets:
        clients.update(_undo_one(uow, target, cancelled, why))
        sessions.add(target.id)
    count = len(targets)
    # A bulk job's session: the job's item (and perhaps the job) changed too (`bulk.items`).
    jobs = {"bulk"} if any(c.bulk_job_id is not None for _s, c in targets) else set()
    done = (
        translate("sessions", "The cancellation was undone; the session is rostered again.")
        if count == 1
        else translate(
            "sessions",
            "The cancellation was undone; {count} sessions of the series are rostered again.",
        ).format(count=count)
    )
    return OperationResult(
        message=" ".join([done, *(said for s in spent if (said := s.after_undo()))]),
        changes=ChangeSet(frozenset(sessions), frozenset(clients), frozenset({"undo", *jobs})),
        session_id=session.id,
    )


def _cancellation_to_undo(
    uow: UnitOfWork, session: Session, cancellation_id: int | None
) -> Cancellation:
    """The cancellation asked for (default: the session's latest open one), still in force."""
    cancellation = (
        uow.session.get(Cancellation, cancellation_id)
        if cancellation_id
        else _latest_open(uow, session.id)
    )
    if cancellation is None or cancellation.session_id != session.id:
        raise NotFoundError(translate("sessions", "This session has no cancellation to undo."))
    if cancellation.undone_at is not None:
        raise NotAllowedError(translate("sessions", "This cancellation was already undone."))
    return cancellation


def _refuse_blocked(
    uow: UnitOfWork, session: Session, targets: list[tuple[Session, Cancellation]]
) -> None:
    """Refuse the whole undo, before anything is written, when a charge was extracted for
    claiming, a replacement stands for a session, or a session would be overfilled."""
    blockers = [b for _s, c in targets for b in extracted_blockers(uow, c.id)]
    if blockers:
        raise BlockedError(
            translate(
                "sessions",
                "This cancellation can't be undone: its charges were already extracted for claiming. Correct the claim with the funder instead.",
            ),
            blockers,
        )
    full = [_standing_refusal(uow, t, c, t.id != session.id) for t, c in targets]
    if any(full):  # read before anything is written: the undo is refused whole
        raise NotAllowedError(" ".join(f for f in full if f))


@dataclass(frozen=True)
class FullAgain:
    """Why the undo would overfill or book clients twice: of this session, and of the series'
    other sessions."""

    here: str = ""
    series: str = ""


def full_again(uow: UnitOfWork, cancellation_id: int) -> FullAgain:
    """The refusals `undo_cancellation` would make because a freed place was taken since or a
    replacement stands for a session, for the undo dialog to show before anything is written
    ("" where everyone can go back)."""
    cancellation = uow.session.get(Cancellation, cancellation_id)
    if cancellation is None:
        return FullAgain()
    session = load_session(uow, cancellation.session_id)
    here = _standing_refusal(uow, session, cancellation, False) or ""
    others = [_standing_refusal(uow, s, c, True) for s, c in _series_targets(uow, cancellation)]
    return FullAgain(here, " ".join(why for why in others if why))


@dataclass(frozen=True)
class SpentCredits:
    """What the undo dialog says of class credits the cancellation gave back that paid for
    other classes since: undoing this session alone, and with the series' other sessions."""

    here: tuple[str, ...] = ()
    series: tuple[str, ...] = ()


def spent_credits(uow: UnitOfWork, cancellation_id: int) -> SpentCredits:
    """The sentences `SpentSince.before_undo` says for this undo (read; nothing is written)."""
    first = uow.session.get(Cancellation, cancellation_id)
    others = [] if first is None or first.series_first_id is None else list(
        uow.session.scalars(select(Cancellation.id).where(
            Cancellation.series_first_id == first.series_first_id,
            Cancellation.id != first.id,
            Cancellation.undone_at.is_(None),
        ))
    )  # fmt: skip
    here = tuple(s.before_undo() for s in spent_since(uow, [cancellation_id]))
    if not others:
        return SpentCredits(here, here)
    together = spent_since(uow, [cancellation_id, *others])
    return SpentCredits(here, tuple(s.before_undo() for s in together))


def _overfill_refusal(
    uow: UnitOfWork, session: Session, cancellation: Cancellation, sibling: bool
) -> str | None:
    """Why putting the cancellation's clients back would take the session over its capacity
    (its freed place was refilled since, or its capacity lowered); None when they fit."""
    lines = {line.booking_id for line in cancellation.lines}
    back = sum(1 for b in session.bookings if b.id in lines and b.status == BookingStatus.CANCELLED)
    taken = [b for b in session.bookings if b.status != BookingStatus.CANCELLED]
    if not back or len(taken) + back <= session.capacity:
        return None
    since = sorted((b for b in taken if b.created_at >= cancellation.recorded_at),
                   key=lambda b: (b.created_at, b.id))  # fmt: skip
    names = ", ".join(b.client.display_name for b in since)
    when = when_text(session.starts_at.astimezone(practice.time_zone(uow)), "%a %d %b %H:%M")
    if sibling and names:
        return translate(
            "sessions",
            "The session on {when} is full again ({names} booked since). Undo only this session, "
            "or cancel or move a booking there first.",
        ).format(when=when, names=names)
    if sibling:
        return translate(
            "sessions",
            "The session on {when} has no free place left for the client to go back into. Undo "
            "only this session, or make a place there first.",
        ).format(when=when)
    if not names:
        return translate(
            "sessions",
            "This session has no free place to put the client back into: its capacity was "
            "lowered to {capacity}. Raise it (Edit session…) or cancel or move a booking first, "
            "then undo.",
        ).format(capacity=session.capacity)
    if len(since) == 1:
        return translate(
            "sessions",
            "This session is full again: {names} took the freed place. Cancel or move a booking "
            "first, then undo.",
        ).format(names=names)
    return translate(
        "sessions",
        "This session is full again: {names} took the freed places. Cancel or move a booking "
        "first, then undo.",
    ).format(names=names)


def checked_undo_reason(reason: str) -> str:
    why = checked_text(reason, "undo_reason", QT_TRANSLATE_NOOP("fields", "undo reason"))
    if not why:
        raise ValidationError(
            translate("sessions", "Say why the cancellation is being undone."), field="undo_reason"
        )
    if len(why) > 255:
        raise ValidationError(
            translate("sessions", "The undo reason is limited to 255 characters."),
            field="undo_reason",
        )
    return why


def _series_targets(
    uow: UnitOfWork, cancellation: Cancellation
) -> list[tuple[Session, Cancellation]]:
    """The other open cancellations of the same series act, each with its session (locked)."""
    if cancellation.series_first_id is None:
        return []
    others = uow.session.scalars(
        select(Cancellation)
        .where(
            Cancellation.series_first_id == cancellation.series_first_id,
            Cancellation.id != cancellation.id,
            Cancellation.undone_at.is_(None),
        )
        .order_by(Cancellation.id)
    )
    return [(load_session(uow, c.session_id, None), c) for c in others]


def _undo_one(uow: UnitOfWork, session: Session, cancellation: Cancellation, why: str) -> list[int]:
    """Restore one session's cancellation, with its messages and audit event; the clients."""
    before = snapshot(session)
    restored = _restore(uow, session, cancellation)
    cancellation.undone_at = uow.now()
    cancellation.undone_by_id = uow.actor.user_id
    cancellation.undo_reason = why
    touch(uow, session)
    _write_messages(uow, session, cancellation.id, restored)
    uow.session.flush()
    audit.record(
        uow,
        "session.undo_cancellation",
        "cancellation",
        cancellation.id,
        session_id=session.id,
        before=before,
        after={**snapshot(session), "undo_reason": why},
    )
    bulk_items.cancellation_undone(uow, cancellation, why)  # its job's item, if a job made it
    return restored


def _restore(uow: UnitOfWork, session: Session, cancellation: Cancellation) -> list[int]:
    """Rebook the cancelled bookings, delete the cancellation's SDs, reverse its refunds."""
    line_bookings = {line.booking_id for line in cancellation.lines}
    restored: list[int] = []
    for b in session.bookings:
        if b.id in line_bookings and b.status == BookingStatus.CANCELLED:
            b.status = BookingStatus.BOOKED
            restored.append(b.client_id)
    for sd in uow.session.scalars(
        select(ServiceDelivered).where(ServiceDelivered.cancellation_id == cancellation.id)
    ):
        uow.session.delete(sd)
    if cancellation.whole_session:
        session.cancelled_by_worker = False
    _reverse_refunds(uow, cancellation, line_bookings)
    return restored


def _reverse_refunds(uow: UnitOfWork, cancellation: Cancellation, bookings: set[int]) -> None:
    """Credits or purchase refunds the cancellation gave back are taken back again."""
    reverse_refunds(
        uow,
        bookings,
        cancellation.bulk_job_id,
        "Booking restored: refund reversed",
        cancellation.id,
    )


UNDONE_BEFORE_SENT = withdrawal.UNDONE


def _write_messages(
    uow: UnitOfWork, session: Session, cancellation_id: int, clients: list[int]
) -> None:
    """The cancellation notices not yet gone are withdrawn; "back on" only follows one that went."""
    settings = practice.settings(uow)
    facts = notify.session_facts(session, practice.calendar(settings).tz, settings)
    withdrawal.withdraw_superseded(
        uow, session.id, clients, UNDONE_BEFORE_SENT, notify.CANCEL_TOPICS
    )
    keys = {b.id: f"cancellation:{cancellation_id}:booking:{b.id}:email" for b in session.bookings}
    went = withdrawal.went_out(uow, list(keys.values()))
    for b in session.bookings:
        if b.client_id in clients and keys[b.id] in went:
            notify.write_client_message(
                uow,
                key=f"undo:{cancellation_id}:booking:{b.id}:email",
                topic="undo",
                session=session,
                client=b.client,
                facts=facts,
            )
    notify.write_integration_message(
        uow,
        settings,
        key=f"undo:{cancellation_id}:integration",
        topic="undo",
        session_id=session.id,
        payload={
            "event": "session.cancellation_undone",
            "session_id": session.id,
            "cancellation_id": cancellation_id,
        },
        created_at=uow.now(),
    )
