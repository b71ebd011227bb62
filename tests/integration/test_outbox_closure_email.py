"""A bulk cancellation's notices to one client go as one e-mail listing the sessions, however
the job's batches fell: rows written a moment apart go together, a session undone before the
e-mail went is left out of it, and rows due much later are not waited for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import UnitOfWork
from app.models import Client, OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.bulk import run as bulk_run
from app.services.outbox import OutboxFilter, list_outbox, retry_now, send_due
from app.services.outbox.notify import TOGETHER_WINDOW
from app.services.sessions.undo import undo_cancellation
from tests.factory import World
from tests.integration.outbox_helpers import SmtpSink, after_grace, free_port, use_smtp
from tests.integration.test_bulk import FIRST, LAST, closure_week


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


def _closure(world: World, sink: SmtpSink, days: int = 5) -> dict[str, list[int]]:
    """`closure_week`, each client with an address of their own, e-mail going to `sink`."""
    data = closure_week(world, days)

    def addresses(uow: UnitOfWork) -> None:
        for c in uow.session.scalars(select(Client).where(Client.email.is_not(None))):
            c.email = f"client{c.id}@mail.example"

    world.run(world.admin, addresses)
    use_smtp(world, sink.port)
    return data


def _run_in_batches(world: World, sessions: list[int], csv: Path, apart: timedelta) -> None:
    """The closure's job, one session a batch, each batch written `apart` after the last."""
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, sessions, world.reason("practice_closure"), "Storm",
        csv, first=FIRST, last=LAST,
    )  # fmt: skip
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin,
                          lambda _n, _t: world.clock.advance(seconds=apart.total_seconds()),
                          batch_size=1)  # fmt: skip


def _notices(world: World) -> dict[int, list[OutboxMessage]]:
    """Each client's closure e-mails that go (consent and an address), in the sessions' order."""
    m = OutboxMessage
    rows = world.read(lambda uow: list(uow.session.scalars(
        select(m).where(m.channel == OutboxChannel.EMAIL, m.topic == "bulk_closure",
                        m.status != OutboxStatus.SKIPPED).order_by(m.id))))  # fmt: skip
    out: dict[int, list[OutboxMessage]] = {}
    for r in rows:
        assert r.client_id is not None
        out.setdefault(r.client_id, []).append(r)
    return out


def _statuses(world: World, rows: list[OutboxMessage]) -> dict[int, OutboxStatus]:
    m = OutboxMessage
    query = select(m.id, m.status).where(m.id.in_([r.id for r in rows]))
    return world.read(lambda uow: {i: s for i, s in uow.session.execute(query)})


def _mails(sink: SmtpSink, address: str) -> list[list[str]]:
    """The listed lines ("- date: service with worker") of each e-mail `address` received."""
    out = []
    for i, msg in enumerate(sink.messages):
        if address in str(msg["To"]):
            text = sink.text(i).replace("\r\n", "\n")
            out.append([line for line in text.splitlines() if line.startswith("- ")])
    return out


def test_a_closure_whose_batches_fall_due_a_moment_apart_goes_to_each_client_as_one_email(
    world: World, sink: SmtpSink, tmp_path: Path
) -> None:
    data = _closure(world, sink)
    _run_in_batches(world, data["sessions"], tmp_path / "c.csv", timedelta(seconds=2))
    notices = _notices(world)
    assert sorted(notices) == sorted(data["clients"][:2])  # the invoiced client has no address
    for rows in notices.values():
        assert len(rows) == 5
        dues = sorted({r.next_attempt_at for r in rows})
        assert len(dues) == 5 and dues[-1] - dues[0] == timedelta(seconds=8)
    # The pass comes when the first batch's notices are due and the others' are not yet.
    world.clock.set(min(r.next_attempt_at for rows in notices.values() for r in rows))
    first = send_due(world.db)
    assert (first.claimed, first.sent) == (10, 10)
    for rows in notices.values():
        [listed] = _mails(sink, rows[0].recipient)
        assert len(listed) == 5
        for row, line in zip(rows, listed, strict=True):  # each date, in time order
            assert line == (f"- {row.payload['starts_local']}: {row.payload['service']} with "
                            f"{row.payload['worker']}")  # fmt: skip
        assert set(_statuses(world, rows).values()) == {OutboxStatus.SENT}
    assert "closed at the times of these 5 appointments" in sink.text(0)
    world.clock.advance(minutes=5)
    assert send_due(world.db).claimed == 0  # nothing left to go on its own
    assert len(sink.messages) == 2


def test_a_session_of_the_closure_undone_before_the_email_went_is_left_out_of_it(
    world: World, sink: SmtpSink, tmp_path: Path
) -> None:
    data = _closure(world, sink)
    _run_in_batches(world, data["sessions"], tmp_path / "c.csv", timedelta(seconds=1))
    back = data["sessions"][2]
    world.run(world.manager, lambda uow: undo_cancellation(uow, back, "Open that day after all"))
    after_grace(world)
    world.clock.advance(seconds=5)
    send_due(world.db)
    for rows in _notices(world).values():
        [undone] = [r for r in rows if r.session_id == back]
        rest = [r for r in rows if r.session_id != back]
        [listed] = _mails(sink, rows[0].recipient)
        assert len(listed) == 4 and not any(undone.payload["starts_local"] in x for x in listed)
        statuses = _statuses(world, rows)
        assert statuses.pop(undone.id) == OutboxStatus.WITHDRAWN
        assert set(statuses.values()) == {OutboxStatus.SENT}
        assert all(r.payload["together"] == rest[0].payload["together"] for r in rest)


def test_notices_of_the_closure_due_more_than_the_window_later_are_not_waited_for(
    world: World, sink: SmtpSink, tmp_path: Path
) -> None:
    data = _closure(world, sink, days=2)
    apart = TOGETHER_WINDOW + timedelta(seconds=1)  # a job held up between its batches
    _run_in_batches(world, data["sessions"], tmp_path / "c.csv", apart)
    notices = _notices(world)
    world.clock.set(min(r.next_attempt_at for rows in notices.values() for r in rows))
    assert send_due(world.db).sent == 2  # the first session's notice to each client, now
    world.clock.advance(seconds=apart.total_seconds())
    assert send_due(world.db).sent == 2  # the second's, when due
    for rows in notices.values():
        assert [len(listed) for listed in _mails(sink, rows[0].recipient)] == [0, 0]


def test_a_closure_sent_at_once_still_goes_as_one_email_when_a_pass_runs_between_its_batches(
    world: World, sink: SmtpSink, tmp_path: Path
) -> None:
    data = _closure(world, sink, days=3)
    world.settings(message_grace_minutes=0)  # the practice sends client messages at once
    passes: list[int] = []

    def between_batches(_n: int, _t: int) -> None:
        world.clock.advance(seconds=1)
        passes.append(send_due(world.db).sent)  # the desk's outbox timer fires meanwhile

    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"], world.reason("practice_closure"), "Storm",
        tmp_path / "c.csv", first=FIRST, last=LAST,
    )  # fmt: skip
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin, between_batches, batch_size=1)
    assert passes == [0, 0, 0]  # nothing went while the job was still writing
    world.clock.advance(minutes=1)
    assert send_due(world.db).sent == 6
    for rows in _notices(world).values():
        [listed] = _mails(sink, rows[0].recipient)
        assert len(listed) == 3


def test_a_closure_email_waiting_says_so_and_one_retry_sends_it_again_whole(
    world: World, sink: SmtpSink, tmp_path: Path
) -> None:
    data = _closure(world, sink, days=3)
    use_smtp(world, free_port(), max_attempts=1)  # nothing listens there
    _run_in_batches(world, data["sessions"], tmp_path / "c.csv", timedelta(seconds=1))
    notices = _notices(world)
    waiting = world.read(lambda uow: list_outbox(uow, OutboxFilter.PENDING))
    ids = {r.id for rows in notices.values() for r in rows}
    assert {r.why for r in waiting if r.id in ids} == {
        "Goes in one e-mail with the client's other sessions of the bulk cancellation still "
        "waiting."
    }
    after_grace(world)
    assert send_due(world.db).failed == 6  # two e-mails, three sessions each
    use_smtp(world, sink.port)
    [rows, _other] = notices.values()
    said = world.run(world.reception, lambda uow: retry_now(uow, rows[1].id)).message
    assert said == (
        "The e-mail will be sent again shortly, with the 2 other sessions of the bulk "
        "cancellation it lists."
    )
    assert send_due(world.db).sent == 3
    [listed] = _mails(sink, rows[0].recipient)
    assert len(listed) == 3 and len(sink.messages) == 1
