"""Bulk cancel, planned: the sessions a bulk cancellation takes and what it means for each of
their bookings (refund, notice), read before anything is written; the dialog's filter choices.

The job is a durable row with per-session state (`app.services.bulk.jobs` queues it). Each
session is cancelled, refunded, notified and audited in the same transaction as its item's state
change (`bulk_run` works in batches), so a crash at any point leaves every item either wholly
done or pending, and a resumed job does each session exactly once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import (
    Booking,
    BulkCancelItem,
    BulkCancelJob,
    Client,
    Location,
    Service,
    Session,
    Worker,
)
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    JobItemState,
    JobStatus,
    PaidWith,
    SessionStatus,
)
from app.models.money import format_money
from app.services import practice
from app.services.auth import Permission, require_now
from app.services.boundary import period_bounds
from app.services.dto import PlannedMessage
from app.services.outbox import notify
from app.services.rows import id_list

ACTIVE_JOB = (JobStatus.QUEUED, JobStatus.RUNNING)


class BulkLine(NamedTuple):
    """One affected booking as the dialog and the CSV audit show it (a plan has thousands)."""

    session_id: int
    starts_at: datetime
    worker: str
    service: str
    client_id: int
    client: str
    paid_with: str
    refund: str
    refund_cents: int
    refund_credits: int
    notification: str


@dataclass(frozen=True)
class BulkCandidate:
    session_id: int
    starts_at: datetime
    worker: str
    service: str
    location: str
    lines: tuple[BulkLine, ...]
    held_by_job: int | None

    @property
    def refund_cents(self) -> int:
        return sum(line.refund_cents for line in self.lines)

    @property
    def refund_credits(self) -> int:
        return sum(line.refund_credits for line in self.lines)


Planner = Callable[[notify.Contact], PlannedMessage]


def closure_notices() -> Planner:
    """What a closure's notice will do for each client (`notify.client_message`, its texts
    looked up once)."""
    return notify.message_planner("bulk_closure")


def _refund_of(paid_with: PaidWith, credits_used: int, purchase_cents: int) -> tuple[str, int, int]:
    """How a booking is refunded: (text, money back in cents, credits back)."""
    if paid_with == PaidWith.CREDITS and credits_used:
        return f"{credits_used} credit(s) returned to the balance", 0, credits_used
    if paid_with == PaidWith.PURCHASE and purchase_cents:
        return f"purchase refund {format_money(purchase_cents)}", purchase_cents, 0
    return "nothing to refund (billed after the session)", 0, 0


Lines = Callable[[Any, list[Any]], tuple[BulkLine, ...]]


def booking_lines(planned: Planner | None = None) -> Lines:
    """The lines of one plan's sessions: for a session row and its booked booking rows (as
    candidates reads them), the affected bookings. The closure notice's texts are looked up
    once (`planned`: `closure_notices()`), and each client's notice and each kind of refund
    worked out once for all their bookings (a closure has thousands, from far fewer clients)."""
    notice = planned or closure_notices()
    refunds: dict[tuple[PaidWith, int, int], tuple[str, str, int, int]] = {}
    clients: dict[tuple[Any, ...], tuple[str, str]] = {}

    def lines(s: Any, bookings: list[Any]) -> tuple[BulkLine, ...]:
        # The rows' columns taken at once, by position: by name, a row's column costs more.
        sid, starts_at, worker, service, _location = s
        out = []
        for _sid, client_id, paid_with, used, cents, first, last, email, consent in bookings:
            paid = (paid_with, used, cents)
            refund = refunds.get(paid) or refunds.setdefault(paid, _refund_line(*paid))
            who = (client_id, first, last, email, consent)
            named = clients.get(who) or clients.setdefault(who, _notice_line(notice, *who))
            out.append(BulkLine(sid, starts_at, worker, service, client_id, named[0], *refund,
                                named[1]))  # fmt: skip
        return tuple(out)

    return lines


def _refund_line(
    paid_with: PaidWith, credits_used: int, purchase_cents: int
) -> tuple[str, str, int, int]:
    """How a booking was paid and is refunded, as its line shows it."""
    text, cents, credits = _refund_of(paid_with, credits_used, purchase_cents)
    return paid_with.value, text, cents, credits


def _notice_line(
    planned: Planner, client_id: int, first: str, last: str, email: str | None, consent: bool
) -> tuple[str, str]:
    """A client's name as the line shows it, and what the closure notice will do for them."""
    name = f"{first} {last}"
    plan = planned(notify.Contact(client_id, name, first, email, consent))
    return name, plan.summary if plan.will_send else f"not sent: {plan.why_not}"


def candidates(uow: UnitOfWork, *where: Any) -> list[tuple[Any, list[Any]]]:
    """Sessions matching `where` (by start) with their booked clients, read as plain rows."""
    # Plain rows straight from the connection: the ORM adds nothing to column reads.
    conn = uow.session.connection()
    sessions = conn.execute(
        select(
            Session.id,
            Session.starts_at,
            Worker.name.label("worker"),
            Service.name.label("service"),
            Location.name.label("location"),
        )
        .join(Worker, Worker.id == Session.worker_id)
        .join(Service, Service.id == Session.service_id)
        .outerjoin(Location, Location.id == Session.location_id)
        .where(*where)
        .order_by(Session.starts_at, Session.id)
    ).all()
    booked: dict[int, list[Any]] = defaultdict(list)
    rows = conn.execute(
        select(  # the columns in the order booking_lines takes them
            Booking.session_id, Booking.client_id, Booking.paid_with, Booking.credits_used,
            Booking.purchase_cents, Client.first_name, Client.last_name, Client.email,
            Client.notify_consent,
        )
        .join(Client, Client.id == Booking.client_id)
        .where(
            Booking.session_id.in_(select(Session.id).where(*where)),
            Booking.status == BookingStatus.BOOKED,
        )
        .order_by(Booking.id)
    ).all()  # fmt: skip
    for b in rows:
        booked[b[0]].append(b)
    return [(s, booked[s[0]]) for s in sessions]  # s[0]: its id (by name it costs more)


def held_sessions(uow: UnitOfWork, session_ids: Sequence[int]) -> dict[int, int]:
    """session id → job id, for sessions a queued or running job has not finished yet."""
    if not session_ids:
        return {}
    rows = uow.session.connection().execute(
        select(BulkCancelItem.session_id, BulkCancelItem.job_id)
        .join(BulkCancelJob, BulkCancelJob.id == BulkCancelItem.job_id)
        .where(
            BulkCancelItem.session_id.in_(id_list(session_ids)),
            BulkCancelJob.status.in_(ACTIVE_JOB),
            BulkCancelItem.state == JobItemState.PENDING,
        )
    )
    return {sid: jid for sid, jid in rows}


def day_range(uow: UnitOfWork, first: date, last: date) -> tuple[datetime, datetime]:
    """[start of `first`, start of the day after `last`) in the practice's time zone; a range
    that ends before it starts is refused with the sentence the reports say it in."""
    return period_bounds(first, last, practice.time_zone(uow))


def plan_bulk_cancel(
    uow: UnitOfWork,
    first: date,
    last: date,
    *,
    worker_ids: Sequence[int] = (),
    service_ids: Sequence[int] = (),
    location_ids: Sequence[int] = (),
) -> list[BulkCandidate]:
    """The rostered, not yet started sessions of the range, with what cancelling them means."""
    require_now(uow, Permission.BULK_CANCEL)
    start, end = day_range(uow, first, last)
    where = [
        # A session starting this very minute has started: the job would skip it.
        Session.starts_at >= start,
        Session.starts_at > uow.now(),
        Session.starts_at < end,
        Session.status == SessionStatus.ROSTERED,
    ]
    if worker_ids:
        where.append(Session.worker_id.in_(worker_ids))
    if service_ids:
        where.append(Session.service_id.in_(service_ids))
    if location_ids:
        where.append(Session.location_id.in_(location_ids))
    found = candidates(uow, *where)
    held = held_sessions(uow, [s[0] for s, _ in found])
    lines = booking_lines()
    return [
        BulkCandidate(sid, starts_at, worker, service, location or "", lines(s, booked),
                      held.get(sid))
        for s, booked in found
        for sid, starts_at, worker, service, location in (s,)  # its columns taken at once
    ]  # fmt: skip


@dataclass(frozen=True)
class BulkPreview:
    """What confirming a bulk cancellation will do, counted before anything is written."""

    sessions: int
    bookings: int
    refunded_clients: int  # clients who get money or credits back
    # Client e-mails that will go (consent and an address on file): one to each client, listing
    # their sessions.
    emails: int
    refund_cents: int
    refund_credits: int

    def question(self) -> str:
        """The final question, e.g. "Cancel 54 sessions, refund 12 clients, e-mail 66?"."""
        sessions, clients = self.sessions, self.refunded_clients
        return translate("bulk", "Cancel {sessions}, refund {clients}, e-mail {emails}?").format(
            sessions=translate("bulk", "%n session(s)", None, sessions),
            clients=translate("bulk", "%n client(s)", None, clients),
            emails=self.emails,
        )


def preview_bulk_cancel(uow: UnitOfWork, session_ids: Sequence[int]) -> BulkPreview:
    """The counts the final question shows, read the way the job will find the sessions."""
    require_now(uow, Permission.BULK_CANCEL)
    ids = list(dict.fromkeys(session_ids))
    found = candidates(uow, Session.id.in_(id_list(ids))) if ids else []
    refunded: set[int] = set()
    emailed: set[int] = set()
    bookings = cents = credits = 0
    planned = closure_notices()
    lines = booking_lines(planned)
    for s, booked in found:
        for line in lines(s, booked):
            bookings += 1
            cents += line.refund_cents
            credits += line.refund_credits
            if line.refund_cents or line.refund_credits:
                refunded.add(line.client_id)
        emailed.update(
            client_id
            for _sid, client_id, _paid, _used, _cents, first, _last, email, consent in booked
            if planned(notify.Contact(client_id, "", first, email, consent)).will_send
        )
    return BulkPreview(len(found), bookings, len(refunded), len(emailed), cents, credits)


@dataclass(frozen=True)
class FilterChoices:
    workers: list[tuple[int, str]]
    services: list[tuple[int, str]]
    locations: list[tuple[int, str]]
    reasons: list[tuple[int, str]]


def filter_choices(uow: UnitOfWork) -> FilterChoices:
    """What the bulk dialog's filters and reason box offer."""
    require_now(uow, Permission.BULK_CANCEL)
    from app.models import Location, Service, Worker
    from app.services.sessions.cancel import reasons_for

    workers = [
        (r.id, r.name)
        for r in uow.session.execute(
            select(Worker.id, Worker.name).where(Worker.active.is_(True)).order_by(Worker.name)
        )
    ]
    services = [
        (r.id, r.name)
        for r in uow.session.execute(
            select(Service.id, Service.name).where(Service.active.is_(True)).order_by(Service.name)
        )
    ]
    locations = [
        (r.id, r.name)
        for r in uow.session.execute(select(Location.id, Location.name).order_by(Location.name))
    ]
    reasons = [(rid, f"Practice: {label}") for rid, label in reasons_for(uow, CancelledBy.PRACTICE)]
    reasons += [(rid, f"Worker: {label}") for rid, label in reasons_for(uow, CancelledBy.WORKER)]
    return FilterChoices(workers, services, locations, reasons)
