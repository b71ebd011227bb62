"""The flow driver never waits for ever: a dialog its handler left open fails the flow."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from tests.ui.flows.driver import dialogs


class _Stubborn(QDialog):
    """A dialog whose Cancel asks nothing and refuses to close, like a form with unsaved work."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Stubborn")
        QVBoxLayout(self).addWidget(QPushButton("Stay"))

    def reject(self) -> None:
        return  # never closes by itself


def _leave_open(_widget: QWidget) -> None:
    return  # presses nothing


def _raise(_widget: QWidget) -> None:
    raise RuntimeError("the handler could not find its button")


def test_a_dialog_left_open_by_its_handler_fails_the_flow(qtbot: Any) -> None:
    box = _Stubborn()
    qtbot.addWidget(box)
    started = time.monotonic()
    with (
        pytest.raises(AssertionError, match="“Stubborn” stayed open after its handler"),
        dialogs(_leave_open, left_open_s=0.3),
    ):
        box.exec()
    assert time.monotonic() - started < 10
    assert not box.isVisible()


def test_a_handler_that_raises_fails_the_flow_even_when_its_dialog_will_not_close(
    qtbot: Any,
) -> None:
    box = _Stubborn()
    qtbot.addWidget(box)
    with (
        pytest.raises(RuntimeError, match="could not find its button"),
        dialogs(_raise, left_open_s=0.3),
    ):
        box.exec()
    assert not box.isVisible()
