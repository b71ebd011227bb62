"""The rows the schedule draws: frozen, as every DTO (re-exported by app.services.dto).

Apart from the other DTOs so that the start's first week (app/services/schedule/quick_week.py) imports
only these four. They are named tuples rather than frozen dataclasses because they load with the
first week: a dataclass writes and compiles its methods as its module loads (about 0.9 ms each
here), a named tuple makes its class in a tenth of that. The annotations are evaluated (no
`from __future__ import annotations`) for the same reason: a named tuple compiles each annotation
given as text. A copy with changes is `_replace`.
"""

from datetime import datetime
from typing import Any, NamedTuple

from app.models.enums import BookingStatus, SessionKind, SessionStatus


class BookingInfo(NamedTuple):
    booking_id: int
    client_id: int
    client_name: str
    status: BookingStatus
    version: int


class SessionBlock(NamedTuple):
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
    clients: tuple[BookingInfo, ...] = ()

    def count(self, status: Any, /) -> int:
        """How many of the session's clients have this booking status (not tuple.count)."""
        return sum(1 for c in self.clients if c.status == status)

    @property
    def partly_cancelled(self) -> bool:
        return self.status != SessionStatus.CANCELLED and self.count(BookingStatus.CANCELLED) > 0

    @property
    def client_names(self) -> str:
        return ", ".join(
            c.client_name for c in self.clients if c.status != BookingStatus.CANCELLED
        ) or ", ".join(c.client_name for c in self.clients)


class WorkerRow(NamedTuple):
    """One row of the schedule."""

    id: int
    name: str
    colour: str
    skills: str
    active: bool


class ScheduleSnapshot(NamedTuple):
    """Everything the schedule draws for [start, end), read in one transaction."""

    start: datetime
    end: datetime
    workers: tuple[WorkerRow, ...]
    blocks: tuple[SessionBlock, ...]
    marker: int
