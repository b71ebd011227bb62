"""Undoing a large bulk cancellation: batches that let another desk write within a second,
a crash mid-undo resumed without restoring anything twice, and the state a one-shot undo leaves."""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from app.bootstrap import AppContext, prepare_database
from app.db import Database, make_engine
from app.models import (
    AuditEvent,
    Booking,
    BulkCancelItem,
    BulkCancelJob,
    Cancellation,
    Client,
    CreditEntry,
    OutboxMessage,
    Session,
)
from app.models.enums import JobItemState, JobStatus, PaidWith, SessionKind
from app.paths import AppPaths
from app.services.audit.verify import verify_audit_chain
from app.services.bulk import run as bulk_run
from app.services.bulk import undo as bulk_undo
from app.services.desk import open_desk
from tests.conftest import FakeClock
from tests.factory import World, local

NOW = local(2026, 4, 1, 9)


@pytest.fixture
def sqlite_world(tmp_path: Path, clock: FakeClock) -> Iterator[World]:
    """A hand-built practice on a SQLite file: the desk-waiting bound is about its one lock."""
    url = f"sqlite:///{tmp_path / 'db' / 'frontdesk.sqlite3'}"
    context = prepare_database(url, AppPaths(tmp_path / "data").ensure(), clock)
    open_desk(context.db)
    yield World(context, clock)
    context.close()


def _cancelled_job(world: World, sessions: int, tmp_path: Path) -> tuple[int, list[int]]:
    """`sessions` classes (credits, a purchase, an invoice each) cancelled by one bulk job."""
    world.clock.set(NOW)
    w = world.worker(days=range(7))
    svc = world.service("PILATES", 3500, allows=False)
    clients = [world.client(f"Client C{i}") for i in range(3)]

    def build(uow: Any) -> list[int]:
        from app.services.sessions.scheduling import NewSession, add_session

        ids = []
        for n in range(sessions):
            start = local(2026, 4, 6, 8 + n % 8) + timedelta(days=n // 8)
            s = add_session(
                uow,
                NewSession(w, svc, start, 45, tuple(clients), kind=SessionKind.CLASS, capacity=8),
            )
            for b in s.bookings:
                if b.client_id == clients[0]:
                    b.paid_with, b.credits_used = PaidWith.CREDITS, 1
                elif b.client_id == clients[1]:
                    b.paid_with, b.purchase_cents = PaidWith.PURCHASE, 3500
            ids.append(s.id)
        return ids

    ids = world.run(world.admin, build)
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, ids, world.reason("practice_closure"), "Closure",
        tmp_path / "closure.csv", first=date(2026, 4, 6), last=date(2026, 6, 30),
    )  # fmt: skip
    summary = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert summary.done == sessions
    return created.job_id, ids


def _state(world: World) -> dict[str, Any]:
    """Everything an undo changes, without ids or times that differ between two practices."""

    def read(uow: Any) -> dict[str, Any]:
        q = uow.session.execute
        return {
            "sessions": q(select(Session.status, Session.version).order_by(Session.id)).all(),
            "bookings": q(select(Booking.status).order_by(Booking.id)).all(),
            "ledger": q(
                select(
                    CreditEntry.kind,
                    CreditEntry.credits,
                    CreditEntry.amount_cents,
                    CreditEntry.note,
                ).order_by(CreditEntry.id)  # fmt: skip
            ).all(),
            "outbox": sorted(  # keys end in a random part that differs between practices
                (re.sub(r":[0-9a-f]{16}$", "", key), status)
                for key, status in q(select(OutboxMessage.idempotency_key, OutboxMessage.status))
            ),
            "cancellations": q(
                select(Cancellation.undone_at.is_not(None), Cancellation.undo_reason).order_by(
                    Cancellation.id
                )
            ).all(),
            "items": q(select(BulkCancelItem.state).order_by(BulkCancelItem.id)).all(),
            "jobs": q(select(BulkCancelJob.status)).all(),
            "events": q(
                select(AuditEvent.action, func.count())
                .group_by(AuditEvent.action)
                .order_by(AuditEvent.action)
            ).all(),
        }

    return world.read(read)


def _undone_events(world: World) -> int:
    return int(
        world.read(
            lambda uow: uow.session.scalar(
                select(func.count()).where(AuditEvent.action == "session.undo_cancellation")
            )
        )
    )


def test_a_large_undo_goes_in_batches_and_another_desk_writes_between_them_within_a_second(
    sqlite_world: World, tmp_path: Path
) -> None:
    world = sqlite_world
    job_id, ids = _cancelled_job(world, 300, tmp_path)
    ticks: list[int] = []
    failure: list[BaseException] = []

    def undo() -> None:
        try:
            bulk_run.undo_bulk_job_with_csv(
                world.db, world.admin, job_id, "Closure called off",
                lambda done, _total: ticks.append(done), batch_size=10,
            )  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failure.append(exc)

    # The other desk: its own engine on the same file, writing as the window would.
    other = Database(make_engine(str(world.db.engine.url)), world.clock)
    worker = threading.Thread(target=undo)
    worker.start()
    waits: list[float] = []
    interleaved = 0
    try:
        deadline = time.monotonic() + 60
        while not ticks and time.monotonic() < deadline:
            time.sleep(0.01)
        for n in range(5):
            began = time.monotonic()
            with other.write(world.reception) as uow:
                uow.session.execute(
                    update(Client).where(Client.first_name == "Client").values(notes=f"call {n}")
                )
            waits.append(time.monotonic() - began)
            with other.read() as uow:
                status = uow.session.get(BulkCancelJob, job_id).status  # type: ignore[union-attr]
            interleaved += status == JobStatus.UNDOING
            time.sleep(0.05)
    finally:
        worker.join(timeout=120)
        other.dispose()
    assert not failure, failure
    assert max(waits) < 1.0, waits  # today's one-shot undo held the lock for the whole job
    assert interleaved >= 3  # the other desk's writes landed while the undo was under way
    assert len(ticks) >= 300 // 10 and ticks[-1] == 300  # one transaction per batch at least
    final = _state(world)
    assert all(s.status == "rostered" for s in final["sessions"])
    assert final["jobs"] == [(JobStatus.UNDONE,)]
    assert _undone_events(world) == 300
    assert world.read(verify_audit_chain).ok


def test_an_undo_cut_short_mid_batch_resumes_and_restores_each_session_once(
    sqlite_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = sqlite_world
    job_id, ids = _cancelled_job(world, 60, tmp_path)
    real = bulk_undo.undo_cancellation
    calls = {"n": 0}

    def crashing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 25:  # in the third batch of ten: that batch is rolled back whole
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk_undo, "undo_cancellation", crashing)
    # Batches of exactly ten: a slow machine must not end a batch early on its time budget.
    monkeypatch.setattr(
        bulk_run, "undo_bulk_job_batched",
        functools.partial(bulk_undo.undo_bulk_job_batched, batch_seconds=120.0),
    )  # fmt: skip
    with pytest.raises(KeyboardInterrupt):
        bulk_run.undo_bulk_job_with_csv(world.db, world.admin, job_id, "First reason",
                                         batch_size=10)  # fmt: skip
    monkeypatch.setattr(bulk_undo, "undo_cancellation", real)
    mid = _state(world)
    assert mid["jobs"] == [(JobStatus.UNDOING,)]
    assert mid["items"].count((JobItemState.UNDONE,)) == 20  # two whole batches, not the third
    assert _undone_events(world) == 20
    assert bulk_undo.unfinished_undos(world.db) == [job_id]

    result = bulk_run.undo_bulk_job_with_csv(world.db, world.admin, job_id, "Another reason")
    assert sorted(result.restored) == sorted(ids) and not result.refused
    assert _undone_events(world) == 60  # each session restored exactly once
    end = _state(world)
    assert end["jobs"] == [(JobStatus.UNDONE,)] and bulk_undo.unfinished_undos(world.db) == []
    # The undo under way kept its own reason; each refund was reversed once.
    assert {reason for _undone, reason in end["cancellations"]} == {"First reason"}
    kinds = [kind.value for kind, *_rest in end["ledger"]]
    assert kinds.count("refund_reversal") == kinds.count("refund") == 2 * 60
    events = dict(end["events"])
    assert events["bulk.undo_start"] == 1 and events["bulk.undo"] == 1
    assert world.read(verify_audit_chain).ok


def _practice(tmp_path: Path, name: str) -> AppContext:
    url = f"sqlite:///{tmp_path / name / 'frontdesk.sqlite3'}"
    context = prepare_database(url, AppPaths(tmp_path / name / "data").ensure(), FakeClock(NOW))
    open_desk(context.db)
    return context


def test_batches_end_in_the_state_a_single_transaction_leaves(tmp_path: Path) -> None:
    states = []
    for name, size in (("one-shot", 10_000), ("batched", 3)):
        context = _practice(tmp_path, name)
        world = World(context, FakeClock(NOW))
        job_id, _ids = _cancelled_job(world, 25, tmp_path / name)
        bulk_run.undo_bulk_job_with_csv(world.db, world.admin, job_id, "Reopened", batch_size=size)
        states.append(_state(world))
        context.close()
    assert states[0] == states[1]
    assert all(s.status == "rostered" for s in states[1]["sessions"])


def test_a_job_with_nothing_left_to_undo_is_refused_and_nothing_is_written(
    sqlite_world: World, tmp_path: Path
) -> None:
    world = sqlite_world
    job_id, _ids = _cancelled_job(world, 3, tmp_path)
    bulk_run.undo_bulk_job_with_csv(world.db, world.admin, job_id, "Reopened")
    before = _state(world)
    from app.errors import NotAllowedError

    with pytest.raises(NotAllowedError, match="Nothing in this bulk cancellation is left"):
        bulk_run.undo_bulk_job_with_csv(world.db, world.admin, job_id, "Again")
    assert _state(world) == before


def test_bulk_undo_from_the_command_line_restores_the_job(
    tmp_path: Path, demo_template: Path
) -> None:
    import shutil

    from app.services.audit.key import KEY_FILE
    from app.services.bulk import plan as bulk
    from tests.conftest import DEMO_NOW
    from tests.integration.test_cli import run, signed_in

    data = tmp_path / "cli-data"
    data.mkdir()
    shutil.copyfile(demo_template, data / "frontdesk.sqlite3")
    shutil.copyfile(demo_template.with_name(KEY_FILE), data / KEY_FILE)
    context = prepare_database(
        f"sqlite:///{data / 'frontdesk.sqlite3'}", AppPaths(data).ensure(), FakeClock(DEMO_NOW)
    )
    desk = open_desk(context.db, "admin")
    plan = desk.read(lambda uow: bulk.plan_bulk_cancel(uow, date(2026, 4, 6), date(2026, 4, 7)))
    reason = desk.read(bulk.filter_choices).reasons[0][0]
    ids = [c.session_id for c in plan]
    created = bulk_run.queue_bulk_cancel(context.db, desk.actor, ids, reason, "", data / "c.csv")
    bulk_run.run_bulk_job(context.db, created.job_id, desk.actor)
    context.close()

    out = run("bulk-undo", str(created.job_id), "--reason", "Reopened", data=data,
              env=signed_in("admin"))  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"{len(ids)} sessions restored" in out.stdout and (data / "c-reversal.csv").exists()
    again = run("bulk-undo", str(created.job_id), "--reason", "Again", data=data,
                env=signed_in("admin"))  # fmt: skip
    assert again.returncode == 2 and "Nothing in this bulk cancellation is left" in again.stderr
