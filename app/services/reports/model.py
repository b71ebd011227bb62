"""What the cancellation report is made of: filters, detail rows, the summary, the whole report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import ClassVar

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import CancelledBy
from app.services.boundary import Untrusted


class RowKind(StrEnum):
    CANCELLATION = "cancellation"
    NO_SHOW = "no_show"


@dataclass(frozen=True)
class ReportFilters(Untrusted):
    """A practice-local date range (sessions starting in it) and optional filters."""

    LABELS: ClassVar[dict[str, str]] = {
        "cancelled_by": QT_TRANSLATE_NOOP("fields", "cancelled by"),
    }

    date_from: date
    date_to: date
    worker_id: int | None = None
    service_id: int | None = None
    reason_id: int | None = None
    cancelled_by: CancelledBy | None = None
    client_id: int | None = None
    # Cancellations later undone are listed (greyed) only when asked; never counted either way.
    include_undone: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.include_undone, bool):
            from app.errors import ValidationError

            raise ValidationError(
                translate("reports", "Say yes or no to listing undone cancellations."),
                field="include_undone",
            )


@dataclass(frozen=True)
class DetailRow:
    """One client's cancellation (a cancellation line) or one did-not-attend booking."""

    kind: RowKind
    session_id: int
    starts_at: datetime
    service_code: str
    service_name: str
    client_id: int
    client_name: str
    worker_id: int
    worker_name: str
    cancelled_by: CancelledBy
    advised_at: datetime | None
    notice_minutes: int | None
    short_notice: bool
    reason_id: int | None
    reason: str
    note: str
    charge_cents: int
    waived: bool
    waived_cents: int
    sd_id: int | None
    cancellation_id: int | None
    undone: bool
    # "client": the charge goes to the client, whose funder does not pay cancellation fees.
    bill_to: str = ""
    # When the SD went into a claim file (None: not yet extracted, or no SD).
    sd_extracted_at: datetime | None = None
    # The client is an agency-managed NDIS participant: their SDs go into the NDIS claim file.
    ndis: bool = True
    # "plan" or "self": an NDIS participant whose plan is managed so, invoiced instead.
    invoiced: str = ""
    # The code the SD is filed under (its support item); None: not read.
    sd_item: str | None = None

    @property
    def counted(self) -> bool:
        """Undone cancellations stay in the detail but are left out of the figures."""
        return not self.undone


@dataclass(frozen=True)
class Count:
    """One bar of a breakdown: a label, how many, and the charges among them."""

    label: str
    count: int
    charge_cents: int = 0


@dataclass(frozen=True)
class WeekCount:
    """Cancellations and no-shows of sessions starting in the week beginning `week`."""

    week: date
    cancellations: int
    no_shows: int


@dataclass(frozen=True)
class ReportSummary:
    """The figures on the summary page; every one is computed from the detail rows."""

    bookings: int
    cancellations: int
    no_shows: int
    late_cancellations: int
    charges_cents: int
    waived_count: int
    waived_cents: int
    refund_count: int
    refund_credits: int
    refund_cents: int
    undone_count: int
    by_reason: tuple[Count, ...]
    by_who: tuple[Count, ...]
    by_worker: tuple[Count, ...]
    notice: tuple[Count, ...]
    by_week: tuple[WeekCount, ...]

    @property
    def events(self) -> int:
        return self.cancellations + self.no_shows

    @property
    def late_rate(self) -> float:
        """Short-notice client cancellations ÷ all bookings in the range."""
        return self.late_cancellations / self.bookings if self.bookings else 0.0

    @property
    def dna_rate(self) -> float:
        """Did-not-attend bookings ÷ all bookings in the range."""
        return self.no_shows / self.bookings if self.bookings else 0.0


@dataclass(frozen=True)
class FrequentCanceller:
    """A client with at least the practice's number of cancellations or no-shows in its window."""

    client_id: int
    client_name: str
    cancellations: int
    no_shows: int
    last_at: datetime

    @property
    def total(self) -> int:
        return self.cancellations + self.no_shows


@dataclass(frozen=True)
class FrequentRule:
    """The practice setting: `count` cancellations or no-shows within `weeks` weeks."""

    count: int
    weeks: int


@dataclass(frozen=True)
class CancellationReport:
    """Everything the PDF and the CSV show, computed in one read transaction."""

    filters: ReportFilters
    practice_name: str
    time_zone: str
    paper_size: str
    filter_text: str
    generated_at: datetime
    generated_by: str
    # Every row read, undone cancellations too: the summary is computed from these.
    rows: tuple[DetailRow, ...]
    summary: ReportSummary
    frequent: tuple[FrequentCanceller, ...] = ()
    frequent_rule: FrequentRule = field(default_factory=lambda: FrequentRule(3, 8))
    provider: str = ""  # legal name, ABN, address, phone: under the practice's name on each page

    @cached_property
    def shown_rows(self) -> tuple[DetailRow, ...]:
        """The rows the detail table and the CSV list: undone cancellations only when asked."""
        if self.filters.include_undone:
            return self.rows
        return tuple(r for r in self.rows if not r.undone)

    @property
    def undone_left_out(self) -> int:
        """How many cancellations later undone the detail leaves out (0 when they are listed)."""
        if self.filters.include_undone:
            return 0
        return len({r.cancellation_id for r in self.rows if r.undone})
