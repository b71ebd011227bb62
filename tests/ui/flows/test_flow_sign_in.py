"""Sign out and sign in as another role through the real login dialog: the whole window follows."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import AuditEvent, Cancellation, ServiceDelivered, Session
from app.models.lifecycle import Action
from tests.ui.flows.driver import (
    click_session,
    dialogs,
    errors,
    field,
    from_menu,
    main_menu_action,
    press,
    shortcut,
    type_into,
)
from tests.ui.flows.test_flow_users_passwords import _users_dialog


def cancelled_session(ctx: AppContext) -> int:
    """A session with a cancellation that can still be undone (nothing of it extracted)."""
    with OrmSession(ctx.db.engine) as s:
        extracted = select(ServiceDelivered.session_id).where(
            ServiceDelivered.extracted_at.is_not(None)
        )
        found = s.scalar(
            select(Cancellation.session_id)
            .join(Session, Session.id == Cancellation.session_id)
            .where(Cancellation.undone_at.is_(None), Cancellation.session_id.not_in(extracted))
            .where(Session.starts_at > ctx.db.clock())
            .order_by(Session.starts_at)
            .limit(1)
        )
    assert found is not None, "the demo practice has no cancellation to undo"
    return int(found)


def sign_in(qtbot: Any, username: str, password: str) -> Any:
    """A handler for the login dialog: type the user name and password, press Sign in."""

    def answer(dialog: Any) -> None:
        assert dialog.windowTitle() == "Sign in to FrontDesk"
        type_into(qtbot, field(dialog, "User name", QLineEdit), username)
        type_into(qtbot, field(dialog, "Password", QLineEdit), password)
        press(dialog, "Sign in")

    return answer


def test_reception_signs_out_and_the_manager_signs_in_the_whole_window_follows(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = cancelled_session(demo_ctx)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    undo, delete = window.actions_.actions[Action.UNDO], window.actions_.actions[Action.DELETE]
    bulk = main_menu_action(window, "Schedule", "Bulk cancel")
    report = main_menu_action(window, "Reports", "Cancellation report")
    user_label = window.findChild(QLabel, "userLabel")
    assert user_label.text() == "reception (Reception)"
    assert not undo.isEnabled() and "Your role (reception) cannot undo" in undo.toolTip()
    assert not delete.isEnabled() and not report.isEnabled()

    with dialogs(sign_in(qtbot, "manager", "manager")):
        from_menu(window, "File", "Sign out")

    assert window.desk.actor.username == "manager"
    assert undo.isEnabled(), undo.toolTip()
    assert delete.isEnabled(), delete.toolTip()
    assert report.isEnabled()
    assert not bulk.isEnabled() and "Ask an administrator" in bulk.toolTip()
    assert "Your role (manager) cannot bulk cancel" in bulk.toolTip()
    assert user_label.text() == "manager (Manager)"
    assert user_label.isVisible()
    with OrmSession(demo_ctx.db.engine) as s:  # the sign-in itself is on the audit trail
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(5)).all()
        assert any(e.username == "manager" and "sign" in e.action for e in last), [
            (e.username, e.action) for e in last
        ]


def test_a_wrong_password_is_said_in_the_dialog_and_the_desk_stays_signed_out_until_right(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")

    def wrong_then_right(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "User name", QLineEdit), "admin")
        type_into(qtbot, field(dialog, "Password", QLineEdit), "not-the-password")
        press(dialog, "Sign in")
        assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text()
        assert not window.centralWidget().isVisible()  # the practice stays hidden meanwhile
        type_into(qtbot, field(dialog, "Password", QLineEdit), "admin")
        press(dialog, "Sign in")

    with dialogs(wrong_then_right):
        from_menu(window, "File", "Sign out")

    assert window.centralWidget().isVisible()
    assert main_menu_action(window, "Schedule", "Bulk cancel").isEnabled()
    assert main_menu_action(window, "Administration", "Users").isEnabled()
    assert window.findChild(QLabel, "userLabel").text() == "admin (Administrator)"


def test_a_refused_sign_in_clears_the_password_keeps_the_name_and_puts_the_cursor_back(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    seen: dict[str, Any] = {}

    def wrong_then_right(dialog: Any) -> None:
        name, password = field(dialog, "User name", QLineEdit), field(dialog, "Password", QLineEdit)
        type_into(qtbot, name, "admin")
        type_into(qtbot, password, "not-the-password")
        press(dialog, "Sign in")
        qtbot.waitUntil(password.hasFocus, timeout=2000)
        seen["after refusal"] = (dialog.isVisible(), name.text(), password.text())
        qtbot.keyClicks(password, "admin")  # typed straight away: the cursor is there
        press(dialog, "Sign in")

    with dialogs(wrong_then_right):
        from_menu(window, "File", "Sign out")

    assert seen["after refusal"] == (True, "admin", "")
    assert window.desk.actor.username == "admin"


def test_a_shortcut_for_an_action_the_role_may_not_do_says_why_on_the_status_bar(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = cancelled_session(demo_ctx)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    window.statusBar().clearMessage()

    shortcut(qtbot, window, "Ctrl+Del")
    assert window.statusBar().currentMessage() == (
        "Your role (reception) cannot delete session. Ask a manager to do it."
    )
    shortcut(qtbot, window, "Ctrl+Shift+Z")
    assert window.statusBar().currentMessage() == (
        "Your role (reception) cannot undo cancellation. Ask a manager to do it."
    )
    shortcut(qtbot, window, "Del")  # not the role this time: the session's state
    assert window.statusBar().currentMessage() == "No client is still booked in this session."


def test_a_wrong_password_for_a_disabled_account_is_told_what_any_wrong_password_is(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    said: list[list[str]] = []

    def users_dialog(w: Any) -> None:
        _users_dialog(qtbot, w, "reception")
        press(w, "Disable / enable")  # → asked; Disable
        press(w, "Close")

    with dialogs(users_dialog, lambda w: press(w, "Disable")):
        from_menu(window, "Administration", "Users")

    def attempts(dialog: Any) -> None:
        for name, password in (("reception", "a guess"), ("nobody", "a guess"),
                               ("reception", "reception"), ("admin", "admin")):  # fmt: skip
            type_into(qtbot, field(dialog, "User name", QLineEdit), name)
            type_into(qtbot, field(dialog, "Password", QLineEdit), password)
            press(dialog, "Sign in")
            if dialog.isVisible():
                said.append(errors(dialog))

    with dialogs(attempts):
        from_menu(window, "File", "Sign out")
    wrong = ["The user name or password is not right. Check them and try again."]
    assert said == [wrong, wrong, ["This account is disabled. Ask an administrator to enable it."]]
    assert window.desk.actor.username == "admin"
    with OrmSession(demo_ctx.db.engine) as s:  # the guess is on the audit trail
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(4)).all()
        assert ("reception", "failed") in [(e.username, e.outcome) for e in last]


def test_a_password_refused_in_capitals_asks_whether_caps_lock_is_on(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    said: list[list[str]] = []

    def capitals_then_right(dialog: Any) -> None:
        for password in ("ADMIN", "not-admin", "admin"):
            type_into(qtbot, field(dialog, "User name", QLineEdit), "admin")
            type_into(qtbot, field(dialog, "Password", QLineEdit), password)
            press(dialog, "Sign in")
            if dialog.isVisible():
                said.append(errors(dialog))

    with dialogs(capitals_then_right):
        from_menu(window, "File", "Sign out")
    wrong = "The user name or password is not right. Check them and try again."
    assert said == [[f"{wrong} The password was typed in capitals: is Caps Lock on?"], [wrong]]
    assert window.desk.actor.username == "admin"
