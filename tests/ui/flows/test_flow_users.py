"""Administration ▸ Users… through the real window: the role offered first is the user's own, and
disabling an account asks first, keeping it active the default."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QPushButton, QTableView, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import User
from app.models.enums import Role
from tests.ui.flows.driver import (
    choose,
    confirm_question,
    dialogs,
    errors,
    field,
    from_menu,
    main_menu_action,
    press,
    press_default,
)
from tests.ui.flows.test_flow_delete import shown_text


def _click_user(table: QTableView, username: str) -> None:
    """Click the user's row, as a person picks them in the list."""
    model = table.model()
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data() == username]
    assert rows, f"no user “{username}” in the list"
    rect = table.visualRect(model.index(rows[0], 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_change_role_offers_the_users_own_role_and_disabling_asks_first(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    seen: dict[str, str] = {}

    def users_dialog(w: Any) -> None:
        table = field(w, "Users", QTableView)
        qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=3000)
        _click_user(table, "manager")
        press(w, "Change role…")  # → the roles; Enter keeps the one offered
        press(w, "Disable / enable")  # → the question; Enter keeps the account
        press(w, "Disable / enable")  # → the question again; this time disable
        press(w, "Close")

    def role(w: Any) -> None:
        assert isinstance(w, QInputDialog)
        seen["role"] = w.textValue()
        press_default(w)

    def keep(w: Any) -> None:
        seen["question"] = shown_text(w)
        press_default(w)

    def disable(w: Any) -> None:
        press(w, "Disable")

    with dialogs(users_dialog, role, keep, disable):
        from_menu(window, "Administration", "Users")
    assert seen["role"] == "Manager", "the user's own role is offered first"
    assert "Disable manager? They can no longer sign in." in seen["question"]
    with OrmSession(demo_ctx.db.engine) as s:
        user = s.scalars(select(User).where(User.username == "manager")).one()
        assert (user.role, user.active) == (Role.MANAGER, False)


def _role_choice(text: str) -> Any:
    """Answer the Change role list by choosing `text` in its list and pressing OK."""

    def answer(w: Any) -> None:
        assert isinstance(w, QInputDialog)
        choose(field_combo(w), text)
        press(w, "OK")

    return answer


def field_combo(w: QWidget) -> QComboBox:
    combos = [c for c in w.findChildren(QComboBox) if c.isVisible()]
    assert len(combos) == 1, combos
    return combos[0]


def _roles(ctx: AppContext) -> dict[str, Role]:
    with OrmSession(ctx.db.engine) as s:
        return {u.username: u.role for u in s.scalars(select(User))}


def test_an_administrator_changing_their_own_role_is_asked_first_and_the_window_follows(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    users_action = main_menu_action(window, "Administration", "Users")
    seen: dict[str, Any] = {}

    def users_dialog(w: Any) -> None:
        table = field(w, "Users", QTableView)
        qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=3000)
        _click_user(table, "manager")
        press(w, "Change role…")  # → Administrator: another's role, not asked
        _click_user(table, "admin")
        press(w, "Change role…")  # → Manager, then the question: Enter keeps
        seen["kept"] = (w.isVisible(), _roles(demo_ctx)["admin"])
        press(w, "Change role…")  # → Manager, then the question: this time change it
        seen["open after"] = w.isVisible()
        if w.isVisible():  # (it closes itself once the role is saved)
            press(w, "Close")

    def keep(w: Any) -> None:
        seen["question"] = shown_text(w)
        default = [b for b in w.findChildren(QPushButton) if b.isDefault()]
        seen["default"] = [b.text().replace("&", "") for b in default]
        press_default(w)

    with dialogs(users_dialog, _role_choice("Administrator"), _role_choice("Manager"), keep,
                 _role_choice("Manager"), confirm_question("Change my role")):  # fmt: skip
        from_menu(window, "Administration", "Users")
    assert "Change your own role to Manager?" in seen["question"]
    assert "lose access to the administrator screens" in seen["question"]
    assert seen["default"] == ["Keep me an administrator"]
    assert seen["kept"] == (True, Role.ADMIN), "Enter kept the role"
    assert _roles(demo_ctx)["admin"] == Role.MANAGER and _roles(demo_ctx)["manager"] == Role.ADMIN
    assert seen["open after"] is False, "the Users screen is an administrator's: it closes"
    assert window.desk.actor.role == Role.MANAGER
    assert not users_action.isEnabled(), "the window follows the new role at once"
    assert window.findChild(QLabel, "userLabel").text() == "admin (Manager)"


def test_the_last_administrator_demoting_themselves_is_refused_without_a_question(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    said: list[str] = []

    def users_dialog(w: Any) -> None:
        table = field(w, "Users", QTableView)
        qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=3000)
        _click_user(table, "admin")
        press(w, "Change role…")  # → Manager: refused, nothing asked (there is nobody else)
        said.extend(errors(w))
        press(w, "Close")

    with dialogs(users_dialog, _role_choice("Manager")):
        from_menu(window, "Administration", "Users")
    assert said == ["This is the last administrator; make someone else an administrator first."]
    assert _roles(demo_ctx)["admin"] == Role.ADMIN
    assert window.desk.actor.role == Role.ADMIN
    assert main_menu_action(window, "Administration", "Users").isEnabled()
