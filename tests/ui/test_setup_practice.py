"""Done when: starting from an empty database, a new practice is set up, its week booked, and a
cancellation charged by its own rule — all from the window's dialogs (pytest-qt, offscreen)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWizard
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client, ServiceDelivered, Session
from app.models.enums import BillingProfile, ChargeKind, SdKind, SessionKind, ThresholdUnit
from app.models.lifecycle import Action
from app.services import practice
from app.services.desk import open_desk
from app.ui.sessions.cancel_wizard import CancelWizard
from app.ui.start.main_window import MainWindow
from app.ui.start.wiring import install_all
from app.ui.tasks import TaskRunner
from tests.conftest import FakeClock
from tests.factory import local
from tests.ui.setup_helpers import Boxes, click, type_into


def _read(ctx: AppContext, fn: Any) -> Any:
    with ctx.db.read() as uow:
        return fn(uow)


class Script:
    """Hands each dialog the window opens to the next step, in order."""

    def __init__(self) -> None:
        self.steps: list[Any] = []
        self.seen: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> int:
        self.seen.append(dialog)
        dialog.show()
        if self.steps:
            self.steps.pop(0)(dialog)
        return dialog.result()


def _settings(qtbot: Any) -> Any:
    def step(d: Any) -> None:
        type_into(qtbot, d.name, "Harbour Physio")
        d.zone.setCurrentText("Australia/Sydney")
        d.subdivision.setCurrentIndex(d.subdivision.findData("NSW"))
        click(qtbot, d.save_button)

    return step


def _one(qtbot: Any, **texts: str) -> Any:
    """A dialog step: type each field's text, then Save."""

    def step(d: Any) -> None:
        for name, value in texts.items():
            type_into(qtbot, getattr(d, name), value)
        click(qtbot, d.save_button)

    return step


def _session(qtbot: Any, clients: list[int], repeat_weeks: int = 0, count: int = 0,
             kind: SessionKind = SessionKind.INDIVIDUAL) -> Any:  # fmt: skip
    def step(d: Any) -> None:
        d.kind.setCurrentIndex(d.kind.findData(kind))
        for cid in clients:
            d.clients.set_checked(cid)
        if repeat_weeks:
            d.repeat.setCurrentIndex(d.repeat.findData(repeat_weeks))
            d.count.setValue(count)
        click(qtbot, d.buttons.button(d.buttons.StandardButton.Save))

    return step


def _set_up(qtbot: Any, actions: Any, script: Script) -> None:
    """Settings, own rule, location, service, worker and two clients — each from its screen."""
    script.steps.append(_settings(qtbot))
    actions.actions["settings"].trigger()
    reasons = actions.open_reasons()
    reasons.ask = lambda _question: ""  # the change of profile asked about: answered yes
    click(qtbot, reasons.profile_buttons[BillingProfile.PRIVATE])
    click(qtbot, reasons.new_button)
    form = reasons.form
    type_into(qtbot, form.label, "Short notice (48 h)")
    form.unit.setCurrentIndex(form.unit.findData(ThresholdUnit.HOURS))
    form.value.setValue(48)
    form.charge.setCurrentIndex(form.charge.findData(ChargeKind.PERCENT))
    form.percent.setValue(50)
    click(qtbot, reasons.save_button)
    assert "was added" in reasons.status.text(), reasons.error.text()
    for opener, fields in (
        (actions.open_locations, {"name": "Main clinic"}),
        (actions.open_services, {"code": "PHYSIO", "name": "Physiotherapy", "price": "120"}),
        (actions.open_workers, {"name": "Dr Maya Chen"}),
        (actions.open_clients, {"first": "Ann", "last": "Lee", "email": "ann@example.com"}),
        (actions.open_clients, {"first": "Ben", "last": "Ray", "email": "ben@example.com"}),
    ):
        screen = opener()
        screen.run_dialog = script
        script.steps.append(_one(qtbot, **fields))
        click(qtbot, screen.add_button)
        assert screen.error.isHidden(), screen.error.text()


def _window(qtbot: Any, ctx: AppContext) -> tuple[MainWindow, Any, Any]:
    """The window as FrontDesk assembles it (wiring.install_all), background work inline."""
    desk = open_desk(ctx.db)
    window = MainWindow(desk, ctx, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    installed = install_all(window, desk, ctx, resume_jobs=False, watch_idle=False)
    window.resize(1400, 900)
    window.show()
    actions = window.setup_actions  # type: ignore[attr-defined]
    boxes = Boxes()
    actions.ask, actions.inform, actions.refuse = boxes.ask, boxes.tell, boxes.tell
    return window, actions, installed.dialogs


def test_a_new_practice_is_set_up_booked_and_charged_by_its_own_rule_from_the_window(
    qtbot: Any, ctx: AppContext, clock: FakeClock
) -> None:
    window, actions, dialogs = _window(qtbot, ctx)
    script = Script()
    actions.run_dialog = script
    _set_up(qtbot, actions, script)
    assert _read(ctx, lambda uow: practice.settings(uow).name) == "Harbour Physio"
    ann, ben = _read(
        ctx, lambda uow: list(uow.session.scalars(select(Client.id).order_by(Client.id)))
    )
    # The week: Ann weekly from Tuesday (4 sessions), Ben on Wednesday, a class on Thursday.
    for start, step in (
        (local(2026, 4, 7, 9), _session(qtbot, [ann], repeat_weeks=1, count=4)),
        (local(2026, 4, 8, 10), _session(qtbot, [ben])),
        (local(2026, 4, 9, 14), _session(qtbot, [ann, ben], kind=SessionKind.CLASS)),
    ):
        script.steps.append(step)
        made: list[Any] = []
        actions.new_session(start, done=made.append)
        assert made and made[0] is not None, script.seen[-1].error.text()  # type: ignore[attr-defined]
    window.go_to(date(2026, 4, 7))
    week = {(b.starts_at, b.client_names) for b in window.view.blocks()}
    assert (local(2026, 4, 7, 9), "Ann Lee") in week and (
        local(2026, 4, 9, 14),
        "Ann Lee, Ben Ray",
    ) in week
    # Monday 15:00: Ann cancels Tuesday 09:00 — 18 hours' notice, under the practice's 48 hours.
    clock.set(local(2026, 4, 6, 15))
    tuesday = _read(ctx, lambda uow: uow.session.scalar(
        select(Session.id).where(Session.starts_at == local(2026, 4, 7, 9))))  # fmt: skip

    def cancel(wizard: Any) -> None:
        assert isinstance(wizard, CancelWizard)
        wizard.next()  # who: the client (the only one booked, so no client page)
        page = wizard.details_page
        page.reason.setCurrentIndex(page.reason.findText("Short notice (48 h)"))
        wizard.next()
        assert "50% = $60.00" in wizard.review_page.body.toPlainText()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    dialogs.run_dialog = Script()
    dialogs.run_dialog.steps.append(cancel)
    window.request_action(Action.CANCEL, tuesday)
    sd = _read(ctx, lambda uow: uow.session.scalar(
        select(ServiceDelivered).where(ServiceDelivered.kind == SdKind.CANCELLATION)))  # fmt: skip
    assert sd is not None and sd.session_id == tuesday and sd.amount_cents == 6000


def test_the_practice_menu_shortcuts_clash_with_nothing_else_in_the_window(
    qtbot: Any, ctx: AppContext
) -> None:
    window, actions, _dialogs = _window(qtbot, ctx)
    keys = [
        a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
    ]
    clashes = {k for k in keys if keys.count(k) > 1}
    own = {a.shortcut().toString() for a in actions.actions.values()}
    assert "Ctrl+Shift+Z" in keys  # the schedule's undo cancellation is among those checked
    assert own >= {"Ctrl+N", "Ctrl+Z", "Ctrl+Y"} and not clashes & own
