"""The first-run checklist's rules: which practice has one, when each step is done, what can be
left for later, and this computer's time zone proposed (never silently Sydney)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import Actor
from app.errors import PermissionDeniedError, ValidationError
from app.models import AuditEvent, Service, User, Worker
from app.models.enums import Role
from app.services import practice, users
from app.services.desk import Desk, open_desk
from app.services.setup import checklist
from app.services.setup.settings import (
    TIME_ZONE_CONFIRMED,
    practice_settings,
    save_practice_settings,
)


def _new_practice(ctx: AppContext) -> Desk:
    """A brand-new practice as the first-run dialog leaves it: its administrator set up."""
    open_desk(ctx.db).write(
        lambda uow: users.set_up_first_admin(uow, "boss", "Pat", "long enough 1")
    )
    return open_desk(ctx.db, "boss")


def _read(desk: Desk, zone: str | None = None) -> checklist.Checklist:
    return desk.read(lambda uow: checklist.read_checklist(uow, zone))


def test_a_new_practice_has_every_step_open_and_the_computers_zone_proposed(
    ctx: AppContext,
) -> None:
    desk = _new_practice(ctx)
    state = _read(desk, "Australia/Perth")
    assert state.applies and state.shown and not state.finished
    assert [s.key for s in state.steps] == list(checklist.STEPS)
    assert not any(s.settled for s in state.steps)
    assert state.time_zone == "Australia/Sydney"  # the model's default, not yet confirmed
    assert state.proposal == checklist.Proposal("Australia/Perth", "AU", "WA", "AUD")


def test_saving_the_settings_confirms_the_time_zone_once_and_again_on_a_change(
    ctx: AppContext,
) -> None:
    desk = _new_practice(ctx)
    draft = desk.read(practice_settings)
    desk.write(lambda uow: save_practice_settings(uow, draft))
    state = _read(desk, "Australia/Perth")
    assert state.step("practice").done and state.proposal is None

    def confirmations() -> list[dict[str, object] | None]:
        return desk.read(lambda uow: list(uow.session.scalars(
            select(AuditEvent.after).where(AuditEvent.action == TIME_ZONE_CONFIRMED))))  # fmt: skip

    desk.write(lambda uow: save_practice_settings(uow, draft))
    assert len(confirmations()) == 1  # the same zone saved again: nothing new to confirm
    moved = type(draft)(**{**draft.__dict__, "time_zone": "Australia/Perth", "subdivision": "WA"})
    desk.write(lambda uow: save_practice_settings(uow, moved))
    assert [c and c["time_zone"] for c in confirmations()] == [
        "Australia/Sydney",
        "Australia/Perth",
    ]


def test_workers_services_reasons_users_and_email_tick_from_the_records(ctx: AppContext) -> None:
    desk = _new_practice(ctx)

    def add(uow: object) -> None:
        orm = uow.session  # type: ignore[attr-defined]
        orm.add(Worker(name="Dr Maya Chen"))
        orm.add(Service(code="PHYSIO", name="Physiotherapy", price_cents=12000,
                        default_minutes=60))  # fmt: skip
        orm.add(User(username="desk", full_name="Front desk", role=Role.RECEPTION,
                     password_hash="x", created_at=uow.now()))  # type: ignore[attr-defined]  # fmt: skip
        practice.settings(uow).smtp_config = {"host": "mail.example.com"}  # type: ignore[arg-type]

    desk.write(add)
    state = _read(desk)
    assert [state.step(k).done for k in ("workers", "services", "users", "email")] == [True] * 4
    assert not state.step("reasons").settled  # the shipped reasons, never looked at


def test_reasons_users_and_email_can_be_left_for_later_the_others_not(ctx: AppContext) -> None:
    desk = _new_practice(ctx)
    for key in ("reasons", "users", "email"):
        result = desk.write(lambda uow, k=key: checklist.set_step_aside(uow, k))
        assert result.changes.topics == {"checklist"}
    state = _read(desk)
    assert [state.step(k).set_aside for k in checklist.STEPS] == [False, False, False, True, True,
                                                                  True]  # fmt: skip
    for key in ("practice", "workers", "nonsense"):
        with pytest.raises(ValidationError, match="can be left for later"):
            desk.write(lambda uow, k=key: checklist.set_step_aside(uow, k))


def test_only_an_administrator_leaves_a_step_for_later_and_sees_the_list(ctx: AppContext) -> None:
    desk = _new_practice(ctx)
    desk.write(lambda uow: users.create_user(uow, "mgr", "Manager", Role.MANAGER, "long enough 2"))
    manager = open_desk(ctx.db, "mgr")
    with pytest.raises(PermissionDeniedError, match="administrator"):
        manager.write(lambda uow: checklist.set_step_aside(uow, "email"))
    assert not _read(manager).shown and _read(manager).applies


def test_the_demo_practice_has_no_checklist(demo_ctx: AppContext, admin: Actor) -> None:
    state = open_desk(demo_ctx.db, "admin").read(lambda uow: checklist.read_checklist(uow, None))
    assert not state.applies and not state.shown


def test_the_computers_time_zone_comes_from_tz_etc_timezone_or_the_localtime_link(
    tmp_path: Path,
) -> None:
    etc = tmp_path / "etc"
    etc.mkdir()
    assert checklist.computer_time_zone({"TZ": "Europe/Paris"}, etc) == "Europe/Paris"
    assert checklist.computer_time_zone({"TZ": ":Australia/Hobart"}, etc) == "Australia/Hobart"
    (etc / "timezone").write_text("Australia/Brisbane\n")
    assert checklist.computer_time_zone({"TZ": "AEST-10"}, etc) == "Australia/Brisbane"
    (etc / "timezone").unlink()
    (etc / "localtime").symlink_to("/usr/share/zoneinfo/Pacific/Auckland")
    assert checklist.computer_time_zone({}, etc) == "Pacific/Auckland"
    (etc / "localtime").unlink()
    (etc / "localtime").symlink_to("/usr/share/zoneinfo/Etc/UTC")
    assert checklist.computer_time_zone({}, etc) is None  # not a place: the administrator chooses
    assert checklist.propose("Australia/Brisbane") == checklist.Proposal(
        "Australia/Brisbane", "AU", "QLD", "AUD")  # fmt: skip
    assert checklist.propose("Pacific/Auckland") == checklist.Proposal(
        "Pacific/Auckland", "NZ", None, "NZD")  # fmt: skip


def test_a_finished_checklist_is_recorded_once_and_never_comes_back(ctx: AppContext) -> None:
    desk = _new_practice(ctx)
    assert desk.write(checklist.finish_checklist) is None  # not finished: nothing recorded
    for key in ("reasons", "users", "email"):
        desk.write(lambda uow, k=key: checklist.set_step_aside(uow, k))
    desk.write(lambda uow: save_practice_settings(uow, practice_settings(uow)))

    def add(uow: object) -> None:
        orm = uow.session  # type: ignore[attr-defined]
        orm.add(Worker(name="Dr Maya Chen"))
        orm.add(Service(code="PHYSIO", name="Physiotherapy", price_cents=12000))

    desk.write(add)
    assert _read(desk).finished and _read(desk).applies
    done = desk.write(checklist.finish_checklist)
    assert done is not None and done.changes.topics == {"checklist"}
    assert desk.write(checklist.finish_checklist) is None  # once
    desk.write(lambda uow: setattr(uow.session.scalars(select(Service)).one(), "active", False))
    state = _read(desk)
    assert not state.applies and not state.shown


def test_first_run_saves_the_practice_its_time_zone_and_that_zones_holidays(
    ctx: AppContext,
) -> None:
    admin = open_desk(ctx.db)
    with pytest.raises(ValidationError, match="Choose the practice's time zone"):
        admin.write(lambda uow: checklist.set_up_practice(uow, "boss", "Pat", "long enough 1",
                                                          "Cabinet Dupont", ""))  # fmt: skip
    assert admin.read(users.needs_first_admin)  # refused as a whole: no administrator either
    admin.write(lambda uow: checklist.set_up_practice(uow, "boss", "Pat", "long enough 1",
                                                      "Cabinet Dupont", "Europe/Paris"))  # fmt: skip
    desk = open_desk(ctx.db, "boss")
    saved = desk.read(practice_settings)
    assert (saved.name, saved.time_zone, saved.country, saved.subdivision) == (
        "Cabinet Dupont", "Europe/Paris", "FR", None)  # fmt: skip
    state = _read(desk, "Australia/Perth")
    assert state.step("practice").done and state.proposal is None
