"""Helpers every lifecycle service shares: loading with version checks, status, SDs, labels."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import flag_modified

from app.db import UnitOfWork
from app.errors import ConflictError, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, day_time, translate
from app.models import Booking, Client, ServiceDelivered, Session
from app.models.base import as_dict
from app.models.enums import BookingStatus, SdKind, ServiceUnit
from app.models.lifecycle import derive_status
from app.services.boundary import checked_id
from app.services.sessions.claim_units import hourly_units

SESSION_FIELDS = (
    "id",
    "worker_id",
    "service_id",
    "location_id",
    "starts_at",
    "ends_at",
    "kind",
    "capacity",
    "status",
    "price_cents",
    "series_id",
    "replacement_of_id",
    "cancelled_by_worker",
    "version",
)
BOOKING_FIELDS = (
    "id",
    "session_id",
    "client_id",
    "status",
    "paid_with",
    "credits_used",
    "purchase_cents",
)


def load_session(uow: UnitOfWork, session_id: int, expected_version: int | None = None) -> Session:
    """The session with its bookings and clients; refuses a stale version."""
    checked_id(session_id, QT_TRANSLATE_NOOP("fields", "session"), "session")
    stmt = (
        select(Session)
        .where(Session.id == session_id)
        .options(
            selectinload(Session.bookings).selectinload(Booking.client),
            # Every lifecycle service reads these (labels, SDs, messages): one query, not two.
            joinedload(Session.service),
            joinedload(Session.worker),
        )
    )
    session = uow.session.scalar(stmt)
    if session is None:
        raise NotFoundError(
            translate(
                "sessions",
                "This session no longer exists; it may have been deleted at another desk.",
            )
        )
    if expected_version is not None and session.version != expected_version:
        raise ConflictError()
    return session


def touch(uow: UnitOfWork, session: Session) -> None:
    """Recompute the derived status and bump the version (the row every desk checks)."""
    session.status = derive_status(
        (b.status for b in session.bookings), session.cancelled_by_worker
    )
    session.updated_at = uow.now()
    # Force the UPDATE (and so the version bump) even when only bookings changed.
    flag_modified(session, "updated_at")


def snapshot(session: Session) -> dict[str, Any]:
    data = as_dict(session, SESSION_FIELDS)
    data["bookings"] = [as_dict(b, BOOKING_FIELDS) for b in session.bookings]
    return data


def session_hours(session: Session) -> Decimal:
    minutes = Decimal(int((session.ends_at - session.starts_at).total_seconds() // 60))
    return (minutes / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def session_label(session: Session, tz: ZoneInfo) -> str:
    when = day_time(session.starts_at, tz)
    return translate("session", "{service} with {worker}, {when}").format(
        service=session.service.name, worker=session.worker.name, when=when
    )


def new_sd(
    uow: UnitOfWork,
    session: Session,
    booking: Booking,
    kind: SdKind,
    amount_cents: int,
    *,
    claim_type: str = "",
    reason_code: str | None = None,
    cancellation_id: int | None = None,
    bill_to: str = "",
) -> ServiceDelivered:
    """A billable line; quantity in hours for hourly items (a charge too: 2.00 × the hourly
    price, never 1 × the whole charge), 1 otherwise."""
    service = session.service
    if service.unit == ServiceUnit.HOUR:
        quantity, unit_price = hourly_units(
            amount_cents, service.price_cents, session_hours(session)
        )
    else:
        quantity, unit_price = Decimal("1.00"), amount_cents
    sd = ServiceDelivered(
        session_id=session.id,
        booking_id=booking.id,
        kind=kind,
        cancellation_id=cancellation_id,
        support_item=service.code,
        claim_type=claim_type,
        reason_code=reason_code,
        quantity=quantity,
        unit_price_cents=unit_price,
        amount_cents=amount_cents,
        gst_code=service.gst_code,
        created_at=uow.now(),
        bill_to=bill_to,
    )
    uow.session.add(sd)
    return sd


def booked(session: Session) -> list[Booking]:
    return [b for b in session.bookings if b.status == BookingStatus.BOOKED]


def chosen_bookings(session: Session, booking_ids: Sequence[int]) -> list[Booking]:
    """The session's bookings of `booking_ids`, in that order; one not on the session (gone
    since, or of another session) is refused, never dropped."""
    by_id = {b.id: b for b in session.bookings}
    if any(i not in by_id for i in booking_ids):
        raise ValidationError(
            translate("cancel", "That client is no longer booked in this session."),
            field="clients",
        )
    return [by_id[i] for i in booking_ids]


def client_of(booking: Booking) -> Client:
    return booking.client
