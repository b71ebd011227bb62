"""Preventing and refilling cancellations: reminder rules, clients' text replies, and offers of
a freed place to the waitlist."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime


class ReminderRule(Base):
    """When and how clients are reminded of a booking: per service, worker or location (empty:
    every one), by SMS or e-mail, a number of days before at a local time (or hours before)."""

    __tablename__ = "reminder_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(8))  # "sms" or "email"
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("workers.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    days_before: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    at_time: Mapped[str | None] = mapped_column(String(5))  # "09:00" on the practice's clock
    hours_before: Mapped[int | None] = mapped_column(Integer)  # instead of a day and a time
    template: Mapped[str] = mapped_column(Text, default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SmsReply(Base):
    """A text a client sent back, fetched from the SMS gateway, and what became of it."""

    __tablename__ = "sms_replies"
    __table_args__ = (Index("ix_sms_replies_outcome", "outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gateway_id: Mapped[str] = mapped_column(String(80), unique=True)  # never taken in twice
    from_number: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the gateway's receive time
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id", ondelete="SET NULL"))
    # "cancelled", "confirmed", "accepted" (an offer), "queued" (for staff), "handled", "undone"
    outcome: Mapped[str] = mapped_column(String(16), default="queued", server_default="queued")
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class WaitlistOffer(Base):
    """A freed place offered to one waitlisted client, in turn, a set gap apart."""

    __tablename__ = "waitlist_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    waitlist_entry_id: Mapped[int] = mapped_column(ForeignKey("waitlist_entries.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # "waiting", "sent", "accepted", "declined", "taken", "withdrawn", "expired"
    status: Mapped[str] = mapped_column(String(12), default="waiting", server_default="waiting")
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
