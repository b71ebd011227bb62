"""A second click while a dialog's write is still running starts no second write.

The window's work runs in the background: between a click and its reply the dialog is still on
screen. Reschedule and Delete grey their buttons while their write runs, as Undo, Did not
attend and Complete do; here the window's runner holds each write until the test lets it go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import AuditEvent, Session, Worker
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    field,
    from_context_menu,
    press,
    type_date,
)


class Held:
    """The window's runner, holding what is submitted while `holding` is on."""

    def __init__(self, runner: Any) -> None:
        self.runner, self.holding = runner, False
        self.waiting: list[Callable[[], None]] = []
        self._submit = runner.submit

    def submit(self, fn: Any, on_done: Any, on_error: Any = None) -> None:
        if self.holding:
            self.waiting.append(lambda: self._submit(fn, on_done, on_error))
        else:
            self._submit(fn, on_done, on_error)

    def release(self) -> None:
        self.holding = False
        while self.waiting:
            self.waiting.pop(0)()


@pytest.fixture
def held() -> Iterator[Callable[[Any], Held]]:
    made: list[Held] = []

    def hold(window: Any) -> Held:
        h = Held(window.ops.runner)
        window.ops.runner.submit = h.submit
        made.append(h)
        return h

    yield hold
    for h in made:
        h.release()


def ok_of(w: QWidget) -> Any:
    return w.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_a_double_click_on_reschedule_moves_the_session_once(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, held: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    before = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
    assert before is not None
    worker = data.read(demo_ctx, lambda orm: orm.get(Worker, before.worker_id).name)  # type: ignore[union-attr]
    window = open_window(demo_ctx, "reception")
    runner = held(window)
    moved_to = before.starts_at + timedelta(days=1)
    greyed: list[bool] = []

    def reschedule(w: Any) -> None:
        type_date(qtbot, field(w, "New start"), f"{moved_to.astimezone(window.tz):%d/%m/%y %H:%M}")
        choose(field(w, "Worker"), worker)
        runner.holding = True
        press(w, "Reschedule")
        QTest.mouseClick(ok_of(w), Qt.MouseButton.LeftButton)  # the second click of a double
        QTest.keyClick(w, Qt.Key.Key_Return)  # and Enter, for good measure
        greyed.append(not ok_of(w).isEnabled() and not button(w, "Cancel").isEnabled())
        assert len(runner.waiting) == 1, "a second click started a second write"
        runner.release()  # the write runs; its reply closes the dialog

    with dialogs(reschedule):
        from_context_menu(window, sid, "Reschedule…")

    assert greyed == [True], "the buttons stay live while the write runs"
    after = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
    assert after is not None and after.starts_at == moved_to
    assert after.version == before.version + 1
    moves = data.read(
        demo_ctx,
        lambda orm: orm.scalar(
            select(func.count()).where(
                AuditEvent.session_id == sid, AuditEvent.action.like("%reschedule%")
            )  # fmt: skip
        ),
    )
    assert moves == 1


def test_the_delete_dialog_is_greyed_while_the_delete_runs(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, held: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    runner = held(window)
    greyed: list[bool] = []
    started: list[int] = []
    state: dict[str, QWidget] = {}

    def delete_dialog(w: Any) -> None:
        state["dialog"] = w
        press(w, "Delete permanently")  # permanent is chosen for a session with nothing on it

    def while_it_runs() -> None:  # once the question has closed and the delete has started
        dialog = state["dialog"]
        greyed.append(not ok_of(dialog).isEnabled())
        QTest.keyClick(dialog, Qt.Key.Key_Return)  # a second go while the first runs
        started.append(len(runner.waiting))
        runner.release()

    def confirm(w: Any) -> None:
        runner.holding = True
        QTimer.singleShot(0, while_it_runs)
        press(w, "Delete permanently")

    with dialogs(delete_dialog, confirm):
        from_context_menu(window, sid, "Delete…")

    assert greyed == [True], "the dialog stays live while the delete runs"
    assert started == [1], "a second go started a second delete"
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid)) is None
