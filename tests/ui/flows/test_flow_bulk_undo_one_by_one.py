"""A bulk cancellation whose sessions come back one at a time: a manager undoes one of them from
the schedule (Undo cancellation… on that session). The job knows: its item for that session is
undone, the job's own undo offers only the others (never "already undone"), and a job whose every
session was undone one by one shows as undone in the jobs panel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import BulkCancelItem, BulkCancelJob
from app.models.enums import JobItemState, JobStatus, SessionStatus
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_context_menu, press, type_into
from tests.ui.flows.test_flow_bulk_undo import bulk_cancel, click_undo, statuses
from tests.ui.flows.test_flow_undo_dna import undo_with


def _items(ctx: AppContext, job_id: int) -> dict[int, JobItemState]:
    return dict(data.read(ctx, lambda orm: orm.execute(select(
        BulkCancelItem.session_id, BulkCancelItem.state).where(BulkCancelItem.job_id == job_id)).all()))  # fmt: skip


def _job_status(ctx: AppContext, job_id: int) -> JobStatus:
    return data.read(ctx, lambda orm: orm.get(BulkCancelJob, job_id).status)


def _panel_status(qtbot: Any, window: Any, job_id: int, status: str) -> None:
    """The jobs panel's row for the job reads `status` (it reads again by itself)."""
    model = window.installed.jobs.model

    def shown() -> str | None:
        rows = [model.row(r) for r in range(model.rowCount())]
        return next((r.status.value for r in rows if r.id == job_id), None)

    qtbot.waitUntil(lambda: shown() == status, timeout=5000)


def _undo_one(qtbot: Any, window: Any, sid: int) -> None:
    with dialogs(undo_with(qtbot, "Client rang: the practice is open for them")):
        from_context_menu(window, sid, "Undo cancellation…")


def test_a_session_undone_on_its_own_is_undone_in_its_job_and_the_job_undo_restores_the_rest(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    ids = bulk_cancel(window, tmp_path / "closure.csv")
    job_id = window.installed.jobs.last_job
    assert len(ids) >= 2 and statuses(demo_ctx, ids) == {SessionStatus.CANCELLED}
    first, rest = ids[0], ids[1:]

    _undo_one(qtbot, window, first)
    assert statuses(demo_ctx, [first]) == {SessionStatus.ROSTERED}
    items = _items(demo_ctx, job_id)
    assert items[first] == JobItemState.UNDONE
    assert {items[s] for s in rest} == {JobItemState.DONE}
    assert _job_status(demo_ctx, job_id) == JobStatus.DONE  # the others are still cancelled

    def undo(w: Any) -> None:
        assert w.question.text() == (
            f"Restore the {len(rest)} session(s) bulk cancellation #{job_id} cancelled?"
        )
        type_into(qtbot, w.findChild(QLineEdit), "Car park open again")
        press(w, "Undo job")

    said: list[str] = []

    def undone(w: Any) -> None:
        said.append(w.text())
        press(w, "OK")

    demo_ctx.db.clock.advance(minutes=20)  # the manager undoes the rest of the job later
    with dialogs(undo, undone):
        click_undo(window)
    assert said and said[0].startswith(f"{len(rest)} session(s) restored"), said
    assert "Not undone" not in said[0] and "already undone" not in said[0], said
    assert statuses(demo_ctx, ids) == {SessionStatus.ROSTERED}
    assert set(_items(demo_ctx, job_id).values()) == {JobItemState.UNDONE}
    assert _job_status(demo_ctx, job_id) == JobStatus.UNDONE
    _panel_status(qtbot, window, job_id, "undone")


def test_a_job_whose_sessions_are_all_undone_one_by_one_shows_as_undone(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    ids = bulk_cancel(window, tmp_path / "closure.csv")
    job_id = window.installed.jobs.last_job
    _panel_status(qtbot, window, job_id, "done")

    for sid in ids:
        _undo_one(qtbot, window, sid)
    assert statuses(demo_ctx, ids) == {SessionStatus.ROSTERED}
    assert set(_items(demo_ctx, job_id).values()) == {JobItemState.UNDONE}
    assert _job_status(demo_ctx, job_id) == JobStatus.UNDONE
    _panel_status(qtbot, window, job_id, "undone")

    said: list[str] = []

    def nothing_left(w: Any) -> None:
        said.append(w.text())
        press(w, "OK")

    with dialogs(nothing_left):  # the job's undo has nothing left to restore, and says so
        click_undo(window)
    assert said == [
        "Nothing in this bulk cancellation is left to undo: its sessions were restored already, "
        "or it cancelled none."
    ]
