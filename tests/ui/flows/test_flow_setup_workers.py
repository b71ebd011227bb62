"""Practice ▸ Import from CSV… with workers through the real window: a day of three working
windows, which the worker's form cannot show (it has a window and a second for a split shift),
is refused on its row rather than imported to be dropped by the next save of the form. A worker
renamed in Practice ▸ Workers… is named anew in the schedule's worker filter; one added there
reaches the window's fan-out once, from the save itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QTableView
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Worker
from app.services.dto import ChangeSet
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    errors,
    field,
    from_menu,
    main_menu_action,
    press,
    type_any_script,
    type_into,
    unsaved_question,
)

WORKERS = (
    "name,hours\nInes Ward,Mon 08:00-10:00; Mon 11:00-13:00; Mon 14:00-17:00; Tue-Fri 09:00-17:00\n"
)


def test_a_day_of_three_working_windows_is_refused_on_its_row_and_nothing_imported(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    path = tmp_path / "workers.csv"
    path.write_text(WORKERS, encoding="utf-8")
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Workers")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)

    model = field(dialog, "Problems", QTableView).model()
    listed = [tuple(model.index(r, c).data() for c in range(4)) for r in range(model.rowCount())]
    assert [row[:2] for row in listed] == [("2", "hours")]
    assert listed[0][3] == (
        "Monday: at most two working windows a day (the second for a split shift); "
        "join two of them into one."
    )
    assert not field(dialog, "Import").isEnabled()
    found = data.read(demo_ctx, lambda orm: orm.scalar(select(Worker.id).where(
        Worker.name == "Ines Ward")))  # fmt: skip
    assert found is None
    dialog.close()


def test_an_hour_past_midnight_in_an_import_is_named_as_no_time_of_day(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    """ "Mon 09:00-25:00" is refused for 25:00, not as hours that end before they start; 24:00
    still ends a day."""
    path = tmp_path / "workers.csv"
    path.write_text("name,hours\nOla Berg,Mon 09:00-25:00\nTove Lund,Tue 18:00-24:00\n",
                    encoding="utf-8")  # fmt: skip
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Workers")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)

    model = field(dialog, "Problems", QTableView).model()
    listed = [tuple(model.index(r, c).data() for c in range(4)) for r in range(model.rowCount())]
    assert [(row[0], row[1], row[3]) for row in listed] == [
        ("2", "hours", "“25:00” is not a time of day; write times from 00:00 to 23:59 "
         "(24:00 for the end of the day).")
    ]  # fmt: skip
    dialog.close()


def test_a_worker_renamed_in_workers_is_named_anew_in_the_schedules_worker_filter(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    worker = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Worker).where(Worker.active.is_(True)).order_by(Worker.id)).first())  # fmt: skip
    window = open_window(demo_ctx, "admin")
    filter_names = lambda: [a.text() for a in window.toolbar.workers_menu.actions()]  # noqa: E731
    assert worker.name in filter_names()
    from_menu(window, "Practice", "Workers…")
    screen = window.installed.setup.screens["workers"]
    qtbot.waitUntil(lambda: screen.edit_button.isEnabled() and screen.select_id(worker.id),
                    timeout=3000)  # fmt: skip

    def rename(w: Any) -> None:
        type_into(qtbot, field(w, "Name", QLineEdit), "Dr Ines Ward")
        press(w, "Save")
        assert not w.isVisible(), f"the worker was not saved: {errors(w)}"

    with dialogs(rename):
        press(screen, "Edit…")
    assert data.read(demo_ctx, lambda orm: orm.get(Worker, worker.id).name) == "Dr Ines Ward"
    qtbot.waitUntil(lambda: "Dr Ines Ward" in filter_names(), timeout=3000)
    assert worker.name not in filter_names()
    screen.close()


def test_a_worker_added_in_workers_is_fanned_out_to_the_window_once(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The save's own write hands its changes to the window's one fan-out; the screen adds
    no second announcement of the same save."""
    window = open_window(demo_ctx, "admin")
    seen: list[ChangeSet] = []
    window.changes_applied.connect(seen.append)
    filter_names = lambda: [a.text() for a in window.toolbar.workers_menu.actions()]  # noqa: E731
    from_menu(window, "Practice", "Workers…")
    screen = window.installed.setup.screens["workers"]
    qtbot.waitUntil(lambda: screen.add_button.isEnabled() and screen.model.rowCount() > 0,
                    timeout=3000)  # fmt: skip

    def add(w: Any) -> None:
        type_into(qtbot, field(w, "Name", QLineEdit), "Noor Haddad")
        press(w, "Save")
        assert not w.isVisible(), f"the worker was not saved: {errors(w)}"

    with dialogs(add):
        press(screen, "Add…")
    added = data.read(demo_ctx, lambda orm: orm.scalar(select(Worker.id).where(
        Worker.name == "Noor Haddad")))  # fmt: skip
    assert added is not None
    assert [c.topics for c in seen] == [frozenset({"workers"})], seen
    qtbot.waitUntil(lambda: "Noor Haddad" in filter_names(), timeout=3000)
    assert screen.status.text() == "Noor Haddad was added."
    screen.close()


def test_a_second_worker_whose_accented_name_differs_only_in_case_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """ "émile ørsted" is the "Émile Ørsted" already on the list, as "tom" is "Tom"."""
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Workers…")
    screen = window.installed.setup.screens["workers"]
    qtbot.waitUntil(lambda: screen.add_button.isEnabled() and screen.model.rowCount() > 0,
                    timeout=3000)  # fmt: skip
    shown: list[list[str]] = []

    def add(name: str) -> Any:
        def fill(w: Any) -> None:
            type_any_script(field(w, "Name", QLineEdit), name)
            press(w, "Save")
            if w.isVisible():
                shown.append(errors(w))
                press(w, "Cancel")

        return fill

    with dialogs(add("Émile Ørsted")):
        press(screen, "Add…")
    with dialogs(add("émile ørsted"), unsaved_question("Discard")):
        press(screen, "Add…")
    assert shown == [[
        "There is already a worker called “émile ørsted”; give each worker a distinct name."
    ]]  # fmt: skip
    names = data.read(demo_ctx, lambda orm: list(orm.scalars(select(Worker.name).where(
        Worker.name.like("%rsted")))))  # fmt: skip
    assert names == ["Émile Ørsted"]
    screen.close()


def test_editing_a_worker_another_desk_just_deactivated_does_not_bring_them_back(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The list was read before the other desk's change: the save is refused saying so, the list
    reloads, and the form opened again from it saves on the worker as they are now."""
    from dataclasses import replace

    from app.services.desk import open_desk
    from app.services.setup.workers import list_workers, save_worker

    worker = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Worker).where(Worker.active.is_(True)).order_by(Worker.id)).first())  # fmt: skip
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Workers…")
    screen = window.installed.setup.screens["workers"]
    qtbot.waitUntil(lambda: screen.edit_button.isEnabled() and screen.select_id(worker.id),
                    timeout=3000)  # fmt: skip
    other = open_desk(demo_ctx.db, "manager")
    row = next(r for r in other.read(list_workers) if r.id == worker.id)
    other.write(lambda uow: save_worker(uow, worker.id, replace(row.draft, active=False)))
    shown: list[list[str]] = []

    def change_phone(w: Any) -> None:
        type_into(qtbot, field(w, "Phone", QLineEdit), "0400 111 222")
        press(w, "Save")
        shown.append(errors(w))
        press(w, "Cancel")

    with dialogs(change_phone, unsaved_question("Discard")):
        press(screen, "Edit…")
    assert shown == [[
        f"{worker.name} was changed at another desk while this form was open, so nothing here "
        f"was saved. Press Cancel and open {worker.name} again from the list, which now shows "
        "that change; then make yours."
    ]]  # fmt: skip
    now = data.read(demo_ctx, lambda orm: orm.get(Worker, worker.id))
    assert (now.active, now.phone) == (False, row.draft.phone)
    qtbot.waitUntil(lambda: screen.select_id(worker.id) and not screen.selected().draft.active,
                    timeout=3000)  # fmt: skip

    def again(w: Any) -> None:
        assert not field(w, "State", QCheckBox).isChecked()
        type_into(qtbot, field(w, "Phone", QLineEdit), "0400 111 222")
        press(w, "Save")
        assert not w.isVisible(), f"the worker was not saved: {errors(w)}"

    with dialogs(again):
        press(screen, "Edit…")
    now = data.read(demo_ctx, lambda orm: orm.get(Worker, worker.id))
    assert (now.active, now.phone) == (False, "0400 111 222")
    screen.close()


def test_a_role_that_may_not_change_them_reads_the_services_refusal_on_the_greyed_buttons(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Workers and Services, opened from the Practice menu by a role that may only look: Add and
    Edit are greyed with the very sentence a save would be refused with; Reminder rules, which a
    manager may not open, is greyed in the menu with its own."""
    from app.services.auth import Permission, require
    from app.services.setup.policy import SetupAction, require_setup
    from app.services.vocabulary import Actor, Role

    def refused(check: Any) -> str:
        try:
            check()
        except Exception as exc:  # the service's own refusal
            return str(getattr(exc, "message", exc))
        raise AssertionError("allowed")

    reception = Actor(0, "reception", Role.RECEPTION)
    staff = refused(lambda: require_setup(reception, SetupAction.EDIT_STAFF))
    assert staff.startswith("Your role (reception) cannot change workers") and "manager" in staff
    window = open_window(demo_ctx, "reception")
    for entry in ("Workers", "Services"):
        from_menu(window, "Practice", entry)
        screen = window.installed.setup.screens[entry.lower()]
        for button in (screen.add_button, screen.edit_button):
            assert not button.isEnabled() and button.toolTip() == staff
        screen.close()
    manager = open_window(demo_ctx, "manager")
    rules = refused(lambda: require(Actor(0, "manager", Role.MANAGER), Permission.SETTINGS))
    entry = main_menu_action(manager, "Practice", "Reminder rules")
    assert not entry.isEnabled() and entry.toolTip() == rules
