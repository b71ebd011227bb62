"""SPEC 5: the cancellation report on the demo practice — figures, PDF read back, CSV, filters."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.errors import PermissionDeniedError, ValidationError
from app.models import Booking, Cancellation, CancellationLine, ServiceDelivered, Session, Worker
from app.models.enums import BookingStatus, CancelledBy, SdKind
from app.models.money import format_money
from app.services.desk import Desk, open_desk
from app.services.reports import (
    CancellationReport,
    ReportFilters,
    RowKind,
    cancellation_report,
    render_cancellation_pdf,
    write_cancellation_csv,
)
from app.services.reports.formatting import CSV_HEADER

SYD = ZoneInfo("Australia/Sydney")
MONTH = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))


def pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def figure(text: str, label: str) -> str:
    """The value printed under a key-figure label on the summary page."""
    match = re.search(rf"^{re.escape(label.upper())}\n(\S+)$", text, re.MULTILINE)
    assert match, f"{label} not found"
    return match.group(1)


@pytest.fixture
def desk(demo_ctx: AppContext) -> Desk:
    return open_desk(demo_ctx.db, "manager")


@pytest.fixture
def report(desk: Desk) -> CancellationReport:
    return desk.read(lambda uow: cancellation_report(uow, MONTH))


def _bounds() -> tuple[datetime, datetime]:
    start = datetime.combine(MONTH.date_from, time.min, SYD).astimezone(UTC)
    end = datetime.combine(MONTH.date_to + timedelta(days=1), time.min, SYD).astimezone(UTC)
    return start, end


def test_report_figures_match_the_database(desk: Desk, report: CancellationReport) -> None:
    start, end = _bounds()

    def facts(uow):  # type: ignore[no-untyped-def]
        in_range = (Session.starts_at >= start, Session.starts_at < end)
        q = uow.session.scalar
        lines = q(
            select(func.count(CancellationLine.id))
            .join(Cancellation, Cancellation.id == CancellationLine.cancellation_id)
            .join(Session, Session.id == Cancellation.session_id)
            .where(*in_range, Cancellation.undone_at.is_(None))
        )
        dna = q(
            select(func.count(Booking.id))
            .join(Session, Session.id == Booking.session_id)
            .where(*in_range, Booking.status == BookingStatus.DNA)
        )
        bookings = q(select(func.count(Booking.id)).join(Session).where(*in_range))
        charged = q(
            select(func.sum(ServiceDelivered.amount_cents))
            .join(Session, Session.id == ServiceDelivered.session_id)
            .where(*in_range, ServiceDelivered.kind != SdKind.DELIVERED)
        )
        return lines, dna, bookings, charged

    lines, dna, bookings, charged = desk.read(facts)
    s = report.summary
    assert (s.cancellations, s.no_shows, s.bookings, s.charges_cents) == (
        lines,
        dna,
        bookings,
        charged,
    )
    assert s.cancellations > 10 and s.no_shows > 0
    assert sum(c.count for c in s.by_reason) == s.events == sum(c.count for c in s.by_worker)
    assert sum(c.count for c in s.by_who) == s.events
    assert sum(c.count for c in s.notice) == s.cancellations
    assert sum(w.cancellations + w.no_shows for w in s.by_week) == s.events
    assert s.late_rate == pytest.approx(s.late_cancellations / s.bookings)
    assert s.dna_rate == pytest.approx(s.no_shows / s.bookings)


def test_the_pdf_totals_match_the_service_summary(
    report: CancellationReport, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    pages = render_cancellation_pdf(report, out)
    text = pdf_pages(out)
    assert len(text) == pages >= 3
    s = report.summary
    first = text[0]
    assert figure(first, "Cancellations") == str(s.cancellations)
    assert figure(first, "Did not attend") == str(s.no_shows)
    assert figure(first, "Charges") == format_money(s.charges_cents)
    assert figure(first, "Undone") == str(s.undone_count)
    assert f"{s.late_cancellations} of {s.bookings} bookings" in first
    detail = "\n".join(text[2:])
    assert f"{len(report.shown_rows)} rows: {s.cancellations} cancellations" in detail
    assert f"charges {format_money(s.charges_cents)}" in detail


def test_every_page_has_header_and_footer(report: CancellationReport, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    render_cancellation_pdf(report, out)
    text = pdf_pages(out)
    for number, page in enumerate(text, start=1):
        assert "Harbourside Allied Health" in page
        assert "Cancellation report · 1 Mar – 30 Apr 2026" in page
        assert f"Page {number} of {len(text)}" in page
        assert "Generated 1 Apr 2026 10:00 AEDT by Practice manager" in page


def test_summary_is_portrait_and_detail_landscape(
    report: CancellationReport, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    render_cancellation_pdf(report, out)
    boxes = [p.mediabox for p in PdfReader(str(out)).pages]
    assert boxes[0].width < boxes[0].height
    assert boxes[-1].width > boxes[-1].height
    assert round(float(boxes[0].width)) == 595  # A4 by the practice setting


def test_letter_paper_follows_the_practice_setting(desk: Desk, tmp_path: Path) -> None:
    from app.services import practice

    desk.write(lambda uow: setattr(practice.settings(uow), "paper_size", "Letter"))
    report = desk.read(lambda uow: cancellation_report(uow, MONTH))
    out = tmp_path / "letter.pdf"
    render_cancellation_pdf(report, out)
    assert round(float(PdfReader(str(out)).pages[0].mediabox.width)) == 612


def test_csv_has_the_same_rows_as_the_detail_table(
    report: CancellationReport, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    assert write_cancellation_csv(report, out) == len(report.shown_rows)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == len(report.shown_rows) + 1
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [int(r["Session"]) for r in body] == [r.session_id for r in report.shown_rows]
    assert all(r["SD"] == "" or r["SD"].startswith("FD-") for r in body)
    total = sum(int(r["Charge"].replace(".", "")) for r in body if r["Undone"] == "no")
    assert total == report.summary.charges_cents


def test_filters_narrow_the_rows(desk: Desk, report: CancellationReport) -> None:
    worker = report.rows[0].worker_id
    by_worker = desk.read(
        lambda uow: cancellation_report(
            uow, ReportFilters(MONTH.date_from, MONTH.date_to, worker_id=worker)
        )
    )
    assert by_worker.rows and all(r.worker_id == worker for r in by_worker.rows)
    name = desk.read(lambda uow: uow.session.get(Worker, worker).name)
    assert by_worker.filter_text == f"Worker: {name}"
    who = desk.read(
        lambda uow: cancellation_report(
            uow, ReportFilters(MONTH.date_from, MONTH.date_to, cancelled_by=CancelledBy.WORKER)
        )
    )
    assert who.rows and all(r.cancelled_by is CancelledBy.WORKER for r in who.rows)
    assert who.summary.no_shows == 0
    client = report.rows[0].client_id
    mine = desk.read(
        lambda uow: cancellation_report(
            uow, ReportFilters(MONTH.date_from, MONTH.date_to, client_id=client)
        )
    )
    assert {r.client_id for r in mine.rows} == {client}
    reason = next(r.reason_id for r in report.rows if r.kind is RowKind.CANCELLATION)
    by_reason = desk.read(
        lambda uow: cancellation_report(
            uow, ReportFilters(MONTH.date_from, MONTH.date_to, reason_id=reason)
        )
    )
    assert {r.reason_id for r in by_reason.rows} == {reason}
    assert by_reason.summary.bookings == report.summary.bookings  # the rates keep their base


def test_reports_need_the_reports_permission(demo_ctx: AppContext) -> None:
    desk = open_desk(demo_ctx.db, "reception")
    with pytest.raises(PermissionDeniedError, match="cannot run reports"):
        desk.read(lambda uow: cancellation_report(uow, MONTH))


def test_a_backwards_period_is_refused_with_a_sentence(desk: Desk) -> None:
    with pytest.raises(ValidationError, match="end date is before the start date"):
        desk.read(
            lambda uow: cancellation_report(uow, ReportFilters(date(2026, 3, 5), date(2026, 3, 1)))
        )


def test_an_empty_period_still_makes_a_readable_pdf(desk: Desk, tmp_path: Path) -> None:
    empty = desk.read(
        lambda uow: cancellation_report(uow, ReportFilters(date(2020, 1, 1), date(2020, 1, 31)))
    )
    assert empty.rows == () and empty.summary.events == 0
    out = tmp_path / "empty.pdf"
    render_cancellation_pdf(empty, out)
    text = "\n".join(pdf_pages(out))
    assert "Nothing to show for this period" in text
    assert "No cancellations or no-shows in this period." in text
