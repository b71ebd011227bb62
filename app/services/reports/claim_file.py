"""The NDIS claim file: the NDIA's bulk payment request CSV, and an SD as one of its lines.

The file follows the NDIA's bulk payment request template (myplace provider portal, "Bulk
payment requests – self-help guide for providers", part 1 "Completing the Bulk Upload File
Template"): the 16 columns below, in that order, header row first.

- RegistrationNumber: the practice's NDIS provider registration number (practice settings).
- SupportsDeliveredFrom / SupportsDeliveredTo: the practice-local session date as YYYY/MM/DD,
  the format the guide asks for (its advice for a file re-saved by a spreadsheet is to put the
  date fields back to yyyy/mm/dd before uploading).
- Quantity: for an hourly support item, hours with two decimals (1.50 is an hour and a half),
  for a cancellation or no-show charge as much as for a delivered session; 1 for an item priced
  per unit. UnitPrice never exceeds the item's hourly price, and Quantity × UnitPrice comes to
  the SD's amount to the cent (`app.services.sessions.claim_units`). A line written before that
  rule (1 × the whole charge) is written in hours here too. Hours is left blank.
- ClaimType: blank for a delivered support, CANC for a short-notice cancellation or no-show,
  whose CancellationReason is NSDH, NSDF, NSDT or NSDO (blank on any other line).
- ABN of Support Provider: the practice's ABN (11 digits, no spaces) from the settings.
- AuthorisedBy, ParticipantApproved and InKindFundingProgram are left blank (legacy, or not
  applicable to agency-managed claims by a registered provider).
- ClaimReference is "FD-<SD id>", so a re-exported batch claims exactly the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Booking, Client, Service, ServiceDelivered, Session
from app.models.enums import SdKind, ServiceUnit
from app.services.reports.formatting import claim_reference
from app.services.sessions.claim_units import hourly_units
from app.services.storage.csv_safe import Cell, write_csv, write_csv_part

BULK_HEADER = (
    "RegistrationNumber",
    "NDISNumber",
    "SupportsDeliveredFrom",
    "SupportsDeliveredTo",
    "SupportNumber",
    "ClaimReference",
    "Quantity",
    "Hours",
    "UnitPrice",
    "GSTCode",
    "AuthorisedBy",
    "ParticipantApproved",
    "InKindFundingProgram",
    "ClaimType",
    "CancellationReason",
    "ABN of Support Provider",
)
DATE_FORMAT = "%Y/%m/%d"  # YYYY/MM/DD, as the bulk payment request template asks


@dataclass(frozen=True)
class ClaimLine:
    """One SD as a claim line, with what the desk needs to say what it locks."""

    sd_id: int
    session_id: int
    cancellation_id: int | None
    kind: SdKind
    client_name: str
    ndis_number: str
    delivered_on: date
    support_item: str
    quantity: Decimal
    unit_price_cents: int
    amount_cents: int
    gst_code: str
    claim_type: str
    reason_code: str | None


def lines_query() -> Any:
    """Each SD with its session's times, its client and its support item's unit and price."""
    return (
        select(ServiceDelivered, Session.starts_at, Client, Session.ends_at, Service.unit,
               Service.price_cents)
        .join(Session, Session.id == ServiceDelivered.session_id)
        .join(Booking, Booking.id == ServiceDelivered.booking_id)
        .join(Client, Client.id == Booking.client_id)
        .outerjoin(Service, Service.code == ServiceDelivered.support_item)
    )  # fmt: skip


def _units(sd: ServiceDelivered, row: Any) -> tuple[Decimal, int]:
    """The line's quantity and unit price as claimed: hours on an hourly item, unit price at most
    the item's price, the product the amount to the cent (a line stored otherwise is recast)."""
    quantity, unit = Decimal(sd.quantity), sd.unit_price_cents
    if row.unit != ServiceUnit.HOUR or row.price_cents is None:
        return quantity, unit
    fits = abs(quantity * unit - sd.amount_cents) <= Decimal("0.5")
    if fits and abs(unit) <= row.price_cents:
        return quantity, unit
    minutes = Decimal(int((row.ends_at - row.starts_at).total_seconds() // 60))
    hours = (minutes / 60).quantize(Decimal("0.01"))
    return hourly_units(sd.amount_cents, row.price_cents, hours)


def claim_line(row: Any, tz: ZoneInfo) -> ClaimLine:
    sd, starts_at, client = row[0], row.starts_at, row[2]
    quantity, unit_price = _units(sd, row)
    return ClaimLine(
        sd_id=sd.id,
        session_id=sd.session_id,
        cancellation_id=sd.cancellation_id,
        kind=sd.kind,
        client_name=client.display_name,
        ndis_number=client.ndis_number or "",
        delivered_on=starts_at.astimezone(tz).date(),
        support_item=sd.support_item,
        quantity=quantity,
        unit_price_cents=unit_price,
        amount_cents=sd.amount_cents,
        gst_code=sd.gst_code,
        claim_type=sd.claim_type,
        reason_code=sd.reason_code,
    )


def file_rows(lines: tuple[ClaimLine, ...], registration: str, abn: str) -> list[tuple[Cell, ...]]:
    return [
        (
            registration,
            ln.ndis_number,
            ln.delivered_on.strftime(DATE_FORMAT),
            ln.delivered_on.strftime(DATE_FORMAT),
            ln.support_item,
            claim_reference(ln.sd_id),
            ln.quantity.quantize(Decimal("0.01")),
            "",
            (Decimal(ln.unit_price_cents) / 100).quantize(Decimal("0.01")),
            ln.gst_code,
            "",
            "",
            "",
            ln.claim_type,
            (ln.reason_code or "") if ln.claim_type == "CANC" else "",
            abn,
        )
        for ln in lines
    ]


# What the portal will miss in the file: one sentence per case, so each language words its own.
_GAPS = {
    (True, False): QT_TRANSLATE_NOOP(
        "extract",
        "The practice's ABN is not set, so the file leaves it empty and the portal will refuse "
        "it: set it in Practice ▸ Practice settings ▸ Provider details, then re-export this batch.",
    ),
    (False, True): QT_TRANSLATE_NOOP(
        "extract",
        "The practice's NDIS registration number is not set, so the file leaves it empty and the "
        "portal will refuse it: set it in Practice ▸ Practice settings ▸ Provider details, then "
        "re-export this batch.",
    ),
    (True, True): QT_TRANSLATE_NOOP(
        "extract",
        "The practice's ABN and NDIS registration number are not set, so the file leaves it empty "
        "and the portal will refuse it: set it in Practice ▸ Practice settings ▸ Provider "
        "details, then re-export this batch.",
    ),
}


def provider_gaps(abn: str, registration: str) -> str:
    """What the portal will miss in the file, and where to set it ("" when nothing)."""
    missing = (not abn, not registration)
    return " " + translate("extract", _GAPS[missing]) if any(missing) else ""


def write_file_part(out: Path, rows: list[tuple[Cell, ...]]) -> Path:
    """The file written in full beside `out` (`csv_safe.write_csv_part`); its path."""
    part, _count = write_csv_part(out, BULK_HEADER, rows, bom=False)
    return part


def write_file(out: Path, rows: list[tuple[Cell, ...]]) -> None:
    """The file written to `out` (an earlier batch's, again)."""
    write_csv(out, BULK_HEADER, rows, bom=False)
