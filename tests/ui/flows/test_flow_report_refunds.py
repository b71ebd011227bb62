"""Reports ▸ Cancellation report… after a practice closure: the Refunds figure counts the refunds
of the cancellations the person chose with "Cancelled by", not every refund of the period."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QMenu
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import CreditEntry
from app.models.enums import LedgerKind
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, from_menu, press, type_date
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_bulk_undo import bulk_cancel


def _refunds_tile(qtbot: Any, report: Any, who: str, pdf: Path) -> str:
    """Save the report's PDF for `who` and read its Refunds figure ("$0.00 12 refunds, …")."""
    choose(field(report, "Cancelled by", QComboBox), who)
    with dialogs(save_as(pdf)):
        press(report, "Save PDF")
    qtbot.waitUntil(pdf.exists, timeout=10000)
    text = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    return text.split("REFUNDS ", 1)[1].split(" UNDONE", 1)[0]


def _closure_week_report(qtbot: Any, window: Any) -> Any:
    """Reports ▸ Cancellation report… for the week of the closure."""
    from_menu(window, "Reports", "Cancellation report")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    type_date(qtbot, field(report, "From date"), "30/3/2026")
    type_date(qtbot, field(report, "To date"), "5/4/2026")
    return report


def test_the_refunds_figure_follows_the_cancelled_by_chosen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    report = _closure_week_report(qtbot, window)
    by_clients = _refunds_tile(qtbot, report, "Client", tmp_path / "before.pdf")
    report.close()

    bulk_cancel(window, tmp_path / "closure.csv")  # this week's classes, paid with credits
    job = window.installed.jobs.last_job
    refunded = data.count(
        demo_ctx, CreditEntry, CreditEntry.bulk_job_id == job, CreditEntry.kind == LedgerKind.REFUND
    )
    credits = data.read(demo_ctx, lambda orm: orm.scalar(
        select(func.sum(CreditEntry.credits)).where(CreditEntry.bulk_job_id == job)))  # fmt: skip
    assert refunded > 1 and credits

    report = _closure_week_report(qtbot, window)
    closure = f"$0.00 {refunded} refunds, {credits} credits"
    assert _refunds_tile(qtbot, report, "Practice", tmp_path / "practice.pdf") == closure
    # The closure's refunds are the practice's: the clients' own figure is as it was.
    assert _refunds_tile(qtbot, report, "Client", tmp_path / "client.pdf") == by_clients
    report.close()
