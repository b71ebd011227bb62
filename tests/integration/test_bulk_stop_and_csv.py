"""A bulk job stopped by a person and resumed, and what its CSVs say: the results list every
client a session's cancellation took (one booked in after the plan was written says so), and the
reversal lists the sessions brought back on their own before the job's undo (no Qt)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import NotAllowedError, PermissionDeniedError
from app.models import BulkCancelJob, Cancellation, Session
from app.models.enums import JobStatus, SessionStatus
from app.services.audit.verify import verify_audit_chain
from app.services.bulk import jobs as bulk_jobs
from app.services.bulk import plan as bulk_plan
from app.services.bulk import run as bulk_run
from app.services.bulk.audit_csv import results_path, reversal_path
from app.services.sessions.undo import undo_cancellation
from tests.factory import World
from tests.integration.test_bulk import closure_week
from tests.integration.test_undo_which_cancellation import _book


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _status(world: World, job_id: int) -> JobStatus:
    return world.read(lambda uow: uow.session.get(BulkCancelJob, job_id).status)


def _cancelled(world: World, ids: list[int]) -> list[int]:
    return world.read(lambda uow: list(uow.session.scalars(
        select(Session.id).where(Session.id.in_(ids), Session.status == SessionStatus.CANCELLED)
        .order_by(Session.id))))  # fmt: skip


def test_a_stopped_job_ends_after_the_batch_in_progress_and_waits_for_resume(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=5)
    ids, out = data["sessions"], tmp_path / "closure.csv"
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, ids, world.reason("practice_closure"), "", out
    )
    assert world.read(lambda uow: bulk_plan.held_sessions(uow, ids)) == dict.fromkeys(
        ids, created.job_id
    )
    with pytest.raises(PermissionDeniedError):  # who may queue a bulk job may stop one
        world.run(world.manager, lambda uow: bulk_jobs.stop_bulk_job(uow, created.job_id))

    def stop_after_the_first_batch(done: int, _total: int) -> None:
        if done == 2:  # another desk (or this one) asks while the job runs
            world.run(world.admin, lambda uow: bulk_jobs.stop_bulk_job(uow, created.job_id))

    summary = bulk_run.run_bulk_job(
        world.db, created.job_id, world.admin, stop_after_the_first_batch, batch_size=2
    )
    assert (summary.status, summary.done, summary.pending) == (JobStatus.STOPPED, 2, 3)
    assert _cancelled(world, ids) == ids[:2]  # the batch in progress, and no further one
    assert bulk_run.unfinished_jobs(world.db) == []  # the next start leaves it stopped
    assert world.read(lambda uow: bulk_plan.held_sessions(uow, ids)) == {}  # free to cancel
    again = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)  # a start, regardless
    assert (again.status, again.done) == (JobStatus.STOPPED, 2) and _cancelled(world, ids) == ids[
        :2
    ]
    with pytest.raises(NotAllowedError, match="already stopped"):
        world.run(world.admin, lambda uow: bulk_jobs.stop_bulk_job(uow, created.job_id))

    results = bulk_run.finish_bulk_csv(world.db, created.job_id)
    assert results == results_path(out)
    rows = _rows(results)
    assert {r["Session"] for r in rows if r["Outcome"] == "done"} == {str(s) for s in ids[:2]}
    waiting = [r for r in rows if r["Outcome"] == "pending"]
    assert [r["Session"] for r in waiting] == [str(s) for s in ids[2:]]
    assert {r["Detail"] for r in waiting} == {
        "Not cancelled: the job was stopped before it reached this session."
    }

    with pytest.raises(PermissionDeniedError):
        world.run(world.manager, lambda uow: bulk_jobs.resume_bulk_job(uow, created.job_id))
    world.run(world.admin, lambda uow: bulk_jobs.resume_bulk_job(uow, created.job_id))
    assert bulk_run.unfinished_jobs(world.db) == [created.job_id]  # queued again
    done = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert (done.status, done.done, done.pending) == (JobStatus.DONE, 5, 0)
    assert _cancelled(world, ids) == ids
    count = world.read(lambda uow: uow.session.scalar(select(func.count(Cancellation.id))))
    assert count == 5  # each session once
    with pytest.raises(NotAllowedError, match="nothing to stop"):
        world.run(world.admin, lambda uow: bulk_jobs.stop_bulk_job(uow, created.job_id))
    with pytest.raises(NotAllowedError, match="Only a stopped bulk cancellation"):
        world.run(world.admin, lambda uow: bulk_jobs.resume_bulk_job(uow, created.job_id))
    bulk_run.finish_bulk_csv(world.db, created.job_id)
    assert {r["Outcome"] for r in _rows(results_path(out))} == {"done"}
    assert world.read(verify_audit_chain).ok


def test_the_results_list_every_client_cancelled_and_one_booked_after_the_plan_says_so(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=2)
    ids, out = data["sessions"], tmp_path / "closure.csv"
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, ids, world.reason("practice_closure"), "", out
    )
    late = world.client("Lena Late")
    _book(world, ids[0], late)  # at another desk, after the plan was written
    summary = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert summary.done == 2
    planned = {(r["Session"], r["Client"]) for r in _rows(out)}
    assert (str(ids[0]), "Lena Late") not in planned  # the plan never named her

    results = bulk_run.finish_bulk_csv(world.db, created.job_id)
    assert results is not None
    rows = _rows(results)
    first = {r["Client"]: r for r in rows if r["Session"] == str(ids[0])}
    # As the plan wrote them (a name starting like a formula neutralised alike).
    assert set(first) == {c for sid, c in planned if sid == str(ids[0])} | {"Lena Late"}
    assert len(first) == len(data["clients"]) + 1
    assert first["Lena Late"]["In the plan"] == "no: booked after the plan was made"
    assert first["Lena Late"]["Outcome"] == "done"
    assert first["Lena Late"]["Detail"].startswith("cancellation #")
    assert {r["In the plan"] for n, r in first.items() if n != "Lena Late"} == {"yes"}
    assert {(r["Session"], r["Client"]) for r in rows} == planned | {(str(ids[0]), "Lena Late")}


def test_the_reversal_lists_a_session_undone_on_its_own_with_when_who_and_why(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=3)
    ids, out = data["sessions"], tmp_path / "closure.csv"
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, ids, world.reason("practice_closure"), "", out
    )
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    world.clock.advance(minutes=30)
    world.run(
        world.manager, lambda uow: undo_cancellation(uow, ids[1], "Client rang: open for her")
    )
    world.clock.advance(minutes=30)
    result = bulk_run.undo_bulk_job_with_csv(
        world.db, world.admin, created.job_id, "Flood warning lifted"
    )
    assert list(result.restored) == [ids[0], ids[2]]
    assert _status(world, created.job_id) == JobStatus.UNDONE

    rows = list(csv.reader(reversal_path(out).open(encoding="utf-8-sig")))
    assert rows[0] == ["Session", "Outcome", f"Detail (job #{created.job_id})"]
    assert [r[:2] for r in rows[1:]] == [
        [str(ids[0]), "restored"],
        [str(ids[2]), "restored"],
        [str(ids[1]), "already undone on its own"],
    ]
    # 09:00 on 1 April, the run, then 30 minutes: the practice's time.
    assert (
        rows[3][2] == "Undone 2026-04-01 09:30 by Mgr; the reason given: Client rang: open for her"
    )
