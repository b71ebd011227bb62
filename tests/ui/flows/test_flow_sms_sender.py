"""Tools ▸ SMS gateway…'s Sender as an administrator types it: a name with a letter the networks
do not carry is refused with that character named, and a name that starts with a digit ("1st
Physio") is saved as the name it is, not refused as a phone number it never was."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from app.bootstrap import AppContext
from app.models import PracticeSettings
from tests.integration.sms_standin import API_KEY, API_SECRET
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, from_menu, press, type_into

REPLY = "Clients cannot reply to a name: leave it empty, or enter a number, for replies."


def test_a_sender_name_is_saved_as_typed_or_refused_with_the_character_that_cannot_go(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    said: list[str] = []

    def fill(w: Any) -> None:
        result = field(w, "Result", QLabel)
        choose(field(w, "Gateway", QComboBox), "MessageMedia")
        type_into(qtbot, field(w, "API key", QLineEdit), API_KEY)
        type_into(qtbot, field(w, "API secret", QLineEdit), API_SECRET)
        sender = field(w, "Sender", QLineEdit)
        for typed in ("Physio&Co", "Harbourside Physio", "0400 11", "1st Physio"):
            type_into(qtbot, sender, typed)
            press(w, "Save")
            if w.isVisible():
                said.append(result.text())

    with dialogs(fill) as seen:
        from_menu(window, "Tools", "SMS gateway…")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    assert said == [
        f"A sender name can only use the letters A to Z, digits and spaces, so “&” cannot be in "
        f"it. {REPLY}",
        f"A sender name has up to 11 letters, digits and spaces; “Harbourside Physio” has 18. "
        f"{REPLY}",
        "0400 11 is not a phone number. Enter the practice's number, or a name of up to 11 "
        "letters and digits, or leave it empty.",
    ]
    config = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1)).sms_config
    assert config["sender"] == "1st Physio" and config["username"] == API_KEY
    assert window.statusBar().currentMessage() == "SMS gateway saved: MessageMedia."
