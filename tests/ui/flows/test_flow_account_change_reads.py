"""SPEC section 6 through the window, for reads: a manager at desk 2 has a manager's screen open
when an administrator at desk 1 lowers their role or disables their account. Running the screen
again is refused at once, before desk 2's live refresh has noticed anything, with a sentence
saying what the account no longer allows; nothing is shown or written; the screens the new role
may not use close, saying why (and what typing was not kept), and the menus follow. The
practice settings and the reminder rules are one rule (changing settings): a save refused there
closes the screen, and the greyed entry says what the service itself refuses with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu, QMessageBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import Database, make_engine
from app.errors import PermissionDeniedError
from app.models import Client, PracticeSettings, ReminderRule
from app.models.enums import Role
from app.services import users
from app.services.desk import Desk, open_desk
from app.services.setup import settings
from app.services.sms import reminder_rules
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_menu,
    main_menu_action,
    press,
    type_into,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_failures_said import _clients_file_read
from tests.ui.flows.test_flow_users_account_change import quiet, signed_out_then, user_id

REPORTS_GONE = (
    "Your account no longer allows you to run reports: an administrator has changed your role "
    "to reception. Ask a manager to do it for you."
)
SETTINGS_GONE = (
    "Your account no longer allows you to change settings: an administrator has changed your "
    "role to manager. Ask an administrator to do it for you."
)
IMPORT_GONE = (
    "Your account no longer allows you to import from CSV: an administrator has changed your "
    "role to reception. Ask a manager to do it for you."
)
NOT_KEPT = "What you had typed in “Practice settings” could not be saved, so it was not kept."


@pytest.fixture
def desk1(demo_ctx: AppContext) -> Iterator[Desk]:
    """The administrator's desk: the same practice through an engine of its own."""
    db = Database(make_engine(demo_ctx.url), demo_ctx.db.clock, demo_ctx.db.audit_keys)
    yield open_desk(db, "admin")
    db.dispose()


def told(seen: list[str]) -> Any:
    """Note what the message box says, then press its OK."""

    def answer(box: Any) -> None:
        assert isinstance(box, QMessageBox), type(box).__name__
        seen.append(box.text())
        press(box, "OK")
        assert not box.isVisible(), "the message box stayed open"

    return answer


def _report(window: Any, name: str) -> Any:
    return window.findChild(QMenu, "reportsMenu").dialogs.get(name)


def test_a_manager_demoted_at_another_desk_saves_no_cancellation_report(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)  # no live refresh: the read itself must notice
    from_menu(window, "Reports", "Cancellation report…")
    report = _report(window, "reportCancellations")
    first = tmp_path / "first.csv"
    with dialogs(save_as(first)):
        press(report, "Save CSV…")
    qtbot.waitUntil(first.exists, timeout=5000)  # a manager may
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.RECEPTION))
    again = tmp_path / "again.csv"
    seen: list[str] = []

    with dialogs(save_as(again), told(seen)):
        press(report, "Save CSV…")

    assert seen == [REPORTS_GONE]
    assert not again.exists()
    assert not report.isVisible() and _report(window, "reportCancellations") is None
    assert window.desk.actor.role == Role.RECEPTION
    assert greyed_because(window, "Reports", "Cancellation report…") == (
        "Your role (reception) cannot run reports. Ask a manager to do it.")  # fmt: skip


def greyed_because(window: Any, *path: str) -> str:
    """The menu entry at `path` is greyed: the sentence its tooltip says why in."""
    entry = main_menu_action(window, *path)
    assert not entry.isEnabled(), f"“{' ▸ '.join(path)}” is still offered"
    return str(entry.toolTip())


def test_a_manager_demoted_at_another_desk_exports_no_audit_log(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)
    from_menu(window, "Reports", "Audit log…")
    audit = _report(window, "reportAudit")
    choose(field(audit, "User", QComboBox), "admin")
    press(audit, "Apply filters")
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=5000)  # a manager may
    shown = audit.model.rows()
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.RECEPTION))
    out = tmp_path / "audit.csv"
    seen: list[str] = []

    with dialogs(save_as(out), told(seen)):
        press(audit, "Export CSV…")

    assert seen == [REPORTS_GONE]
    assert not out.exists()
    assert not audit.isVisible() and audit.model.rows() == shown  # nothing more was read
    assert not main_menu_action(window, "Reports", "Audit log…").isEnabled()


def test_an_administrator_demoted_while_typing_practice_settings_is_told_it_was_not_kept(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.ADMIN))
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)
    name_before = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name)
    seen: list[str] = []

    def typing_then_demoted(w: Any) -> None:
        type_into(qtbot, field(w, "Practice name", QLineEdit), "Harbourside Renamed")
        desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.MANAGER))
        window.loader.poll()  # the live refresh's next tick
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
        assert not w.isVisible(), "the settings stayed open for a manager"

    with dialogs(typing_then_demoted, told(seen)):
        from_menu(window, "Practice", "Practice settings…")

    assert seen == [f"{SETTINGS_GONE} {NOT_KEPT}"]
    assert data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name) == name_before
    assert window.desk.actor.role == Role.MANAGER
    assert not main_menu_action(window, "Practice", "Practice settings…").isEnabled()
    assert not main_menu_action(window, "Practice", "Reminder rules…").isEnabled()
    assert main_menu_action(window, "Reports", "Cancellation report…").isEnabled()


def test_a_disabled_administrator_typing_practice_settings_is_signed_out_and_told(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.ADMIN))
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)
    name_before = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name)
    seen: dict[str, Any] = {}

    def typing_then_disabled(w: Any) -> None:
        type_into(qtbot, field(w, "Practice name", QLineEdit), "Harbourside Renamed")
        desk1.write(lambda uow: users.set_active(uow, user_id(demo_ctx, "manager"), False))
        window.loader.poll()
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
        assert not w.isVisible(), "the settings stayed open for a disabled account"

    with dialogs(typing_then_disabled, signed_out_then(qtbot, seen, window, "admin")):
        from_menu(window, "Practice", "Practice settings…")
        qtbot.waitUntil(lambda: window.desk.actor.username == "admin", timeout=5000)

    said = " ".join(seen["said"])
    assert "An administrator has disabled your account, so you were signed out." in said, said
    assert NOT_KEPT in said, said
    assert data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name) == name_before


def _clean_clients_file(tmp_path: Path) -> Path:
    path = tmp_path / "clients.csv"
    path.write_text("first_name,last_name\nZoë,Park\n", encoding="utf-8")
    return path


def test_a_manager_demoted_at_another_desk_imports_nothing_and_the_import_closes(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)  # no live refresh: the import's own write must notice
    dialog = _clients_file_read(qtbot, window, _clean_clients_file(tmp_path))
    assert "1 row(s) ready" in dialog.summary.text()  # a manager may
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.RECEPTION))
    seen: list[str] = []

    with dialogs(told(seen)):
        press(dialog, "Import")
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)

    assert seen == [IMPORT_GONE]
    assert not dialog.isVisible()
    assert data.count(demo_ctx, Client, Client.first_name == "Zoë") == 0
    assert window.desk.actor.role == Role.RECEPTION
    assert greyed_because(window, "Practice", "Import from CSV…") == (
        "Your role (reception) cannot import from CSV. Ask a manager to do it.")  # fmt: skip


def test_a_manager_demoted_while_the_import_is_open_is_told_at_the_next_poll(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)
    dialog = _clients_file_read(qtbot, window, _clean_clients_file(tmp_path))
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.RECEPTION))
    seen: list[str] = []

    with dialogs(told(seen)):
        window.loader.poll()  # the live refresh's next tick
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)

    assert seen == [IMPORT_GONE]
    assert not dialog.isVisible()
    assert data.count(demo_ctx, Client, Client.first_name == "Zoë") == 0
    assert not main_menu_action(window, "Practice", "Import from CSV…").isEnabled()


# -- the practice settings and the reminder rules: one rule, Permission.SETTINGS -------------------

SETTINGS_REFUSED = "Your role (manager) cannot change settings. Ask an administrator to do it."


def _refused(desk: Desk, write: Any) -> str:
    """The sentence the service itself refuses `write` with, for the desk's actor."""
    with pytest.raises(PermissionDeniedError) as refused:
        desk.write(write)
    return refused.value.message


def test_an_administrator_demoted_meanwhile_saves_no_practice_settings_and_the_entry_says_why(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.ADMIN))
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)  # no live refresh: the save itself must notice
    name_before = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name)
    seen: list[str] = []

    def demoted_then_save(w: Any) -> None:
        type_into(qtbot, field(w, "Practice name", QLineEdit), "Harbourside Renamed")
        desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.MANAGER))
        press(w, "Save")
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)

    with dialogs(demoted_then_save, told(seen)):
        from_menu(window, "Practice", "Practice settings…")

    assert seen == [f"{SETTINGS_GONE} {NOT_KEPT}"]
    assert data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name) == name_before
    assert window.desk.actor.role == Role.MANAGER
    draft = replace(window.desk.read(settings.practice_settings), name="Harbourside Renamed")
    said = _refused(window.desk, lambda uow: settings.save_practice_settings(uow, draft))
    assert greyed_because(window, "Practice", "Practice settings…") == said == SETTINGS_REFUSED


def test_an_administrator_demoted_meanwhile_deletes_no_reminder_rule_and_the_entry_says_why(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.ADMIN))
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)
    from_menu(window, "Practice", "Reminder rules…")
    screen = window.installed.setup.screens["reminders"]
    rules = data.read(demo_ctx, lambda orm: list(orm.scalars(select(ReminderRule.id))))
    qtbot.waitUntil(lambda: screen.model.rowCount() == len(rules), timeout=3000)
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.MANAGER))
    screen.ask = lambda _title, _text: True
    assert screen.select_id(rules[0])
    seen: list[str] = []

    with dialogs(told(seen)):
        press(screen, "Delete")
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)

    assert seen == [SETTINGS_GONE]
    assert not screen.isVisible()
    assert data.read(demo_ctx, lambda orm: list(orm.scalars(select(ReminderRule.id)))) == rules
    assert window.desk.actor.role == Role.MANAGER
    said = _refused(window.desk, lambda uow: reminder_rules.delete_rule(uow, rules[0]))
    assert greyed_because(window, "Practice", "Reminder rules…") == said == SETTINGS_REFUSED
