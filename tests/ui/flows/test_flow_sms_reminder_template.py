"""A reminder's text with a placeholder written the way another system writes it ("{date:%d/%m}",
"{first_name!u}"): Practice ▸ Reminder rules… refuses it with a sentence saying how to write it,
and a rule saved so by an older FrontDesk does not stop the outbox: its reminders still go."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import OutboxMessage, ReminderRule
from app.models.enums import OutboxChannel
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, errors, field, from_menu, press, type_into

REFUSED = (
    "The text writes {date:%d/%m}; write {date} instead, exactly so (no format or other "
    "additions): the reminder fills it in the practice's own way."
)


def _rules(ctx: AppContext) -> list[ReminderRule]:
    return data.read(
        ctx, lambda orm: list(orm.scalars(select(ReminderRule).order_by(ReminderRule.id)))
    )


def test_a_placeholder_with_a_format_is_refused_with_how_to_write_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Reminder rules…")
    screen = window.installed.setup.screens["reminders"]
    qtbot.waitUntil(screen.isVisible, timeout=3000)
    seen: dict[str, Any] = {}

    def add(w: Any) -> None:
        type_into(qtbot, field(w, "Name", QLineEdit), "Day before")
        text = field(w, "Text", QPlainTextEdit)
        type_into(qtbot, text, "Hi {first_name}, see you {date:%d/%m} at {time}. {how_to_cancel}.")
        preview = field(w, "Preview", QLabel)
        qtbot.waitUntil(lambda: "{date:%d/%m}" in preview.text(), timeout=3000)
        seen["preview"] = preview.text()
        press(w, "Save")
        seen["refused"] = errors(w)
        type_into(qtbot, text, "Hi {first_name}, see you {date} at {time}. {how_to_cancel}.")
        press(w, "Save")

    with dialogs(add):
        press(screen, "Add…")
    assert seen["preview"] == REFUSED
    assert seen["refused"] == [REFUSED]
    [rule] = [r for r in _rules(demo_ctx) if r.name == "Day before"]  # beside the demo's rules
    assert rule.template == "Hi {first_name}, see you {date} at {time}. {how_to_cancel}."


def test_a_rule_saved_with_a_format_by_an_older_version_does_not_stop_the_outbox(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:
        older = ReminderRule(
            name="Day before", channel="sms", days_before=1, at_time="09:00",
            template="Hi {first_name!u}, {date:%d/%m} at {time}. {how_to_cancel}.",
            active=True, created_at=uow.now())  # fmt: skip
        uow.session.add(older)
        uow.session.flush()
        older_id = older.id
    window = open_window(demo_ctx, "reception")
    pump = window.installed.outbox.pump
    failed: list[str] = []
    pump.pass_failed.connect(failed.append)
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)
    assert failed == []
    texts = data.read(demo_ctx, lambda orm: list(orm.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == "reminder", OutboxMessage.channel == OutboxChannel.SMS))))  # fmt: skip
    texts = [m for m in texts if m.payload.get("rule_id") == older_id]  # not the demo's rules'
    assert texts, "no reminder was queued"
    body = texts[0].payload["body"]
    assert body.startswith("Hi ") and "{" not in body and "Reply C to cancel" in body, body
