"""A client's invoice printed: the reports' header and footer over who it is to, its lines
and what is due.

Kept apart from `invoice.py` so that working an invoice out never loads reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models.money import format_money
from app.services.money.account import Exported
from app.services.money.invoice import (
    NO_ABN,
    NO_MANAGER,
    NO_PAYMENT,
    Invoice,
    client_invoice,
    due_text,
    unaddressed,
)
from app.services.reports.formatting import generated_text
from app.services.reports.pdf_base import (
    ACCENT,
    Furniture,
    ReportDocument,
    choose_fonts,
    fit,
    frame_size,
    grid_style,
    save_pdf,
    styles,
    wrap,
)
from app.services.storage.export_target import checked_target

COLUMNS = (
    QT_TRANSLATE_NOOP("invoice", "Date"),
    QT_TRANSLATE_NOOP("invoice", "Service"),
    QT_TRANSLATE_NOOP("invoice", "Support item"),
    QT_TRANSLATE_NOOP("invoice", "Claim"),
    QT_TRANSLATE_NOOP("invoice", "Qty"),
    QT_TRANSLATE_NOOP("invoice", "Unit price"),
    QT_TRANSLATE_NOOP("invoice", "Amount"),
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _day(d: date) -> str:
    return when_text(d, "%d %b %Y")


def _heading(inv: Invoice, st: dict[str, Any]) -> list[Flowable]:
    """The number, the date of issue, who it is to and the period it covers."""
    tz = ZoneInfo(inv.time_zone)
    said = [
        translate("invoice", "Date of issue: {day}").format(
            day=_day(inv.generated_at.astimezone(tz).date())
        ),
        translate("invoice", "To: {who}").format(who=inv.addressed_to),
        *(
            [translate("invoice", "E-mail: {address}").format(address=inv.send_to)]
            if inv.send_to
            else []
        ),
        translate("invoice", "Sessions from {first} to {last}").format(
            first=_day(inv.first), last=_day(inv.last)
        ),
    ]
    if inv.ndis_registration:
        said.append(
            translate("invoice", "NDIS provider registration number: {number}").format(
                number=inv.ndis_registration
            )
        )
    title = translate("invoice", "Invoice {number}").format(number=inv.number)
    return [
        Paragraph(_escape(title), st["title"]),
        *(Paragraph(_escape(line), st["subtitle"]) for line in said),
        Spacer(1, 8),
    ]


def _quantity(q: Decimal) -> str:
    return str(q.quantize(Decimal("0.01"))) if q != q.to_integral_value() else str(int(q))


def _story(inv: Invoice, doc: ReportDocument, fonts: Any) -> list[Flowable]:
    st = styles(fonts)
    width, _ = frame_size(doc.portrait)
    size = 8
    widths = [width * w for w in (0.12, 0.33, 0.17, 0.1, 0.06, 0.11, 0.11)]
    data: list[list[Any]] = [[translate("invoice", c) for c in COLUMNS]]
    for line in inv.lines:
        data.append([_day(line.day),
                     wrap(f"{line.service} — {line.what}", widths[1] - 6, fonts.regular, size, 3),
                     fit(line.support_item, widths[2] - 6, fonts.regular, size), line.claim,
                     _quantity(line.quantity), format_money(line.unit_price_cents),
                     format_money(line.amount_cents)])  # fmt: skip
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(fonts, size, right_columns=(4, 5, 6))))
    totals = [[translate("invoice", "Total"), format_money(inv.total_cents)]]
    if inv.adjusted_cents:
        totals.append([translate("invoice", "Adjustments"), format_money(inv.adjusted_cents)])
    totals += [[translate("invoice", "Paid"), format_money(-inv.paid_cents)],
               [translate("invoice", "Balance due"), format_money(inv.due_cents)]]  # fmt: skip
    summed = Table(totals, colWidths=[width * 0.2, width * 0.11], hAlign="RIGHT")
    summed.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.regular, size + 1, size + 3),
        ("FONT", (0, -1), (-1, -1), fonts.bold, size + 1, size + 3),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.7, ACCENT),
    ]))  # fmt: skip
    story = [*_heading(inv, st), table, Spacer(1, 8), summed]
    if inv.payment.strip():
        how = translate("invoice", "How to pay: {details}").format(details=inv.payment.strip())
        story += [Spacer(1, 10), Paragraph(_escape(how), st["subtitle"])]
    return story


def render_invoice_pdf(invoice: Invoice, path: Path) -> int:
    """The invoice as a printable PDF with the reports' header and footer; the page count."""
    target = checked_target(Path(path))
    texts = [invoice.practice_name, invoice.provider, invoice.addressed_to, invoice.send_to,
             invoice.generated_by,
             invoice.payment,
             *(t for line in invoice.lines for t in (line.service, line.what))]  # fmt: skip
    fonts = choose_fonts(texts)
    tz = ZoneInfo(invoice.time_zone)
    furniture = Furniture(
        invoice.practice_name, translate("invoice", "Invoice"), invoice.client_name,
        generated_text(invoice.generated_at, tz, invoice.generated_by), fonts, invoice.provider,
    )  # fmt: skip
    return save_pdf(target, invoice.paper_size, furniture, lambda doc: _story(invoice, doc, fonts))


@dataclass(frozen=True)
class SavedInvoice(Exported):
    """An invoice saved: the file, and the invoice it holds (to e-mail it)."""

    invoice: Invoice | None = None


def write_invoice_pdf(
    uow: UnitOfWork, client_id: int, first: date, last: date, path: Path
) -> SavedInvoice:
    """Work the client's invoice for the period out and print it to `path` as a PDF."""
    invoice = client_invoice(uow, client_id, first, last)
    render_invoice_pdf(invoice, path)
    said = translate("invoice", "Invoice {number} was saved to {path}: {due}.").format(
        number=invoice.number, path=path, due=due_text(invoice)
    )
    if unaddressed(invoice):
        said += " " + translate("invoice", NO_MANAGER).format(name=invoice.client_name)
    if not invoice.abn:
        said += " " + translate("invoice", NO_ABN)
    if not invoice.payment.strip():
        said += " " + translate("invoice", NO_PAYMENT)
    return SavedInvoice(Path(path), len(invoice.lines), said, invoice)
