"""New sessions and series across daylight saving, conflict warnings, edits and moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import ConflictError, NotAllowedError, ValidationError
from app.models import AuditEvent, Booking, Series, Session
from app.models.enums import BookingStatus, SessionKind
from app.services.sessions.cancel import cancel_booking
from app.services.setup.editing import edit_session, move_conflicts, move_session, session_draft
from app.services.setup.recurrence import Recurrence
from app.services.setup.sessions import SessionDraft, create_sessions, plan_sessions
from tests.factory import SYD, World, local


def _starts(world: World, ids: tuple[int, ...]) -> list[tuple[str, int]]:
    """(local wall time, UTC offset hours) of each session."""
    rows = world.read(lambda uow: [uow.session.get(Session, i).starts_at for i in ids])  # type: ignore[union-attr]
    return [(f"{s.astimezone(SYD):%a %d %b %H:%M}",
             int(s.astimezone(SYD).utcoffset().total_seconds() // 3600)) for s in rows]  # type: ignore[union-attr]  # fmt: skip


def _practice(world: World) -> tuple[int, int, int]:
    return world.worker(days=range(7)), world.service(), world.client()


def test_a_weekly_series_stays_at_nine_local_when_daylight_saving_ends(world: World) -> None:
    w, svc, c = _practice(world)
    draft = SessionDraft(w, svc, local(2026, 4, 2, 9), 60, (c,), recurrence=Recurrence(1, count=3))
    made = world.run(world.reception, lambda uow: create_sessions(uow, draft))
    assert _starts(world, made.session_ids) == [
        ("Thu 02 Apr 09:00", 11), ("Thu 09 Apr 09:00", 10), ("Thu 16 Apr 09:00", 10),
    ]  # fmt: skip
    series = world.read(lambda uow: uow.session.get(Series, made.series_id))
    assert series is not None and series.count == 3 and series.interval_weeks == 1
    assert made.message == "Booked 3 sessions from Thu 02 Apr 09:00."


def test_a_fortnightly_series_until_a_date_stays_at_nine_local_when_daylight_saving_starts(
    world: World,
) -> None:
    w, svc, c = _practice(world)
    draft = SessionDraft(w, svc, local(2026, 9, 24, 9), 45, (c,),
                         recurrence=Recurrence(2, until=date(2026, 10, 22)))  # fmt: skip
    made = world.run(world.reception, lambda uow: create_sessions(uow, draft))
    assert _starts(world, made.session_ids) == [
        ("Thu 24 Sep 09:00", 10), ("Thu 08 Oct 09:00", 11), ("Thu 22 Oct 09:00", 11),
    ]  # fmt: skip


def test_a_wall_time_the_clocks_skip_is_noted(world: World) -> None:
    w, svc, c = _practice(world)
    draft = SessionDraft(
        w, svc, local(2026, 9, 27, 2, 30), 30, (c,), recurrence=Recurrence(1, count=2)
    )
    plan = world.read(lambda uow: plan_sessions(uow, draft))
    assert "Sun 04 Oct 02:30 does not exist on the practice clock" in plan.warnings[0]
    assert f"{plan.starts[1].astimezone(SYD):%H:%M}" == "03:30"


def test_double_bookings_and_hours_are_warned_and_refused_until_saved_anyway(world: World) -> None:
    w, svc = world.worker(days=range(5)), world.service()
    a, b = world.client("Ann Lee"), world.client("Ben Ray")
    world.session(w, svc, local(2026, 4, 13, 9), [a])
    draft = SessionDraft(w, svc, local(2026, 4, 6, 9), 60, (a,), recurrence=Recurrence(1, count=3))
    plan = world.read(lambda uow: plan_sessions(uow, draft))
    assert plan.warnings == (
        "Dr Maya Chen already has a session at Mon 13 Apr 09:00.",
        "Ann Lee is already booked at Mon 13 Apr 09:00.",
    )
    with pytest.raises(ValidationError, match="Check these first"):
        world.run(world.reception, lambda uow: create_sessions(uow, draft))
    assert world.read(lambda uow: len(list(uow.session.scalars(select(Session.id))))) == 1
    weekend = SessionDraft(
        w, svc, local(2026, 4, 4, 9), 60, (b,), recurrence=Recurrence(1, count=2)
    )
    plan = world.read(lambda uow: plan_sessions(uow, weekend))
    assert plan.warnings == (
        "The slot is outside Dr Maya Chen's working hours. (Sat 04 Apr, Sat 11 Apr)",
    )
    made = world.run(
        world.reception, lambda uow: create_sessions(uow, weekend, allow_conflicts=True)
    )
    assert len(made.session_ids) == 2 and made.warnings == plan.warnings
    events = world.read(lambda uow: list(uow.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action == "session.create"))))  # fmt: skip
    assert len(events) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"worker_id": None}, "worker"),
        ({"kind": SessionKind.INDIVIDUAL, "capacity": 3}, "capacity"),
        ({"kind": SessionKind.GROUP, "capacity": 1}, "capacity"),
        ({"minutes": 0}, "duration"),
        ({"recurrence": Recurrence(1)}, "recurrence"),
        ({"recurrence": Recurrence(1, count=500)}, "recurrence"),
    ],
)
def test_a_session_that_cannot_be_booked_is_refused_on_its_field(
    world: World, change: dict[str, object], field: str
) -> None:
    w, svc, c = _practice(world)
    draft = replace(SessionDraft(w, svc, local(2026, 4, 6, 9), 60, (c,)), **change)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as refused:
        world.run(world.reception, lambda uow: create_sessions(uow, draft))
    assert refused.value.field == field


def test_editing_changes_service_length_clients_and_time_with_a_version_check(world: World) -> None:
    w, svc, c = _practice(world)
    other_svc, d = world.service("OTHER", 10000), world.client("Dan Ng")
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c], kind=SessionKind.GROUP, capacity=3)
    opened = world.read(lambda uow: session_draft(uow, sid))
    new = replace(opened.draft, service_id=other_svc, minutes=90, client_ids=(d,),
                  starts_at=local(2026, 4, 8, 11))  # fmt: skip
    result = world.run(world.reception, lambda uow: edit_session(
        uow, sid, new, expected_version=opened.version))  # fmt: skip
    assert result.changes.clients == {c, d}
    s = world.read(lambda uow: uow.session.get(Session, sid))
    assert s is not None and s.price_cents == 15000 and s.service_id == other_svc
    assert (
        f"{s.starts_at.astimezone(SYD):%H:%M}" == "11:00"
        and s.ends_at - s.starts_at == timedelta(minutes=90)
    )
    clients = world.read(
        lambda uow: list(
            uow.session.scalars(select(Booking.client_id).where(Booking.session_id == sid))
        )
    )
    assert clients == [d]
    with pytest.raises(ConflictError):
        world.run(
            world.reception,
            lambda uow: edit_session(uow, sid, new, expected_version=opened.version),
        )
    actions = world.read(lambda uow: list(uow.session.scalars(
        select(AuditEvent.action).where(AuditEvent.session_id == sid).order_by(AuditEvent.id))))  # fmt: skip
    assert actions[-2:] == ["session.edit", "session.reschedule"]


def test_a_cancelled_client_stays_on_the_record_and_cannot_be_re_added(world: World) -> None:
    w, svc, c = _practice(world)
    d = world.client("Dan Ng")
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c, d], kind=SessionKind.GROUP, capacity=3)
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    opened = world.read(lambda uow: session_draft(uow, sid))
    assert opened.draft.client_ids == (d,) and opened.kept_client_ids == (c,)
    with pytest.raises(NotAllowedError, match="undo that cancellation instead"):
        world.run(world.reception, lambda uow: edit_session(
            uow, sid, replace(opened.draft, client_ids=(c, d))))  # fmt: skip
    statuses = world.read(
        lambda uow: sorted(
            uow.session.scalars(select(Booking.status).where(Booking.session_id == sid))
        )
    )
    assert statuses == sorted([BookingStatus.CANCELLED, BookingStatus.BOOKED])


def test_moving_checks_conflicts_and_can_be_moved_back(world: World) -> None:
    w, svc, c = world.worker(), world.service(), world.client()
    other = world.worker("Sam Carer")
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    world.session(other, svc, local(2026, 4, 9, 10), [world.client("Eve Fox")])
    target = local(2026, 4, 9, 10)
    assert world.read(lambda uow: move_conflicts(uow, sid, target, other)) == [
        "Sam Carer already has a session at Thu 09 Apr 10:00."
    ]
    with pytest.raises(ValidationError, match="clashes"):
        world.run(world.reception, lambda uow: move_session(uow, sid, target, other))
    moved = world.run(
        world.reception, lambda uow: move_session(uow, sid, target, other, allow_conflicts=True)
    )
    assert moved.from_worker_id == w and moved.to_worker_id == other
    back = world.run(world.reception, lambda uow: move_session(
        uow, sid, moved.from_start, moved.from_worker_id, expected_version=moved.version))  # fmt: skip
    assert back.to_start == local(2026, 4, 8, 9)
    with pytest.raises(ConflictError):
        world.run(world.reception, lambda uow: move_session(uow, sid, target, other,
                                                            expected_version=moved.version))  # fmt: skip
