"""Reports ▸ Cancellation report… after a practice closure: the Refunds figure counts the refunds
of the cancellations the person chose with "Cancelled by", not every refund of the period."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QMenu
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, CreditEntry
from app.models.enums import LedgerKind
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    type_date,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_bulk_undo import bulk_cancel
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_undo_dna import undo_with


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


def _class_paid_with_a_credit(ctx: AppContext) -> tuple[int, str, str]:
    """The next class (hours away) with a client whose place is paid with a credit: the session,
    that client's name and the class's day as typed (d/m/yyyy)."""
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import selectinload

    from app.models import Session
    from app.models.enums import BookingStatus, PaidWith, SessionKind, SessionStatus

    def pick(orm: Any) -> tuple[int, str, str]:
        soon = ctx.db.clock() + timedelta(hours=3)
        classes = orm.scalars(
            select(Session)
            .where(Session.kind == SessionKind.CLASS, Session.status == SessionStatus.ROSTERED,
                   Session.starts_at > soon)
            .options(selectinload(Session.bookings))
            .order_by(Session.starts_at)
        )  # fmt: skip
        for s in classes:
            for b in s.bookings:
                if b.status == BookingStatus.BOOKED and b.paid_with == PaidWith.CREDITS:
                    day = s.starts_at.astimezone(ZoneInfo("Australia/Sydney"))
                    return s.id, b.client.display_name, f"{day.day}/{day.month}/{day.year}"
        raise AssertionError("the demo practice has no class paid with a credit")

    return data.read(ctx, pick)


def _by_reason(qtbot: Any, report: Any, reason: str, pdf: Path) -> tuple[int, int]:
    """The Refunds figure for one reason: (refunds, credits), read from the saved PDF."""
    choose(field(report, "Reason", QComboBox), reason)
    with dialogs(save_as(pdf)):
        press(report, "Save PDF")
    qtbot.waitUntil(pdf.exists, timeout=10000)
    text = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    tile = text.split("REFUNDS ", 1)[1].split(" UNDONE", 1)[0]
    refunds = re.search(r"(\d+) refunds?", tile)
    credits = re.search(r"(\d+) credits?", tile)
    assert refunds and credits, tile
    return int(refunds[1]), int(credits[1])


def _not_now(offer: Any) -> None:
    """The freed place is not offered to the waitlist now."""
    press(offer, "Not now")
    assert not offer.isVisible(), "the offer of the freed place stayed open"


def _day_report(qtbot: Any, window: Any, day: str) -> Any:
    from_menu(window, "Reports", "Cancellation report")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    type_date(qtbot, field(report, "From date"), day)
    type_date(qtbot, field(report, "To date"), day)
    return report


def test_a_refund_counts_under_the_reason_of_the_cancellation_that_gave_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    """A class paid with a credit is cancelled for Health (the credit back), undone, and cancelled
    again for Family: Health's refunds are as before (given and taken back), Family's one more."""
    sid, name, day = _class_paid_with_a_credit(demo_ctx)
    window = open_window(demo_ctx, "manager")
    report = _day_report(qtbot, window, day)
    before = {r: _by_reason(qtbot, report, r, tmp_path / f"{r}-before.pdf")
              for r in ("Health", "Family")}  # fmt: skip
    report.close()

    with dialogs(client_cancel(qtbot, "Health", clients=(name,)), _not_now):
        from_context_menu(window, sid, "Cancel…")
    with dialogs(undo_with(qtbot, "Rang back, coming after all")):
        from_context_menu(window, sid, "Undo cancellation…")
    with dialogs(client_cancel(qtbot, "Family", clients=(name,)), _not_now):
        from_context_menu(window, sid, "Cancel…")
    lines = data.read(demo_ctx, lambda orm: [(e.kind, e.credits) for e in orm.scalars(
        select(CreditEntry).join(Booking, Booking.id == CreditEntry.booking_id)
        .where(Booking.session_id == sid, CreditEntry.kind != LedgerKind.USE)
        .order_by(CreditEntry.id))])  # fmt: skip
    assert lines == [(LedgerKind.REFUND, 1), (LedgerKind.REFUND_REVERSAL, -1),
                     (LedgerKind.REFUND, 1)]  # fmt: skip

    report = _day_report(qtbot, window, day)
    health = _by_reason(qtbot, report, "Health", tmp_path / "health.pdf")
    family = _by_reason(qtbot, report, "Family", tmp_path / "family.pdf")
    report.close()
    assert health == before["Health"]
    assert family == (before["Family"][0] + 1, before["Family"][1] + 1)
