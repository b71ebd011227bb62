"""The one cancellation writer: cancels one or many sessions with one statement per table.

What a cancellation changes is decided before it is written — who leaves, what each client is
charged, the notice given — by the single cancel (`cancellation.cancel`, a whole series too)
and by a bulk job's batch (`bulk_batch.cancel_batch`). This module writes it, in the caller's
transaction: the cancellations and their lines, the charge SDs, a bulk job's refunds, the
client notices (held for the grace period, with the fee sentence) and the integration message,
the bookings and sessions cancelled with their versions bumped, the leaving clients' unsent
reminders withdrawn, and one audit event per session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any, NamedTuple, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, Update, bindparam, insert, update

from app.db import UnitOfWork
from app.errors import ConflictError
from app.models import (
    Booking,
    Cancellation,
    CancellationLine,
    CancellationReason,
    CreditEntry,
    OutboxMessage,
    PracticeSettings,
    ServiceDelivered,
    Session,
)
from app.models.enums import BookingStatus, CancelledBy, SdKind, SessionStatus
from app.models.lifecycle import derive_status
from app.services.audit import chain as audit
from app.services.calendar_feed import hook as calendar_feed
from app.services.outbox import notify
from app.services.rows import execute_rows, insert_returning, insert_rows
from app.services.sessions.cancel_notices import notices
from app.services.sms.reminder_withdrawal import withdraw_cancelled


def table(model: type[Any]) -> Table:
    """The Core table of a mapped class."""
    return cast(Table, model.__table__)


class Leaving(NamedTuple):
    """One booked client leaving a session, and what their cancellation costs them."""

    booking_id: int
    booking_version: int
    contact: notify.Contact
    short_notice: bool
    explanation: str
    charge_cents: int = 0
    waived: bool = False
    waiver_reason: str | None = None
    waived_cents: int = 0  # what the rule would have charged, when the charge is waived
    claim_type: str = ""
    reason_code: str | None = None
    fee: str = ""  # the fee sentence of the client's notice; "" when nothing is charged
    refund: dict[str, Any] | None = None  # what a place paid up front gets back (ledger values)
    # The charge line's quantity and unit price (hours × at most the hourly price on an hourly
    # item; None: 1 × the charge), and who pays it ("client": their funder pays no fees).
    quantity: Decimal | None = None
    unit_price_cents: int | None = None
    bill_to: str = ""


class Target(NamedTuple):
    """One session to cancel: its audit snapshot as read, who leaves, and the notice given."""

    before: dict[str, Any]  # the session's fields with "bookings" (all of them, in id order)
    starts_at: datetime
    service_name: str
    worker_name: str
    support_item: str
    gst_code: str
    leaving: tuple[Leaving, ...]
    whole_session: bool
    notice_minutes: int
    notice_working: str
    # `before` is as the audit trail stores it (JSON's own types, every dict's keys in order),
    # so the audit event takes it and the state after it as they are.
    canonical: bool = False


@dataclass(frozen=True)
class Act:
    """What every session cancelled in one go shares: who, why, when advised, the note."""

    cancelled_by: CancelledBy
    reason: CancellationReason
    advised_at: datetime
    note: str
    topic: str  # of the client notices
    settings: PracticeSettings
    tz: ZoneInfo
    waive: bool = False
    bulk_job_id: int | None = None
    # Sessions of a series cancelled together share the first cancellation's id.
    series: bool = False


class Written(NamedTuple):
    """One session's cancellation as written, and the session's state after it."""

    cancellation_id: int
    session_id: int
    status: SessionStatus
    cancelled_by_worker: bool
    version: int
    charge_cents: int
    sd_ids: tuple[int, ...]


class Shared(NamedTuple):
    """What every session of one act says alike, worked out once for the act."""

    decided: dict[str, Any]  # the audit "after"'s fields of the act (`audit_after`)
    wait: timedelta  # how long its client notices wait
    reason: str | None  # the reason as a notice says it; None: notices leave it out
    fee_in_email: bool
    effect: notify.IntegrationEffect  # what the other system gets

    @classmethod
    def of(cls, act: Act) -> Shared:
        settings = act.settings
        decided = {"cancelled_by": act.cancelled_by.value, "reason": act.reason.code,
                   "advised_at": act.advised_at.isoformat(), "waived": act.waive,
                   "note": act.note}  # fmt: skip
        wait = notify.grace(settings) if act.bulk_job_id is None else notify.closure_wait(settings)
        reason = act.reason.label if settings.reason_in_email else None
        return cls(decided, wait, reason, bool(settings.fee_in_email),
                   notify.integration_effect(settings, "cancel"))  # fmt: skip


def audit_after(
    state: dict[str, Any], decided: dict[str, Any], notice_minutes: int, charges: dict[int, int]
) -> dict[str, Any]:
    """The audit event's "after" of a cancellation: the session's state and what was decided
    (`decided`: who, why, when advised, waived, the note), every dict's keys in order, as the
    trail stores it, when `state`'s are."""
    after = {
        **state,
        **decided,
        "notice_minutes": notice_minutes,
        "charges": dict(sorted((str(k), v) for k, v in charges.items())),
    }
    return {key: after[key] for key in sorted(after)}  # the keys alone sorted: text to text


def session_after(t: Target, cancelled_by: CancelledBy) -> tuple[dict[str, Any], SessionStatus]:
    """The session's audit snapshot once its leaving clients are cancelled, and its status."""
    leaving = {c.booking_id for c in t.leaving}
    bookings = t.before["bookings"]
    statuses = [
        BookingStatus.CANCELLED if b["id"] in leaving else BookingStatus(b["status"])
        for b in bookings
    ]
    by_worker = bool(t.before["cancelled_by_worker"]) or cancelled_by == CancelledBy.WORKER
    status = derive_status(statuses, by_worker)
    return {  # an enum's stored text, without the property's lookup
        **t.before,
        "status": status._value_,
        "cancelled_by_worker": by_worker,
        "version": t.before["version"] + 1,
        "bookings": [{**b, "status": s._value_} for b, s in zip(bookings, statuses, strict=True)],
    }, status


def write_cancellations(uow: UnitOfWork, act: Act, targets: Sequence[Target]) -> list[Written]:
    """Cancel every target in the caller's transaction; a session changed meanwhile refuses all."""
    if not targets:
        return []
    uow.session.flush()  # the statements below go past the ORM: its pending changes go first
    conn, now = uow.session.connection(), uow.now()
    ids = _cancellation_ids(conn, [_cancellation(uow, act, t, now) for t in targets])
    if act.series and len(ids) > 1:
        c = table(Cancellation).c
        conn.execute(
            update(table(Cancellation)).where(c.id.in_(ids)).values(series_first_id=ids[0])
        )
    charged = [(t, cid, x) for t, cid in zip(targets, ids, strict=True) for x in t.leaving
               if x.charge_cents > 0]  # fmt: skip
    sd_ids = _returning(conn, ServiceDelivered, [_sd(t, cid, x, now) for t, cid, x in charged])
    sds_of: dict[int, list[int]] = {}
    for (_t, cid, _x), sd_id in zip(charged, sd_ids, strict=True):
        sds_of.setdefault(cid, []).append(sd_id)
    rows = _Rows()
    # A client's notices of a series cancelled together, or of one bulk job (in whichever of its
    # batches), go as one e-mail (a row each still).
    if act.series and len(ids) > 1:
        rows.together = partial(notify.together_key, ids[0])
    elif act.bulk_job_id is not None:
        rows.together = partial(notify.closure_key, act.bulk_job_id)
    written = [rows.add(act, t, cid, tuple(sds_of.get(cid, ())), now)
               for t, cid in zip(targets, ids, strict=True)]  # fmt: skip
    rows.write(uow, conn, now)
    return written


def _returning(conn: Connection, model: type[Any], rows: list[dict[str, Any]]) -> list[int]:
    """INSERT the rows in one statement; their new ids, in the rows' order."""
    if not rows:
        return []
    t = table(model)
    stmt = insert(t).returning(t.c.id, sort_by_parameter_order=True)
    return list(conn.execute(stmt, rows).scalars().all())


def _cancellation_ids(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """INSERT the cancellations; their new ids, in the rows' order.

    Each names its own session, so the ids come back paired with their sessions, in whatever
    order: the rows go many to a statement, where asking for the rows' order would send them
    one at a time.
    """
    sessions = [r["session_id"] for r in rows]
    if len(set(sessions)) != len(sessions):
        return _returning(conn, Cancellation, rows)
    result = insert_returning(conn, table(Cancellation), rows, "session_id", "id")
    made: dict[int, int] = {sid: cid for sid, cid in result}
    return [made[sid] for sid in sessions]


def _cancellation(uow: UnitOfWork, act: Act, t: Target, now: datetime) -> dict[str, Any]:
    return {
        "session_id": t.before["id"],
        "cancelled_by": act.cancelled_by,
        "whole_session": t.whole_session,
        "reason_id": act.reason.id,
        "advised_at": act.advised_at,
        "recorded_at": now,
        "notice_minutes": t.notice_minutes,
        "notice_working": t.notice_working,
        "note": act.note,
        "actor_id": uow.actor.user_id,
        "bulk_job_id": act.bulk_job_id,
    }


def _sd(t: Target, cancellation_id: int, x: Leaving, now: datetime) -> dict[str, Any]:
    """The cancellation-charge line (SD) for one client: hours on an hourly item, else 1 unit."""
    return {
        "session_id": t.before["id"],
        "booking_id": x.booking_id,
        "kind": SdKind.CANCELLATION,
        "cancellation_id": cancellation_id,
        "support_item": t.support_item,
        "claim_type": x.claim_type,
        "reason_code": x.reason_code,
        "quantity": Decimal("1.00") if x.quantity is None else x.quantity,
        "unit_price_cents": x.charge_cents if x.unit_price_cents is None else x.unit_price_cents,
        "amount_cents": x.charge_cents,
        "gst_code": t.gst_code,
        "created_at": now,
        "bill_to": x.bill_to,
    }


class _Rows:
    """The rows of every table the cancellations write, gathered to go one statement each."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []
        self.refunds: list[dict[str, Any]] = []
        self.messages: list[dict[str, Any]] = []
        self.bookings: list[dict[str, Any]] = []
        self.sessions: list[dict[str, Any]] = []
        self.events: list[audit.Event] = []
        self.when: dict[datetime, str] = {}  # each start, as the messages say it
        self.shared: Shared | None = None  # what the act's sessions say alike, once
        # A client id → the group key of their notices that go as one e-mail; None: each alone.
        self.together: Callable[[int], str] | None = None

    def add(self, act: Act, t: Target, cid: int, sd_ids: tuple[int, ...], now: datetime) -> Written:
        sid = t.before["id"]
        for x in t.leaving:
            self.lines.append({"cancellation_id": cid, "booking_id": x.booking_id,
                               "short_notice": x.short_notice, "charge_cents": x.charge_cents,
                               "waived": x.waived, "waiver_reason": x.waiver_reason,
                               "waived_cents": x.waived_cents,
                               "explanation": x.explanation})  # fmt: skip
            self.bookings.append({"b_id": x.booking_id, "b_version": x.booking_version})
            if x.refund is not None:
                self.refunds.append({**x.refund, "cancellation_id": cid})
        shared = self.shared
        if shared is None:
            shared = self.shared = Shared.of(act)
        self.messages.extend(notices(act, t, cid, now, self.when, self.together, shared))
        after, status = session_after(t, act.cancelled_by)
        self.sessions.append({"s_id": sid, "s_version": t.before["version"], "s_status": status,
                              "s_by_worker": after["cancelled_by_worker"]})  # fmt: skip
        charges = {x.booking_id: x.charge_cents for x in t.leaving}
        self.events.append(audit.Event("session.cancel", "cancellation", cid, sid, t.before,
                                       audit_after(after, shared.decided, t.notice_minutes,
                                                   charges),
                                       canonical=t.canonical))  # fmt: skip
        return Written(cid, sid, status, after["cancelled_by_worker"], after["version"],
                       sum(charges.values()), sd_ids)  # fmt: skip

    def write(self, uow: UnitOfWork, conn: Connection, now: datetime) -> None:
        # A reminder waiting for a place now cancelled never shows as waiting (one statement,
        # before the notices below join the outbox's waiting messages it looks through).
        leaving = [r["b_id"] for r in self.bookings]
        withdrawn = withdraw_cancelled(conn, [r["s_id"] for r in self.sessions], leaving, now)
        for model, rows in (
            (CancellationLine, self.lines),
            (CreditEntry, self.refunds),
            (OutboxMessage, self.messages),
        ):
            insert_rows(conn, table(model), rows)  # none for an empty class, an invoiced client
        _versioned_update(conn, table(Booking), self.bookings, "b", status=BookingStatus.CANCELLED)
        _versioned_update(conn, table(Session), self.sessions, "s", updated_at=now)
        calendar_feed.touch(uow, (r["s_id"] for r in self.sessions))  # the ORM does not see it
        audit.record_many(uow, self.events if withdrawn is None else [*self.events, withdrawn])


def _versioned_update(
    conn: Connection, t: Table, rows: list[dict[str, Any]], p: str, **fixed: Any
) -> None:
    """UPDATE … SET version = version + 1 WHERE id and version match, for every row, or refuse."""
    if not rows:
        return
    # The same for every row, but not from one call to the next (now).
    given = {f"{p}_{name}": value for name, value in fixed.items()}

    def statement() -> Update:
        values: dict[str, Any] = {"version": t.c.version + 1}
        values.update({name: bindparam(f"{p}_{name}") for name in fixed})
        if p == "s":
            values.update(
                status=bindparam("s_status"), cancelled_by_worker=bindparam("s_by_worker")
            )
        return (
            update(t)
            .where(t.c.id == bindparam(f"{p}_id"), t.c.version == bindparam(f"{p}_version"))
            .values(**values)
        )

    changed = execute_rows(conn, f"versioned {t.name} {p}", statement, rows, given)
    sane = len(rows) == 1 or conn.dialect.supports_sane_multi_rowcount
    if sane and changed != len(rows):
        raise ConflictError()
