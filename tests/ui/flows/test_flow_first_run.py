"""A brand-new practice's first run walked through the real window: the checklist shows with
every step open, the first step proposes this computer's time zone and confirming it in the real
Practice settings dialog ticks it; a worker and a service added from the checklist tick theirs;
the title follows a rename at once; the window opens maximised. The demo practice has none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
)
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import AuditEvent, PracticeSettings, Service, Worker
from app.services import users
from app.services.desk import open_desk
from app.services.dto import ChangeSet
from app.services.setup.checklist import FINISHED, STEPS
from app.services.setup.settings import TIME_ZONE_CONFIRMED
from app.ui.start import application
from app.ui.start.main_window import MainWindow
from app.ui.start.startup import Startup
from app.ui.start.wiring import lock
from app.ui.tasks import TaskRunner
from tests.ui.fit import problems
from tests.ui.flows import data
from tests.ui.flows.driver import (
    confirm_question,
    dialogs,
    errors,
    field,
    press,
    tick,
    type_into,
)


@pytest.fixture
def new_practice(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    """A brand-new practice as the first-run dialog leaves it, on a computer set to Perth."""
    monkeypatch.setenv("TZ", "Australia/Perth")
    open_desk(ctx.db).write(
        lambda uow: users.set_up_first_admin(uow, "boss", "Pat Boss", "long enough 1")
    )
    return ctx


def _dock(window: MainWindow) -> QDockWidget | None:
    return window.findChild(QDockWidget, "checklistDock")


def _states(window: MainWindow) -> dict[str, str]:
    """Each step's state as a screen reader announces its mark."""
    return {
        key: window.findChild(QLabel, f"{key}StepMark").accessibleName()  # type: ignore[union-attr]
        for key in STEPS
    }


def _step_button(window: MainWindow, key: str) -> Any:
    panel = window.findChild(QDockWidget, "checklistDock").widget()  # type: ignore[union-attr]
    return panel.rows[key].open


def _ok(box: Any) -> None:
    press(box, "OK")


def test_a_new_practice_is_set_up_from_its_first_run_checklist(
    qtbot: Any, new_practice: AppContext, open_window: Any
) -> None:
    window = open_window(new_practice, "boss")
    dock = _dock(window)
    assert dock is not None and dock.isVisible()
    assert set(_states(window).values()) == {"To do"}
    qtbot.wait(20)  # laid out
    assert problems(dock) == []  # nothing cut at 1366×768
    detail = window.findChild(QLabel, "practiceStepDetail")
    assert "Australia/Perth" in detail.text() and "Australia/Sydney" in detail.text()
    seen: dict[str, str] = {}

    def confirm(dialog: Any) -> None:
        seen["zone"] = field(dialog, "Time zone", QComboBox).currentText()
        seen["region"] = field(dialog, "State or region", QComboBox).currentText()
        seen["note"] = dialog.findChild(QLabel, "proposalNote").text()
        seen["cut"] = "; ".join(p for p in problems(dialog) if "proposalNote" in p)
        type_into(qtbot, field(dialog, "Practice name", QLineEdit), "Harbour Physio")
        press(dialog, "Save")

    with dialogs(confirm, _ok):  # the second: the time zone changed, restart the other desks
        press(window.findChild(QDockWidget, "checklistDock"), "Check time zone…")
    assert (seen["zone"], seen["region"]) == ("Australia/Perth", "WA")
    assert "Australia/Sydney" in seen["note"] and not seen["cut"], seen
    assert "Check the time zone, the holiday region and the currency" in seen["note"], seen
    saved = data.read(new_practice, lambda orm: orm.get(PracticeSettings, 1))
    assert saved is not None
    assert (saved.time_zone, saved.subdivision, saved.name) == ("Australia/Perth", "WA",
                                                                "Harbour Physio")  # fmt: skip
    confirmed = data.read(new_practice, lambda orm: list(orm.scalars(
        select(AuditEvent.username).where(AuditEvent.action == TIME_ZONE_CONFIRMED))))  # fmt: skip
    assert confirmed == ["boss"]
    assert _states(window)["practice"] == "Done"
    assert window.windowTitle() == "FrontDesk — Harbour Physio"  # at once, not at the next start
    zone = window.findChild(QLabel, "zoneBanner")  # the times here are still in Sydney's zone
    assert zone is not None and zone.isVisible(), "a new time zone is said on the window"
    assert "now Australia/Perth" in zone.text() and "still shown in Australia/Sydney" in zone.text()
    signed: list[str] = []

    def sign_in(dialog: Any) -> None:  # the next sign-in at this desk names the practice anew
        signed.extend(lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.isVisible())
        signed.append(dialog.windowTitle())
        type_into(qtbot, field(dialog, "User name", QLineEdit), "boss")
        type_into(qtbot, field(dialog, "Password", QLineEdit), "long enough 1")
        press(dialog, "Sign in")

    with dialogs(sign_in):
        assert lock(window, window.desk, new_practice)
    assert any("Harbour Physio" in text for text in signed), signed

    def worker(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Name", QLineEdit), "Dr Maya Chen")
        press(dialog, "Save")

    _step_button(window, "workers").click()
    workers = window.setup_actions.screens["workers"]
    with dialogs(worker):
        press(workers, "Add…")
    assert data.read(new_practice, lambda orm: list(orm.scalars(select(Worker.name)))) == [
        "Dr Maya Chen"
    ]
    assert _states(window)["workers"] == "Done"

    def service(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Code (support item)", QLineEdit), "PHYSIO")
        type_into(qtbot, field(dialog, "Name", QLineEdit), "Physiotherapy")
        type_into(qtbot, field(dialog, "Price", QLineEdit), "120")
        press(dialog, "Save")

    _step_button(window, "services").click()
    services = window.setup_actions.screens["services"]
    with dialogs(service):
        press(services, "Add…")
    assert data.read(new_practice, lambda orm: list(orm.scalars(select(Service.code)))) == [
        "PHYSIO"
    ]
    states = _states(window)
    assert (states["services"], states["reasons"], states["email"]) == ("Done", "To do", "To do")

    # E-mail can wait: "Not now" sets it aside, and the list says so at once.
    press(dock, "Not now")
    assert _states(window)["email"] == "Left for later"


def test_the_checklist_goes_once_every_step_is_settled_and_stays_gone(
    qtbot: Any, new_practice: AppContext, open_window: Any
) -> None:
    window = open_window(new_practice, "boss")
    dock = _dock(window)
    assert dock is not None
    for text in ("They are right", "I'll do this later", "Not now"):
        press(dock, text)
    with dialogs(lambda d: press(d, "Save"), _ok):
        press(dock, "Check time zone…")

    def add(uow: Any) -> None:
        uow.session.add(Worker(name="Dr Maya Chen"))
        uow.session.add(Service(code="PHYSIO", name="Physiotherapy", price_cents=12000))

    open_desk(new_practice.db, "boss").write(add)
    window.notify_changed(ChangeSet(topics=frozenset({"workers"})))  # as the screens fan out
    assert not dock.isVisible()
    assert data.count(new_practice, AuditEvent, AuditEvent.action == FINISHED) == 1

    def retire(uow: Any) -> None:  # a step comes undone later: the practice stays set up
        uow.session.scalars(select(Service)).one().active = False

    open_desk(new_practice.db, "boss").write(retire)
    again = open_window(new_practice, "boss")
    assert not _dock(again).isVisible()  # type: ignore[union-attr]
    assert not again.checklist.toggle.isVisible()


def test_the_window_opens_maximised_on_a_first_run_and_as_left_afterwards(
    qtbot: Any, new_practice: AppContext
) -> None:
    desk = open_desk(new_practice.db, "boss")
    window = application.open_window(desk, new_practice, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert window.isMaximized()  # no saved window state yet
    window.showNormal()
    window.resize(1200, 700)
    window.save_state()
    window.shutdown()
    again = application.open_window(desk, new_practice, TaskRunner(synchronous=True))
    qtbot.addWidget(again)
    assert again.isVisible() and not again.isMaximized()
    again.shutdown()


def test_the_demo_practice_has_no_checklist(demo_ctx: AppContext, open_window: Any) -> None:
    window = open_window(demo_ctx, "admin")
    dock = _dock(window)
    assert dock is not None and not dock.isVisible()
    assert not window.checklist.toggle.isVisible()  # nothing in the Practice menu either


def test_users_and_e_mail_are_set_up_from_the_checklist(
    qtbot: Any, new_practice: AppContext, open_window: Any
) -> None:
    window = open_window(new_practice, "boss")
    dock = _dock(window)

    def single_user(dialog: Any) -> None:
        tick(field(dialog, "Single-user mode", QCheckBox))
        qtbot.waitUntil(lambda: dialog.single.isChecked(), timeout=3000)
        dialog.reject()

    # Opening without signing in is asked first: the answer here, go ahead.
    with dialogs(single_user, confirm_question("Open without signing in", "any desk")):
        press(dock, "Add users…")
    assert data.read(new_practice, lambda orm: orm.get(PracticeSettings, 1).single_user_mode)
    qtbot.waitUntil(lambda: _states(window)["users"] == "Done", timeout=3000)

    def mail(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Mail server", QLineEdit), "mail.example.com")
        type_into(qtbot, field(dialog, "From address", QLineEdit), "desk@example.com")
        press(dialog, "Save")

    with dialogs(mail) as shown:
        press(dock, "Set up e-mail…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    saved = data.read(new_practice, lambda orm: orm.get(PracticeSettings, 1).smtp_config)
    assert saved and saved["host"] == "mail.example.com"
    qtbot.waitUntil(lambda: _states(window)["email"] == "Done", timeout=3000)


def test_the_checklist_fits_beside_the_week_with_150_percent_fonts(
    qtbot: Any, new_practice: AppContext, open_window: Any
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    usual = app.font()
    bigger = app.font()
    bigger.setPointSizeF(usual.pointSizeF() * 1.5)
    app.setFont(bigger)
    try:
        window = open_window(new_practice, "boss")
        dock = _dock(window)
        assert dock is not None and dock.isVisible()
        qtbot.wait(20)
        assert problems(dock) == []
        # Narrow enough that the week keeps its seven days on a 1366-pixel screen.
        assert dock.minimumSizeHint().width() <= 220, dock.minimumSizeHint()
    finally:
        app.setFont(usual)


def test_the_first_run_dialog_proposes_this_computers_time_zone_and_saves_it(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_window: Any
) -> None:
    monkeypatch.setenv("TZ", "Australia/Perth")
    seen: dict[str, str] = {}

    def first_run(dialog: Any) -> None:
        seen["zone"] = field(dialog, "Time zone", QComboBox).currentText()
        seen["note"] = dialog.findChild(QLabel, "zoneNote").text()
        type_into(qtbot, field(dialog, "Practice name", QLineEdit), "Harbour Physio")
        type_into(qtbot, field(dialog, "Your name", QLineEdit), "Pat Boss")
        type_into(qtbot, field(dialog, "User name", QLineEdit), "boss")
        type_into(qtbot, field(dialog, "Password", QLineEdit), "long enough 1")
        type_into(qtbot, field(dialog, "Password again", QLineEdit), "long enough 1")
        press(dialog, "Create administrator")

    with dialogs(first_run):
        opened = Startup(None, tmp_path / "data").open()
    assert opened is not None
    ctx, desk = opened
    try:
        assert seen["zone"] == "Australia/Perth" and "This computer's time zone" in seen["note"]
        saved = data.read(ctx, lambda orm: orm.get(PracticeSettings, 1))
        assert (saved.name, saved.time_zone, saved.subdivision) == (
            "Harbour Physio", "Australia/Perth", "WA")  # fmt: skip
        window = open_window(ctx, "boss")
        assert str(window.tz) == "Australia/Perth"  # the schedule reads in it from the start
        assert window.windowTitle() == "FrontDesk — Harbour Physio"
        assert _states(window)["practice"] == "Done" and _states(window)["workers"] == "To do"
        window.shutdown()
    finally:
        ctx.close()


def test_a_time_zone_typed_in_lower_case_at_the_first_run_is_saved_by_its_real_name(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Australia/Perth")
    refused: list[str] = []

    def first_run(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Time zone", QComboBox).lineEdit(), "australia/melbourne")
        type_into(qtbot, field(dialog, "Practice name", QLineEdit), "Harbour Physio")
        type_into(qtbot, field(dialog, "Your name", QLineEdit), "Pat Boss")
        type_into(qtbot, field(dialog, "User name", QLineEdit), "boss")
        type_into(qtbot, field(dialog, "Password", QLineEdit), "long enough 1")
        type_into(qtbot, field(dialog, "Password again", QLineEdit), "long enough 1")
        press(dialog, "Create administrator")
        refused.extend(errors(dialog))
        assert not dialog.isVisible(), f"the first run was refused: {refused}"

    with dialogs(first_run):
        opened = Startup(None, tmp_path / "data").open()
    assert opened is not None, refused
    ctx, _ = opened
    try:
        saved = data.read(ctx, lambda orm: orm.get(PracticeSettings, 1))
        assert (saved.time_zone, saved.country, saved.subdivision) == (
            "Australia/Melbourne", "AU", "VIC")  # fmt: skip
    finally:
        ctx.close()
