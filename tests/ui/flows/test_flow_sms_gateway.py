"""The administrator's path through Tools ▸ SMS gateway…: a refusal in plain words, Send test
to a typed number (a wrong key, then the right one, reaching the stand-in gateway), and Save."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox

from app.bootstrap import AppContext
from app.models import PracticeSettings
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_menu,
    main_menu_action,
    plain,
    press,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_failures_said import LOG_HINT, logged
from tests.ui.flows.test_flow_off_gui_thread import GuiThreadCalls
from tests.ui.flows.test_flow_off_gui_thread import gui_db_calls as gui_db_calls  # the fixture

__all__ = ["gui_db_calls", "sms_standin"]


def test_the_sms_gateway_is_tested_and_saved_through_its_dialog(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    sms_standin: SmsStandIn,
    tmp_path: Any,
    gui_db_calls: GuiThreadCalls,
) -> None:
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True  # reading, testing and saving: none on the GUI thread
    said: list[str] = []

    def fill(w: Any) -> None:
        w.resize(1366, 768)
        result = field(w, "Result", QLabel)
        choose(field(w, "Gateway", QComboBox), "MessageMedia")
        # MessageMedia's own words: its API key, then its API secret (hidden as typed).
        labels = [plain(label.text()) for label in w.findChildren(QLabel)]
        assert "API key" in labels and "API secret" in labels, labels
        assert not any("User name" in text for text in labels), labels
        assert field(w, "API secret", QLineEdit).echoMode() == QLineEdit.EchoMode.Password
        type_into(qtbot, field(w, "API key", QLineEdit), API_KEY)
        press(w, "Save")  # no API secret yet: refused on the dialog, which stays open
        said.append(result.text())
        type_into(qtbot, field(w, "API secret", QLineEdit), "not-the-secret")
        type_into(qtbot, field(w, "Sender", QLineEdit), "0400 111 222")
        type_into(qtbot, field(w, "Gap between waitlist offers", QSpinBox), "45")
        type_into(qtbot, field(w, "Base address", QLineEdit), sms_standin.base_url)
        number = field(w, "Test number", QLineEdit)
        assert number.placeholderText() == "a mobile number, like 0412 345 678"  # Australia's
        type_into(qtbot, number, "0412 345 678")
        press(w, "Send test")
        qtbot.waitUntil(lambda: "Sending" not in result.text(), timeout=5000)
        said.append(result.text())
        type_into(qtbot, field(w, "API secret", QLineEdit), API_SECRET)
        press(w, "Send test")
        qtbot.waitUntil(lambda: "Sending" not in result.text(), timeout=5000)
        said.append(result.text())
        w.grab().save(str(tmp_path / "sms_gateway.png"))
        press(w, "Save")

    with dialogs(fill) as seen:
        from_menu(window, "Tools", "SMS gateway…")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    assert said[0] == "Enter the API secret."
    assert said[1] == (
        "MessageMedia did not accept the API key (HTTP 401). Check the API key and API secret in "
        "Tools ▸ SMS gateway…; the messages wait until then."
    )
    assert said[2] == "MessageMedia accepted the test message to +61412345678."
    (sent,) = sms_standin.sent
    assert sent["destination_number"] == "+61412345678"
    assert sent["source_number"] == "+61400111222"
    config = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1)).sms_config
    assert config["gateway"] == "messagemedia" and config["username"] == API_KEY
    assert config["sender"] == "+61400111222" and config["offer_gap_minutes"] == 45
    assert config["base_url"] == sms_standin.base_url
    assert config["api_key"]["sealed"] == "fernet" and API_SECRET not in str(config)
    assert window.statusBar().currentMessage() == "SMS gateway saved: MessageMedia."
    assert gui_db_calls.calls == []


def test_reception_sees_the_sms_gateway_greyed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    assert not main_menu_action(window, "Tools", "SMS gateway…").isEnabled()


def test_a_gateway_test_that_fails_unexpectedly_says_so_in_a_sentence_and_logs_why(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from app.services.sms import settings as sms

    def broken(*_args: Any, **_kwargs: Any) -> str:
        raise UnicodeEncodeError("ascii", "Zoë", 2, 3, "ordinal not in range(128)")

    monkeypatch.setattr(sms, "run_sms_test", broken)
    caplog.set_level(logging.ERROR)
    window = open_window(demo_ctx, "admin")
    said: list[str] = []

    def fill(w: Any) -> None:
        result = field(w, "Result", QLabel)
        choose(field(w, "Gateway", QComboBox), "MessageMedia")
        type_into(qtbot, field(w, "API key", QLineEdit), API_KEY)
        type_into(qtbot, field(w, "API secret", QLineEdit), API_SECRET)
        type_into(qtbot, field(w, "Sender", QLineEdit), "0400 111 222")
        type_into(qtbot, field(w, "Test number", QLineEdit), "0412 345 678")
        press(w, "Send test")
        qtbot.waitUntil(lambda: "Sending" not in result.text(), timeout=5000)
        said.append(result.text())
        press(w, "Cancel")  # what was typed is not kept: asked, Discard

    with dialogs(fill, unsaved_question("Discard")) as seen:
        from_menu(window, "Tools", "SMS gateway…")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    assert said == [f"The test could not be run. Check the settings and try again. {LOG_HINT}"]
    assert logged(caplog, "ordinal not in range")
