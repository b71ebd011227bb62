"""The live calendar feed: each change of a session reaches its worker's calendar on a real
CalDAV server (Radicale), through the outbox."""

from __future__ import annotations

import icalendar
from sqlalchemy import select

from app.models import OutboxMessage, PracticeSettings
from app.models.enums import CancelledBy, OutboxChannel, OutboxStatus
from app.services.calendar_feed import settings as feed
from app.services.dto import CancelRequest
from app.services.outbox import send_all_due
from app.services.sessions.cancel import cancel_session_by_worker
from app.services.sessions.deletion import delete_session
from app.services.sessions.scheduling import reschedule_session
from tests.factory import World, local
from tests.integration.radicale_server import PASSWORD, USER, Radicale
from tests.integration.radicale_server import radicale as radicale  # the fixture

__all__ = ["radicale"]


def _feed_on(world: World, server: Radicale) -> None:
    draft = feed.FeedDraft(enabled=True, base_url=server.base_url, username=USER, password=PASSWORD)
    world.run(world.admin, lambda uow: feed.save_feed_settings(uow, draft))


def _href(world: World, sid: int) -> str:
    uid = world.read(lambda uow: uow.session.get(PracticeSettings, 1).practice_uid)
    return f"session-{sid}-{uid}.ics"


def _event(server: Radicale, worker: int, href: str) -> icalendar.Event | None:
    body = server.get(f"worker-{worker}/{href}")
    if body is None:
        return None
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    return event


def _send(world: World) -> None:
    result = send_all_due(world.db)
    assert result.failed == result.retrying == 0, result


def test_a_session_reaches_its_workers_calendar_and_follows_each_change(
    world: World, radicale: Radicale
) -> None:
    _feed_on(world, radicale)
    a, b = world.worker("Dr A"), world.worker("Dr B")
    sid = world.session(a, world.service(), local(2026, 4, 7, 10), [world.client("Olivia Smith")])
    _send(world)
    href = _href(world, sid)
    event = _event(radicale, a, href)
    assert event is not None
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["summary"]).endswith("— O.S.")  # initials by default
    assert event.decoded("dtstart") == local(2026, 4, 7, 10)

    # Moved to another worker: off one calendar, onto the other.
    world.run(
        world.reception,
        lambda uow: reschedule_session(
            uow, sid, local(2026, 4, 8, 11), worker_id=b, allow_conflicts=True
        ),
    )
    _send(world)
    assert _event(radicale, a, href) is None
    moved = _event(radicale, b, href)
    assert moved is not None and moved.decoded("dtstart") == local(2026, 4, 8, 11)

    req = CancelRequest(
        session_id=sid,
        cancelled_by=CancelledBy.WORKER,
        advised_at=world.clock(),
        reason_id=world.reason("worker_unwell"),
    )
    world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))
    _send(world)
    cancelled = _event(radicale, b, href)
    assert cancelled is not None
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) > int(moved["sequence"])

    world.run(world.manager, lambda uow: delete_session(uow, sid))
    _send(world)
    assert _event(radicale, b, href) is None


def test_nothing_is_queued_while_the_feed_is_off_and_offline_messages_wait(
    world: World, radicale: Radicale
) -> None:
    w, svc = world.worker(), world.service()
    world.session(w, svc, local(2026, 4, 7, 10), [world.client()])
    calendar = select(OutboxMessage).where(OutboxMessage.channel == OutboxChannel.CALENDAR)
    assert world.read(lambda uow: uow.session.scalars(calendar).all()) == []

    # The server is unreachable: the message waits and is retried, then goes.
    draft = feed.FeedDraft(enabled=True, base_url="http://127.0.0.1:9/frontdesk/")
    world.run(world.admin, lambda uow: feed.save_feed_settings(uow, draft))
    sid = world.session(w, svc, local(2026, 4, 8, 10), [world.client("Ann Lee")])
    result = send_all_due(world.db)
    assert result.retrying == 1
    [row] = world.read(lambda uow: uow.session.scalars(calendar).all())
    assert row.status == OutboxStatus.PENDING and "Could not reach" in (row.last_error or "")
    _feed_on(world, radicale)
    world.clock.advance(minutes=5)
    _send(world)
    assert _event(radicale, w, _href(world, sid)) is not None


def test_send_test_puts_and_removes_an_event(world: World, radicale: Radicale) -> None:
    w = world.worker("Dr Test")
    draft = feed.FeedDraft(base_url=radicale.base_url, username=USER, password=PASSWORD)
    test = world.read(lambda uow: feed.prepare_feed_test(uow, draft, w))
    said = feed.run_feed_test(test, world.clock())
    assert "took a test event in Dr Test's calendar" in said
    bad = feed.FeedDraft(base_url=radicale.base_url, username=USER, password="wrong")
    test = world.read(lambda uow: feed.prepare_feed_test(uow, bad, w))
    try:
        feed.run_feed_test(test, world.clock())
    except Exception as exc:
        assert "refused the user name or password" in str(exc)
    else:
        raise AssertionError("a wrong password was accepted")


def test_publish_now_queues_the_coming_weeks_once_the_feed_is_on(world: World) -> None:
    from app.errors import ValidationError

    w, svc = world.worker(), world.service()
    soon = world.session(w, svc, local(2026, 4, 7, 10), [world.client()])
    world.session(w, svc, local(2026, 9, 7, 10), [world.client("Ben Far")])  # months away
    try:
        world.run(world.admin, feed.publish_now)
    except ValidationError as exc:
        assert "Turn the live feed on and save first" in exc.message
    else:
        raise AssertionError("published with the feed off")
    draft = feed.FeedDraft(enabled=True, base_url="http://127.0.0.1:9/frontdesk/")
    world.run(world.admin, lambda uow: feed.save_feed_settings(uow, draft))
    assert world.run(world.admin, feed.publish_now) == 1
    rows = world.read(
        lambda uow: uow.session.scalars(
            select(OutboxMessage.session_id).where(OutboxMessage.channel == OutboxChannel.CALENDAR)
        ).all()
    )
    assert rows == [soon]
