"""Fields from the keyboard: Tab leaves a note (the clinical note, a client's Notes) for the next
field instead of typing a tab into it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client, ClinicalNote
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, focused, keys, plain, press, shortcut, type_into
from tests.ui.flows.test_flow_keyboard_only import find_session, popup_menu


def test_tab_in_the_clinical_note_moves_on_to_save_draft_and_types_no_tab(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    find_session(qtbot, window, sid)

    def write(dialog: QDialog) -> None:
        note = focused()
        assert note.accessibleName() == "Clinical note"
        qtbot.keyClicks(note, "Seen today.")
        qtbot.keyClick(note, Qt.Key.Key_Tab)
        assert focused() is not note, "Tab typed into the note instead of moving on"
        assert plain(focused().text()) == "Save draft"
        qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is note  # Shift+Tab comes back to it
        qtbot.keyClicks(note, " Plan agreed.")
        keys("Alt+S")  # Save draft

    with dialogs(write):
        shortcut(qtbot, window, "Alt+E")
        qtbot.keyClick(popup_menu(qtbot), Qt.Key.Key_L)  # Session ▸ Clinical note…
    body = data.read(demo_ctx, lambda orm: orm.scalar(
        select(ClinicalNote.body).where(ClinicalNote.session_id == sid)))  # fmt: skip
    assert body == "Seen today. Plan agreed."


def test_tab_in_a_clients_notes_moves_on_to_the_next_field_and_types_no_tab(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    shortcut(qtbot, window, "Alt+P")
    qtbot.keyClick(popup_menu(qtbot), Qt.Key.Key_C)  # Practice ▸ Clients…
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)

    def new_client(form: QDialog) -> None:
        type_into(qtbot, field(form, "First name", QLineEdit), "Tabitha")
        type_into(qtbot, field(form, "Last name", QLineEdit), "Keys")
        type_into(qtbot, field(form, "Email", QLineEdit), "tabitha.keys@example.com")
        notes = field(form, "Notes")
        type_into(qtbot, notes, "Prefers mornings")
        qtbot.keyClick(notes, Qt.Key.Key_Tab)
        assert focused() is not notes, "Tab typed into Notes instead of moving on"
        assert focused().accessibleName() == "State"  # the Active box, the next row
        qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is notes
        press(form, "Save")

    with dialogs(new_client):
        press(screen, "Add…")
    notes = data.read(demo_ctx, lambda orm: orm.scalar(
        select(Client.notes).where(Client.first_name == "Tabitha", Client.last_name == "Keys")))  # fmt: skip
    assert notes == "Prefers mornings"
    screen.close()
