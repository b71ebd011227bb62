"""The session context menu: every action, greyed exactly when the services would refuse it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtGui import QAction

from app.models.enums import BookingStatus, SessionStatus
from app.models.lifecycle import (
    COMPLETED_SESSION,
    NOT_STARTED_COMPLETE,
    STARTED_USE_DNA,
    Action,
    why_not,
)
from app.services.auth import can
from app.services.dto import SessionBlock
from app.services.schedule import details as queries
from app.ui.schedule.actions import PERMISSION_FOR, SPEC
from app.ui.start.main_window import MainWindow
from tests.ui.test_main_window import make_window

MENU_ORDER = [item[0] for item in SPEC if item is not None]
UNDO_DENIED = "Your role (reception) cannot undo cancellation. Ask a manager to do it."
DELETE_DENIED = "Your role (reception) cannot delete session. Ask a manager to do it."

Pick = Callable[[SessionBlock, MainWindow], bool]
KINDS: dict[str, Pick] = {
    "rostered future": lambda b, w: (
        b.status is SessionStatus.ROSTERED and b.starts_at > w.now + timedelta(hours=1)
    ),
    "started unresolved": lambda b, w: b.status is SessionStatus.ROSTERED and b.starts_at <= w.now,
    "cancelled": lambda b, _w: b.status is SessionStatus.CANCELLED,
    "completed": lambda b, _w: (
        b.status is SessionStatus.COMPLETED and b.count(BookingStatus.ATTENDED) > 0
    ),
}


def _pick(window: MainWindow, kind: str) -> SessionBlock:
    return next(b for b in window.view.blocks() if KINDS[kind](b, window))


def _menu_states(window: MainWindow, session_id: int) -> dict[Action, tuple[bool, str]]:
    menu = window.session_menu(session_id)
    assert menu.toolTipsVisible()
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.objectName() for a in actions] == [f"action_{a.value}" for a in MENU_ORDER]
    return {Action(a.objectName().removeprefix("action_")): _state(a) for a in actions}


def _state(action: QAction) -> tuple[bool, str]:
    return action.isEnabled(), action.toolTip()


HELP = {item[0]: item[3] for item in SPEC if item is not None}


@pytest.mark.parametrize("username", ["reception", "manager"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_menu_state_and_tooltips_match_the_service_checks(qtbot, demo_ctx, username, kind) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx, username)
    block = _pick(window, kind)
    states = _menu_states(window, block.id)
    facts = window.desk.read(lambda uow: queries.session_facts(uow, block.id))
    actor, now = window.desk.actor, window.desk.now()
    for action, (enabled, tip) in states.items():
        permission = PERMISSION_FOR.get(action)
        if permission is not None and not can(actor, permission):
            assert not enabled
            assert tip.startswith(f"Your role ({username}) cannot {permission.value}.")
            continue
        reason = why_not(action, facts, now)
        assert (enabled, tip) == ((True, HELP[action]) if reason is None else (False, reason))


def test_a_started_session_offers_did_not_attend_instead_of_cancel(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx, "reception")
    states = _menu_states(window, _pick(window, "started unresolved").id)
    assert states[Action.CANCEL] == (False, STARTED_USE_DNA)
    assert states[Action.DNA][0] and states[Action.COMPLETE][0]
    assert states[Action.OPEN][0] and states[Action.COPY][0]


def test_reception_sees_undo_greyed_with_who_can_do_it(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx, "reception")
    states = _menu_states(window, _pick(window, "cancelled").id)
    assert states[Action.UNDO] == (False, UNDO_DENIED)
    assert states[Action.DELETE] == (False, DELETE_DENIED)


def test_a_manager_may_undo_a_cancelled_session_but_not_complete_a_future_one(
    qtbot, demo_ctx
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx, "manager")
    cancelled = _menu_states(window, _pick(window, "cancelled").id)
    assert cancelled[Action.UNDO][0]
    assert cancelled[Action.RESCHEDULE][0]  # a cancelled session moves as a new linked one
    future = _menu_states(window, _pick(window, "rostered future").id)
    assert future[Action.COMPLETE] == (False, NOT_STARTED_COMPLETE)
    assert future[Action.CANCEL][0] and future[Action.DELETE][0]
    completed = _menu_states(window, _pick(window, "completed").id)
    assert completed[Action.RESCHEDULE] == (False, COMPLETED_SESSION)
