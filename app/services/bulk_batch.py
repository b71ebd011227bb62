"""Cancelling a batch of a bulk job's sessions with a few reads and one write per table.

Each session gets exactly what a practice or worker cancellation through `cancellation.cancel`
gives it — a cancellation with a line per booked client (never charged), bookings and session
cancelled with their versions bumped, the closure notice and the integration message queued,
one event in the audit chain — plus its refund and its item marked done. An empty class in a
closure is cancelled too (a cancellation without lines). A session the job can no longer cancel
is skipped or failed with the sentence saying why; its neighbours go ahead.
Everything happens in the caller's transaction, so the items' states commit with the work
they describe.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, insert, select, update

from app.db import UnitOfWork
from app.models import (
    Booking,
    BulkCancelItem,
    BulkCancelJob,
    Cancellation,
    CancellationLine,
    CancellationReason,
    Client,
    CreditEntry,
    OutboxMessage,
    Service,
    Session,
    Worker,
)
from app.models.base import as_dict
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    JobItemState,
    LedgerKind,
    PaidWith,
    SessionStatus,
)
from app.models.lifecycle import derive_status
from app.models.rules import ChargeContext, ChargeDecision, evaluate
from app.services import audit, notify, practice
from app.services.auth import Permission, require
from app.services.cancellation import (
    audit_after,
    check_request,
    checked_reason,
    integration_payload,
    rule_of,
)
from app.services.common import BOOKING_FIELDS, SESSION_FIELDS
from app.services.dto import CancelRequest
from app.services.errors import ConflictError, FrontDeskError, NotFoundError


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


_SESSIONS, _BOOKINGS, _ITEMS = _table(Session), _table(Booking), _table(BulkCancelItem)
DbRow = Row[*tuple[Any, ...]]


@dataclass
class _Outcome:
    """What became of one item: a cancellation to write, or why not."""

    item_id: int
    session: DbRow | None
    state: JobItemState
    error: str | None = None
    decision: ChargeDecision | None = None
    booked: tuple[DbRow, ...] = ()
    cancellation_id: int | None = None


def skip_reason(status: SessionStatus | None, started: bool) -> str | None:
    """Why a job passes over a session (gone, no longer rostered, started), or None."""
    if status is None:
        return "The session no longer exists."
    if status != SessionStatus.ROSTERED:
        return f"The session is already {status.value}."
    if started:
        return "The session had already started."
    return None


def _sessions(uow: UnitOfWork, ids: list[int]) -> dict[int, DbRow]:
    """The sessions with what the cancellation needs, locked against other desks until commit."""
    stmt = (
        select(
            *(getattr(Session, name) for name in SESSION_FIELDS),
            Service.name.label("service_name"),
            Service.allows_cancellation_charge,
            Service.support_worker_pricing,
            Worker.name.label("worker_name"),
        )
        .join(Service, Service.id == Session.service_id)
        .join(Worker, Worker.id == Session.worker_id)
        .where(Session.id.in_(ids))
        .with_for_update(of=Session)
    )
    return {row.id: row for row in uow.session.execute(stmt)}


def _bookings(uow: UnitOfWork, ids: list[int]) -> dict[int, list[DbRow]]:
    """Every booking of the sessions (the audit snapshot lists them all), in id order."""
    stmt = (
        select(
            *(getattr(Booking, name) for name in BOOKING_FIELDS),
            Booking.version,
            Client.first_name,
            Client.last_name,
            Client.email,
            Client.notify_consent,
        )
        .join(Client, Client.id == Booking.client_id)
        .where(Booking.session_id.in_(ids))
        .order_by(Booking.id)
    )
    out: dict[int, list[DbRow]] = defaultdict(list)
    for row in uow.session.execute(stmt):
        out[row.session_id].append(row)
    return out


class _Batch:
    """The batch's shared facts (job, reason, practice settings) and the rows it writes."""

    def __init__(self, uow: UnitOfWork, job_id: int) -> None:
        job = uow.session.execute(
            select(BulkCancelJob.reason_id, BulkCancelJob.note).where(BulkCancelJob.id == job_id)
        ).one_or_none()
        if job is None:
            raise NotFoundError(f"Bulk cancellation #{job_id} no longer exists.")
        self.uow, self.job_id, self.now = uow, job_id, uow.now()
        found = uow.session.get(CancellationReason, job.reason_id)
        who = CancelledBy.WORKER if found and found.applies_to == CancelledBy.WORKER else None
        self.req = CancelRequest(0, who or CancelledBy.PRACTICE, self.now, job.reason_id,
                                 note=job.note)  # fmt: skip
        self.settings = practice.settings(uow)
        self.cal = practice.calendar(self.settings)
        self.refusal: str | None = None
        try:
            self.reason = checked_reason(uow, self.req)
            self.rule = rule_of(self.reason)
        except FrontDeskError as exc:  # every session of the batch is refused alike
            self.refusal = exc.message
        self.decisions: dict[ChargeContext, ChargeDecision] = {}

    def decide(self, item_id: int, session: DbRow | None, bookings: list[DbRow]) -> _Outcome:
        status = session.status if session is not None else None
        started = session is not None and self.now >= session.starts_at
        why = skip_reason(status, started)
        if why is not None:
            return _Outcome(item_id, session, JobItemState.SKIPPED, why)
        assert session is not None
        booked = tuple(b for b in bookings if b.status == BookingStatus.BOOKED)
        try:
            if self.refusal is not None:
                return _Outcome(item_id, session, JobItemState.FAILED, self.refusal)
            check_request(self.uow, session.starts_at, self.req)
        except FrontDeskError as exc:
            return _Outcome(item_id, session, JobItemState.FAILED, exc.message)
        ctx = ChargeContext(
            session_start=session.starts_at,
            advised_at=self.now,
            session_price_cents=session.price_cents,
            cancelled_by=self.req.cancelled_by,
            service_allows_charges=session.allows_cancellation_charge,
            support_worker_pricing=session.support_worker_pricing,
            place_refilled=False,  # a refilled place only matters when a client cancels
        )
        decision = self.decisions.get(ctx)
        if decision is None:  # sessions starting together share their notice working
            decision = self.decisions[ctx] = evaluate(self.rule, ctx, self.cal)
        return _Outcome(item_id, session, JobItemState.DONE, None, decision, booked)

    def cancellation_values(self, o: _Outcome) -> dict[str, Any]:
        assert o.session is not None and o.decision is not None
        notice = o.decision.notice
        return {
            "session_id": o.session.id,
            "cancelled_by": self.req.cancelled_by,
            "whole_session": True,
            "reason_id": self.reason.id,
            "advised_at": self.now,
            "recorded_at": self.now,
            "notice_minutes": _minutes(o.decision),
            "notice_working": notice.text,
            "note": self.req.note.strip(),
            "actor_id": self.uow.actor.user_id,
            "bulk_job_id": self.job_id,
        }


def _refund_values(b: DbRow, job_id: int, now: datetime) -> dict[str, Any] | None:
    """Credits back onto the balance, or a refund line for a purchase; None when billed later."""
    if b.paid_with == PaidWith.CREDITS and b.credits_used:
        credits, cents, what = b.credits_used, 0, "credits returned"
    elif b.paid_with == PaidWith.PURCHASE and b.purchase_cents:
        credits, cents, what = 0, -b.purchase_cents, "purchase refunded"
    else:
        return None
    return {
        "client_id": b.client_id,
        "booking_id": b.id,
        "kind": LedgerKind.REFUND,
        "credits": credits,
        "amount_cents": cents,
        "created_at": now,
        "bulk_job_id": job_id,
        "note": f"Bulk cancellation #{job_id}: {what}",
    }


def _minutes(decision: ChargeDecision) -> int:
    return max(0, int(decision.notice.notice.total_seconds() // 60))


def _snapshots(
    o: _Outcome, bookings: list[DbRow], who: CancelledBy
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The session's audit snapshot before and after the cancellation."""
    assert o.session is not None
    before = as_dict(o.session, SESSION_FIELDS)
    before["bookings"] = [as_dict(b, BOOKING_FIELDS) for b in bookings]
    leaving = {b.id for b in o.booked}
    statuses = [BookingStatus.CANCELLED if b.id in leaving else b.status for b in bookings]
    by_worker = bool(o.session.cancelled_by_worker) or who == CancelledBy.WORKER
    after = {
        **before,
        "status": derive_status(statuses, by_worker).value,
        "cancelled_by_worker": by_worker,
        "version": o.session.version + 1,
        "bookings": [
            {**snap, "status": status.value}
            for snap, status in zip(before["bookings"], statuses, strict=True)
        ],
    }
    return before, after


def cancel_batch(uow: UnitOfWork, job_id: int, item_ids: list[int]) -> None:
    """Cancel, refund, notify and audit the sessions of these pending items; exactly once."""
    require(uow.actor, Permission.CANCEL)
    items = uow.session.execute(
        select(BulkCancelItem.id, BulkCancelItem.session_id)
        .where(BulkCancelItem.id.in_(item_ids), BulkCancelItem.state == JobItemState.PENDING)
        .order_by(BulkCancelItem.id)
    ).all()
    if not items:
        return  # done by an earlier run
    batch = _Batch(uow, job_id)
    ids = [i.session_id for i in items]
    sessions, bookings = _sessions(uow, ids), _bookings(uow, ids)
    outcomes = [batch.decide(i.id, sessions.get(i.session_id), bookings[i.session_id])
                for i in items]  # fmt: skip
    done = [o for o in outcomes if o.state == JobItemState.DONE]
    if done:
        new_ids = (
            uow.session.connection()
            .execute(
                insert(_table(Cancellation)).returning(
                    _table(Cancellation).c.id, sort_by_parameter_order=True
                ),
                [batch.cancellation_values(o) for o in done],
            )
            .scalars()
            .all()
        )
        for o, cid in zip(done, new_ids, strict=True):
            o.cancellation_id = cid
        _write(batch, done, bookings)
    _mark_items(uow, outcomes, job_id, batch.now)


def _write(batch: _Batch, done: list[_Outcome], bookings: dict[int, list[DbRow]]) -> None:
    """Every row the cancelled sessions need, one multi-row statement per table."""
    uow, now, req, reason = batch.uow, batch.now, batch.req, batch.reason
    lines, booking_updates, session_updates = [], [], []
    refunds, messages, events = [], [], []
    for o in done:
        s, cid, decision = o.session, o.cancellation_id, o.decision
        assert s is not None and cid is not None and decision is not None
        before, after = _snapshots(o, bookings[s.id], req.cancelled_by)
        facts = notify.facts_of(s.id, s.starts_at, s.service_name, s.worker_name, batch.cal.tz,
                                batch.settings)  # fmt: skip
        if batch.settings.reason_in_email:
            facts["reason"] = reason.label
        for b in o.booked:
            lines.append({"cancellation_id": cid, "booking_id": b.id, "short_notice":
                          decision.notice.short_notice, "charge_cents": 0, "waived": False,
                          "waiver_reason": None, "explanation": decision.explanation})  # fmt: skip
            booking_updates.append({"b_id": b.id, "b_version": b.version})
            refund = _refund_values(b, batch.job_id, now)
            if refund is not None:
                refunds.append(refund)
            who = notify.Contact(b.client_id, f"{b.first_name} {b.last_name}", b.first_name,
                                 b.email, b.notify_consent)  # fmt: skip
            messages.append(notify.client_message_values(
                f"cancellation:{cid}:booking:{b.id}:email", "bulk_closure", s.id, who, facts, now,
                wait=notify.grace(batch.settings),
            ))  # fmt: skip
        session_updates.append({"s_id": s.id, "s_version": s.version, "s_status":
                                SessionStatus(after["status"]), "s_by_worker":
                                after["cancelled_by_worker"]})  # fmt: skip
        payload = integration_payload(s.id, s.starts_at, cid, req.cancelled_by, True,
                                      [b.client_id for b in o.booked], reason.code)  # fmt: skip
        integration = notify.integration_message_values(
            batch.settings, f"cancellation:{cid}:integration", "cancel", s.id, payload, now,
            todo=_todo(batch, s, o.booked),
        )  # fmt: skip
        if integration is not None:
            messages.append(integration)
        events.append(audit.Event(
            "session.cancel", "cancellation", cid, s.id, before,
            audit_after(after, req, reason.code, _minutes(decision), {b.id: 0 for b in o.booked},
                        req.note.strip()),
        ))  # fmt: skip
    for model, rows in (
        (CancellationLine, lines),
        (CreditEntry, refunds),
        (OutboxMessage, messages),
    ):
        if rows:  # an empty class has no lines, an invoiced client no refund
            uow.session.connection().execute(insert(_table(model)), rows)
    _versioned_update(uow, _BOOKINGS, booking_updates, "b", status=BookingStatus.CANCELLED)
    _versioned_update(uow, _SESSIONS, session_updates, "s", updated_at=now)
    audit.record_many(uow, events)


def _todo(batch: _Batch, s: DbRow, booked: tuple[DbRow, ...]) -> str:
    """The manual to-do for one cancelled session, named as the desk knows it."""
    name = str((batch.settings.integration_config or {}).get("name") or "the practice system")
    when = notify.short_when(s.starts_at, batch.cal.tz)
    clients = [f"{b.first_name} {b.last_name}" for b in booked]
    return notify.todo_text("cancel", name, when, s.service_name, s.worker_name, clients)


def _versioned_update(
    uow: UnitOfWork, table: Table, rows: list[dict[str, Any]], p: str, **fixed: Any
) -> None:
    """UPDATE … SET version = version + 1 WHERE id and version match, for every row, or refuse."""
    if not rows:
        return
    values: dict[str, Any] = {"version": table.c.version + 1, **fixed}
    if p == "s":
        values.update(status=bindparam("s_status"), cancelled_by_worker=bindparam("s_by_worker"))
    stmt = (
        update(table)
        .where(table.c.id == bindparam(f"{p}_id"), table.c.version == bindparam(f"{p}_version"))
        .values(**values)
    )
    result = uow.session.connection().execute(stmt, rows)
    dialect = uow.session.get_bind().dialect
    if dialect.supports_sane_multi_rowcount and result.rowcount != len(rows):
        raise ConflictError()


def _mark_items(uow: UnitOfWork, outcomes: list[_Outcome], job_id: int, now: datetime) -> None:
    uow.session.connection().execute(
        update(_ITEMS)
        .where(_ITEMS.c.id == bindparam("i_id"))
        .values(
            state=bindparam("i_state"),
            error=bindparam("i_error"),
            cancellation_id=bindparam("i_cancellation"),
            processed_at=now,
        ),
        [{"i_id": o.item_id, "i_state": o.state, "i_error": o.error,
          "i_cancellation": o.cancellation_id} for o in outcomes],
    )  # fmt: skip
    uow.session.execute(
        update(BulkCancelJob)
        .where(BulkCancelJob.id == job_id)
        .values(done_count=BulkCancelJob.done_count + len(outcomes))
    )
