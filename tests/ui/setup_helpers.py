"""Shared pieces of the set-up UI tests: a host window that records changes, a dialog driver."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QMainWindow, QWidget

from app.services.desk import Desk
from app.services.dto import ChangeSet
from app.ui.setup.install import SetupActions, install_setup
from app.ui.tasks import TaskRunner


class HostWindow(QMainWindow):
    """A main window stand-in: records the change sets it is told about."""

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[ChangeSet] = []

    def notify_changed(self, changes: ChangeSet) -> None:
        self.changes.append(changes)


class Boxes:
    """Message boxes recorded instead of shown; `answer` is what ask() returns."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer = True

    def ask(self, title: str, text: str) -> bool:
        self.shown.append((title, text))
        return self.answer

    def tell(self, title: str, text: str) -> None:
        self.shown.append((title, text))


def install(
    qtbot: Any, desk: Desk, window: QMainWindow | None = None
) -> tuple[SetupActions, Boxes]:
    """The Practice menu on a window, with background work inline and message boxes recorded."""
    window = window or HostWindow()
    qtbot.addWidget(window)
    actions = install_setup(
        window,
        desk,
        runner=TaskRunner(window, synchronous=True),
        fan_out=getattr(window, "notify_changed", None),
    )
    boxes = Boxes()
    actions.ask, actions.inform, actions.refuse = boxes.ask, boxes.tell, boxes.tell
    return actions, boxes


def drive(owner: Any, *steps: Callable[[Any], None]) -> list[QDialog]:
    """Replace exec(): each dialog opened through `owner.run_dialog` goes to the next step."""
    seen: list[QDialog] = []
    queue = list(steps)

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        dialog.show()
        if queue:
            queue.pop(0)(dialog)
        return dialog.result()

    owner.run_dialog = run
    return seen


def click(qtbot: Any, button: QAbstractButton | QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Replace a line edit's text the way a user would."""
    widget.setFocus()
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def cells(view: Any, row: int) -> list[str]:
    model = view.model()
    return [str(model.index(row, c).data()) for c in range(model.columnCount())]
