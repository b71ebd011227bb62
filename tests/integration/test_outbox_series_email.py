"""A series cancellation's notices to one client go as one e-mail: past the sender's batch
size, failing together, logged once, and sent again together by one Retry."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.dto import SeriesScope
from app.services.outbox import OutboxFilter, list_outbox, retry_now, send_due
from app.services.outbox.sender import BATCH
from app.services.sessions.cancel import cancel_booking
from tests.factory import World, local
from tests.integration.outbox_helpers import SmtpSink, after_grace, use_smtp

WEEKS = BATCH + 5  # more sessions than one sending pass takes


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink()
    yield server
    server.stop()


def _cancel_series(world: World) -> list[int]:
    """A client cancels every upcoming session of her weekly series; the notices' ids."""
    w, svc = world.worker(), world.service()
    client = world.client("Olivia Smith", email="olivia@mail.example")
    series = world.series()
    first = local(2026, 4, 6, 9)
    sessions = [
        world.session(w, svc, first + timedelta(weeks=i), [client], series_id=series)
        for i in range(WEEKS)
    ]
    req = world.client_request(
        sessions[0], [client], "ndis_health", world.clock(), scope=SeriesScope.ALL
    )
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    return list(
        world.read(
            lambda uow: uow.session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.channel == OutboxChannel.EMAIL)
                .order_by(OutboxMessage.id)
            ).all()
        )
    )


def _statuses(world: World) -> set[OutboxStatus]:
    m = OutboxMessage
    query = select(m.status).where(m.channel == OutboxChannel.EMAIL)
    return set(world.read(lambda uow: uow.session.scalars(query).all()))


def test_a_series_email_that_fails_fails_for_every_session_and_one_retry_sends_it_once(
    world: World, sink: SmtpSink, caplog: pytest.LogCaptureFixture
) -> None:
    use_smtp(world, sink.port, max_attempts=1)  # nothing listens there yet
    rows = _cancel_series(world)
    assert len(rows) == WEEKS
    after_grace(world)
    with caplog.at_level(logging.WARNING, logger="app.services.outbox.sender"):
        first = send_due(world.db)
    assert (first.claimed, first.failed) == (WEEKS, WEEKS)  # one pass took the whole series
    assert _statuses(world) == {OutboxStatus.FAILED}
    [logged] = [r.getMessage() for r in caplog.records if "failed after" in r.getMessage()]
    assert logged.startswith("Outbox message " + "+".join(str(i) for i in rows))
    sink.start()
    said = world.run(world.reception, lambda uow: retry_now(uow, rows[3])).message
    assert said == (
        f"The e-mail will be sent again shortly, with the {WEEKS - 1} other sessions of the "
        "series it lists."
    )
    assert send_due(world.db).sent == WEEKS
    [mail] = sink.messages
    listed = [line for line in sink.text().splitlines() if line.startswith("- ")]
    assert len(listed) == WEEKS and "Olivia" in sink.text()
    assert mail["To"] == "olivia@mail.example"
    assert _statuses(world) == {OutboxStatus.SENT}
    sent = world.read(lambda uow: list_outbox(uow, OutboxFilter.SENT))
    assert {r.why for r in sent} == {f"Sent in one e-mail together with {WEEKS - 1} others."}


def test_a_series_email_waiting_says_so_in_the_pending_list(world: World) -> None:
    rows = _cancel_series(world)
    waiting = world.read(lambda uow: list_outbox(uow, OutboxFilter.PENDING))
    ours = [r for r in waiting if r.id in rows]
    assert len(ours) == WEEKS
    assert {r.why for r in ours} == {
        "Goes in one e-mail with the other sessions of the series still waiting."
    }
