"""`frontdesk bulk-cancel` stopped at another desk while it runs: it says so, how many sessions
it did not reach and how to carry on (Resume job in the Jobs panel), and exits non-zero."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.db import Database, make_engine
from app.models import BulkCancelItem, BulkCancelJob, Session
from app.models.enums import JobStatus, SessionStatus
from app.services.bulk import jobs as bulk_jobs
from app.services.bulk import run as bulk_run
from app.services.desk import open_desk
from tests.integration.test_cli_sign_in import (  # noqa: F401 - the fixtures, used by name
    demo_template,
    desk,
    frontdesk,
)


def test_a_bulk_cancel_stopped_at_another_desk_says_what_was_not_reached_and_how_to_resume(
    desk: Path,  # noqa: F811 - the fixture: a demo practice made today, as a data folder
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_run = bulk_run.run_bulk_job

    def stopped_after_the_first_session(
        db: Database, job_id: int, actor: Any, progress: Any = None, **_: Any
    ) -> bulk_run.JobSummary:
        """The command's own run, one session a transaction; between the first and the second,
        another desk (its own engine on the same file) presses Stop job…"""
        other = Database(make_engine(db.url), db.clock, audit_keys=db.audit_keys)

        def between_sessions(done: int, total: int) -> None:
            if done == 1:
                second = open_desk(other, "admin")
                second.write(lambda uow: bulk_jobs.stop_bulk_job(uow, job_id))
            if progress:
                progress(done, total)

        try:
            return real_run(db, job_id, actor, between_sessions, batch_size=1)
        finally:
            other.engine.dispose()

    monkeypatch.setattr(bulk_run, "run_bulk_job", stopped_after_the_first_session)
    monkeypatch.setenv("FRONTDESK_USER", "admin")
    monkeypatch.setenv("FRONTDESK_PASSWORD", "admin")
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    code = frontdesk(desk, "bulk-cancel", "--from", monday.isoformat(),
                     "--to", (monday + timedelta(days=4)).isoformat(),
                     "--reason", "practice_closure", "--csv", str(desk / "closure.csv"))  # fmt: skip
    said = capsys.readouterr().out
    queued = re.search(r"Bulk cancellation #(\d+): (\d+) sessions", said)
    assert queued, said
    job_id, planned = int(queued[1]), int(queued[2])
    assert planned >= 2
    assert code == 1 and "Done:" not in said
    assert (
        f"Stopped at another desk: 1 cancelled, 0 skipped, 0 failed; {planned - 1} session(s) "
        f"not reached. To cancel those too, choose job #{job_id} in the Jobs panel and press "
        f"Resume job. Results: {desk / 'closure-results.csv'}"
    ) in said

    db = Database(make_engine(f"sqlite:///{desk / 'frontdesk.sqlite3'}"))
    try:
        with db.read() as uow:
            assert uow.session.get(BulkCancelJob, job_id).status == JobStatus.STOPPED
            statuses = uow.session.scalars(
                select(Session.status)
                .join(BulkCancelItem, BulkCancelItem.session_id == Session.id)
                .where(BulkCancelItem.job_id == job_id)
                .order_by(BulkCancelItem.id)
            ).all()
        summary = bulk_run.job_summary(db, job_id)
        assert bulk_run.unfinished_jobs(db) == []  # it waits for Resume job, not the next start
    finally:
        db.engine.dispose()
    assert (summary.done, summary.pending) == (1, planned - 1)
    # The first session cancelled; the rest still rostered, waiting for Resume job.
    assert statuses[0] == SessionStatus.CANCELLED
    assert SessionStatus.CANCELLED not in statuses[1:] and len(statuses) == planned
