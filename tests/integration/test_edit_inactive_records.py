"""Changing a session keeps the worker, service and clients it already has once they are made
inactive; an inactive record it does not have is still refused."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app.db import UnitOfWork
from app.errors import ValidationError
from app.models import Client, Service, Session, Worker
from app.models.enums import SessionKind
from app.services.setup.editing import edit_session, session_draft
from tests.factory import World, local


def _retire(world: World, *records: tuple[Any, int]) -> None:
    """Make records inactive, as the set-up screens do when someone leaves."""

    def run(uow: UnitOfWork) -> None:
        for model, record_id in records:
            uow.session.get(model, record_id).active = False

    world.run(world.admin, run)


def _booked(world: World, sid: int) -> list[int]:
    return world.read(lambda uow: [b.client_id for b in uow.session.get(Session, sid).bookings])


def test_a_session_keeps_its_own_inactive_worker_service_and_client(world: World) -> None:
    w, svc, c = world.worker(days=range(7)), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    _retire(world, (Worker, w), (Service, svc), (Client, c))
    opened = world.read(lambda uow: session_draft(uow, sid))
    longer = replace(opened.draft, minutes=opened.draft.minutes + 15)
    world.run(world.reception, lambda uow: edit_session(uow, sid, longer,
                                                        expected_version=opened.version))  # fmt: skip
    s = world.read(lambda uow: uow.session.get(Session, sid))
    assert s is not None and (s.worker_id, s.service_id) == (w, svc)
    assert _booked(world, sid) == [c]


@pytest.mark.parametrize("what", ["worker", "service", "client"])
def test_an_inactive_record_the_session_does_not_have_is_refused(world: World, what: str) -> None:
    w, svc, c = world.worker(days=range(7)), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c], kind=SessionKind.GROUP, capacity=3)
    other = {"worker": (Worker, world.worker("Lee Gone", days=range(7))),
             "service": (Service, world.service("Old service")),
             "client": (Client, world.client("Ann Gone"))}[what]  # fmt: skip
    _retire(world, other)
    opened = world.read(lambda uow: session_draft(uow, sid))
    changed = {"worker": {"worker_id": other[1]}, "service": {"service_id": other[1]},
               "client": {"client_ids": (c, other[1])}}[what]  # fmt: skip
    draft = replace(opened.draft, **changed)
    with pytest.raises(ValidationError):
        world.run(world.reception, lambda uow: edit_session(uow, sid, draft,
                                                            expected_version=opened.version))  # fmt: skip
