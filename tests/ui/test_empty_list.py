"""The empty-list line says nothing until the list has been read: a list still loading is not
known to be empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel

from app.services.setup.workers import WorkerDraft, WorkerRow
from app.ui.setup.workers import WorkersApi, WorkersScreen


def test_a_list_still_being_read_says_nothing_until_its_rows_come(qtbot: Any) -> None:
    waiting: list[Callable[[list[WorkerRow]], None]] = []
    api = WorkersApi(load=waiting.append, save=lambda *_args: None, refusal="")
    screen = WorkersScreen(api)
    qtbot.addWidget(screen)
    screen.show()
    hint = screen.table.viewport().findChild(QLabel, "emptyListHint")
    assert not hint.isVisible() and screen.table.accessibleDescription() == ""
    waiting.pop()([])
    assert hint.isVisible() and hint.text().startswith("No workers yet.")
    screen.refresh()
    waiting.pop()([WorkerRow(1, WorkerDraft("Dr Maya Chen"))])
    assert not hint.isVisible() and screen.table.accessibleDescription() == ""


def test_the_line_stays_in_the_middle_when_an_empty_table_wider_than_its_window_scrolls(
    qtbot: Any,
) -> None:
    waiting: list[Callable[[list[WorkerRow]], None]] = []
    screen = WorkersScreen(WorkersApi(load=waiting.append, save=lambda *_a: None, refusal=""))
    qtbot.addWidget(screen)
    screen.show()
    waiting.pop()([])
    screen.table.horizontalHeader().resizeSection(0, 2000)  # wider than the window
    bar = screen.table.horizontalScrollBar()
    # The scroll bar's range is set, and the bar shown (the viewport a little lower), when the
    # view lays itself out again: the line is placed for the viewport it then has.
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.isVisible(), timeout=3000)
    hint = screen.table.viewport().findChild(QLabel, "emptyListHint")
    viewport = screen.table.viewport()
    qtbot.waitUntil(
        lambda: abs(hint.geometry().center().y() - viewport.rect().center().y()) <= 1,
        timeout=3000,
    )
    placed = hint.geometry()
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    assert hint.geometry() == placed
