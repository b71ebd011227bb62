"""The reasons & billing rules editor: its "Try it" matches the rules module, saving a rule,
switching the billing profile — pytest-qt against a real database."""

from __future__ import annotations

import html
from datetime import UTC
from typing import Any

import pytest
from PySide6.QtCore import QDateTime
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import CancellationReason, Session
from app.models.enums import BillingProfile, CancelledBy, ChargeKind, ThresholdUnit
from app.models.rules import ChargeContext, evaluate
from app.services import practice
from app.services.desk import open_desk
from app.services.sessions.cancel import reasons_for
from app.services.sessions.cancel_charges import rule_of
from tests.conftest import FakeClock
from tests.factory import World, local
from tests.ui.setup_helpers import click, install, type_into


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)


def _evaluate_directly(world: World, code: str, session_id: int, advised: Any) -> Any:
    """What app.models.rules.evaluate says for the same reason, session and advised time."""

    def run(uow: Any) -> Any:
        reason = uow.session.scalar(
            select(CancellationReason).where(CancellationReason.code == code)
        )
        s = uow.session.get(Session, session_id)
        ctx = ChargeContext(s.starts_at.astimezone(UTC), advised, s.price_cents, CancelledBy.CLIENT,
                            s.service.allows_cancellation_charge, s.service.support_worker_pricing)  # fmt: skip
        return evaluate(rule_of(reason), ctx, practice.calendar(practice.settings(uow)))

    return world.read(run)


def test_try_it_shows_the_charge_and_working_the_rules_module_gives(
    qtbot: Any, world: World
) -> None:
    w, svc, c = world.worker(), world.service(), world.client()
    world.session(w, svc, local(2026, 4, 2, 11), [c])
    sid = world.session(w, svc, local(2026, 4, 7, 9), [c])  # Tuesday after Easter
    actions, _boxes = install(qtbot, open_desk(world.db, "admin"))
    screen = actions.open_reasons()
    assert screen.select_id(world.reason("ndis_health"))
    box = screen.try_box
    box.session.setCurrentIndex(box.session.findData(sid))
    box.advised.setDateTime(QDateTime.fromString("2026-04-02 15:10", "yyyy-MM-dd HH:mm"))
    expected = _evaluate_directly(world, "ndis_health", sid, local(2026, 4, 2, 15, 10))
    assert screen.last_try is not None and screen.last_try.decision == expected
    text = box.result.text()
    assert "Charge: $193.99" in text and "Good Friday is a public holiday" in text
    assert html.escape(expected.explanation) in text  # the working, word for word
    # An unsaved edit is tried at once: 1 clear business day is enough now.
    screen.form.unit.setCurrentIndex(screen.form.unit.findData(ThresholdUnit.CLEAR_BUSINESS_DAYS))
    screen.form.value.setValue(1)
    assert screen.last_try is not None and screen.last_try.decision.charge_cents == 19399
    screen.form.unit.setCurrentIndex(screen.form.unit.findData(ThresholdUnit.HOURS))
    screen.form.value.setValue(24)
    assert screen.last_try is not None and not screen.last_try.decision.chargeable
    assert "Enough notice was given" in box.result.text()


def test_a_new_private_rule_is_saved_from_the_editor_and_offered_by_the_cancel_dialog(
    qtbot: Any, world: World
) -> None:
    actions, _boxes = install(qtbot, open_desk(world.db, "admin"))
    screen = actions.open_reasons()
    screen.ask = lambda _question: ""  # the change of profile asked about: answered yes
    click(qtbot, screen.profile_buttons[BillingProfile.PRIVATE])
    assert "private practice" in screen.status.text()
    click(qtbot, screen.new_button)
    form = screen.form
    type_into(qtbot, form.label, "Late notice (48 h)")
    form.unit.setCurrentIndex(form.unit.findData(ThresholdUnit.HOURS))
    form.value.setValue(48)
    form.charge.setCurrentIndex(form.charge.findData(ChargeKind.FIXED))
    type_into(qtbot, form.fee, "abc")
    click(qtbot, screen.save_button)
    assert "is not an amount of money" in screen.error.text() and screen.focusWidget() is form.fee
    type_into(qtbot, form.fee, "75")
    click(qtbot, screen.save_button)
    assert screen.error.isHidden() and "“Late notice (48 h)” was added." in screen.status.text()
    offered = [label for _i, label in world.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))]
    assert "Late notice (48 h)" in offered and "Health" not in offered
    assert screen.model.row(0).draft.profile == "private"  # the profile in use is listed first
    assert actions.window.changes[-1].topics == {"reasons"}  # type: ignore[attr-defined]


def test_a_manager_may_look_and_try_but_not_change_rules(qtbot: Any, world: World) -> None:
    actions, _boxes = install(qtbot, open_desk(world.db, "mgr"))
    screen = actions.open_reasons()
    assert not screen.save_button.isEnabled() and "administrator" in screen.save_button.toolTip()
    assert not screen.profile_buttons[BillingProfile.PRIVATE].isEnabled()
    assert "No upcoming sessions" in screen.try_box.session.currentText()


def test_a_try_it_answer_an_edit_overtook_is_dropped(qtbot: Any) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from app.errors import ValidationError
    from app.services.setup.trial import SessionChoice
    from app.ui.ops import Outcome
    from app.ui.setup.reasons import ReasonsApi, ReasonsScreen

    replies: list[Any] = []
    at = datetime(2026, 4, 7, 9, tzinfo=UTC)
    api = ReasonsApi(
        ZoneInfo("Australia/Sydney"), lambda: at,
        lambda show: show([], BillingProfile.NDIS), lambda *_a: None, lambda *_a: None,
        lambda show: show([SessionChoice(7, "Physio, Tue 7 Apr", at)]),
        lambda _d, _sid, _at, reply: replies.append(reply), "",
    )  # fmt: skip
    screen = ReasonsScreen(api)
    qtbot.addWidget(screen)
    replies.clear()
    screen.run_try()
    screen.run_try()  # an edit: a newer try while the first is still out
    first, newest = replies
    newest(Outcome(error=ValidationError("Choose how the notice is counted.")))
    first(Outcome(value=object()))  # late, and not a TryResult: shown, it would fail
    assert "Choose how the notice is counted." in screen.try_box.result.text()
    assert screen.last_try is None
