"""Bulk cancel and its undo from the real window when something is missing or goes wrong: no
reason to give, the undo's question, and a job or an undo that stops half-way."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import BulkCancelJob, CancellationReason, CreditEntry, Session
from app.models.enums import CancelledBy, JobStatus, LedgerKind, SessionStatus
from app.services.bulk import run as bulk_run
from app.ui.messages import ConfirmDialog
from tests.ui.flows import data
from tests.ui.flows.driver import (
    Handler,
    button,
    choose,
    dialogs,
    errors,
    field,
    from_menu,
    plain,
    press,
    press_default,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import GO, WORKER, save_as

LOG_HINT = "the details are in the log (Help ▸ Open log folder)."
RAW = "disk I/O error"  # what SQLite said: for the log, never for the person


def disk_error() -> OperationalError:
    return OperationalError("UPDATE sessions SET status=?", {}, sqlite3.OperationalError(RAW))


def ok(box: Any) -> None:
    assert isinstance(box, QMessageBox)
    press(box, "OK")


def bulk_cancel(
    window: Any, out: Path, *running: Handler, reason: str = "Practice: Practice closure"
) -> list[int]:
    """Schedule ▸ Bulk cancel…: every session of the worker this week, for a practice closure
    (or the `reason` chosen); `running` answers the dialogs opened while the job runs."""
    picked: list[int] = []

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), WORKER)
        press(w, "Select all")
        table = w.table
        picked.extend(table.model().row(r).session_id for r in range(table.model().rowCount()))
        choose(field(w, "Reason", QComboBox), reason)
        press(w, GO)

    with dialogs(bulk_dialog, save_as(out), lambda w: press(w, "Cancel sessions"), ok, *running):
        from_menu(window, "Schedule", "Bulk cancel")
    return picked


def statuses(ctx: AppContext, ids: list[int]) -> set[SessionStatus]:
    return set(data.read(ctx, lambda orm: orm.scalars(
        select(Session.status).where(Session.id.in_(ids))).all()))  # fmt: skip


def job_credits(ctx: AppContext, job_id: int) -> dict[LedgerKind, int]:
    rows = data.read(ctx, lambda orm: orm.execute(
        select(CreditEntry.kind, func.count()).where(CreditEntry.bulk_job_id == job_id)
        .group_by(CreditEntry.kind)).all())  # fmt: skip
    return {kind: n for kind, n in rows}


def click_undo(window: Any) -> None:
    jobs = window.installed.jobs
    jobs.table.selectRow(0)
    QTest.mouseClick(button(jobs, "Undo job"), Qt.MouseButton.LeftButton)


def test_bulk_cancel_with_no_reason_to_give_says_what_to_do_before_any_file_is_chosen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    with OrmSession(demo_ctx.db.engine) as s:
        s.execute(
            update(CancellationReason)
            .where(CancellationReason.applies_to.in_([CancelledBy.PRACTICE, CancelledBy.WORKER]))
            .values(active=False)
        )
        s.commit()
    jobs_before = data.ids(demo_ctx, BulkCancelJob)
    window = open_window(demo_ctx, "admin")

    def bulk_dialog(w: Any) -> None:
        assert field(w, "Reason", QComboBox).count() == 0
        [said] = errors(w)
        assert said.startswith("There is no practice or worker cancellation reason to choose")
        assert "Practice ▸ Cancellation reasons & billing rules" in said
        press(w, "Select all")
        assert field(w, "Selection summary", QLabel).text()[0] != "0", "sessions are listed"
        go = button(w, GO)
        assert not go.isEnabled() and go.toolTip() == said  # no file dialog can open
        press(w, "Close")

    with dialogs(bulk_dialog):
        from_menu(window, "Schedule", "Bulk cancel")
    assert data.ids(demo_ctx, BulkCancelJob) == jobs_before


def test_a_range_typed_ending_before_it_starts_is_said_and_goes_once_corrected(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    jobs_before = data.ids(demo_ctx, BulkCancelJob)
    window = open_window(demo_ctx, "admin")
    said: dict[str, Any] = {}

    def bulk_dialog(w: Any) -> None:
        assert field(w, "From").text() == "Mon 30 Mar 2026"
        type_date(qtbot, field(w, "To"), "29/3/2026")  # the Sunday before, a slip
        said["wrong"] = (errors(w), w.model.rowCount(), button(w, GO).isEnabled())
        type_date(qtbot, field(w, "To"), "5/4/2026")
        said["right"] = (errors(w), w.model.rowCount() > 0, button(w, GO).isEnabled())
        press(w, "Close")

    with dialogs(bulk_dialog):
        from_menu(window, "Schedule", "Bulk cancel")
    assert said["wrong"] == (
        ["The end date is before the start date; choose a later end date."],
        0,
        False,
    )
    assert said["right"] == ([], True, True)
    assert data.ids(demo_ctx, BulkCancelJob) == jobs_before


def test_undo_job_asks_with_what_it_restores_keep_is_the_default_and_undo_restores(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    ids = bulk_cancel(window, tmp_path / "closure.csv")
    assert statuses(demo_ctx, ids) == {SessionStatus.CANCELLED}
    job_id = window.installed.jobs.last_job
    refunds = job_credits(demo_ctx, job_id)
    assert refunds.get(LedgerKind.REFUND), "the closure refunded credits"

    def keep(w: Any) -> None:
        assert isinstance(w, ConfirmDialog), type(w).__name__
        assert w.question.text() == (
            f"Restore the {len(ids)} session(s) bulk cancellation #{job_id} cancelled?"
        )
        details = w.details.text()
        assert f"{len(ids)} session(s) are rostered again" in details
        assert "refunded are taken back again" in details
        assert plain(w.keep_button.text()) == "Keep cancelled" and w.keep_button.isDefault()
        type_into(qtbot, w.findChild(QLineEdit), "Car park open again")
        press_default(w)  # Enter: keeps them cancelled, even with a reason typed

    with dialogs(keep):
        click_undo(window)
    assert statuses(demo_ctx, ids) == {SessionStatus.CANCELLED}
    assert job_credits(demo_ctx, job_id) == refunds

    def undo(w: Any) -> None:
        assert isinstance(w, ConfirmDialog)
        assert not w.do_button.isEnabled(), "a reason first"
        type_into(qtbot, w.findChild(QLineEdit), "Car park open again")
        press(w, "Undo job")

    def undone(w: Any) -> None:
        assert w.windowTitle() == "Bulk cancellation undone"
        assert w.text().startswith(f"{len(ids)} session(s) restored")
        press(w, "OK")

    with dialogs(undo, undone):
        click_undo(window)
    assert statuses(demo_ctx, ids) == {SessionStatus.ROSTERED}
    after = job_credits(demo_ctx, job_id)
    assert after[LedgerKind.REFUND_REVERSAL] == refunds[LedgerKind.REFUND]
    job = data.read(demo_ctx, lambda orm: orm.get(BulkCancelJob, job_id))
    assert job.status == JobStatus.UNDONE


def test_a_bulk_job_that_stops_says_so_in_a_sentence_and_logs_the_details(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = open_window(demo_ctx, "admin")

    def stopped(*_args: Any, **_kwargs: Any) -> Any:
        raise disk_error()

    monkeypatch.setattr(bulk_run, "run_bulk_job", stopped)
    caplog.set_level(logging.ERROR)
    ids = bulk_cancel(window, tmp_path / "closure.csv")
    jobs = window.installed.jobs
    said = jobs.status.text()
    assert said.startswith(
        f"Bulk cancellation #{jobs.last_job} stopped; it carries on at the next start."
    )
    assert said.endswith(LOG_HINT)
    assert RAW not in said and "OperationalError" not in said
    assert jobs.progress.isHidden()
    assert statuses(demo_ctx, ids) == {SessionStatus.ROSTERED}  # nothing cancelled yet
    assert bulk_run.unfinished_jobs(demo_ctx.db) == [jobs.last_job]  # the next start resumes it
    [record] = [r for r in caplog.records if r.exc_info]
    assert RAW in str(record.exc_info[1])


def test_an_undo_that_stops_says_what_stays_and_what_to_do_in_a_sentence(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = open_window(demo_ctx, "admin")
    ids = bulk_cancel(window, tmp_path / "closure.csv")
    job_id = window.installed.jobs.last_job

    def stopped(*_args: Any, **_kwargs: Any) -> Any:
        raise disk_error()

    monkeypatch.setattr(bulk_run, "undo_bulk_job_with_csv", stopped)
    caplog.set_level(logging.ERROR)

    def undo(w: Any) -> None:
        type_into(qtbot, w.findChild(QLineEdit), "Car park open again")
        press(w, "Undo job")

    def said(w: Any) -> None:
        assert isinstance(w, QMessageBox) and w.windowTitle() == "Undo stopped"
        assert w.text() == (
            f"Undoing bulk cancellation #{job_id} stopped. What was restored stays restored; "
            "choose the job and Undo job… again to carry on. If it keeps happening, tell the "
            f"practice's administrator; {LOG_HINT}"
        )
        press(w, "OK")

    with dialogs(undo, said):
        click_undo(window)
    assert statuses(demo_ctx, ids) == {SessionStatus.CANCELLED}
    assert window.installed.jobs.status.text() == "No bulk cancellation running."
    assert any(r.exc_info and RAW in str(r.exc_info[1]) for r in caplog.records)
