"""Tick done asks first, through the real window: a manual to-do in Tools ▸ Outbox and alerts is
ticked done only after the question is answered with “Tick done”; Enter (Back, the default)
keeps it on the Manual to-dos list, untouched."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.outbox import OutboxFilter
from app.ui.models.table import ROW_ROLE
from tests.ui.flows import data
from tests.ui.flows.driver import (
    confirm_question,
    dialogs,
    from_context_menu,
    from_menu,
    open_tab,
    press,
    press_default,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_outbox import outbox_view, reachable_session, use_manual_integration

ASKS = "Mark this to-do as done by hand?"


def _todo(ctx: AppContext, session_id: int) -> OutboxMessage:
    return data.read(ctx, lambda orm: orm.scalars(
        select(OutboxMessage).where(OutboxMessage.session_id == session_id,
                                    OutboxMessage.channel == OutboxChannel.INTEGRATION)
        .order_by(OutboxMessage.id.desc())).first())  # fmt: skip


def _click_row(qtbot: Any, page: Any, message_id: int) -> None:
    """Click the row of one message in an outbox list, as the mouse does."""
    from PySide6.QtCore import Qt

    proxy = page.proxy
    [index] = [proxy.index(i, 0) for i in range(proxy.rowCount())
               if proxy.data(proxy.index(i, 0), ROW_ROLE).id == message_id]  # fmt: skip
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _manual_to_do(qtbot: Any, ctx: AppContext, window: Any) -> tuple[Any, OutboxMessage]:
    """A client cancellation with a manual integration: the outbox shows its to-do, selected."""
    use_manual_integration(qtbot, window, "Cliniko")
    sid, _client = reachable_session(ctx)
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    from_menu(window, "Tools", "Outbox and alerts")
    view = outbox_view(window)
    open_tab(view.tabs, "Manual to-dos")
    todos = view.lists[OutboxFilter.MANUAL]
    todo = _todo(ctx, sid)
    assert todo.status == OutboxStatus.MANUAL
    _click_row(qtbot, todos, todo.id)
    return todos, todo


def test_tick_done_asks_first_and_enter_keeps_the_to_do(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    todos, todo = _manual_to_do(qtbot, demo_ctx, window)

    def back(w: Any) -> None:
        assert ASKS in w.findChild(QLabel, "confirmQuestion").text()
        details = w.findChild(QLabel, "confirmDetails").text()
        assert todo.status_reason in details and "cannot be ticked back" in details, details
        press_default(w)  # Enter: Back, the safe button

    with dialogs(back):
        press(todos, "Tick done")
    kept = _todo(demo_ctx, todo.session_id)
    assert (kept.status, kept.done_at, kept.done_by_id) == (OutboxStatus.MANUAL, None, None)
    assert [todos.model.row(i).id for i in range(todos.model.rowCount())] == [todo.id]


def test_tick_done_confirmed_moves_the_to_do_to_done_with_who(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    todos, todo = _manual_to_do(qtbot, demo_ctx, window)
    with dialogs(confirm_question("Tick done", asks=ASKS)):
        press(todos, "Tick done")
    done = _todo(demo_ctx, todo.session_id)
    assert done.status == OutboxStatus.DONE and done.done_by_id is not None
    assert todos.model.rowCount() == 0
    finished = outbox_view(window).lists[OutboxFilter.DONE]
    assert todo.id in [finished.model.row(i).id for i in range(finished.model.rowCount())]
