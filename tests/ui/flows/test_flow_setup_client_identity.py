"""Practice ▸ Import from CSV… and Practice ▸ Clients… through the real window: who counts as the
same client. Two people who share a name and have no e-mail or NDIS number to compare are two
clients, in a file as in the form; an NDIS participant number belongs to one client, so a second
record with it is refused (a sessions file naming that number would otherwise book either)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client, Session, Worker
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    errors,
    field,
    from_menu,
    press,
    type_into,
    unsaved_question,
)


def _import_clients(qtbot: Any, window: Any, path: Path) -> tuple[Any, list[str]]:
    """Practice ▸ Import from CSV, clients, the file typed in: the dialog and its problems."""
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Clients")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)
    problems = field(dialog, "Problems", QTableView).model()
    said = [
        f"{problems.index(r, 0).data()}: {problems.index(r, 3).data()}"
        for r in range(problems.rowCount())
    ]
    return dialog, said


def _named(ctx: AppContext, first: str, last: str) -> list[Client]:
    return data.read(ctx, lambda orm: list(orm.scalars(
        select(Client).where(Client.first_name == first, Client.last_name == last)
        .order_by(Client.id))))  # fmt: skip


def test_two_people_sharing_a_name_with_no_email_are_imported_as_two_clients(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    """The form adds a second Sam Quill with no e-mail; a file with both is not refused whole."""
    path = tmp_path / "clients.csv"
    path.write_text("first_name,last_name,phone,notes\n"
                    "Sam,Quill,0412 000 111,Mother\n"
                    "Sam,Quill,0412 000 222,Son\n", encoding="utf-8")  # fmt: skip
    window = open_window(demo_ctx, "manager")
    dialog, said = _import_clients(qtbot, window, path)
    assert said == []
    press(dialog, "Import")
    dialog.close()
    assert [(c.phone, c.notes) for c in _named(demo_ctx, "Sam", "Quill")] == [
        ("0412 000 111", "Mother"), ("0412 000 222", "Son"),
    ]  # fmt: skip


def _an_ndis_client(ctx: AppContext) -> Client:
    return data.read(ctx, lambda orm: orm.scalars(
        select(Client).where(Client.ndis_number.is_not(None)).order_by(Client.id)).first())  # fmt: skip


def test_a_new_client_with_another_clients_ndis_number_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    owner = _an_ndis_client(demo_ctx)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    said: list[list[str]] = []

    def new_client(w: Any) -> None:
        type_into(qtbot, field(w, "First name", QLineEdit), "Robbie")
        type_into(qtbot, field(w, "Last name", QLineEdit), "Typo")
        choose(field(w, "Funding", QComboBox), "NDIS")
        type_into(qtbot, field(w, "NDIS participant number", QLineEdit), owner.ndis_number or "")
        press(w, "Save")
        said.append(errors(w) if w.isVisible() else ["(saved)"])
        if w.isVisible():
            press(w, "Cancel")

    with dialogs(new_client, unsaved_question("Discard")):
        press(screen, "Add…")
    screen.close()
    assert said == [[
        f"NDIS participant number {owner.ndis_number} is already {owner.display_name}'s "
        f"(#{owner.id}); check the number, or open that client's record instead of adding "
        "another."
    ]]  # fmt: skip
    assert _named(demo_ctx, "Robbie", "Typo") == []


def test_a_clients_file_with_another_clients_ndis_number_names_the_row_and_imports_nothing(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    owner = _an_ndis_client(demo_ctx)
    path = tmp_path / "clients.csv"
    path.write_text("first_name,last_name,funding,ndis_number\n"
                    "Ada,Fresh,private,\n"
                    f"Robbie,Typo,ndis,{owner.ndis_number}\n", encoding="utf-8")  # fmt: skip
    window = open_window(demo_ctx, "manager")
    dialog, said = _import_clients(qtbot, window, path)
    assert said == [
        f"3: NDIS participant number {owner.ndis_number} is already {owner.display_name}'s "
        f"(#{owner.id}); check the number, or open that client's record instead of adding "
        "another."
    ]
    assert not field(dialog, "Import").isEnabled()
    dialog.close()
    assert _named(demo_ctx, "Ada", "Fresh") == [] and _named(demo_ctx, "Robbie", "Typo") == []


def test_a_sessions_file_naming_an_ndis_number_two_older_records_share_books_neither(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    """A database kept before a number was one client's may hold it twice: the row is refused,
    never booked for whichever record came last."""
    owner = _an_ndis_client(demo_ctx)

    def older_copy(orm: Any) -> int:
        copy = Client(first_name="Robbie", last_name="Typo", funding=owner.funding,
                      ndis_number=owner.ndis_number)  # fmt: skip
        orm.add(copy)
        orm.commit()
        return int(copy.id)

    data.read(demo_ctx, older_copy)
    worker = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Worker.name).where(Worker.active.is_(True)).order_by(Worker.id)).first())  # fmt: skip
    path = tmp_path / "sessions.csv"
    path.write_text("date,start,minutes,worker,service,clients\n"
                    f"2026-05-04,07:00,45,{worker},PHYSIO-PRIV,{owner.ndis_number}\n",
                    encoding="utf-8")  # fmt: skip
    before = data.ids(demo_ctx, Session)
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Sessions (upcoming)")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)
    problems = field(dialog, "Problems", QTableView).model()
    said = [
        f"{problems.index(r, 0).data()}: {problems.index(r, 3).data()}"
        for r in range(problems.rowCount())
    ]
    assert said == [
        f"2: Several clients have the NDIS number “{owner.ndis_number}”; in Practice ▸ Clients "
        "correct it on the records that are not that participant's, then import again."
    ]
    assert not field(dialog, "Import").isEnabled()
    dialog.close()
    assert data.new_rows(demo_ctx, Session, before) == []
