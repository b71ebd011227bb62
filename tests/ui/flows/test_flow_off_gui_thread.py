"""A cancel and its undo, walked through the real window: no database call runs on the GUI thread.

The flows run the task runner inline, so "off the GUI thread" means "inside a task": every
`Database.read`/`write` made on the GUI thread outside one is recorded with where it came from.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import Database
from app.models import Cancellation
from app.models.enums import BookingStatus
from app.ui.tasks import TaskRunner
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_context_menu
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_undo_dna import undo_with


class GuiThreadCalls:
    """Database calls made on the GUI thread outside a background task, once armed."""

    def __init__(self) -> None:
        self.armed = False
        self.in_task = 0
        self.calls: list[str] = []

    def wrap(self, opener: Callable[..., AbstractContextManager[Any]]) -> Callable[..., Any]:
        def opened(db: Database, *args: Any, **kwargs: Any) -> AbstractContextManager[Any]:
            if (
                self.armed
                and not self.in_task
                and threading.current_thread() is threading.main_thread()
            ):
                ui = [f for f in traceback.extract_stack() if "/app/ui/" in f.filename]
                self.calls.append(f"{ui[-1].filename}:{ui[-1].lineno}" if ui else "?")
            return opener(db, *args, **kwargs)

        return opened


@pytest.fixture
def gui_db_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[GuiThreadCalls]:
    """Record GUI-thread database calls; `armed` once the window is open (start-up excluded)."""
    spy = GuiThreadCalls()
    monkeypatch.setattr(Database, "read", spy.wrap(Database.read))
    monkeypatch.setattr(Database, "write", spy.wrap(Database.write))
    inline = TaskRunner._run_inline

    def in_task(*args: Any) -> None:
        spy.in_task += 1
        try:
            inline(*args)
        finally:
            spy.in_task -= 1

    monkeypatch.setattr(TaskRunner, "_run_inline", staticmethod(in_task))
    yield spy


def test_a_cancel_and_its_undo_make_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    gui_db_calls.armed = True
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}
    with dialogs(undo_with(qtbot, "Rang back, coming after all")):
        from_context_menu(window, sid, "Undo cancellation…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}
    (c,) = data.read(
        demo_ctx,
        lambda orm: list(orm.scalars(select(Cancellation).where(Cancellation.session_id == sid))),
    )
    assert c.undone_at is not None
    assert gui_db_calls.calls == []
    window.desk.practice_name()  # a read made on the GUI thread is seen: the empty list means none
    assert len(gui_db_calls.calls) == 1
