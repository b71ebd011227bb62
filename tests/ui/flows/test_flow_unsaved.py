"""Set-up editors ask before unsaved changes are thrown away, and the CSV import lists every
problem of every row at once — through the real window: Practice ▸ Clients…, Practice settings…,
Cancellation reasons & billing rules…, Import from CSV….
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QTableView
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import CancellationReason, Client, Location, PracticeSettings, User
from app.ui.models.table import ROW_ROLE
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_menu,
    press,
    type_into,
    unsaved_question,
)


def _phone(ctx: AppContext, client_id: int) -> str | None:
    return data.read(ctx, lambda orm: orm.get(Client, client_id).phone)  # type: ignore[union-attr]


def _click_row(qtbot: Any, table: QTableView, row: int, *, lands: bool = True) -> None:
    """Click a row of a list, as a person chooses a record (`lands`: and it becomes current)."""
    index = table.model().index(row, 0)
    table.scrollTo(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())  # fmt: skip
    if lands:
        qtbot.waitUntil(lambda: table.currentIndex().row() == row, timeout=2000)


def _open_client(qtbot: Any, window: Any) -> tuple[Any, int]:
    """Practice ▸ Clients…, the first client chosen in the list: the screen and the client's id."""
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    _click_row(qtbot, screen.table, 0)
    return screen, screen.selected().id


def _escape(dialog: Any) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def test_a_changed_client_asks_on_escape_cancel_keeps_the_form_and_save_saves(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    screen, client_id = _open_client(qtbot, window)
    before = _phone(demo_ctx, client_id)
    seen: dict[str, Any] = {}

    def edit(w: Any) -> None:
        type_into(qtbot, field(w, "Phone", QLineEdit), "0400 111 222")
        _escape(w)  # the question: Cancel keeps the form as typed
        seen["kept"] = w.isVisible() and field(w, "Phone", QLineEdit).text() == "0400 111 222"
        seen["between"] = _phone(demo_ctx, client_id)
        w.close()  # the window's close button: asked again; this time Save

    with dialogs(edit, unsaved_question("Cancel"), unsaved_question("Save")):
        press(screen, "Edit")
    assert seen == {"kept": True, "between": before}
    assert _phone(demo_ctx, client_id) == "0400 111 222"
    assert "0400 111 222" in [
        screen.proxy.index(i, 5).data() for i in range(screen.proxy.rowCount())
    ]
    screen.close()


def test_a_changed_client_discarded_is_not_saved(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    screen, client_id = _open_client(qtbot, window)
    before = _phone(demo_ctx, client_id)

    def edit(w: Any) -> None:
        type_into(qtbot, field(w, "Phone", QLineEdit), "0400 999 888")
        press(w, "Cancel")

    with dialogs(edit, unsaved_question("Discard")):
        press(screen, "Edit")
    assert _phone(demo_ctx, client_id) == before
    screen.close()


def test_a_client_opened_and_closed_unchanged_closes_without_a_question(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    screen, _client_id = _open_client(qtbot, window)

    def look(w: Any) -> None:
        phone = field(w, "Phone", QLineEdit)
        was = phone.text()
        qtbot.keyClicks(phone, "9")  # typed, then taken back: nothing changed
        QTest.keyClick(phone, Qt.Key.Key_Backspace)
        assert phone.text() == was
        _escape(w)

    with dialogs(look):  # a question would be an unexpected dialog and fail here
        press(screen, "Edit")
    screen.close()


def test_a_save_refused_from_the_question_stays_on_the_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    screen, client_id = _open_client(qtbot, window)
    before = _phone(demo_ctx, client_id)
    seen: dict[str, Any] = {}

    def edit(w: Any) -> None:
        type_into(qtbot, field(w, "Email", QLineEdit), "not-an-address")
        _escape(w)  # Save: the service refuses the e-mail, so the form stays with the sentence
        seen["open"] = w.isVisible()
        seen["said"] = w.error.text()
        _escape(w)  # still changed: asked again; Discard closes

    with dialogs(edit, unsaved_question("Save"), unsaved_question("Discard")):
        press(screen, "Edit")
    assert seen["open"] and "e-mail address" in seen["said"]
    assert _phone(demo_ctx, client_id) == before
    screen.close()


def _practice_name(ctx: AppContext) -> str:
    return data.read(ctx, lambda orm: orm.get(PracticeSettings, 1).name)  # type: ignore[union-attr]


def test_practice_settings_ask_before_closing_cancel_keeps_and_save_saves(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    before = _practice_name(demo_ctx)
    seen: dict[str, Any] = {}

    def settings(w: Any) -> None:
        type_into(qtbot, field(w, "Practice name", QLineEdit), "Seaview Therapy Rooms")
        press(w, "Cancel")  # asked; Cancel (the default) keeps the dialog open
        seen["kept"] = w.isVisible()
        seen["between"] = _practice_name(demo_ctx)
        _escape(w)  # asked again: Save

    with dialogs(settings, unsaved_question("Cancel"), unsaved_question("Save")):
        from_menu(window, "Practice", "Practice settings…")
    assert seen == {"kept": True, "between": before}
    assert _practice_name(demo_ctx) == "Seaview Therapy Rooms"


def test_practice_settings_discarded_are_not_saved(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    before = _practice_name(demo_ctx)

    def settings(w: Any) -> None:
        type_into(qtbot, field(w, "Practice name", QLineEdit), "Somewhere Else")
        w.close()

    with dialogs(settings, unsaved_question("Discard")):
        from_menu(window, "Practice", "Practice settings…")
    assert _practice_name(demo_ctx) == before


def _reason_labels(ctx: AppContext) -> list[str]:
    return data.read(ctx, lambda orm: list(orm.scalars(select(CancellationReason.label))))


def test_choosing_another_reason_with_the_form_changed_asks_first(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Cancellation reasons && billing rules")
    screen = window.installed.setup.screens["reasons"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 1, timeout=3000)
    _click_row(qtbot, screen.table, 0)
    first = screen.proxy.index(0, 0).data(ROW_ROLE)
    second = screen.proxy.index(1, 0).data(ROW_ROLE)
    label = field(screen, "Reason", QLineEdit)
    type_into(qtbot, label, "Road flooded")

    with dialogs(unsaved_question("Cancel")):
        _click_row(qtbot, screen.table, 1, lands=False)
    assert screen.current_id == first.id and label.text() == "Road flooded"
    chosen = screen.table.selectionModel().selectedRows()
    assert [screen.proxy.data(i, ROW_ROLE).id for i in chosen] == [first.id]
    assert "Road flooded" not in _reason_labels(demo_ctx)

    with dialogs(unsaved_question("Save")):
        _click_row(qtbot, screen.table, 1)
    assert "Road flooded" in _reason_labels(demo_ctx)
    assert screen.current_id == second.id and label.text() == second.draft.label

    type_into(qtbot, label, "Not kept")
    with dialogs(unsaved_question("Discard")):
        press(screen, "Close")
    assert not screen.isVisible()
    assert "Not kept" not in _reason_labels(demo_ctx)


BAD_CLIENTS = (
    "first_name,last_name,email,phone,consent,funding,ndis_number\n"
    "Ann,Lee,ann@example.com,,yes,private,\n"
    ",,not-an-email,,maybe,ndis,\n"
    "Cat,,cat@,,,medicare,12\n"
    "Dan,Ng,dan@example.com,,perhaps,ndis,999\n"
)


def test_the_csv_import_lists_every_problem_of_every_row_at_once_and_imports_nothing(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(BAD_CLIENTS, encoding="utf-8")
    clients_before = data.read(demo_ctx, lambda orm: orm.scalar(select(func.count(Client.id))))
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Clients")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)

    problems: QTableView = field(dialog, "Problems", QTableView)
    model = problems.model()
    listed = [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]
    assert listed == [
        ("3", "consent", "maybe"), ("3", "first_name", ""), ("3", "last_name", ""),
        ("3", "email", "not-an-email"), ("3", "ndis_number", ""),
        ("4", "funding", "medicare"), ("4", "last_name", ""), ("4", "email", "cat@"),
        ("4", "ndis_number", "12"),
        ("5", "consent", "perhaps"), ("5", "ndis_number", "999"),
    ]  # fmt: skip
    assert all(model.index(r, 3).data() for r in range(model.rowCount())), "each says what to do"
    assert dialog.problem_count.text() == "11 problem(s) in 3 row(s), all listed here:"
    assert "11 problem(s) found in 3 row(s)" in dialog.summary.text()
    assert not field(dialog, "Import").isEnabled()

    out = tmp_path / "problems.csv"
    dialog.choose_save = lambda: out  # the save-as box, answered
    press(dialog, "Save problem list")
    with out.open(encoding="utf-8-sig", newline="") as f:
        saved = list(csv.reader(f))
    assert saved[0] == ["row", "column", "value", "problem"] and len(saved) == 12
    assert saved[4][:3] == ["3", "email", "not-an-email"]

    after = data.read(demo_ctx, lambda orm: orm.scalar(select(func.count(Client.id))))
    assert after == clients_before
    dialog.close()


def test_a_new_location_typed_then_closed_is_saved_from_the_question(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Locations")
    screen = window.installed.setup.screens["locations"]
    asked: list[str] = []

    def new_location(w: Any) -> None:
        type_into(qtbot, field(w, "Name", QLineEdit), "Annexe")
        _escape(w)

    def question(box: Any) -> None:
        asked.append(box.text())
        unsaved_question("Save")(box)

    with dialogs(new_location, question):
        press(screen, "Add")
    assert asked == ["Save the changes to the new location?"]
    names = data.read(demo_ctx, lambda orm: list(orm.scalars(select(Location.name))))
    assert "Annexe" in names
    screen.close()


def test_a_new_user_half_typed_asks_before_it_is_dropped(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    before = data.ids(demo_ctx, User)

    def new_user(w: Any) -> None:
        type_into(qtbot, field(w, "User name", QLineEdit), "casual")
        press(w, "Cancel")

    def users_dialog(w: Any) -> None:
        press(w, "Add")
        press(w, "Close")

    with dialogs(users_dialog, new_user, unsaved_question("Discard")):
        from_menu(window, "Administration", "Users")
    assert data.ids(demo_ctx, User) == before


def test_the_desk_locking_closes_a_changed_form_without_asking_or_saving(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    screen, client_id = _open_client(qtbot, window)
    before = _phone(demo_ctx, client_id)

    def edit(w: Any) -> None:
        type_into(qtbot, field(w, "Phone", QLineEdit), "0400 555 000")
        w.reject()  # what signing out closes open dialogs with: nobody saves it in their name

    with dialogs(edit):  # no question
        press(screen, "Edit")
    assert _phone(demo_ctx, client_id) == before
    screen.close()


def test_a_new_user_refused_stays_on_its_form_and_saved_from_the_question_once_corrected(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    seen: dict[str, Any] = {}

    def new_user(w: Any) -> None:
        type_into(qtbot, field(w, "User name", QLineEdit), "admin")  # taken
        type_into(qtbot, field(w, "Name", QLineEdit), "Second Admin")
        type_into(qtbot, field(w, "Password", QLineEdit), "casual pass 1")
        type_into(qtbot, field(w, "Password again", QLineEdit), "casual pass 1")
        press(w, "OK")
        seen["open"], seen["said"] = w.isVisible(), w.error.text()
        type_into(qtbot, field(w, "User name", QLineEdit), "second")
        _escape(w)  # asked: Save creates it

    def users_dialog(w: Any) -> None:
        press(w, "Add")
        press(w, "Close")

    with dialogs(users_dialog, new_user, unsaved_question("Save")):
        from_menu(window, "Administration", "Users")
    assert seen["open"] and seen["said"], "the refusal stays on the form with its sentence"
    names = data.read(demo_ctx, lambda orm: list(orm.scalars(select(User.full_name))))
    assert names.count("Second Admin") == 1


def test_a_new_session_asks_only_once_something_was_changed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    from app.models import Session

    window = open_window(demo_ctx, "manager")
    before = data.ids(demo_ctx, Session)

    def untouched(w: Any) -> None:
        assert w.windowTitle() == "New session"
        _escape(w)  # nothing changed: closes at once

    with dialogs(untouched):
        from_menu(window, "Practice", "New session")
    seen: dict[str, bool] = {}

    def changed(w: Any) -> None:
        type_into(qtbot, field(w, "Length", QSpinBox), "90")
        _escape(w)  # asked; Cancel keeps the form
        seen["kept"] = w.isVisible() and field(w, "Length", QSpinBox).value() == 90
        press(w, "Cancel")  # asked again; Discard

    with dialogs(changed, unsaved_question("Cancel"), unsaved_question("Discard")):
        from_menu(window, "Practice", "New session")
    assert seen == {"kept": True}
    assert data.ids(demo_ctx, Session) == before
