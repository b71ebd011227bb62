"""The toolbar's search walked as a receptionist types it: a #number finds that session alone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.bootstrap import AppContext
from app.models import Session
from tests.ui.flows import data
from tests.ui.flows.driver import shortcut


def test_a_session_number_typed_with_its_hash_finds_that_session_and_no_other(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    # A session whose number is also part of service codes (128 in 15_055_0128_1_3).
    wanted = data.read(demo_ctx, lambda orm: orm.get(Session, 128))
    assert wanted is not None
    window = open_window(demo_ctx, "reception")
    window.go_to(wanted.starts_at.astimezone(window.tz).date())
    view = window.view
    qtbot.waitUntil(lambda: view.block(wanted.id) is not None, timeout=5000)
    assert any("128" in b.service_code for b in view.blocks() if b.id != wanted.id)
    shortcut(qtbot, window, "Ctrl+F")
    search = QApplication.focusWidget()
    assert isinstance(search, QLineEdit) and search.accessibleName() == "Search the schedule"
    qtbot.keyClicks(search, f"#{wanted.id}")
    assert view.matches() == [wanted.id]
    assert window.statusBar().currentMessage() == "1 session matches"
    qtbot.keyClick(search, Qt.Key.Key_Return)  # Enter opens it
    assert window.selected == wanted.id
