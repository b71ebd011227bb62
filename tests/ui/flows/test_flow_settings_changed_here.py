"""Tools ▸ SMS gateway… and Tools ▸ Settings… (the Email and Integration pages) save only what
was changed in them: another desk's change to a field left alone (a new API key or secret, a new
mail password, a new webhook address) is kept, and a field changed at both desks is refused naming it, the form then showing that
desk's value beside the other changes made here."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox

from app.bootstrap import AppContext
from app.models.enums import IntegrationKind
from app.services.desk import Desk, open_desk
from app.services.outbox import integration_settings, passwords
from app.services.outbox import settings as outbox
from app.services.sms import settings as sms
from app.services.storage import secret_box
from tests.ui.flows.driver import dialogs, field, from_menu, open_tab, press, type_into
from tests.ui.flows.test_flow_unsaved_settings import _settings


def _sms_desk(ctx: AppContext) -> Any:
    """Another desk's Save on the SMS gateway dialog, with these fields changed."""
    other = open_desk(ctx.db, "admin")

    def save(**change: Any) -> None:
        form = other.read(sms.sms_form)
        other.write(lambda uow: sms.save_sms_settings(uow, replace(form.draft, **change)))

    return save


def _sms(ctx: AppContext, desk: Desk) -> tuple[str, str, str, int]:
    """The saved (API key, API secret, sender, gap between offers)."""
    s = desk.read(sms.sms_settings)
    assert s is not None
    return s.username, s.api_key, s.sender, s.offer_gap_minutes


def test_the_sms_gateway_saved_keeps_another_desks_new_api_key_left_alone_here(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    other_desk = _sms_desk(demo_ctx)
    other_desk(username="key-one", api_key="secret-one", sender="0400 111 222")
    window = open_window(demo_ctx, "admin")

    def fill(w: Any) -> None:
        other_desk(username="key-two", api_key="secret-two")  # a new key, made meanwhile
        type_into(qtbot, field(w, "Sender", QLineEdit), "Harbour")
        press(w, "Save")

    with dialogs(fill) as shown:
        from_menu(window, "Tools", "SMS gateway…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    desk = open_desk(demo_ctx.db, "admin")
    assert _sms(demo_ctx, desk) == ("key-two", "secret-two", "Harbour", 30)


def test_the_sms_gateway_changed_at_both_desks_is_refused_naming_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    other_desk = _sms_desk(demo_ctx)
    other_desk(username="key-one", api_key="secret-one")
    window = open_window(demo_ctx, "admin")
    said: list[Any] = []

    def fill(w: Any) -> None:
        other_desk(offer_gap_minutes=60, api_key="secret-two")
        type_into(qtbot, field(w, "Gap between waitlist offers", QSpinBox), "45")
        type_into(qtbot, field(w, "Sender", QLineEdit), "Harbour")
        press(w, "Save")
        result = field(w, "Result", QLabel)
        qtbot.waitUntil(lambda: "Another desk" in result.text(), timeout=5000)
        said.append((result.text(), field(w, "Gap between waitlist offers", QSpinBox).value(),
                     field(w, "Sender", QLineEdit).text()))  # fmt: skip
        type_into(qtbot, field(w, "Gap between waitlist offers", QSpinBox), "45")
        press(w, "Save")

    with dialogs(fill) as shown:
        from_menu(window, "Tools", "SMS gateway…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert said == [(
        "Another desk changed the gap between waitlist offers while the SMS gateway settings "
        "were open here, so nothing was saved. The form now shows that desk's gap between "
        "waitlist offers, and keeps your other changes; make your change again and save.",
        60,
        "Harbour",
    )]  # fmt: skip
    desk = open_desk(demo_ctx.db, "admin")
    assert _sms(demo_ctx, desk) == ("key-one", "secret-two", "Harbour", 45)
    assert secret_box.is_sealed(_settings(demo_ctx).sms_config["api_key"])


def _email_desk(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Another desk's Save on the Email page, with these fields changed (the password kept in
    the practice database: no keyring on these computers)."""
    monkeypatch.setattr(passwords, "store", lambda *_args: False)
    other = open_desk(ctx.db, "admin")

    def save(**change: Any) -> None:
        form = other.read(outbox.email_settings)
        other.write(lambda uow: outbox.update_email_settings(uow, replace(form.draft, **change)))

    return save


def _email(ctx: AppContext) -> tuple[str, str, str, int, str]:
    """The saved (mail server, user name, from address, wait in minutes, password)."""
    s = _settings(ctx)
    desk = open_desk(ctx.db, "admin")
    password = desk.read(
        lambda uow: secret_box.reveal(uow, s.smtp_config.get("password"), secret_box.SMTP_PASSWORD)
    )
    cfg = s.smtp_config
    return cfg["host"], cfg["username"], cfg["from_address"], s.message_grace_minutes, password


def test_the_email_page_saved_keeps_another_desks_new_password_left_alone_here(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_desk = _email_desk(demo_ctx, monkeypatch)
    other_desk(host="smtp.one.example", username="desk", password="first pass",
               from_address="reception@practice.example", grace_minutes=3)  # fmt: skip
    window = open_window(demo_ctx, "admin")

    def fill(w: Any) -> None:
        other_desk(username="front", password="second pass")  # a new login, made meanwhile
        type_into(qtbot, field(w, "From address", QLineEdit), "desk@practice.example")
        press(w, "Save")

    with dialogs(fill) as shown:
        from_menu(window, "Tools", "Settings…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert _email(demo_ctx) == (
        "smtp.one.example", "front", "desk@practice.example", 3, "second pass"
    )  # fmt: skip


def test_the_email_page_changed_at_both_desks_is_refused_naming_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_desk = _email_desk(demo_ctx, monkeypatch)
    other_desk(host="smtp.one.example", username="desk", password="first pass",
               from_address="reception@practice.example", grace_minutes=3)  # fmt: skip
    window = open_window(demo_ctx, "admin")
    said: list[Any] = []

    def fill(w: Any) -> None:
        other_desk(host="smtp.two.example", password="second pass")
        type_into(qtbot, field(w, "Mail server", QLineEdit), "smtp.three.example")
        type_into(qtbot, field(w, "Client messages wait", QSpinBox), "10")
        press(w, "Save")
        qtbot.waitUntil(lambda: "Another desk" in w.error.text(), timeout=5000)
        qtbot.waitUntil(lambda: field(w, "Mail server", QLineEdit).text() != "smtp.three.example",
                        timeout=5000)  # fmt: skip
        said.append((w.error.text(), field(w, "Mail server", QLineEdit).text(),
                     field(w, "Client messages wait", QSpinBox).value()))  # fmt: skip
        type_into(qtbot, field(w, "Mail server", QLineEdit), "smtp.three.example")
        press(w, "Save")

    with dialogs(fill) as shown:
        from_menu(window, "Tools", "Settings…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert said == [(
        "Another desk changed the mail server while the e-mail settings were open here, so "
        "nothing was saved. The form now shows that desk's mail server, and keeps your other "
        "changes; make your change again and save.",
        "smtp.two.example",
        10,
    )]  # fmt: skip
    assert _email(demo_ctx) == (
        "smtp.three.example", "desk", "reception@practice.example", 10, "second pass"
    )  # fmt: skip


HUB = "https://hub.one.example/frontdesk"
SECRET = "a-signing-secret-of-32-characters"


def _integration_desk(ctx: AppContext) -> Any:
    """Another desk's Save on the Integration page, with these fields changed."""
    other = open_desk(ctx.db, "admin")

    def save(**change: Any) -> None:
        form = other.read(integration_settings.integration_settings)
        other.write(
            lambda uow: integration_settings.update_integration_settings(
                uow, replace(form.draft, **change)
            )
        )

    return save


def _integration(ctx: AppContext) -> tuple[IntegrationKind, str, str, int, str]:
    """The saved (other system, its name, webhook address, tries, signing secret)."""
    s = _settings(ctx)
    desk = open_desk(ctx.db, "admin")
    cfg = s.integration_config
    secret = desk.read(
        lambda uow: secret_box.reveal(uow, cfg.get("secret"), secret_box.WEBHOOK_SECRET)
    )
    return s.integration_kind, cfg["name"], cfg["url"], cfg["max_attempts"], secret


def test_the_email_page_saved_keeps_another_desks_new_webhook_address(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    other_desk = _integration_desk(demo_ctx)
    other_desk(kind=IntegrationKind.WEBHOOK, name="PracticeHub", url=HUB, secret=SECRET)
    window = open_window(demo_ctx, "admin")

    def fill(w: Any) -> None:
        other_desk(url="https://hub.two.example/frontdesk")  # moved meanwhile
        type_into(qtbot, field(w, "From address", QLineEdit), "desk@practice.example")
        press(w, "Save")

    with dialogs(fill) as shown:
        from_menu(window, "Tools", "Settings…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert _settings(demo_ctx).smtp_config["from_address"] == "desk@practice.example"
    assert _integration(demo_ctx) == (
        IntegrationKind.WEBHOOK, "PracticeHub", "https://hub.two.example/frontdesk", 8, SECRET
    )  # fmt: skip


def test_the_webhook_address_changed_at_both_desks_is_refused_naming_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    other_desk = _integration_desk(demo_ctx)
    other_desk(kind=IntegrationKind.WEBHOOK, name="PracticeHub", url=HUB, secret=SECRET)
    window = open_window(demo_ctx, "admin")
    said: list[Any] = []
    mine = "https://hub.three.example/frontdesk"

    def fill(w: Any) -> None:
        other_desk(url="https://hub.two.example/frontdesk")
        open_tab(w.tabs, "Integration")
        type_into(qtbot, field(w, "Webhook address", QLineEdit), mine)
        type_into(qtbot, field(w.integration, "Tries before giving up", QSpinBox), "5")
        press(w, "Save")
        qtbot.waitUntil(lambda: "Another desk" in w.error.text(), timeout=5000)
        address = field(w, "Webhook address", QLineEdit)
        qtbot.waitUntil(lambda: address.text() != mine, timeout=5000)
        said.append((w.error.text(), w.tabs.currentWidget() is w.integration, address.text(),
                     field(w.integration, "Tries before giving up", QSpinBox).value()))  # fmt: skip
        type_into(qtbot, address, mine)
        press(w, "Save")

    with dialogs(fill) as shown:
        from_menu(window, "Tools", "Settings…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert said == [(
        "Another desk changed the webhook address while the integration settings were open "
        "here, so nothing was saved. The form now shows that desk's webhook address, and keeps "
        "your other changes; make your change again and save.",
        True,
        "https://hub.two.example/frontdesk",
        5,
    )]  # fmt: skip
    assert _integration(demo_ctx) == (IntegrationKind.WEBHOOK, "PracticeHub", mine, 5, SECRET)
