"""Sessions, bookings, recurring series and cancellations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, str_enum
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    ChargeKind,
    NdisReasonCode,
    PaidWith,
    SessionKind,
    SessionStatus,
    ThresholdUnit,
)
from app.models.people import Client, Location, Service, Worker


class Series(Base):
    """A recurrence: the sessions sharing it were generated from one rule."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    interval_weeks: Mapped[int] = mapped_column(Integer, default=1)
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)


class Session(Base):
    """One block of time with a worker; clients attach through bookings."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_worker_id_starts_at", "worker_id", "starts_at"),
        Index("ix_sessions_starts_at", "starts_at"),
        # The worklist of started sessions nobody resolved: a range scan of the few rostered
        # sessions in the past, not a walk of the practice's whole history.
        Index("ix_sessions_status_starts_at", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[SessionKind] = mapped_column(str_enum(SessionKind), default=SessionKind.INDIVIDUAL)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[SessionStatus] = mapped_column(
        str_enum(SessionStatus), default=SessionStatus.ROSTERED
    )
    # The agreed price of the whole session for one client, snapshotted at booking time.
    price_cents: Mapped[int] = mapped_column(Integer)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    replacement_of_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    cancelled_by_worker: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    worker: Mapped[Worker] = relationship()
    service: Mapped[Service] = relationship()
    location: Mapped[Location | None] = relationship()
    bookings: Mapped[list[Booking]] = relationship(
        back_populates="session", order_by="Booking.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class Booking(Base):
    """One client in one session, with its own status."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("session_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    status: Mapped[BookingStatus] = mapped_column(
        str_enum(BookingStatus), default=BookingStatus.BOOKED
    )
    paid_with: Mapped[PaidWith] = mapped_column(str_enum(PaidWith), default=PaidWith.INVOICE)
    credits_used: Mapped[int] = mapped_column(Integer, default=0)
    purchase_cents: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The client confirmed it (a "Y" to a reminder): when.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Did not attend, and a manager waived the no-show charge: why, and what the no-show rule
    # would have charged (as a waived cancellation line keeps them). Cleared when the
    # did-not-attend mark is taken back; the audit trail keeps them.
    no_show_waived: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    no_show_waiver_reason: Mapped[str | None] = mapped_column(String(255))
    no_show_waived_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    session: Mapped[Session] = relationship(back_populates="bookings")
    client: Mapped[Client] = relationship()

    __mapper_args__ = {"version_id_col": version}


class CancellationReason(Base):
    """A configurable reason with the charge rule it carries (SPEC section 3)."""

    __tablename__ = "cancellation_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    applies_to: Mapped[CancelledBy] = mapped_column(str_enum(CancelledBy))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_no_show: Mapped[bool] = mapped_column(Boolean, default=False)
    profile: Mapped[str] = mapped_column(String(16), default="ndis")
    threshold_value: Mapped[int] = mapped_column(Integer, default=0)
    threshold_unit: Mapped[ThresholdUnit] = mapped_column(
        str_enum(ThresholdUnit), default=ThresholdUnit.NONE
    )
    charge_kind: Mapped[ChargeKind] = mapped_column(str_enum(ChargeKind), default=ChargeKind.NONE)
    charge_percent: Mapped[int] = mapped_column(Integer, default=0)
    charge_fixed_cents: Mapped[int] = mapped_column(Integer, default=0)
    requires_service_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    not_when_refilled: Mapped[bool] = mapped_column(Boolean, default=False)
    ndis_reason_code: Mapped[NdisReasonCode | None] = mapped_column(
        str_enum(NdisReasonCode, length=4)
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Cancellation(Base):
    """One act of cancelling (one or more bookings of a session); kept after undo."""

    __tablename__ = "cancellations"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    cancelled_by: Mapped[CancelledBy] = mapped_column(str_enum(CancelledBy))
    whole_session: Mapped[bool] = mapped_column(Boolean, default=False)
    reason_id: Mapped[int] = mapped_column(ForeignKey("cancellation_reasons.id"))
    advised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    notice_minutes: Mapped[int] = mapped_column(Integer)
    notice_working: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(String(255), default="")
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    bulk_job_id: Mapped[int | None] = mapped_column(ForeignKey("bulk_cancel_jobs.id"), index=True)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    undo_reason: Mapped[str | None] = mapped_column(String(255))
    # Sessions of a series cancelled in one act share the id of the act's first cancellation,
    # so an undo can offer to restore them together. None for a single session.
    series_first_id: Mapped[int | None] = mapped_column(Integer, index=True)

    reason: Mapped[CancellationReason] = relationship()
    lines: Mapped[list[CancellationLine]] = relationship(
        back_populates="cancellation", cascade="all, delete-orphan", order_by="CancellationLine.id"
    )


class CancellationLine(Base):
    """The billing outcome of a cancellation for one booking."""

    __tablename__ = "cancellation_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    cancellation_id: Mapped[int] = mapped_column(
        ForeignKey("cancellations.id", ondelete="CASCADE"), index=True
    )
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    short_notice: Mapped[bool] = mapped_column(Boolean, default=False)
    charge_cents: Mapped[int] = mapped_column(Integer, default=0)
    waived: Mapped[bool] = mapped_column(Boolean, default=False)
    waiver_reason: Mapped[str | None] = mapped_column(String(255))
    explanation: Mapped[str] = mapped_column(Text, default="")
    # Set when the charge was withdrawn afterwards (the freed place was refilled), with why.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_reason: Mapped[str | None] = mapped_column(String(255))
    # What the reason's rule would have charged, when the charge was waived (0 otherwise): the
    # report's "Waived amount". A refilled place's charge withdrawn later is not a waiver.
    waived_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    cancellation: Mapped[Cancellation] = relationship(back_populates="lines")
    booking: Mapped[Booking] = relationship()


class CalendarTombstone(Base):
    """A session deleted for good, kept so calendars that imported it see it cancelled."""

    __tablename__ = "calendar_tombstones"

    session_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    worker_id: Mapped[int | None] = mapped_column(Integer, index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    summary: Mapped[str] = mapped_column(String(200), default="", server_default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime())


# As the codes of services (app/models/people.py): one whatever its case.
Index("uq_cancellation_reasons_code_any_case", func.lower(CancellationReason.code), unique=True)
