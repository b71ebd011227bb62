"""Frozen requests and results that cross from services to the UI (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from app.i18n import QT_TRANSLATE_NOOP
from app.models.enums import CancelledBy, SessionStatus
from app.services.boundary import Untrusted

# The schedule's own rows live apart so the start can import them alone; they are DTOs too.
from app.services.schedule.dto import BookingInfo as BookingInfo
from app.services.schedule.dto import ScheduleSnapshot as ScheduleSnapshot
from app.services.schedule.dto import SessionBlock as SessionBlock
from app.services.schedule.dto import WorkerRow as WorkerRow

# A cancellation's note (and a waiver's reason) holds at most this many characters: the
# column's size, the wizard's counter, the bulk and delete dialogs' fields.
NOTE_LIMIT = 255


@dataclass(frozen=True)
class ChangeSet:
    """What a mutation touched, so each view refreshes only what it shows."""

    sessions: frozenset[int] = frozenset()
    clients: frozenset[int] = frozenset()
    topics: frozenset[str] = frozenset()

    def merge(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.sessions | other.sessions, self.clients | other.clients, self.topics | other.topics
        )


class SeriesScope(StrEnum):
    THIS = "this"
    FOLLOWING = "following"
    ALL = "all"


@dataclass(frozen=True)
class CancelRequest(Untrusted):
    """Everything the cancel wizard collects."""

    LABELS: ClassVar[dict[str, str]] = {
        "cancelled_by": QT_TRANSLATE_NOOP("fields", "cancelled by"),
        "scope": QT_TRANSLATE_NOOP("fields", "scope"),
    }

    session_id: int
    cancelled_by: CancelledBy
    advised_at: datetime
    reason_id: int
    booking_ids: tuple[int, ...] = ()  # client cancel: which clients; others: all booked
    note: str = ""
    waive: bool = False
    waiver_reason: str = ""
    expected_version: int | None = None
    scope: SeriesScope = SeriesScope.THIS


@dataclass(frozen=True)
class DayWorking:
    day: date
    counted: bool
    why: str


@dataclass(frozen=True)
class ClientCharge:
    """The billing outcome for one client, as the review page shows it."""

    booking_id: int
    client_id: int
    client_name: str
    short_notice: bool
    charge_cents: int
    chargeable: bool
    waived: bool
    explanation: str
    not_charged_because: str | None
    claim_type: str
    reason_code: str | None
    bill_to: str = ""  # "client": the client's funder does not pay this fee
    waived_cents: int = 0  # what the rule would have charged, when waived
    invoiced: str = ""  # "plan" or "self": a participant invoiced, not claimed (`invoiced_as`)


@dataclass(frozen=True)
class PlannedMessage:
    """A notification or integration message the change will write to the outbox."""

    channel: str
    recipient: str
    summary: str
    will_send: bool
    why_not: str | None = None


@dataclass(frozen=True)
class SeriesItem:
    """Another session of the series that the chosen scope will cancel, as the review lists it."""

    session_id: int
    starts_at: datetime
    clients: str
    charge_cents: int


@dataclass(frozen=True)
class CancellationPreview:
    """Everything the review step shows, computed without writing."""

    session_id: int
    session_label: str
    starts_at: datetime
    notice_text: str
    working: str
    days: tuple[DayWorking, ...]
    charges: tuple[ClientCharge, ...]
    messages: tuple[PlannedMessage, ...]
    integration_effect: str
    manual_update_required: bool
    scope: SeriesScope = SeriesScope.THIS
    in_series: bool = False
    series_items: tuple[SeriesItem, ...] = ()

    @property
    def series_sessions(self) -> tuple[int, ...]:
        """The other sessions the scope cancels, in time order."""
        return tuple(i.session_id for i in self.series_items)

    @property
    def total_charge_cents(self) -> int:
        return sum(c.charge_cents for c in self.charges if not c.waived)

    @property
    def series_charge_cents(self) -> int:
        """This session's charges and those of every other session the scope cancels."""
        return self.total_charge_cents + sum(i.charge_cents for i in self.series_items)


@dataclass(frozen=True)
class FreeWorker:
    """A worker who might take a slot, and why they rank where they do."""

    worker_id: int
    name: str
    skills: str
    has_skill: bool = True
    free: bool = True
    rostered: bool = True
    # "physiotherapy · free · rostered 08:00–18:00", or what they lack: "not rostered on Tuesdays".
    why: str = ""

    @property
    def suitable(self) -> bool:
        """Has the service's skill, is free for the whole slot and rostered on."""
        return self.has_skill and self.free and self.rostered


@dataclass(frozen=True)
class SlotProposal:
    """A free time a session could go to, with whom, and why it is offered."""

    starts_at: datetime
    ends_at: datetime
    worker_id: int
    worker_name: str
    why: str


@dataclass(frozen=True)
class CancelResult:
    cancellation_ids: tuple[int, ...]
    session_status: SessionStatus
    total_charge_cents: int
    sd_ids: tuple[int, ...]
    manual_update_required: bool
    changes: ChangeSet
    free_workers: tuple[FreeWorker, ...] = ()


@dataclass(frozen=True)
class OperationResult:
    """The generic outcome of undo, complete, did-not-attend, delete, reschedule."""

    message: str
    changes: ChangeSet
    session_id: int | None = None
    sd_ids: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    reminder: str | None = None
