"""Administration ▸ Users on the demo practice: add, disable, reset, change role; refusals shown in place."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.bootstrap import AppContext
from app.models.enums import Role
from app.services import signin, users
from app.services.desk import Desk, open_desk
from app.ui.ops import Ops
from app.ui.setup.users_dialog import NewUserDialog, ResetPasswordDialog, UsersDialog
from app.ui.tasks import TaskRunner


def _dialog(desk: Desk) -> UsersDialog:
    """The dialog with its background work run inline."""
    return UsersDialog(desk, ops=Ops(desk, TaskRunner(synchronous=True), lambda _c: None))


def _select(dialog: UsersDialog, username: str) -> None:
    for row in range(dialog.model.rowCount()):
        if dialog.model.row(row).username == username:
            dialog.table.selectRow(row)
            return
    raise AssertionError(username)


def test_an_administrator_manages_users_from_the_dialog(qtbot, demo_ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    desk = open_desk(demo_ctx.db, "admin")
    dialog = _dialog(desk)
    qtbot.addWidget(dialog)

    def fill(d: QDialog) -> int:
        if isinstance(d, ResetPasswordDialog):
            d.password.setText("new pass 22")
            d.again.setText("new pass 22")
            d.reset_button.click()
            return d.result()
        assert isinstance(d, NewUserDialog)
        d.username.setText("casual")
        d.full_name.setText("Casual Desk")
        d.password.setText("casual pass 1")
        d.again.setText("casual pass 1")
        return QDialog.DialogCode.Accepted

    dialog.run_dialog = fill
    dialog.buttons["add"].click()
    assert "casual" in [u.username for u in dialog.model.rows()]
    assert signin.sign_in(demo_ctx.db, "casual", "casual pass 1").role is Role.RECEPTION
    _select(dialog, "casual")
    offered: list[int] = []
    dialog.ask_choice = lambda title, names, current: offered.append(current) or "Manager"
    dialog.buttons["role"].click()
    assert offered == [0], "a receptionist's own role is offered first"
    dialog.buttons["password"].click()
    assert signin.sign_in(demo_ctx.db, "casual", "new pass 22").role is Role.MANAGER
    _select(dialog, "casual")
    dialog.ask = lambda question: question.do  # the question answered: disable
    dialog.buttons["toggle"].click()
    assert [u.active for u in dialog.model.rows() if u.username == "casual"] == [False]
    _select(dialog, "admin")
    dialog.buttons["toggle"].click()
    assert dialog.error.text() == "You can't disable your own account; ask another administrator."
    dialog.single.setChecked(True)
    assert desk.read(users.sign_in_policy)[0] is True


def test_a_manager_sees_the_refusal_sentence(qtbot, demo_ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(open_desk(demo_ctx.db, "manager"))
    qtbot.addWidget(dialog)
    dialog.ask = lambda question: question.do  # asked first; the answer: go ahead
    dialog.single.setChecked(True)
    assert (
        dialog.error.text()
        == "Your role (manager) cannot change settings. Ask an administrator to do it."
    )
    assert dialog.single.isChecked() is False
