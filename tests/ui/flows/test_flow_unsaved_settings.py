"""The settings of the outside services ask before unsaved changes are thrown away, as the set-up
editors do — through the real window: Tools ▸ SMS gateway…, Calendar feed… and Settings… (e-mail
and the integration). Cancel, the default, keeps the form; Save saves; Discard drops it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit

from app.bootstrap import AppContext
from app.models import PracticeSettings
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    field,
    from_menu,
    press,
    tick,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_unsaved import _escape


def _settings(ctx: AppContext) -> PracticeSettings:
    return data.read(ctx, lambda orm: orm.get(PracticeSettings, 1))


def test_an_api_key_typed_in_the_sms_gateway_asks_before_it_is_dropped(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    before = _settings(demo_ctx).sms_config
    window = open_window(demo_ctx, "admin")
    seen: dict[str, Any] = {}

    def fill(w: Any) -> None:
        type_into(qtbot, field(w, "API key", QLineEdit), "3Xk9-practice-key")
        _escape(w)  # asked; Cancel (the default) keeps the dialog and what was typed
        seen["kept"] = (w.isVisible(), field(w, "API key", QLineEdit).text())
        press(w, "Cancel")  # asked again: Discard

    with dialogs(fill, unsaved_question("Cancel"), unsaved_question("Discard")) as shown:
        from_menu(window, "Tools", "SMS gateway…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert seen == {"kept": (True, "3Xk9-practice-key")}
    assert _settings(demo_ctx).sms_config == before


def test_a_calendar_server_typed_then_cancelled_is_saved_from_the_question(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")

    def fill(w: Any) -> None:
        tick(w.findChild(QCheckBox), True)  # publish each worker's schedule
        type_into(qtbot, field(w, "Server address", QLineEdit), "https://cal.example.com/dav/")
        press(w, "Cancel")  # asked: Save

    with dialogs(fill, unsaved_question("Save")) as shown:
        from_menu(window, "Tools", "Calendar feed…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    config = _settings(demo_ctx).calendar_feed_config
    assert config["enabled"] is True and config["base_url"] == "https://cal.example.com/dav/"


def test_a_mail_server_typed_then_closed_asks_and_discard_saves_nothing(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    before = _settings(demo_ctx).smtp_config
    window = open_window(demo_ctx, "admin")

    def fill(w: Any) -> None:
        type_into(qtbot, field(w, "Mail server", QLineEdit), "smtp.example.com")
        type_into(qtbot, field(w, "From address", QLineEdit), "desk@example.com")
        w.close()  # the window's close button: asked, Discard

    with dialogs(fill, unsaved_question("Discard")) as shown:
        from_menu(window, "Tools", "Settings…")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert _settings(demo_ctx).smtp_config == before
