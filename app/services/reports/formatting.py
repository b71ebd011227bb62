"""Words and numbers as the reports print them, shared by the PDF and the CSV."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.services.reports.model import DetailRow, RowKind
from app.services.reports.summary import who_label


def notice_text(row: DetailRow) -> str:
    """Compact notice for the table: "45 min", "18 h", "2 d 4 h"; empty for a no-show."""
    if row.kind == RowKind.NO_SHOW or row.notice_minutes is None:
        return ""
    minutes = max(row.notice_minutes, 0)
    if minutes < 60:
        return f"{minutes} min"
    hours, _ = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h"
    days, rest = divmod(hours, 24)
    return f"{days} d {rest} h" if rest and days < 7 else f"{days} d"


def notice_hours(row: DetailRow) -> Decimal | None:
    """Notice in hours with two decimals, for spreadsheets; None for a no-show."""
    if row.kind == RowKind.NO_SHOW or row.notice_minutes is None:
        return None
    return (Decimal(row.notice_minutes) / Decimal(60)).quantize(Decimal("0.01"))


def cents_decimal(cents: int) -> Decimal:
    """Cents as a plain decimal amount ("193.99"), which spreadsheets add up."""
    return (Decimal(cents) / Decimal(100)).quantize(Decimal("0.01"))


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def period_text(date_from: date, date_to: date) -> str:
    """ "1 – 31 Mar 2026", "28 Feb – 6 Mar 2026", "29 Dec 2025 – 4 Jan 2026"."""
    if date_from == date_to:
        return f"{date_to.day} {date_to:%b %Y}"
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return f"{date_from.day} – {date_to.day} {date_to:%b %Y}"
    if date_from.year == date_to.year:
        return f"{date_from.day} {date_from:%b} – {date_to.day} {date_to:%b %Y}"
    return f"{date_from.day} {date_from:%b %Y} – {date_to.day} {date_to:%b %Y}"


def moment_text(moment: datetime, tz: ZoneInfo) -> str:
    """A local date and time with the zone's abbreviation: "1 Apr 2026 10:00 AEDT"."""
    local = moment.astimezone(tz)
    return f"{local.day} {local:%b %Y %H:%M %Z}"


# A charge whose client's funder (Medicare, DVA…) does not pay cancellation fees.
CHARGED_TO_CLIENT = "client (funder pays no cancellation fees)"
CSV_HEADER = (
    "Date",
    "Time",
    "Session",
    "Service code",
    "Service",
    "Client ID",
    "Client",
    "Worker",
    "Cancelled by",
    "Advised at",
    "Notice",
    "Notice (hours)",
    "Short notice",
    "Reason",
    "Note",
    "Charge",
    "Waived",
    "Waived amount",
    "SD",
    "Undone",
    "Charged to",
)


def csv_row(row: DetailRow, tz: ZoneInfo) -> tuple[str | int | Decimal | None, ...]:
    """One detail row as the CSV writes it: ISO dates, plain amounts, yes/no."""
    start = row.starts_at.astimezone(tz)
    advised = row.advised_at.astimezone(tz) if row.advised_at else None
    return (
        start.strftime("%Y-%m-%d"),
        start.strftime("%H:%M"),
        row.session_id,
        row.service_code,
        row.service_name,
        row.client_id,
        row.client_name,
        row.worker_name,
        who_label(row),
        advised.strftime("%Y-%m-%d %H:%M") if advised else "",
        notice_text(row),
        notice_hours(row),
        "yes" if row.short_notice else "no",
        row.reason,
        row.note,
        cents_decimal(row.charge_cents),
        "yes" if row.waived else "no",
        cents_decimal(row.waived_cents),
        row.sd_id,
        "yes" if row.undone else "no",
        CHARGED_TO_CLIENT if row.bill_to == "client" else "",
    )
