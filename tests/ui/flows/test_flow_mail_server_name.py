"""The mail server typed the way a provider's help page writes it (with its port after a colon,
or as a web address) is refused on the Email page with the sentence saying what to type instead,
rather than saved and every client e-mail failing with "name or service not known"."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from app.bootstrap import AppContext
from tests.ui.flows.driver import dialogs, field, from_menu, press, type_into
from tests.ui.flows.test_flow_unsaved_settings import _settings


def test_a_mail_server_typed_with_its_port_or_as_a_web_address_is_refused_saying_what_to_type(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    before = _settings(demo_ctx).smtp_config
    window = open_window(demo_ctx, "admin")
    said: list[str] = []

    def fill(w: Any) -> None:
        type_into(qtbot, field(w, "From address", QLineEdit), "reception@practice.example")
        for typed in ("smtp.office365.com:587", "https://smtp.office365.com"):
            type_into(qtbot, field(w, "Mail server", QLineEdit), typed)
            press(w, "Save")
            if not w.isVisible():
                said.append(f"saved {typed}")
                return
            said.append(w.error.text())
        type_into(qtbot, field(w, "Mail server", QLineEdit), "smtp.office365.com")
        press(w, "Save")

    with dialogs(fill) as shown:
        from_menu(window, "Tools", "Settings…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert said == [
        "Enter the port in the Port box, not after the server's name: smtp.office365.com as "
        "the mail server and 587 as the port.",
        "Enter only the mail server's name, like smtp.example.com, without https://, an e-mail "
        "address or anything after a /.",
    ]
    saved = _settings(demo_ctx).smtp_config
    assert saved != before and saved["host"] == "smtp.office365.com"
