"""Clients waiting for a place: with whom, for what, on which weekdays and at what times."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime
from app.models.people import Client, Service, Worker

ALL_WEEKDAYS = 0b1111111  # bit 0 = Monday … bit 6 = Sunday
DAY_MINUTES = 24 * 60


class WaitlistEntry(Base):
    """One client waiting for a freed slot or group place that fits their window."""

    __tablename__ = "waitlist_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("workers.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    weekdays: Mapped[int] = mapped_column(Integer, default=ALL_WEEKDAYS)
    # Local minutes of the day: the session must start at or after `earliest_minute` and end
    # by `latest_minute`, on the practice's clock.
    earliest_minute: Mapped[int] = mapped_column(Integer, default=0)
    latest_minute: Mapped[int] = mapped_column(Integer, default=DAY_MINUTES)
    note: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)

    client: Mapped[Client] = relationship()
    worker: Mapped[Worker | None] = relationship()
    service: Mapped[Service | None] = relationship()
