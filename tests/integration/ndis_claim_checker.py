"""The NDIS bulk payment request rules, checked on a claim file as the portal would read it.

Independent of the code that writes the file: its own copy of the columns, claim types, reason
codes and ABN test. `problems(...)` returns one sentence per broken rule (empty: the file is good).

Rules (NDIA bulk payment request template, myplace provider portal):
- the 16 columns, named and in order, header first; every row has 16 cells;
- RegistrationNumber digits; NDISNumber 9 digits;
- SupportsDeliveredFrom / To as YYYY/MM/DD, From not after To;
- SupportNumber a support item the practice has; ClaimReference present, unique, ≤ 50 chars;
- Quantity a number with at most 2 decimals, not zero; Hours blank (Quantity carries the hours);
- UnitPrice with 2 decimals, never above the item's price (per hour for an hourly item);
- Quantity × UnitPrice equals the SD's amount to the cent (at most half a cent apart);
- GSTCode P1, P2 or P5; ClaimType blank or one of the portal's types;
- CancellationReason NSDH, NSDF, NSDT or NSDO exactly when ClaimType is CANC;
- ABN of Support Provider: 11 digits, no spaces, passing the ABN check-digit test.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

COLUMNS = (
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
CLAIM_TYPES = {"", "CANC", "REPW", "TRAN", "NF2F", "THLT", "IRSS"}
REASONS = {"NSDH", "NSDF", "NSDT", "NSDO"}
GST_CODES = {"P1", "P2", "P5"}
DATE_RE = re.compile(r"^\d{4}/\d{2}/\d{2}$")
MONEY_RE = re.compile(r"^-?\d+\.\d{2}$")
QUANTITY_RE = re.compile(r"^-?\d+(\.\d{1,2})?$")
HALF_CENT = Decimal("0.005")


@dataclass(frozen=True)
class Item:
    """A support item as the practice prices it: per hour or per unit, in cents."""

    hourly: bool
    price_cents: int


def abn_ok(abn: str) -> bool:
    if not re.fullmatch(r"\d{11}", abn):
        return False
    digits = [int(c) for c in abn]
    digits[0] -= 1
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    return sum(w * d for w, d in zip(weights, digits, strict=True)) % 89 == 0


def _date(text: str) -> datetime | None:
    if not DATE_RE.match(text):
        return None
    try:
        return datetime.strptime(text, "%Y/%m/%d")
    except ValueError:
        return None


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def problems(
    rows: list[list[str]],
    items: dict[str, Item],
    amounts: dict[str, int] | None = None,
) -> list[str]:
    """Every rule the rows break; `amounts` maps a ClaimReference to the SD's amount in cents."""
    if not rows or tuple(rows[0]) != COLUMNS:
        return [f"The header is {rows[0] if rows else 'missing'}, not the 16 columns in order."]
    out: list[str] = []
    seen: set[str] = set()
    for n, cells in enumerate(rows[1:], start=2):
        if len(cells) != len(COLUMNS):
            out.append(f"Row {n} has {len(cells)} cells, not {len(COLUMNS)}.")
            continue
        out.extend(f"Row {n}: {p}" for p in _row(dict(zip(COLUMNS, cells, strict=True)), items,
                                                 amounts, seen))  # fmt: skip
    return out


def _row(
    r: dict[str, str], items: dict[str, Item], amounts: dict[str, int] | None, seen: set[str]
) -> list[str]:
    out: list[str] = []
    if not r["RegistrationNumber"].isdigit():
        out.append(f"RegistrationNumber “{r['RegistrationNumber']}” is not digits.")
    if not re.fullmatch(r"\d{9}", r["NDISNumber"]):
        out.append(f"NDISNumber “{r['NDISNumber']}” is not 9 digits.")
    start, end = _date(r["SupportsDeliveredFrom"]), _date(r["SupportsDeliveredTo"])
    if start is None or end is None:
        out.append(
            f"dates “{r['SupportsDeliveredFrom']}”/“{r['SupportsDeliveredTo']}” are not YYYY/MM/DD."
        )
    elif start > end:
        out.append("SupportsDeliveredFrom is after SupportsDeliveredTo.")
    ref = r["ClaimReference"]
    if not ref or len(ref) > 50:
        out.append(f"ClaimReference “{ref}” is empty or longer than 50 characters.")
    elif ref in seen:
        out.append(f"ClaimReference “{ref}” is used twice.")
    seen.add(ref)
    item = items.get(r["SupportNumber"])
    if item is None:
        out.append(f"SupportNumber “{r['SupportNumber']}” is not an item of the practice.")
    if r["Hours"]:
        out.append("Hours is filled; the quantity carries the hours.")
    quantity = unit = None
    if QUANTITY_RE.match(r["Quantity"]) and Decimal(r["Quantity"]) != 0:
        quantity = Decimal(r["Quantity"])
    else:
        out.append(f"Quantity “{r['Quantity']}” is not a non-zero number with 2 decimals.")
    if MONEY_RE.match(r["UnitPrice"]):
        unit = Decimal(r["UnitPrice"])
    else:
        out.append(f"UnitPrice “{r['UnitPrice']}” is not dollars and cents.")
    if unit is not None and item is not None and unit * 100 > item.price_cents:
        per = " an hour" if item.hourly else ""
        out.append(f"UnitPrice {unit} is above the item's price {item.price_cents / 100:.2f}{per}.")
    if quantity is not None and unit is not None and amounts is not None:
        amount = amounts.get(ref)
        if amount is None:
            out.append(f"ClaimReference “{ref}” names no SD.")
        elif abs(quantity * unit - Decimal(amount) / 100) > HALF_CENT:
            out.append(
                f"Quantity × UnitPrice = {quantity * unit} is not the amount {amount / 100:.2f}."
            )
    if r["GSTCode"] not in GST_CODES:
        out.append(f"GSTCode “{r['GSTCode']}” is not P1, P2 or P5.")
    claim, reason = r["ClaimType"], r["CancellationReason"]
    if claim not in CLAIM_TYPES:
        out.append(f"ClaimType “{claim}” is not a claim type.")
    if claim == "CANC" and reason not in REASONS:
        out.append(f"a CANC line has the reason “{reason}”, not NSDH, NSDF, NSDT or NSDO.")
    if claim != "CANC" and reason:
        out.append(f"the reason “{reason}” is on a line that is not CANC.")
    if not abn_ok(r["ABN of Support Provider"]):
        out.append(f"ABN “{r['ABN of Support Provider']}” is not 11 digits passing the ABN test.")
    return out
