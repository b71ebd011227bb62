"""Administration ▸ Users… through the real window: the role offered first is the user's own, and
disabling an account asks first, keeping it active the default."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QTableView
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import User
from app.models.enums import Role
from tests.ui.flows.driver import dialogs, field, from_menu, press, press_default
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
