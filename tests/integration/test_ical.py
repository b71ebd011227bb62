"""SPEC 5: schedule export as iCalendar — stable UIDs, cancelled sessions, time-zone blocks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar

from app.models.enums import CancelledBy
from app.services.dto import CancelRequest
from app.services.reports.ical import schedule_ics, session_uid, write_ics
from app.services.sessions.cancel import cancel_session_by_worker
from tests.factory import World, local

WEEK = (date(2026, 4, 6), date(2026, 4, 10))


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
    before = _events(world)[session_uid(sid)]
    assert str(before["status"]) == "CONFIRMED"
    assert str(before["uid"]) == f"session-{sid}@frontdesk"
    req = CancelRequest(
        session_id=sid,
        cancelled_by=CancelledBy.WORKER,
        advised_at=world.clock(),
        reason_id=world.reason("worker_unwell"),
    )
    world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))
    after = _events(world)[session_uid(sid)]
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
    event = _events(world)[session_uid(sid)]
    start = event.decoded("dtstart")
    assert start == local(2026, 4, 7, 10)
    assert b"DTSTART;TZID=Australia/Sydney:20260407T100000" in export.content


def test_ical_for_one_worker_holds_only_their_sessions(world: World, tmp_path: Path) -> None:
    a, b = world.worker("Dr A"), world.worker("Dr B")
    svc = world.service()
    mine = world.session(a, svc, local(2026, 4, 8, 9), [world.client("Ann One")])
    world.session(b, svc, local(2026, 4, 8, 9), [world.client("Ben Two")])
    world.session(a, svc, local(2026, 4, 20, 9), [world.client("Cat Three")])  # outside the range
    assert set(_events(world, a)) == {session_uid(mine)}
    out = tmp_path / "a.ics"
    assert world.read(lambda uow: write_ics(uow, *WEEK, out, a)) == 1
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
