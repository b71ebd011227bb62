"""The rows the schedule draws: frozen, as every DTO (re-exported by app.services.dto).

Apart from the other DTOs so that the start's first week (app/services/schedule/quick_week.py) imports
only these four.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.models.enums import BookingStatus, SessionKind, SessionStatus


@dataclass(frozen=True)
class BookingInfo:
    booking_id: int
    client_id: int
    client_name: str
    status: BookingStatus
    version: int


@dataclass(frozen=True)
class SessionBlock:
    """One session as the schedule draws it."""

    id: int
    version: int
    worker_id: int
    worker_name: str
    service_code: str
    service_name: str
    colour: str
    location: str
    starts_at: datetime
    ends_at: datetime
    status: SessionStatus
    kind: SessionKind
    capacity: int
    price_cents: int
    series_id: int | None
    clients: tuple[BookingInfo, ...] = field(default_factory=tuple)

    def count(self, status: BookingStatus) -> int:
        return sum(1 for c in self.clients if c.status == status)

    @property
    def partly_cancelled(self) -> bool:
        return self.status != SessionStatus.CANCELLED and self.count(BookingStatus.CANCELLED) > 0

    @property
    def client_names(self) -> str:
        return ", ".join(
            c.client_name for c in self.clients if c.status != BookingStatus.CANCELLED
        ) or ", ".join(c.client_name for c in self.clients)


@dataclass(frozen=True)
class WorkerRow:
    """One row of the schedule."""

    id: int
    name: str
    colour: str
    skills: str
    active: bool


@dataclass(frozen=True)
class ScheduleSnapshot:
    """Everything the schedule draws for [start, end), read in one transaction."""

    start: datetime
    end: datetime
    workers: tuple[WorkerRow, ...]
    blocks: tuple[SessionBlock, ...]
    marker: int
