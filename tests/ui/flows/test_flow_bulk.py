"""Bulk cancel walked through the real window: pick, choose a reason, the final question, Back, go."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView
from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import Booking, Cancellation, Client, CreditEntry, OutboxMessage, Session
from app.models.enums import BookingStatus, LedgerKind, PaidWith, SessionStatus
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_menu,
    press,
    press_default,
    type_into,
)

WORKER = "Sophie Martin"  # her classes this week are paid with credits: refunds to make
GO = "Cancel selected && export CSV"  # a literal & in a label is written &&


def expected(ctx: AppContext, session_ids: list[int]) -> tuple[str, set[int]]:
    """The question worked out from the database (independently of the service's preview), and
    the bookings that get something back."""
    with OrmSession(ctx.db.engine) as s:
        booked = s.execute(
            select(Booking.id, Booking.client_id, Booking.paid_with, Booking.credits_used,
                   Booking.purchase_cents, Client.email, Client.notify_consent)
            .join(Client, Client.id == Booking.client_id)
            .where(Booking.session_id.in_(session_ids), Booking.status == BookingStatus.BOOKED)
        ).all()  # fmt: skip
    back = [
        b
        for b in booked
        if (b.paid_with == PaidWith.CREDITS and b.credits_used)
        or (b.paid_with == PaidWith.PURCHASE and b.purchase_cents)
    ]
    emails = len({b.client_id for b in booked if b.email and b.notify_consent})  # one each
    refunded = len({b.client_id for b in back})
    question = f"Cancel {len(session_ids)} sessions, refund {refunded} clients, e-mail {emails}?"
    return question, {b.id for b in back}


def save_as(path: Path, button: str = "Save") -> Any:
    """A handler for the save dialog: type the file name and press Save (or, for the folder
    dialog, type the folder and press `button` "Choose")."""

    def answer(dialog: Any) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None, "a file dialog with a name field"
        name.setFocus()
        QTest.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(name, str(path))
        press(dialog, button)

    return answer


def untick_first(table: QTableView) -> None:
    """Click the list's first session and untick it with the space bar, as a person does."""
    first = table.model().index(0, 0)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(first).center())  # fmt: skip
    QTest.keyClick(table.viewport(), Qt.Key.Key_Space)


def test_bulk_cancel_asks_with_the_counts_back_keeps_everything_and_confirm_runs_the_job(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    out = tmp_path / "closure.csv"
    picked: dict[str, Any] = {}

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), WORKER)
        press(w, "Select all")
        table: QTableView = field(w, "Sessions to cancel", QTableView)
        rows = [table.model().row(r) for r in range(table.model().rowCount())]
        assert len(rows) >= 3 and {r.worker for r in rows} == {WORKER}
        untick_first(table)  # it stays booked
        picked["kept"] = rows[0].session_id
        picked["ids"] = [r.session_id for r in rows[1:]]
        summary = field(w, "Selection summary", QLabel).text()
        assert summary.startswith(f"{len(rows) - 1} session(s)"), summary
        picked["question"], picked["refunded"] = expected(demo_ctx, picked["ids"])
        assert picked["refunded"], "the chosen classes were paid with credits"
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        type_into(qtbot, field(w, "Note", QLineEdit), "Flooded car park")
        press(w, GO)  # → save as, then the final question: Back
        assert w.isVisible() and not out.exists(), "Back writes nothing and keeps the dialog"
        assert field(w, "Selection summary", QLabel).text() == summary
        assert field(w, "Reason", QComboBox).currentText() == "Practice: Practice closure"
        assert field(w, "Note", QLineEdit).text() == "Flooded car park"
        press(w, GO)  # → save as, then the final question: Cancel sessions

    def back(w: Any) -> None:
        question = w.findChild(QLabel, "confirmQuestion").text()
        assert question == picked["question"]
        details = w.findChild(QLabel, "confirmDetails").text()
        assert "the reason “Practice: Practice closure”; nobody is charged." in details, details
        press_default(w)  # Enter: Back, the safe button

    def go(w: Any) -> None:
        assert w.findChild(QLabel, "confirmQuestion").text() == picked["question"]
        press(w, "Cancel sessions")

    def queued(w: Any) -> None:
        assert w.windowTitle() == "Bulk cancellation queued" and str(out) in w.text()
        press(w, "OK")

    with dialogs(bulk_dialog, save_as(out), back, save_as(out), go, queued):
        from_menu(window, "Schedule", "Bulk cancel")

    ids = picked["ids"]
    with OrmSession(demo_ctx.db.engine) as s:
        statuses = s.scalars(select(Session.status).where(Session.id.in_(ids))).all()
        assert statuses == [SessionStatus.CANCELLED] * len(ids)
        assert s.get(Session, picked["kept"]).status == SessionStatus.ROSTERED
        notes = s.scalars(
            select(Cancellation.note).where(
                Cancellation.session_id.in_(ids), Cancellation.bulk_job_id.is_not(None)
            )
        ).all()
        assert notes == ["Flooded car park"] * len(ids)  # one cancellation per session
        refunds = s.scalars(
            select(CreditEntry.booking_id).where(
                CreditEntry.kind == LedgerKind.REFUND, CreditEntry.bulk_job_id.is_not(None)
            )
        ).all()
        assert sorted(refunds) == sorted(picked["refunded"])  # each refunded exactly once
        mails = s.scalar(
            select(func.count(OutboxMessage.client_id.distinct())).where(
                OutboxMessage.session_id.in_(ids),
                OutboxMessage.topic == "bulk_closure",
                OutboxMessage.status != "skipped",
            )
        )
        assert f"e-mail {mails}?" in picked["question"]
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    in_csv = {cell for row in rows[1:] for cell in row}
    assert all(str(sid) in in_csv for sid in ids)
    assert str(picked["kept"]) not in {row[0] for row in rows[1:]}


def test_a_session_unticked_stays_unticked_when_another_filter_lists_it_again(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    out = tmp_path / "closure.csv"
    picked: dict[str, Any] = {}

    def listed(w: Any) -> list[Any]:
        model = field(w, "Sessions to cancel", QTableView).model()
        return [model.row(r) for r in range(model.rowCount())]

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), WORKER)
        table: QTableView = field(w, "Sessions to cancel", QTableView)
        rows = listed(w)
        untick_first(table)
        picked["kept"] = rows[0].session_id
        # Everyone's sessions, then hers again: the one unticked is listed each time, unticked.
        choose(field(w, "Worker", QComboBox), "All workers")
        everyone = listed(w)
        assert picked["kept"] in {r.session_id for r in everyone}
        summary = field(w, "Selection summary", QLabel).text()
        assert summary.startswith(f"{len(everyone) - 1} session(s)"), summary
        choose(field(w, "Worker", QComboBox), WORKER)
        assert [r.session_id for r in listed(w)] == [r.session_id for r in rows]
        summary = field(w, "Selection summary", QLabel).text()
        assert summary.startswith(f"{len(rows) - 1} session(s)"), summary
        picked["ids"] = [r.session_id for r in rows[1:]]
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        press(w, GO)

    def go(w: Any) -> None:
        press(w, "Cancel sessions")

    def queued(w: Any) -> None:
        press(w, "OK")

    with dialogs(bulk_dialog, save_as(out), go, queued):
        from_menu(window, "Schedule", "Bulk cancel")

    with OrmSession(demo_ctx.db.engine) as s:
        assert s.get(Session, picked["kept"]).status == SessionStatus.ROSTERED
        statuses = s.scalars(select(Session.status).where(Session.id.in_(picked["ids"]))).all()
        assert statuses == [SessionStatus.CANCELLED] * len(picked["ids"])


def test_select_all_ticks_again_what_was_unticked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    seen: dict[str, str] = {}

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), WORKER)
        table: QTableView = field(w, "Sessions to cancel", QTableView)
        count = table.model().rowCount()
        press(w, "Select none")
        choose(field(w, "Worker", QComboBox), "All workers")
        choose(field(w, "Worker", QComboBox), WORKER)
        seen["none"] = field(w, "Selection summary", QLabel).text()
        press(w, "Select all")
        choose(field(w, "Worker", QComboBox), "All workers")
        choose(field(w, "Worker", QComboBox), WORKER)
        seen["all"] = field(w, "Selection summary", QLabel).text()
        seen["count"] = str(count)
        press(w, "Close")

    with dialogs(bulk_dialog):
        from_menu(window, "Schedule", "Bulk cancel")
    assert seen["none"].startswith("0 session(s)"), seen
    assert seen["all"].startswith(f"{seen['count']} session(s)"), seen


def test_the_jobs_panel_shows_once_a_job_works_and_leaves_the_schedule_most_of_the_screen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDockWidget

    window = open_window(demo_ctx, "admin")
    window.resize(1366, 768)
    dock = window.findChild(QDockWidget, "jobsDock")
    with dialogs(lambda w: press(w, "Close")):  # looked, cancelled nothing
        from_menu(window, "Schedule", "Bulk cancel")
    assert not dock.isVisible(), "a dialog closed without a job leaves the schedule its room"

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), WORKER)
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        press(w, GO)

    with dialogs(bulk_dialog, save_as(tmp_path / "closure.csv"),
                 lambda w: press(w, "Cancel sessions"), lambda w: press(w, "OK")):  # fmt: skip
        from_menu(window, "Schedule", "Bulk cancel")
    qtbot.waitUntil(dock.isVisible, timeout=5000)
    # The status line and a few jobs: the schedule above keeps most of the window.
    assert dock.height() <= window.height() // 4, (dock.height(), window.height())
    assert window.view.height() >= window.height() // 3
