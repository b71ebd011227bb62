"""The new / edit session dialog and drag-to-move, driven against a real database: recurrence
across the Australian daylight-saving changes, conflict warnings, save anyway, undo a move."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Session
from app.models.enums import SessionKind
from app.services.desk import open_desk
from app.ui.setup.session_dialog import SessionDialog
from tests.conftest import FakeClock
from tests.factory import SYD, World, local
from tests.ui.setup_helpers import click, drive, install


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)


def _save(dialog: SessionDialog) -> QDialogButtonBox:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def answer(call: Callable[..., None], *args: Any) -> Any:
    """What a set-up call handed to its `done` (the runner is inline, so it is in already)."""
    got: list[Any] = []
    call(*args, done=got.append)
    assert len(got) == 1, "the call answered once"
    return got[0]


def _local_starts(world: World) -> list[tuple[str, int]]:
    rows = world.read(
        lambda uow: list(uow.session.scalars(select(Session.starts_at).order_by(Session.starts_at)))
    )
    return [(f"{s.astimezone(SYD):%a %d %b %H:%M}", int(s.astimezone(SYD).utcoffset().total_seconds()) // 3600)
            for s in rows]  # type: ignore[union-attr]  # fmt: skip


def test_weekly_from_the_dialog_keeps_nine_local_across_the_april_change(
    qtbot: Any, world: World
) -> None:
    w, c = world.worker(days=range(7)), world.client("Olivia Smith")
    world.service()
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, SessionDialog)
        dialog.clients.set_checked(c)
        dialog.repeat.setCurrentIndex(dialog.repeat.findData(1))
        dialog.count.setValue(3)
        click(qtbot, _save(dialog))

    drive(actions, fill)
    made = answer(actions.new_session, local(2026, 4, 2, 9), w)
    assert made is not None and len(made.session_ids) == 3
    assert _local_starts(world) == [
        ("Thu 02 Apr 09:00", 11), ("Thu 09 Apr 09:00", 10), ("Thu 16 Apr 09:00", 10),
    ]  # fmt: skip


def test_fortnightly_until_a_date_keeps_nine_local_across_the_october_change(
    qtbot: Any, world: World
) -> None:
    w, c = world.worker(days=range(7)), world.client("Olivia Smith")
    world.service()
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))

    def fill(dialog: Any) -> None:
        dialog.clients.set_checked(c)
        dialog.repeat.setCurrentIndex(dialog.repeat.findData(2))
        dialog.by_date.setChecked(True)
        dialog.until.setDate(QDate(2026, 10, 22))
        click(qtbot, _save(dialog))

    drive(actions, fill)
    actions.new_session(local(2026, 9, 24, 9), w)
    assert _local_starts(world) == [
        ("Thu 24 Sep 09:00", 10), ("Thu 08 Oct 09:00", 11), ("Thu 22 Oct 09:00", 11),
    ]  # fmt: skip


def test_conflicts_are_shown_before_saving_and_the_desk_may_save_anyway(
    qtbot: Any, world: World
) -> None:
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Ben Ray")
    world.session(w, svc, local(2026, 4, 8, 10), [a])
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))
    seen: dict[str, str] = {}

    def fill(dialog: Any) -> None:
        dialog.clients.set_checked(a)
        dialog.clients.set_checked(b)
        dialog.kind.setCurrentIndex(dialog.kind.findData(SessionKind.GROUP))
        click(qtbot, _save(dialog))
        seen["warnings"] = dialog.warnings.text()
        seen["button"] = _save(dialog).text()
        dialog.minutes.setValue(45)  # any change: check again
        assert dialog.warnings.isHidden() and not dialog.confirmed
        click(qtbot, _save(dialog))
        click(qtbot, _save(dialog))

    drive(actions, fill)
    made = answer(actions.new_session, local(2026, 4, 8, 10), w)
    assert "Dr Maya Chen already has a session at Wed 08 Apr 10:00." in seen["warnings"]
    assert "Ann Lee is already booked at Wed 08 Apr 10:00." in seen["warnings"]
    assert seen["button"] == "Save &anyway"
    assert made is not None and made.warnings and len(_local_starts(world)) == 2


def test_a_session_is_edited_in_the_same_dialog(qtbot: Any, world: World) -> None:
    w, svc, c = world.worker(), world.service(), world.client("Ann Lee")
    sid = world.session(w, svc, local(2026, 4, 8, 10), [c])
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))

    def fill(dialog: Any) -> None:
        assert dialog.windowTitle() == "Edit session" and dialog.repeat.isHidden()
        dialog.start.setDateTime(dialog.start.dateTime().addSecs(2 * 3600))
        click(qtbot, _save(dialog))

    drive(actions, fill)
    result = answer(actions.edit_session, sid)
    assert result is not None and result.message == "The session was saved."
    assert _local_starts(world) == [("Wed 08 Apr 12:00", 10)]


def test_a_dragged_session_moves_warns_first_and_undo_moves_it_back(
    qtbot: Any, world: World
) -> None:
    w, svc, c = world.worker(), world.service(), world.client("Ann Lee")
    other = world.worker("Sam Carer")
    sid = world.session(w, svc, local(2026, 4, 8, 10), [c])
    world.session(other, svc, local(2026, 4, 9, 14), [world.client("Ben Ray")])
    actions, boxes = install(qtbot, open_desk(world.db, "desk"))
    boxes.answer = False
    assert answer(actions.move_session, sid, local(2026, 4, 9, 14), other) is None
    assert boxes.shown[-1] == (
        "Move anyway?",
        "Sam Carer already has a session at Thu 09 Apr 14:00.",
    )
    moved = answer(actions.move_session, sid, local(2026, 4, 9, 11), other)
    assert moved is not None and actions.undo_stack.canUndo()
    assert world.read(lambda uow: uow.session.get(Session, sid).worker_id) == other  # type: ignore[union-attr]
    actions.actions["undo"].trigger()
    s = world.read(lambda uow: uow.session.get(Session, sid))
    assert s is not None and s.worker_id == w and s.starts_at == local(2026, 4, 8, 10)
    actions.actions["redo"].trigger()
    assert _local_starts(world)[0] == ("Thu 09 Apr 11:00", 10)
    assert actions.window.changes and sid in actions.window.changes[-1].sessions  # type: ignore[attr-defined]


def test_new_session_asks_for_a_worker_and_a_service_first(qtbot: Any, world: World) -> None:
    actions, boxes = install(qtbot, open_desk(world.db, "desk"))
    assert answer(actions.new_session) is None
    assert "Add a worker and a service first" in boxes.shown[-1][1]


def test_a_started_session_is_not_opened_for_editing_and_says_why(qtbot: Any, world: World) -> None:
    w, svc, c = world.worker(), world.service(), world.client("Ann Lee")
    sid = world.session(w, svc, local(2026, 4, 1, 9), [c])  # started an hour ago
    actions, boxes = install(qtbot, open_desk(world.db, "desk"))
    seen = drive(actions)
    assert answer(actions.edit_session, sid) is None and seen == []
    assert boxes.shown[-1] == (
        "Can't change the session",
        "This session has started; it can no longer be changed. Record attendance instead.",
    )


def test_a_naive_slot_time_from_the_schedule_is_read_on_the_practice_clock(
    qtbot: Any, world: World
) -> None:
    w, svc, c = world.worker(), world.service(), world.client("Ann Lee")
    sid = world.session(w, svc, local(2026, 4, 8, 10), [c])
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))
    moved = answer(actions.move_session, sid, datetime(2026, 4, 8, 15, 30))
    assert moved is not None and _local_starts(world) == [("Wed 08 Apr 15:30", 10)]
