"""The window's message boxes in one place, so tests patch them and nothing blocks."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question; Yes is not the default, so Return never confirms by accident."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget, title: str, text: str) -> None:
    """A short information message."""
    QMessageBox.information(parent, title, text)


def refuse(parent: QWidget, title: str, text: str) -> None:
    """A refusal or failure, as the sentence the service raised."""
    QMessageBox.warning(parent, title, text)
