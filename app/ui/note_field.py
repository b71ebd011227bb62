"""The field for a few lines of text in a form (a note, a message's text)."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget


class NoteField(QPlainTextEdit):
    """Plain text over several lines where Tab and Shift+Tab move to the next and previous
    field, as in every other field of the form, instead of typing a tab into the text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTabChangesFocus(True)
