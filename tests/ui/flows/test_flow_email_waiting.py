"""Client e-mails waiting because e-mail is not set up are said in the status bar, with a count
and a button that opens the e-mail settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_context_menu, press
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_outbox import reachable_session


def pending_emails(ctx: AppContext, topic: str | None = None) -> int:
    """E-mails waiting in the outbox (of one topic: "cancel", "reminder"; None: all of them)."""
    about = () if topic is None else (OutboxMessage.topic == topic,)
    return data.read(
        ctx,
        lambda orm: int(
            orm.scalar(
                select(func.count()).where(
                    OutboxMessage.channel == OutboxChannel.EMAIL,
                    OutboxMessage.status == OutboxStatus.PENDING,
                    *about,
                )
            )
            or 0
        ),
    )


def focused() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def waiting_line(window: Any) -> QWidget:
    return window.statusBar().findChild(QWidget, "emailWaiting")


def test_waiting_emails_show_in_the_status_bar_and_the_button_opens_the_email_settings(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    before = pending_emails(demo_ctx)
    notices = pending_emails(demo_ctx, "cancel")
    line = waiting_line(window)
    assert line.isVisible() == (before > 0)
    sid, _client = reachable_session(demo_ctx)
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    assert pending_emails(demo_ctx, "cancel") == notices + 1, "the cancellation's e-mail waits"
    # The line counts every client e-mail waiting: the practice's queued reminders too (the
    # cancelled booking's own reminder is withdrawn).
    waiting = pending_emails(demo_ctx)
    assert waiting >= 1
    expected = (
        "1 client message waiting: e-mail is not set up"
        if waiting == 1
        else f"{waiting} client messages waiting: e-mail is not set up"
    )
    text = window.statusBar().findChild(QLabel, "emailWaitingText")
    qtbot.waitUntil(lambda: text.text() == expected, timeout=3000)
    assert line.isVisible()
    seen: list[str] = []

    def settings(w: Any) -> None:
        seen.append(w.tabs.tabText(w.tabs.currentIndex()).replace("&", ""))
        seen.append("focus on the mail server" if focused() is w.email.host else str(focused()))
        press(w, "Cancel")

    with dialogs(settings) as shown:
        press(line, "Set up e-mail")
        qtbot.waitUntil(lambda: bool(shown) and not shown[0].isVisible(), timeout=5000)
    assert seen == ["Email", "focus on the mail server"]


def test_a_receptionist_sees_the_waiting_line_but_setting_up_is_for_an_administrator(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    sid, _client = reachable_session(demo_ctx)
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    line = waiting_line(window)
    qtbot.waitUntil(line.isVisible, timeout=3000)
    set_up = field(line, "Set up e-mail", QPushButton)
    assert not set_up.isEnabled() and "administrator" in set_up.toolTip()
