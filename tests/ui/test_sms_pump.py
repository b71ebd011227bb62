"""The outbox pump fetches clients' text replies from the gateway (the stand-in), lets the
replies handler act on them, fans the change out, and asks the gateway at most once a minute."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import SmsReply
from app.services.desk import open_desk
from app.services.sms import settings as sms
from app.ui.outbox import install_outbox
from app.ui.tasks import TaskRunner
from tests.conftest import FakeClock
from tests.factory import World
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)


@pytest.fixture
def gateway() -> Iterator[SmsStandIn]:
    with SmsStandIn(page_size=1) as standin:
        yield standin


class Window(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.fanned: list[Any] = []

    def notify_changed(self, changes: Any) -> None:
        self.fanned.append(changes)


def test_the_pump_fetches_replies_hands_them_on_and_fans_out(
    qtbot: Any, world: World, gateway: SmsStandIn
) -> None:
    draft = sms.SmsDraft(username=API_KEY, api_key=API_SECRET, base_url=gateway.base_url)
    world.run(world.admin, lambda uow: sms.save_sms_settings(uow, draft))
    when = datetime(2026, 4, 5, 22, 0, tzinfo=UTC)
    first = gateway.add_reply("+61412345678", "What time is it again?", when)
    second = gateway.add_reply("0412 345 679", "C", when.replace(minute=5))
    window = Window()
    qtbot.addWidget(window)
    panel = install_outbox(
        window, open_desk(world.db), runner=TaskRunner(window, synchronous=True), start=False
    )
    with qtbot.waitSignal(panel.pump.pass_finished, timeout=5000) as done:
        panel.pump.run_now()
    report = done.args[0]
    assert report.replies.new == 2 and report.replies.problem == ""
    rows = world.read(
        lambda uow: uow.session.scalars(select(SmsReply).order_by(SmsReply.received_at)).all()
    )
    assert [r.gateway_id for r in rows] == [first, second]
    assert rows[1].from_number == "+61412345679"
    # Neither names a booking the desk sent a text about: both wait on the staff queue.
    assert {r.outcome for r in rows} == {"queued"}
    assert gateway.unconfirmed() == [] and window.fanned and "replies" in window.fanned[-1].topics
    asked = len(gateway.requests_to("GET", "/v1/replies"))
    with qtbot.waitSignal(panel.pump.pass_finished, timeout=5000) as again:
        panel.pump.run_now()
    assert again.args[0].replies is None  # within the minute: the gateway is not asked again
    assert len(gateway.requests_to("GET", "/v1/replies")) == asked


def test_without_a_gateway_the_pump_fetches_nothing(qtbot: Any, world: World) -> None:
    window = Window()
    qtbot.addWidget(window)
    panel = install_outbox(
        window, open_desk(world.db), runner=TaskRunner(window, synchronous=True), start=False
    )
    with qtbot.waitSignal(panel.pump.pass_finished, timeout=5000) as done:
        panel.pump.run_now()
    assert done.args[0].replies is None and window.fanned == []
