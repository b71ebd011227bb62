"""Cancelling a batch of a bulk job's sessions with a few reads and one write per table.

The batch decides, and the one cancellation writer (`cancellation_writer`) writes what a
practice or worker cancellation writes — a line per booked client (never charged), bookings
and session cancelled with their versions bumped, the closure notice and the integration
message queued, one event in the audit chain — plus each session's refunds; the batch then
marks its items done. An empty class in a closure is cancelled too (a cancellation without
lines). A session the job can no longer cancel is skipped or failed with the sentence saying
why; its neighbours go ahead. Everything happens in the caller's transaction, so the items'
states commit with the work they describe.
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from operator import itemgetter
from typing import Any, NamedTuple, cast

from sqlalchemy import Row, Select, Update, bindparam, select, update

from app.db import UnitOfWork
from app.errors import FrontDeskError, NotFoundError
from app.i18n import translate, when_text
from app.models import (
    Booking,
    BulkCancelItem,
    BulkCancelJob,
    CancellationReason,
    Client,
    Service,
    Session,
    Worker,
)
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    JobItemState,
    SessionStatus,
)
from app.models.rules import ChargeContext, ChargeDecision, evaluate, facts_read
from app.services import practice
from app.services.auth import Permission, require
from app.services.boundary import period_bounds
from app.services.dto import CancelRequest
from app.services.money.refunds import refund_values
from app.services.outbox import notify
from app.services.rows import execute_rows, ids_param
from app.services.sessions.cancel_charges import rule_of
from app.services.sessions.cancel_checks import check_request, checked_reason
from app.services.sessions.cancel_writer import Act, Leaving, Target, table, write_cancellations
from app.services.sessions.common import BOOKING_FIELDS, SESSION_FIELDS

_ITEMS = table(BulkCancelItem)
DbRow = Row[*tuple[Any, ...]]


class _Outcome(NamedTuple):
    """What became of one item: a cancellation to write, or why not."""

    item_id: int
    session: DbRow | None
    state: JobItemState
    error: str | None = None
    decision: ChargeDecision | None = None
    booked: tuple[DbRow, ...] = ()


def skip_reason(status: SessionStatus | None, started: bool) -> str | None:
    """Why a job passes over a session (gone, no longer rostered, started), or None."""
    if status is None:
        return translate("bulk", "The session no longer exists.")
    if status != SessionStatus.ROSTERED:
        return translate("bulk", "The session is already {status}.").format(status=status.value)
    if started:
        return translate("bulk", "The session had already started.")
    return None


# The batch's reads, built once: each batch hands its ids to the same compiled statements.
_SESSIONS = (
    select(
        *(getattr(Session, name) for name in SESSION_FIELDS),
        Service.name.label("service_name"),
        Service.code.label("service_code"),
        Service.gst_code,
        Service.allows_cancellation_charge,
        Service.support_worker_pricing,
        Worker.name.label("worker_name"),
    )
    .join(Service, Service.id == Session.service_id)
    .join(Worker, Worker.id == Session.worker_id)
    .where(Session.id.in_(ids_param("ids")))
    .with_for_update(of=Session)
)
_BOOKINGS = (
    select(
        *(getattr(Booking, name) for name in BOOKING_FIELDS),
        Booking.version,
        Client.first_name,
        Client.last_name,
        Client.email,
        Client.notify_consent,
    )
    .join(Client, Client.id == Booking.client_id)
    .where(Booking.session_id.in_(ids_param("ids")))
    .order_by(Booking.id)
)
_PENDING = (
    select(BulkCancelItem.id, BulkCancelItem.session_id)
    .where(
        BulkCancelItem.id.in_(ids_param("ids")),
        BulkCancelItem.state == JobItemState.PENDING,
    )
    .order_by(BulkCancelItem.id)
)
_COUNT_DONE = (
    update(table(BulkCancelJob))
    .where(table(BulkCancelJob).c.id == bindparam("job_id"))
    .values(done_count=table(BulkCancelJob).c.done_count + bindparam("n"))
)
_JOB = select(
    BulkCancelJob.reason_id, BulkCancelJob.note, BulkCancelJob.date_from, BulkCancelJob.date_to
).where(BulkCancelJob.id == bindparam("job_id"))


def _named(statement: Select[Any]) -> Any:
    """A tuple type whose fields are the statement's columns: a batch reads each row's columns
    a dozen times, and a field of a named tuple is read for a fraction of what a result row's
    attribute costs."""
    return namedtuple("_Row", [str(c.key) for c in statement.selected_columns])


_SessionRow, _BookingRow = _named(_SESSIONS), _named(_BOOKINGS)


def _sessions(uow: UnitOfWork, ids: list[int]) -> dict[int, DbRow]:
    """The sessions with what the cancellation needs, locked against other desks until commit."""
    rows = uow.session.connection().execute(_SESSIONS, {"ids": ids}).all()
    return {row[0]: _SessionRow._make(row) for row in rows}


def _bookings(uow: UnitOfWork, ids: list[int]) -> dict[int, list[DbRow]]:
    """Every booking of the sessions (the audit snapshot lists them all), in id order."""
    out: dict[int, list[DbRow]] = defaultdict(list)
    for row in uow.session.connection().execute(_BOOKINGS, {"ids": ids}).all():
        found = _BookingRow._make(row)
        out[found.session_id].append(found)
    return out


class _Batch:
    """The batch's shared facts (job, reason, practice settings) and the rows it writes."""

    def __init__(self, uow: UnitOfWork, job_id: int) -> None:
        job = uow.session.connection().execute(_JOB, {"job_id": job_id}).one_or_none()
        if job is None:
            raise NotFoundError(
                translate("bulk", "Bulk cancellation #{job_id} no longer exists.").format(
                    job_id=job_id
                )
            )
        self.uow, self.job_id, self.now = uow, job_id, uow.now()
        self.why = f"Bulk cancellation #{job_id}"  # the refunds' ledger note
        found = uow.session.get(CancellationReason, job.reason_id)
        who = CancelledBy.WORKER if found and found.applies_to == CancelledBy.WORKER else None
        self.req = CancelRequest(0, who or CancelledBy.PRACTICE, self.now, job.reason_id,
                                 note=job.note)  # fmt: skip
        self.settings = practice.settings(uow)
        self.cal = practice.calendar(self.settings)
        self.refusal: str | None = None
        # The days the job was planned for (none from an older job): a session moved out of
        # them at another desk since is no longer one the person chose to cancel.
        self.days: tuple[datetime, datetime] | None = None
        self.period = (job.date_from, job.date_to)
        try:
            self.reason = checked_reason(uow, self.req)
            self.rule = rule_of(self.reason)
            if job.date_from is not None and job.date_to is not None:
                self.days = period_bounds(job.date_from, job.date_to, self.cal.tz)
        except FrontDeskError as exc:  # every session of the batch is refused alike
            self.refusal = exc.message
        # (start, the facts the rule reads of it: `facts_read`) → what the rule decides for it
        self.decisions: dict[tuple[object, ...], ChargeDecision] = {}
        self.checked: dict[datetime, str | None] = {}  # a start → why refused, or None
        self.seen: _Seen = {}  # the snapshots' values met so far → as the trail keeps them

    def decide(self, item_id: int, session: DbRow | None, bookings: list[DbRow]) -> _Outcome:
        status = session.status if session is not None else None
        started = session is not None and self.now >= session.starts_at
        why = skip_reason(status, started)
        if why is not None:
            return _Outcome(item_id, session, JobItemState.SKIPPED, why)
        assert session is not None
        moved = self.moved_out(session.starts_at)
        if moved is not None:
            return _Outcome(item_id, session, JobItemState.SKIPPED, moved)
        booked = tuple(b for b in bookings if b.status == BookingStatus.BOOKED)
        if self.refusal is not None:
            return _Outcome(item_id, session, JobItemState.FAILED, self.refusal)
        if session.starts_at not in self.checked:  # sessions starting together: checked once
            try:
                check_request(self.uow, session.starts_at, self.req)
                self.checked[session.starts_at] = None
            except FrontDeskError as exc:
                self.checked[session.starts_at] = exc.message
        refused = self.checked[session.starts_at]
        if refused is not None:
            return _Outcome(item_id, session, JobItemState.FAILED, refused)
        # Sessions alike in all the rule reads (the job's advice time and who cancels are the
        # batch's) share one decision: sessions starting together, their notice working.
        key = (session.starts_at, *facts_read(
            self.rule, self.req.cancelled_by, session.price_cents,
            session.allows_cancellation_charge, session.support_worker_pricing))  # fmt: skip
        decision = self.decisions.get(key)
        if decision is None:
            ctx = ChargeContext(
                session_start=session.starts_at,
                advised_at=self.now,
                session_price_cents=session.price_cents,
                cancelled_by=self.req.cancelled_by,
                service_allows_charges=session.allows_cancellation_charge,
                support_worker_pricing=session.support_worker_pricing,
                place_refilled=False,  # a refilled place only matters when a client cancels
            )
            decision = self.decisions[key] = evaluate(self.rule, ctx, self.cal)
        return _Outcome(item_id, session, JobItemState.DONE, None, decision, booked)

    def moved_out(self, starts_at: datetime) -> str | None:
        """Why a session now starting at `starts_at` is passed over: it was moved out of the
        job's days since it was ticked; None while it is still within them."""
        if self.days is None or self.days[0] <= starts_at < self.days[1]:
            return None
        first, last = self.period
        assert first is not None and last is not None
        return translate(
            "bulk",
            "The session was moved to {when} since it was ticked, outside the days of this bulk "
            "cancellation ({first} to {last}); it was not cancelled. If it should be cancelled "
            "too, cancel it on its own.",
        ).format(
            when=when_text(starts_at.astimezone(self.cal.tz), "%a %d %b %Y %H:%M"),
            first=when_text(first, "%d %b %Y"),
            last=when_text(last, "%d %b %Y"),
        )

    def act(self) -> Act:
        """What the batch's cancellations share: the job's reason and note, advised now."""
        # A closure's notice says the practice is closed; a worker's absence (their sessions of
        # the days, for a worker's reason) says the practitioner cannot see the client.
        by_worker = self.req.cancelled_by == CancelledBy.WORKER
        topic = "cancel_worker" if by_worker else "bulk_closure"
        return Act(cancelled_by=self.req.cancelled_by, reason=self.reason, advised_at=self.now,
                   note=self.req.note.strip(), topic=topic, settings=self.settings,
                   tz=self.cal.tz, bulk_job_id=self.job_id)  # fmt: skip

    def target(self, o: _Outcome, bookings: list[DbRow]) -> Target:
        """One session's cancellation for the writer: everyone booked leaves, refunded."""
        s, decision = o.session, o.decision
        assert s is not None and decision is not None
        # The keys in order, as the trail stores them: "bookings" sorts before the fields.
        before = {"bookings": [_BOOKING_SNAPSHOT(b, self.seen) for b in bookings]}
        before.update(_SESSION_SNAPSHOT(s, self.seen))
        short, explanation = decision.notice.short_notice, decision.explanation
        leaving = tuple(
            Leaving(b.id, b.version, notify.Contact(b.client_id, f"{b.first_name} {b.last_name}",
                    b.first_name, b.email, b.notify_consent), short, explanation,
                    refund=refund_values(b, self.now, self.why, job_id=self.job_id))
            for b in o.booked
        )  # fmt: skip
        return Target(before, s.starts_at, s.service_name, s.worker_name, s.service_code,
                      s.gst_code, leaving, True, _minutes(decision), decision.notice.text,
                      canonical=True)  # fmt: skip


_PLAIN = frozenset({str, int, bool, float, type(None)})


_Seen = dict[tuple[type, Any], Any]


def _snapshotter(
    model: type[Any], fields: tuple[str, ...]
) -> Callable[[DbRow, _Seen], dict[str, Any]]:
    """`as_dict` of a row read with `model`'s `fields` as its first columns, taken by position,
    as the audit trail stores it (`chain._canonical`): JSON's own types, the keys in order.
    Only the columns whose values may be other than JSON's own (moments, enums) are looked at;
    `seen` keeps each value converted so far (a batch's sessions share their starts and
    states)."""
    names, positions = zip(*sorted((name, i) for i, name in enumerate(fields)), strict=True)
    take = itemgetter(*positions)
    loose = tuple(name for name in names if _python_type(getattr(model, name).type) not in _PLAIN)

    def snapshot(row: DbRow, seen: _Seen) -> dict[str, Any]:
        out = dict(zip(names, take(row), strict=True))
        for name in loose:
            value = out[name]
            kind = type(value)
            if kind not in _PLAIN:
                found = seen.get((kind, value))
                if found is None:
                    found = seen[kind, value] = _plain(value)
                out[name] = found
        return out

    return snapshot


def _python_type(kind: Any) -> type:
    """The Python type a column's values are read as; `object` when the type does not say."""
    try:
        return cast(type, kind.python_type)
    except NotImplementedError:
        return object


def _plain(value: Any) -> Any:
    """A value as the trail keeps it: a moment's ISO text, an enum's stored text, else its text
    (a date, a Decimal)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value._value_  # the stored text, without the property's lookup
    return str(value)


if min(SESSION_FIELDS) <= "bookings":  # `target` puts a session's bookings first
    raise AssertionError("a session snapshot's bookings sort before its fields")
_SESSION_SNAPSHOT = _snapshotter(Session, SESSION_FIELDS)
_BOOKING_SNAPSHOT = _snapshotter(Booking, BOOKING_FIELDS)


def _minutes(decision: ChargeDecision) -> int:
    return max(0, int(decision.notice.notice.total_seconds() // 60))


def cancel_batch(uow: UnitOfWork, job_id: int, item_ids: list[int]) -> None:
    """Cancel, refund, notify and audit the sessions of these pending items; exactly once."""
    require(uow.actor, Permission.CANCEL)
    items = uow.session.connection().execute(_PENDING, {"ids": item_ids}).all()
    if not items:
        return  # done by an earlier run
    batch = _Batch(uow, job_id)
    ids = [i.session_id for i in items]
    sessions, bookings = _sessions(uow, ids), _bookings(uow, ids)
    outcomes = [batch.decide(i.id, sessions.get(i.session_id), bookings[i.session_id])
                for i in items]  # fmt: skip
    done = [o for o in outcomes if o.state == JobItemState.DONE]
    made: dict[int, int] = {}  # an item → its cancellation
    if done:
        targets = [batch.target(o, bookings[o.session.id]) for o in done if o.session is not None]
        written = write_cancellations(uow, batch.act(), targets)
        made = {o.item_id: w.cancellation_id for o, w in zip(done, written, strict=True)}
    _mark_items(uow, outcomes, made, job_id, batch.now)


def _mark_items(
    uow: UnitOfWork, outcomes: list[_Outcome], made: dict[int, int], job_id: int, now: datetime
) -> None:
    def statement() -> Update:
        return (
            update(_ITEMS)
            .where(_ITEMS.c.id == bindparam("i_id"))
            .values(
                state=bindparam("i_state"),
                error=bindparam("i_error"),
                cancellation_id=bindparam("i_cancellation"),
                processed_at=bindparam("i_now"),
            )
        )

    execute_rows(uow.session.connection(), "bulk items done", statement,
                 [{"i_id": o.item_id, "i_state": o.state, "i_error": o.error,
                   "i_cancellation": made.get(o.item_id)} for o in outcomes], {"i_now": now})  # fmt: skip
    uow.session.connection().execute(_COUNT_DONE, {"job_id": job_id, "n": len(outcomes)})
