"""A new practice's set-up lists, opened from the real menus, say what goes there and how to add
the first; the line is gone once a row is added, comes back when the list is empty again, and a
search that matches nothing says so."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTabWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Funder, ReminderRule, WaitlistEntry, Worker
from app.services import users
from app.services.desk import open_desk
from app.services.setup.clients import ClientDraft, save_client
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, from_menu, open_tab, press, type_into


@pytest.fixture
def window(ctx: AppContext, open_window: Any) -> Any:
    """The window of a practice whose first administrator has just set it up: nothing else yet."""
    open_desk(ctx.db).write(
        lambda uow: users.set_up_first_admin(uow, "boss", "Pat Boss", "long enough 1")
    )
    return open_window(ctx, "boss")


def _screen(qtbot: Any, window: Any, entry: str, key: str) -> Any:
    from_menu(window, "Practice", entry)
    screen = window.installed.setup.screens[key]
    qtbot.waitUntil(screen.isVisible, timeout=3000)
    return screen


def _said(screen: Any) -> str:
    """The line over the list, as a screen reader reads it ("" when none shows)."""
    hint = screen.table.viewport().findChild(QLabel, "emptyListHint")
    if hint is None or not hint.isVisible():
        return ""
    assert hint.accessibleName() == hint.text() == screen.table.accessibleDescription()
    return str(hint.text())


@pytest.mark.parametrize(
    ("entry", "key", "first_words"),
    [
        ("Workers…", "workers", "No workers yet. Use Add… for each"),
        ("Services…", "services", "No services yet. Use Add… for each service"),
        ("Locations…", "locations", "No locations yet. Use Add… for each room"),
        ("Clients…", "clients", "No clients yet. Use Add… for each client"),
        ("Waitlist…", "waitlist", "No one is waiting yet. Use Add… for a client"),
        ("Reminder rules…", "reminders", "No reminder rules yet. Use Add… to remind"),
    ],
)
def test_each_empty_set_up_list_of_a_new_practice_says_what_goes_there_and_how_to_add_the_first(
    qtbot: Any, window: Any, entry: str, key: str, first_words: str
) -> None:
    screen = _screen(qtbot, window, entry, key)
    qtbot.waitUntil(lambda: bool(_said(screen)), timeout=3000)
    assert _said(screen).startswith(first_words), _said(screen)
    hint = screen.table.viewport().findChild(QLabel, "emptyListHint")
    assert screen.table.viewport().rect().contains(hint.geometry()), "the line is cut off"


def test_the_first_worker_added_replaces_the_line_and_a_search_matching_nothing_says_so(
    qtbot: Any, ctx: AppContext, window: Any
) -> None:
    screen = _screen(qtbot, window, "Workers…", "workers")
    qtbot.waitUntil(lambda: _said(screen).startswith("No workers yet."), timeout=3000)

    def add(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Name", QLineEdit), "Dr Maya Chen")
        press(dialog, "Save")

    with dialogs(add):
        press(screen, "Add…")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=3000)
    assert _said(screen) == ""
    assert [w.name for w in data.read(ctx, lambda orm: list(orm.scalars(select(Worker))))] == [
        "Dr Maya Chen"
    ]
    type_into(qtbot, screen.search, "physio")
    assert _said(screen) == "Nothing matches “physio”. Clear the search to see the whole list."
    type_into(qtbot, screen.search, "maya")
    assert _said(screen) == "" and screen.proxy.rowCount() == 1
    type_into(qtbot, screen.search, "")
    assert _said(screen) == ""


def test_the_line_comes_back_when_the_last_reminder_rule_is_deleted(
    qtbot: Any, ctx: AppContext, window: Any
) -> None:
    screen = _screen(qtbot, window, "Reminder rules…", "reminders")
    qtbot.waitUntil(lambda: _said(screen).startswith("No reminder rules yet."), timeout=3000)

    def add(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Name", QLineEdit), "Day before")
        press(dialog, "Save")

    with dialogs(add):
        press(screen, "Add…")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=3000)
    assert _said(screen) == ""
    assert [r.name for r in data.read(ctx, lambda o: list(o.scalars(select(ReminderRule))))] == [
        "Day before"
    ]
    screen.ask = lambda _title, _text: True  # "Delete the reminder rule …?" answered yes
    screen.table.selectRow(0)
    press(screen, "Delete")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=3000)
    assert _said(screen).startswith("No reminder rules yet.")
    assert data.count(ctx, ReminderRule) == 0


def test_the_first_client_put_on_the_waitlist_replaces_its_line(
    qtbot: Any, ctx: AppContext, window: Any
) -> None:
    open_desk(ctx.db, "boss").write(lambda uow: save_client(uow, None, ClientDraft("Ann", "Lee")))
    screen = _screen(qtbot, window, "Waitlist…", "waitlist")
    qtbot.waitUntil(lambda: _said(screen).startswith("No one is waiting yet."), timeout=3000)
    qtbot.waitUntil(screen.add_button.isEnabled, timeout=3000)

    def add(dialog: Any) -> None:
        choose(field(dialog, "Client", QComboBox), "Ann Lee")
        type_into(qtbot, field(dialog, "Note", QLineEdit), "any morning")
        press(dialog, "Save")

    with dialogs(add):
        press(screen, "Add…")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=3000)
    assert _said(screen) == ""
    entries = data.read(ctx, lambda orm: list(orm.scalars(select(WaitlistEntry))))
    assert [e.note for e in entries] == ["any morning"]


def test_the_empty_funders_list_says_how_to_add_one_until_one_is_added(
    qtbot: Any, ctx: AppContext, window: Any
) -> None:
    seen: dict[str, str] = {}

    def add_funder(dialog: Any) -> None:
        open_tab(dialog.findChild(QTabWidget), "Funders")
        listed = field(dialog, "Funders")
        hint = listed.viewport().findChild(QLabel, "emptyListHint")
        seen["before"] = hint.text() if hint.isVisible() else ""
        seen["described"] = listed.accessibleDescription()
        press(dialog, "Add funder")
        seen["after"] = hint.text() if hint.isVisible() else ""
        type_into(qtbot, field(dialog, "Funder's name", QLineEdit), "Harbour Health")
        press(dialog, "Save")

    with dialogs(add_funder):
        from_menu(window, "Practice", "Practice settings…")
    assert seen["before"].startswith("No funders yet. Use Add funder")
    assert seen["described"] == seen["before"]  # a screen reader reads it too
    assert seen["after"] == ""
    names = data.read(ctx, lambda orm: list(orm.scalars(select(Funder.name))))
    assert names == ["Harbour Health"]
