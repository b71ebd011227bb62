"""SPEC 5: schedule export as iCalendar — stable UIDs, cancelled sessions, time-zone blocks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar
from sqlalchemy import select

from app.models import PracticeSettings
from app.models.enums import CancelledBy
from app.services.dto import CancelRequest
from app.services.reports.ical import schedule_ics, session_uid, write_ics
from app.services.sessions.cancel import cancel_session_by_worker
from app.services.sessions.deletion import delete_session
from tests.factory import World, local

WEEK = (date(2026, 4, 6), date(2026, 4, 10))


def _uid(world: World, sid: int) -> str:
    practice_uid = world.read(lambda uow: uow.session.get(PracticeSettings, 1).practice_uid)
    return session_uid(sid, practice_uid)


def _events(world: World, worker_id: int | None = None) -> dict[str, icalendar.Event]:
    export = world.read(lambda uow: schedule_ics(uow, *WEEK, worker_id))
    cal = icalendar.Calendar.from_ical(export.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert export.events == len(events)
    return events


def test_ical_cancelled_session_keeps_its_uid_with_status_cancelled_and_a_higher_sequence(
    world: World,
) -> None:
    w = world.worker()
    svc = world.service()
    sid = world.session(w, svc, local(2026, 4, 7, 10), [world.client("Olivia Smith")])
    before = _events(world)[_uid(world, sid)]
    assert str(before["status"]) == "CONFIRMED"
    req = CancelRequest(
        session_id=sid,
        cancelled_by=CancelledBy.WORKER,
        advised_at=world.clock(),
        reason_id=world.reason("worker_unwell"),
    )
    world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))
    after = _events(world)[_uid(world, sid)]
    assert str(after["status"]) == "CANCELLED"
    assert int(after["sequence"]) > int(before["sequence"])
    assert str(after["summary"]).startswith("Cancelled: ")


def test_ical_times_carry_the_practice_zone_and_a_vtimezone_block(world: World) -> None:
    w = world.worker()
    sid = world.session(w, world.service(), local(2026, 4, 7, 10), [world.client()])
    export = world.read(lambda uow: schedule_ics(uow, *WEEK))
    cal = icalendar.Calendar.from_ical(export.content)
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "Australia/Sydney"
    event = _events(world)[_uid(world, sid)]
    start = event.decoded("dtstart")
    assert start == local(2026, 4, 7, 10)
    assert b"DTSTART;TZID=Australia/Sydney:20260407T100000" in export.content


def test_ical_for_one_worker_holds_only_their_sessions(world: World, tmp_path: Path) -> None:
    a, b = world.worker("Dr A"), world.worker("Dr B")
    svc = world.service()
    mine = world.session(a, svc, local(2026, 4, 8, 9), [world.client("Ann One")])
    world.session(b, svc, local(2026, 4, 8, 9), [world.client("Ben Two")])
    world.session(a, svc, local(2026, 4, 20, 9), [world.client("Cat Three")])  # outside the range
    assert set(_events(world, a)) == {_uid(world, mine)}
    out = tmp_path / "a.ics"
    assert world.read(lambda uow: write_ics(uow, *WEEK, out, a)) == 1
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")


def test_ical_a_session_deleted_for_good_stays_cancelled_with_a_higher_sequence(
    world: World,
) -> None:
    w = world.worker()
    sid = world.session(w, world.service(), local(2026, 4, 7, 10), [world.client("Olivia Smith")])
    # A change first, so the session's SEQUENCE is above zero before it goes.
    req = CancelRequest(
        session_id=sid,
        cancelled_by=CancelledBy.WORKER,
        advised_at=world.clock(),
        reason_id=world.reason("worker_unwell"),
    )
    world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))
    before = _events(world)[_uid(world, sid)]
    world.run(world.manager, lambda uow: delete_session(uow, sid))
    export = world.read(lambda uow: schedule_ics(uow, *WEEK))
    assert export.events == 0  # no session left to count
    [gone] = icalendar.Calendar.from_ical(export.content).walk("VEVENT")
    assert str(gone["uid"]) == _uid(world, sid)
    assert str(gone["status"]) == "CANCELLED"
    assert int(gone["sequence"]) > int(before["sequence"])
    assert gone.decoded("dtstart") == local(2026, 4, 7, 10)
    assert "Olivia" not in export.content.decode()
    # Another worker's export does not carry it.
    other = world.worker("Dr Other")
    mine = world.read(lambda uow: schedule_ics(uow, *WEEK, other))
    assert not icalendar.Calendar.from_ical(mine.content).walk("VEVENT")


def test_ical_uid_carries_the_practice_identifier(world: World) -> None:
    sid = world.session(world.worker(), world.service(), local(2026, 4, 7, 10), [world.client()])
    practice_uid = world.read(lambda uow: uow.session.get(PracticeSettings, 1).practice_uid)
    assert len(practice_uid) == 36
    assert set(_events(world)) == {f"session-{sid}-{practice_uid}@frontdesk"}


def test_ical_names_clients_by_initials_unless_the_practice_chooses(world: World) -> None:
    w = world.worker()
    sid = world.session(w, world.service(), local(2026, 4, 7, 10), [world.client("Olivia Smith")])
    event = _events(world)[_uid(world, sid)]
    assert str(event["summary"]).endswith("— O.S.")
    assert "O.S.: booked" in str(event["description"])
    assert "Olivia" not in world.read(lambda uow: schedule_ics(uow, *WEEK)).content.decode()
    world.settings(calendar_client_names="client")
    event = _events(world)[_uid(world, sid)]
    assert str(event["summary"]).endswith("— Client")
    assert "Smith" not in str(event["description"])
    world.settings(calendar_client_names="full")
    event = _events(world)[_uid(world, sid)]
    assert str(event["summary"]).endswith("— Olivia Smith")


def test_ical_tombstones_are_pruned_a_year_after_the_delete(world: World) -> None:
    from app.models import CalendarTombstone

    w, svc = world.worker(), world.service()
    first = world.session(w, svc, local(2026, 4, 7, 10), [world.client()])
    second = world.session(w, svc, local(2026, 4, 8, 10), [world.client("Ann Lee")])
    world.run(world.manager, lambda uow: delete_session(uow, first))
    world.clock.advance(days=366)
    world.run(world.manager, lambda uow: delete_session(uow, second))
    kept = world.read(lambda uow: uow.session.scalars(select(CalendarTombstone.session_id)).all())
    assert kept == [second]
