"""A reminder's text is measured in text messages as the gateway sends them: Practice ▸ Reminder
rules… refuses an SMS text of 312 characters with one curly quote (pasted from a word
processor), since that one character makes it go as UCS-2, 67 characters to a text, five texts
in all; the refusal names the quote, the Preview shows it as typed, and with a straight quote
the same text (three texts) is saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import ReminderRule
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, errors, field, from_menu, press, type_into

BODY = "Hi {first_name}, see you {date} at {time}. {how_to_cancel}. "
FILLER = "Please bring your referral and arrive ten minutes early. " * 4
PASTED = "We’re at the front desk. "
CURLY = BODY + PASTED + FILLER
STRAIGHT = CURLY.replace("’", "'")
REFUSED = (
    "The text is too long for 4 text messages: it would be sent as 5. Because it contains “’”, "
    "each text message holds only 67 characters instead of 153: emoji and special characters "
    "(such as curly quotes) make every text shorter. Replace or remove “’”, or shorten the text."
)


def test_a_curly_quote_makes_a_long_reminder_too_many_texts(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    assert 268 < len(CURLY.strip()) <= 335  # five texts as UCS-2, three in the GSM alphabet
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Reminder rules…")
    screen = window.installed.setup.screens["reminders"]
    qtbot.waitUntil(screen.isVisible, timeout=3000)
    seen: dict[str, Any] = {}

    def add(w: Any) -> None:
        type_into(qtbot, field(w, "Name", QLineEdit), "Long day before")
        choose(field(w, "Channel", QComboBox), "SMS")
        text = field(w, "Text", QPlainTextEdit)
        type_into(qtbot, text, BODY)
        QApplication.clipboard().setText(PASTED)  # copied from a word processor
        QTest.keyClick(text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(text, FILLER)
        assert text.toPlainText() == CURLY
        preview = field(w, "Preview", QLabel)
        qtbot.waitUntil(lambda: preview.text().startswith("The text is too long"), timeout=3000)
        seen["preview"] = preview.text()
        press(w, "Save")
        seen["refused"] = errors(w)
        type_into(qtbot, text, STRAIGHT)
        press(w, "Save")

    with dialogs(add):
        press(screen, "Add…")
    assert seen["preview"] == REFUSED
    assert seen["refused"] == [REFUSED]
    rules = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(ReminderRule).where(ReminderRule.name == "Long day before"))))  # fmt: skip
    assert [r.template for r in rules] == [STRAIGHT.strip()]
