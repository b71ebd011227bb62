"""The administrator's path through Tools ▸ Settings: the webhook secret is saved encrypted, and
a secret whose key was lost is asked for again on the page, then saved again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from PySide6.QtWidgets import QLabel, QLineEdit

from app.bootstrap import AppContext
from app.models import PracticeSettings
from app.services.storage import secret_box
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, from_menu, open_tab, press, type_into

FIRST = "first-signing-secret-0123456789"
AGAIN = "typed-again-signing-secret-0123"


def _stored(ctx: AppContext) -> dict[str, Any]:
    return data.read(ctx, lambda orm: dict(orm.get(PracticeSettings, 1).integration_config))


def _opened(key_file: Path, stored: dict[str, Any]) -> str:
    """What the stored token holds, opened with the key file (as the other desk would)."""
    key = key_file.read_bytes().strip()
    return Fernet(key).decrypt(stored["secret"]["token"].encode()).decode()


def _settings(qtbot: Any, window: Any, answer: Any) -> list[Any]:
    with dialogs(answer) as seen:
        from_menu(window, "Tools", "Settings")
        # The settings dialog is window-modal and does not block: wait until it was answered.
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    return seen


def test_a_webhook_secret_is_saved_encrypted_and_asked_for_again_when_its_key_is_lost(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    secret_box._BY_FOLDER.clear()
    window = open_window(demo_ctx, "admin")

    def webhook(w: Any) -> None:
        open_tab(w.tabs, "Integration")
        choose(field(w, "Other system"), "Webhook (signed HTTP POST)")
        type_into(qtbot, field(w, "Its name", QLineEdit), "PracticeHub")
        type_into(qtbot, field(w, "Webhook address", QLineEdit), "https://hub.example/frontdesk")
        type_into(qtbot, field(w, "Signing secret", QLineEdit), FIRST)
        press(w, "Save")

    _settings(qtbot, window, webhook)
    key_file = demo_ctx.paths.data_dir / "secrets.key"
    stored = _stored(demo_ctx)
    assert stored["secret"]["sealed"] == "fernet" and FIRST not in str(stored)
    assert _opened(key_file, stored) == FIRST

    key_file.unlink()  # the key is lost (and its copy beside the backups with it)
    (demo_ctx.paths.backup_dir / "secrets.key").unlink()
    secret_box._BY_FOLDER.clear()  # as at the program's next start
    shown: list[str] = []

    def enter_again(w: Any) -> None:
        open_tab(w.tabs, "Integration")
        shown.append(field(w.integration, "Test result", QLabel).text())
        type_into(qtbot, field(w, "Signing secret", QLineEdit), AGAIN)
        press(w, "Save")

    _settings(qtbot, window, enter_again)
    assert shown[0].startswith(
        "The webhook signing secret saved for this practice cannot be read on this desk"
    )
    assert "Enter the webhook signing secret again in Tools ▸ Settings ▸ Integration" in shown[0]
    stored = _stored(demo_ctx)
    assert AGAIN not in str(stored) and _opened(key_file, stored) == AGAIN
