"""Tools ▸ Settings…, Email, Send test: the common mistakes — a mistyped server name, SSL chosen
for a STARTTLS port, a port nothing listens on, a wrong password — each say what is wrong and
what to type or choose instead; what the network library said is in the log only."""

from __future__ import annotations

import logging
import socket
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from app.bootstrap import AppContext
from app.models import OutboxMessage, PracticeSettings
from tests.integration.outbox_helpers import SmtpSink, free_port
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_menu,
    press,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_failures_said import logged

PROVIDER = "smtp.practice.example"  # the practice's mail provider: plain SMTP on port 587


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A network where smtp.gmial.com does not exist and the provider's port 587 is a plain
    SMTP server (on loopback) that wants the user name "desk" and the password "right"."""
    server = SmtpSink(login=("desk", "right")).start()
    connect = socket.create_connection

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host, port = address
        if host == "smtp.gmial.com":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if (host, port) == (PROVIDER, 587):
            return connect(("127.0.0.1", server.port), *args, **kwargs)
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield server
    server.stop()


def test_the_email_test_says_what_to_type_or_choose_for_each_common_mistake(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    provider: SmtpSink,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    window = open_window(demo_ctx, "admin")
    saved = data.read(demo_ctx, lambda orm: dict(orm.get(PracticeSettings, 1).smtp_config or {}))
    outbox = data.count(demo_ctx, OutboxMessage)
    refused = free_port()
    said: list[str] = []

    def settings(w: Any) -> None:
        def test() -> None:
            press(w, "Send test")
            qtbot.waitUntil(lambda: w.email.result.text() != "Sending…", timeout=10_000)
            said.append(w.email.result.text())

        security = field(w, "Security", QComboBox)
        choose(security, "STARTTLS (port 587)")
        type_into(qtbot, field(w, "Mail server", QLineEdit), "smtp.gmial.com")
        type_into(qtbot, field(w, "Port", QSpinBox), "587")
        type_into(qtbot, field(w, "From address", QLineEdit), "reception@practice.example")
        type_into(qtbot, w.email.test_to, "manager@practice.example")
        test()
        type_into(qtbot, field(w, "Mail server", QLineEdit), PROVIDER)
        choose(security, "SSL/TLS (port 465)")
        type_into(qtbot, field(w, "Port", QSpinBox), "587")
        test()
        choose(security, "None")
        type_into(qtbot, field(w, "Mail server", QLineEdit), "127.0.0.1")
        type_into(qtbot, field(w, "Port", QSpinBox), str(refused))
        test()
        type_into(qtbot, field(w, "Port", QSpinBox), str(provider.port))
        type_into(qtbot, field(w, "User name", QLineEdit), "desk")
        type_into(qtbot, field(w, "Password", QLineEdit), "wrong")
        test()
        type_into(qtbot, field(w, "Password", QLineEdit), "right")
        test()
        press(w, "Cancel")  # what was typed is not kept: asked, Discard

    with dialogs(settings, unsaved_question("Discard")) as seen:
        from_menu(window, "Tools", "Settings")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=10_000)
    assert said == [
        "The mail server smtp.gmial.com could not be found. Check the spelling of the server "
        "name (your e-mail provider gives it, like smtp.office365.com) and that this computer "
        "is connected to the internet.",
        "Port 587 uses STARTTLS, not SSL: choose STARTTLS, or use port 465 for SSL.",
        f"The mail server 127.0.0.1 refused a connection on port {refused}. Check the port: "
        "usually 587 for STARTTLS or 465 for SSL.",
        f"The mail server 127.0.0.1:{provider.port} refused the user name or password. Check "
        "both in Tools ▸ Settings ▸ Email; some providers (Gmail, Microsoft 365) want an app "
        "password here, not the usual one.",
        f"A test email was sent to manager@practice.example through 127.0.0.1:{provider.port}.",
    ]
    assert [m["To"] for m in provider.messages] == ["manager@practice.example"]
    for library_words in ("Name or service not known", "WRONG_VERSION_NUMBER",
                          "Connection refused", "Authentication"):  # fmt: skip
        assert logged(caplog, library_words), library_words
    assert data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).smtp_config or {}) == saved
    assert data.count(demo_ctx, OutboxMessage) == outbox, "a test writes nothing to the outbox"
