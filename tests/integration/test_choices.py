"""Replacement workers ranked with why; reschedule proposals that are free and never the canceller."""

from __future__ import annotations

from datetime import timedelta

from app.db import UnitOfWork
from app.models import Service, Worker, WorkingHours
from app.models.enums import CancelledBy
from app.services.dto import CancelRequest
from app.services.sessions.cancel import cancel, cancel_session_by_worker
from app.services.sessions.choices import free_workers, propose_slots, rank_workers
from tests.factory import World, local

SLOT = local(2026, 4, 8, 9)  # Wednesday 8 April, 09:00–10:00


def _skills(world: World, worker_id: int, skills: str) -> None:
    def apply(uow: UnitOfWork) -> None:
        w = uow.session.get(Worker, worker_id)
        assert w is not None
        w.skills = skills

    world.run(world.admin, apply)


def _needs(world: World, service_id: int, skill: str) -> None:
    def apply(uow: UnitOfWork) -> None:
        s = uow.session.get(Service, service_id)
        assert s is not None
        s.skill = skill

    world.run(world.admin, apply)


def _hours(world: World, worker_id: int, weekday: int, start_h: int, end_h: int) -> None:
    def apply(uow: UnitOfWork) -> None:
        w = uow.session.get(Worker, worker_id)
        assert w is not None
        w.hours = [h for h in w.hours if h.weekday != weekday]
        w.hours.append(WorkingHours(weekday=weekday, start_minute=start_h * 60,
                                    end_minute=end_h * 60))  # fmt: skip

    world.run(world.admin, apply)


def _practice(world: World) -> dict[str, int]:
    """Maya's physio session Wed 09:00 and five others who could, or couldn't, take it."""
    ids = {
        "maya": world.worker("Dr Maya Chen"),
        "sophie": world.worker("Sophie Martin"),
        "liam": world.worker("Liam O'Connor"),
        "priya": world.worker("Priya Raman"),
        "tom": world.worker("Tom Nguyen", days=range(2)),  # Mondays and Tuesdays only
        "ann": world.worker("Ann Park"),
    }
    _skills(world, ids["liam"], "occupational therapy")
    for name in ("maya", "sophie", "priya", "tom", "ann"):
        _skills(world, ids[name], "Physio, pilates")
    _hours(world, ids["ann"], 2, 13, 17)  # Wednesdays in the afternoon only
    ids["service"] = world.service()
    _needs(world, ids["service"], "physio")
    ids["client"] = world.client("Olivia Smith")
    ids["session"] = world.session(ids["maya"], ids["service"], SLOT, [ids["client"]])
    ids["busy"] = world.session(
        ids["priya"], ids["service"], SLOT + timedelta(minutes=30), [world.client("Cat Poe")]
    )
    return ids


def test_replacement_workers_rank_skilled_free_rostered_first_each_saying_why(
    world: World,
) -> None:
    ids = _practice(world)
    ranked = world.read(
        lambda uow: rank_workers(
            uow, SLOT, SLOT + timedelta(hours=1), service_id=ids["service"],
            exclude_worker_id=ids["maya"],
        )
    )  # fmt: skip
    by_id = {f.worker_id: f for f in ranked}
    assert ids["maya"] not in by_id
    assert ranked[0].worker_id == ids["sophie"] and ranked[0].suitable
    assert ranked[0].why == "physio · free · rostered 08:00–18:00"
    assert [f.worker_id for f in ranked if f.suitable] == [ids["sophie"]]
    assert by_id[ids["priya"]].why == "busy 09:30–10:30 with Cat Poe"
    assert by_id[ids["tom"]].why == "not rostered on Wednesdays"
    assert by_id[ids["ann"]].why == "rostered only 13:00–17:00 on Wednesdays"
    assert by_id[ids["liam"]].why == "no physio skill"
    # The skilled who miss something come before the one without the skill.
    assert ranked[-1].worker_id == ids["liam"]
    free = world.read(
        lambda uow: free_workers(uow, SLOT, SLOT + timedelta(hours=1), service_id=ids["service"])
    )
    assert [f.worker_id for f in free] == [ids["sophie"]]  # Maya is busy with her own session


def test_worker_cancel_offers_only_the_skilled_free_rostered_workers(world: World) -> None:
    ids = _practice(world)
    req = CancelRequest(ids["session"], CancelledBy.WORKER, local(2026, 4, 1, 10),
                        world.reason("worker_unwell"))  # fmt: skip
    res = world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))
    assert [f.worker_id for f in res.free_workers] == [ids["sophie"]]


def _overlaps(a_start, a_end, b_start, b_end) -> bool:  # type: ignore[no-untyped-def]
    return a_start < b_end and b_start < a_end


def test_reschedule_never_proposes_the_worker_who_cancelled_and_avoids_every_clash(
    world: World,
) -> None:
    ids = _practice(world)
    # Sophie is busy Wednesday 09:00; the client is booked with Liam on Thursday 09:00.
    world.session(ids["sophie"], ids["service"], SLOT, [world.client("Dan Wu")])
    thursday = world.session(ids["liam"], world.service("OT-1"), SLOT + timedelta(days=1),
                             [ids["client"]])  # fmt: skip
    req = CancelRequest(ids["session"], CancelledBy.WORKER, local(2026, 4, 1, 10),
                        world.reason("worker_unwell"))  # fmt: skip
    world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))
    proposals = world.read(lambda uow: propose_slots(uow, ids["session"]))
    assert len(proposals) == 5
    assert ids["maya"] not in {p.worker_id for p in proposals}
    assert {p.worker_id for p in proposals} <= {ids["sophie"], ids["priya"], ids["ann"]}
    now = world.clock()
    busy = {
        ids["sophie"]: [(SLOT, SLOT + timedelta(hours=1))],
        ids["priya"]: [(SLOT + timedelta(minutes=30), SLOT + timedelta(minutes=90))],
    }
    client_busy = (SLOT + timedelta(days=1), SLOT + timedelta(days=1, hours=1))
    for p in proposals:
        assert now < p.starts_at < now + timedelta(days=15)
        assert p.ends_at - p.starts_at == timedelta(hours=1)
        assert not _overlaps(p.starts_at, p.ends_at, *client_busy)
        for start, end in busy.get(p.worker_id, []):
            assert not _overlaps(p.starts_at, p.ends_at, start, end)
        local_start = p.starts_at.astimezone(SLOT.tzinfo)
        assert local_start.weekday() < 5 and 8 <= local_start.hour < 18
        assert local_start.date().isoformat() not in {"2026-04-03", "2026-04-06"}  # Easter
    assert proposals == sorted(proposals, key=lambda p: p.starts_at)
    assert thursday


def test_a_client_cancelled_session_is_proposed_with_its_worker_but_not_in_its_own_slot(
    world: World,
) -> None:
    ids = _practice(world)
    req = CancelRequest(ids["session"], CancelledBy.CLIENT, local(2026, 4, 1, 10),
                        world.reason("ndis_health"), booking_ids=())  # fmt: skip
    world.run(world.reception, lambda uow: cancel(uow, req))
    proposals = world.read(lambda uow: propose_slots(uow, ids["session"], days=14, limit=20))
    mine = [p for p in proposals if p.worker_id == ids["maya"]]
    assert mine and not any(_overlaps(p.starts_at, p.ends_at, SLOT, SLOT + timedelta(hours=1))
                            for p in mine)  # fmt: skip
    assert all("same worker" in p.why for p in mine)
    # Nearest the original time of day: 09:00 on each other day (today it is past 09:00).
    days = {p.starts_at.astimezone(SLOT.tzinfo).date(): p for p in mine}
    assert days[SLOT.date()].starts_at == local(2026, 4, 8, 8)
    assert days[local(2026, 4, 1).date()].starts_at == local(2026, 4, 1, 11)
    others = [p for d, p in days.items() if d not in (SLOT.date(), local(2026, 4, 1).date())]
    assert others and all(p.starts_at.astimezone(SLOT.tzinfo).hour == 9 for p in others)
    assert any(p.starts_at == SLOT and p.worker_id == ids["sophie"] for p in proposals)
