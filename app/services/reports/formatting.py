"""Words and numbers as the reports print them, shared by the PDF and the CSV.

The SD column shows the claim reference, the ClaimReference the NDIS claim file writes for the
line ("FD-<SD id>", `app.services.reports.extraction`), which is what staff find in the portal
and in the file they uploaded; a bare database number meant nothing to them.

An SD not yet extracted shows the reference it will have, not "not yet claimed", because that
reference is deterministic: the claim file makes it from the SD's own number and nothing else
(no batch number, date or counter), the number is given when the charge is written and never
changes, and a re-exported batch writes the same references again. What can happen to a line
before it is claimed does not change its reference: an undo or a refilled place removes the
unclaimed SD (the row then has no SD and shows none); a claimed charge taken back gets a
reversing line with a reference of its own, and the report keeps showing the original's. So
staff can write the reference down today and find it in the claim later.

Whether the line has been claimed is said apart, in the CSV's "SD claimed" column: the
practice-local day of the extraction, "not yet claimed", "not an NDIS claim" for a client
who is not NDIS-funded (the NDIS claim file leaves their lines out; should their funding
change, the line is claimed under the same reference), or "not claimable" with why for a line
filed under the practice's own service code rather than an NDIS support item number, which the
claim file never takes. The PDF marks such a line's reference with a dagger and a note.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models.billing import is_support_item
from app.number_text import percent_text
from app.services.reports.model import DetailRow, RowKind
from app.services.reports.summary import who_label


def notice_text(row: DetailRow) -> str:
    """Compact notice for the table: "45 min", "18 h", "2 d 4 h" (units from the practice's
    catalogue); empty for a no-show."""
    if row.kind == RowKind.NO_SHOW or row.notice_minutes is None:
        return ""
    minutes = max(row.notice_minutes, 0)
    if minutes < 60:
        return translate("report", "{minutes} min", "notice").format(minutes=minutes)
    hours, _ = divmod(minutes, 60)
    if hours < 24:
        return translate("report", "{hours} h", "notice").format(hours=hours)
    days, rest = divmod(hours, 24)
    if rest and days < 7:
        return translate("report", "{days} d {hours} h", "notice").format(days=days, hours=rest)
    return translate("report", "{days} d", "notice").format(days=days)


def notice_hours(row: DetailRow) -> Decimal | None:
    """Notice in hours with two decimals, for spreadsheets; None for a no-show."""
    if row.kind == RowKind.NO_SHOW or row.notice_minutes is None:
        return None
    return (Decimal(row.notice_minutes) / Decimal(60)).quantize(Decimal("0.01"))


def cents_decimal(cents: int) -> Decimal:
    """Cents as a plain decimal amount ("193.99"), which spreadsheets add up."""
    return (Decimal(cents) / Decimal(100)).quantize(Decimal("0.01"))


def percent(rate: float) -> str:
    """A share as the practice writes it (app/i18n.py): "5.2%", "5,2 %"."""
    return percent_text(rate)


def period_text(date_from: date, date_to: date) -> str:
    """ "1 – 31 Mar 2026", "28 Feb – 6 Mar 2026", "29 Dec 2025 – 4 Jan 2026"."""
    if date_from == date_to:
        return f"{date_to.day} {when_text(date_to, '%b %Y')}"
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return f"{date_from.day} – {date_to.day} {when_text(date_to, '%b %Y')}"
    if date_from.year == date_to.year:
        return (
            f"{date_from.day} {when_text(date_from, '%b')} – {date_to.day} "
            f"{when_text(date_to, '%b %Y')}"
        )
    return (
        f"{date_from.day} {when_text(date_from, '%b %Y')} – {date_to.day} "
        f"{when_text(date_to, '%b %Y')}"
    )


def moment_text(moment: datetime, tz: ZoneInfo) -> str:
    """A local date and time with the zone's abbreviation: "1 Apr 2026 10:00 AEDT"."""
    local = moment.astimezone(tz)
    return f"{local.day} {when_text(local, '%b %Y %H:%M %Z')}"


def generated_text(moment: datetime, tz: ZoneInfo, by: str) -> str:
    """A report's "Generated 1 Apr 2026 10:00 AEDT by Practice administrator"."""
    return translate("report", "Generated {moment_text} by {generated_by}").format(
        moment_text=moment_text(moment, tz), generated_by=by
    )


def claim_reference(sd_id: int) -> str:
    """The SD's ClaimReference in the NDIS claim file: "FD-<SD id>", before and after extraction."""
    return f"FD-{sd_id}"


NOT_YET_CLAIMED = QT_TRANSLATE_NOOP("csv", "not yet claimed")
NOT_NDIS = QT_TRANSLATE_NOOP("csv", "not an NDIS claim")
INVOICED = {
    "plan": QT_TRANSLATE_NOOP(
        "csv", "not an NDIS claim: plan-managed, invoiced to the plan manager"
    ),
    "self": QT_TRANSLATE_NOOP(
        "csv", "not an NDIS claim: self-managed, invoiced to the participant"
    ),
}
NOT_CLAIMABLE = QT_TRANSLATE_NOOP(
    "csv",
    "not claimable: “{code}” is the practice's own service code, not an NDIS support item "
    "number, so the NDIS claim file leaves this charge out and the client pays it",
)


def claimable(row: DetailRow) -> bool:
    """Whether the row's SD can go into the NDIS claim file: an NDIS participant's line filed
    under an NDIS support item number (a private code such as PHYSIO-PRIV never can)."""
    return row.ndis and (row.sd_item is None or is_support_item(row.sd_item))


def never_claimed(row: DetailRow) -> bool:
    """An NDIS participant's charge the claim file will never take (filed under a private code):
    the client pays it (`app.services.setup.funders.plan_cannot_pay`)."""
    return row.sd_id is not None and row.ndis and not claimable(row)


def client_charged(row: DetailRow) -> bool:
    """Whether the row's charge is the client's own: marked theirs (a funder that pays no fees,
    a plan that cannot be claimed for it), or never claimable (a line written before that)."""
    return row.bill_to == "client" or never_claimed(row)


def charged_to(row: DetailRow) -> str:
    """The CSV's Charged to: the client, and why; "" when the usual payer pays."""
    if never_claimed(row):
        return translate("csv", CHARGED_TO_CLIENT_NOT_CLAIMABLE)
    return translate("csv", CHARGED_TO_CLIENT) if row.bill_to == "client" else ""


def claimed_text(row: DetailRow, tz: ZoneInfo) -> str:
    """When the row's SD went into a claim file ("2026-04-03"), "not yet claimed", "not an NDIS
    claim" (the client is not NDIS-funded), "not claimable" and why (a private service code), in
    the practice's language, or "" (no SD)."""
    if row.sd_id is None:
        return ""
    if row.sd_extracted_at is not None:
        return row.sd_extracted_at.astimezone(tz).strftime("%Y-%m-%d")
    if not row.ndis:
        return translate("csv", INVOICED.get(row.invoiced, NOT_NDIS))
    if not claimable(row):
        return translate("csv", NOT_CLAIMABLE).format(code=row.sd_item)
    return translate("csv", NOT_YET_CLAIMED)


def undone_line(left_out: int) -> str:
    """The one line saying what the detail leaves out: "3 cancellations later undone are not shown"."""
    if left_out == 1:
        return translate("report", "1 cancellation later undone is not shown")
    return translate("report", "{n} cancellations later undone are not shown").format(n=left_out)


def headings(names: tuple[str, ...]) -> list[str]:
    """Column headings marked QT_TRANSLATE_NOOP("csv", …), in the practice's language."""
    return [translate("csv", name) for name in names]


def csv_header() -> tuple[str, ...]:
    """The CSV's column names in the practice's language (CSV_HEADER, translated)."""
    return tuple(headings(CSV_HEADER))


# A charge whose client's funder (Medicare, DVA…) does not pay cancellation fees.
CHARGED_TO_CLIENT = QT_TRANSLATE_NOOP("csv", "client (funder pays no cancellation fees)")
CHARGED_TO_CLIENT_NOT_CLAIMABLE = QT_TRANSLATE_NOOP(
    "csv", "client (not claimable from the NDIS plan)"
)
CSV_HEADER = (
    QT_TRANSLATE_NOOP("csv", "Date"),
    QT_TRANSLATE_NOOP("csv", "Time"),
    QT_TRANSLATE_NOOP("csv", "Session"),
    QT_TRANSLATE_NOOP("csv", "Service code"),
    QT_TRANSLATE_NOOP("csv", "Service"),
    QT_TRANSLATE_NOOP("csv", "Client ID"),
    QT_TRANSLATE_NOOP("csv", "Client"),
    QT_TRANSLATE_NOOP("csv", "Worker"),
    QT_TRANSLATE_NOOP("csv", "Cancelled by"),
    QT_TRANSLATE_NOOP("csv", "Advised at"),
    QT_TRANSLATE_NOOP("csv", "Notice"),
    QT_TRANSLATE_NOOP("csv", "Notice (hours)"),
    QT_TRANSLATE_NOOP("csv", "Short notice"),
    QT_TRANSLATE_NOOP("csv", "Reason"),
    QT_TRANSLATE_NOOP("csv", "Note"),
    QT_TRANSLATE_NOOP("csv", "Charge"),
    QT_TRANSLATE_NOOP("csv", "Waived"),
    QT_TRANSLATE_NOOP("csv", "Waived amount"),
    QT_TRANSLATE_NOOP("csv", "SD"),
    QT_TRANSLATE_NOOP("csv", "Undone"),
    QT_TRANSLATE_NOOP("csv", "Charged to"),
    QT_TRANSLATE_NOOP("csv", "SD claimed"),
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
        translate("csv", "yes") if row.short_notice else translate("csv", "no"),
        row.reason,
        row.note,
        cents_decimal(row.charge_cents),
        translate("csv", "yes") if row.waived else translate("csv", "no"),
        cents_decimal(row.waived_cents),
        claim_reference(row.sd_id) if row.sd_id is not None else "",
        translate("csv", "yes") if row.undone else translate("csv", "no"),
        charged_to(row),
        claimed_text(row, tz),
    )
