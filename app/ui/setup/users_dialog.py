"""Administration ▸ Users…: add, disable, reset a password, change a role; single-user mode.

The list and every change run in the background (`app/ui/ops.py`); the list reloads when a
change is in, and a refusal shows its sentence under the list. A new password is typed twice
(the rules live in `users.check_new_password`); disabling an account, resetting a password,
changing one's own role and letting the practice open without signing in ask first, keeping
things as they are the default. One's own new role reaches the window (`own_role_changed`).
The forms of one account (a new user, a new password) are in app/ui/setup/user_forms.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.services import users
from app.services.auth import Permission
from app.services.desk import Desk
from app.services.vocabulary import Actor, Role
from app.ui.empty_list import EmptyListHint
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.models.table import Column, DtoTableModel
from app.ui.ops import Ops, ops_for
from app.ui.sessions.common import NOTE_STYLE, ErrorLine, banner
from app.ui.setup.user_forms import ROLE_TEXT, NewUserDialog, ResetPasswordDialog

USER_COLUMNS: list[Column[users.UserRow]] = [
    Column(tr("users", "User name"), lambda u: u.username),
    Column(tr("users", "Name"), lambda u: u.full_name),
    Column(tr("users", "Role"), lambda u: tr("users", ROLE_TEXT[u.role])),
    Column(
        tr("users", "State"),
        lambda u: tr("users", "active") if u.active else tr("users", "disabled"),
    ),
]


class UsersDialog(QDialog):
    """The practice's accounts; every change goes through one audited service call."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.MANAGE_USERS

    own_role_changed = Signal(object)  # the signed-in user, as their new role was saved (Actor)

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, ops: Ops | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.ops = ops or ops_for(desk, parent)
        self.run_dialog: Callable[[QDialog], int] = lambda d: d.exec()
        # A role from a list, the user's own preselected (replaceable in tests, as the others).
        self.ask_choice: Callable[[str, list[str], int], str | None] = self._ask_choice
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.setWindowTitle(tr("users", "Users"))
        layout = QVBoxLayout(self)
        self.model: DtoTableModel[users.UserRow] = DtoTableModel(USER_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("users", "Users"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        empty = tr("users", "No users yet. Use Add… to give each person at the desk their own "
                            "account.")  # fmt: skip
        self.empty_hint = EmptyListHint(self.table, empty)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("add", QT_TRANSLATE_NOOP("users", "&Add…")),
            ("toggle", QT_TRANSLATE_NOOP("users", "&Disable / enable")),
            ("password", QT_TRANSLATE_NOOP("users", "Reset &password…")),
            ("role", QT_TRANSLATE_NOOP("users", "Change &role…")),
        ):
            button = QPushButton(tr("users", text), self)
            button.setAccessibleName(tr("users", text).replace("&", "").rstrip("…"))
            row.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(row)
        self.single = QCheckBox(tr("users", "Single-user desk: open without signing in"), self)
        self.single.setAccessibleName(tr("users", "Single-user mode"))
        layout.addWidget(self.single)
        self.status = banner("", NOTE_STYLE, self)  # what the last change did
        self.status.hide()
        layout.addWidget(self.status)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.buttons["add"].clicked.connect(self.add_user)
        self.buttons["toggle"].clicked.connect(self.toggle_active)
        self.buttons["password"].clicked.connect(self.reset_password)
        self.buttons["role"].clicked.connect(self.change_role)
        self.single.setEnabled(False)  # until the sign-in policy is read
        self.single.toggled.connect(self._on_single)
        self.ops.read(lambda uow: users.sign_in_policy(uow)[0], self._show_single)
        self.refresh()
        self.resize(640, 420)

    def _show_single(self, on: bool) -> None:
        self._set_single(on)
        self.single.setEnabled(True)

    def _set_single(self, on: bool) -> None:
        self.single.blockSignals(True)
        self.single.setChecked(on)
        self.single.blockSignals(False)

    def refresh(self) -> None:
        """Reload the list in the background, keeping the selected user selected."""
        index = self.table.currentIndex()
        keep = self.model.row(index.row()).id if index.isValid() else None
        self.ops.read(
            users.list_users,
            lambda rows: self._show_rows(rows, keep),
            lambda exc: self.error.show_message(str(exc)),  # on the screen, as its changes are
        )

    def _show_rows(self, rows: list[users.UserRow], keep: int | None) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for row, user in enumerate(self.model.rows()):
            if user.id == keep:
                self.table.selectRow(row)

    def _do(
        self,
        fn: Callable[[Any], object],
        refused: Callable[[], None] | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """One change in the background; then the list again (or `then` instead), or the
        refusal's sentence (and `refused`)."""
        self.status.hide()

        def done(_result: object) -> None:
            self.error.clear_message()
            if then is not None:
                then()
                return
            self.refresh()

        def failed(exc: FrontDeskError) -> None:
            self.error.show_message(str(exc))
            if refused is not None:
                refused()

        self.ops.write(fn, done, failed)

    def selected(self) -> users.UserRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.error.show_message(tr("users", "Choose a user in the list first."))
            return None
        return self.model.row(index.row())

    def add_user(self) -> None:
        dialog = NewUserDialog(self, self._create)
        accepted = self.run_dialog(dialog) == QDialog.DialogCode.Accepted
        if dialog.created:
            self.error.clear_message()
            self.refresh()
        elif accepted:  # accepted without creating (OK pressed without a create call)
            self._do(lambda uow: users.create_user(uow, *self._fields(dialog)))

    @staticmethod
    def _fields(dialog: NewUserDialog) -> tuple[str, str, Role, str, str]:
        return (dialog.username.text(), dialog.full_name.text(), Role(dialog.role.currentData()),
                dialog.password.text(), dialog.again.text())  # fmt: skip

    def _create(self, dialog: NewUserDialog, done: Callable[[FrontDeskError | None], None]) -> None:
        fields = self._fields(dialog)
        self.ops.write(lambda uow: users.create_user(uow, *fields), lambda _user: done(None), done)

    def toggle_active(self) -> None:
        """Enable a disabled account; disable an active one once asked (Keep is the default)."""
        user = self.selected()
        if user is None:
            return
        if user.active and self.ask(Destructive(
            tr("users", "Disable user"),
            tr("users", "Disable {u}? They can no longer sign in.").format(u=user.username),
            tr("users", "Disable"),
            tr("users", "Keep {u} active").format(u=user.username),
            (tr("users", "Their records and audit history stay; Disable / enable lets them in again."),),
        )) is None:  # fmt: skip
            return
        self._do(lambda uow: users.set_active(uow, user.id, not user.active))

    def reset_password(self) -> None:
        """Ask for the new password twice; only the dialog's Reset password button sets it."""
        user = self.selected()
        if user is None:
            return
        self.status.hide()

        def reset(password: str, again: str, done: Callable[[FrontDeskError | None], None]) -> None:
            self.ops.write(lambda uow: users.reset_password(uow, user.id, password, again),
                           lambda _row: done(None), done)  # fmt: skip

        dialog = ResetPasswordDialog(user.username, reset, self)
        self.run_dialog(dialog)
        if dialog.was_reset:
            self.error.clear_message()
            self.status.setText(
                tr("users", "The password of {u} was reset.").format(u=user.username)
            )
            self.status.show()
            self.refresh()

    def change_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        names = [tr("users", t) for t in ROLE_TEXT.values()]
        current = list(ROLE_TEXT).index(user.role) if user.role in ROLE_TEXT else 0
        choice = self.ask_choice(tr("users", "Change role"), names, current)
        roles = {tr("users", t): r for r, t in ROLE_TEXT.items()}
        if choice not in roles:
            return
        role = roles[choice]
        if user.id != self.desk.actor.user_id or role == user.role:
            self._do(lambda uow: users.set_role(uow, user.id, role))
            return
        if self._another_admin(user) and self.ask(self._own_role_question(choice)) is None:
            return  # kept (the default); with no other administrator the service refuses anyway
        own = Actor(user.id, user.username, role)
        self._do(lambda uow: users.set_role(uow, user.id, role), then=lambda: self._now_own(own))

    def _another_admin(self, user: users.UserRow) -> bool:
        """Another active administrator in the list (else the service refuses: not asked)."""
        return any(u.role == Role.ADMIN and u.active and u.id != user.id for u in self.model.rows())

    @staticmethod
    def _own_role_question(role: str) -> Destructive:
        """Asked before an administrator's own role changes (Keep is the default)."""
        question = tr("users", "Change your own role to {role}? Once it is saved you lose access "
                               "to the administrator screens (Users, Practice settings, bulk "
                               "cancellation) at once.")  # fmt: skip
        return Destructive(
            tr("users", "Change your own role"),
            question.format(role=role),
            tr("users", "Change my role"),
            tr("users", "Keep me an administrator"),
            (tr("users", "Only another administrator can make you an administrator again."),),
        )

    def _now_own(self, actor: Actor) -> None:
        """The signed-in user's own role is saved: the window follows, and this screen, an
        administrator's, closes."""
        self.own_role_changed.emit(actor)
        self.accept()

    def _ask_choice(self, title: str, names: list[str], current: int) -> str | None:
        item, ok = QInputDialog.getItem(self, title, tr("users", "Role:"), names, current, False)
        return item if ok else None

    def _on_single(self, on: bool) -> None:
        """Ticked: asked first (Keep signing in is the default); then saved for the practice."""
        if on and self.ask(Destructive(
            tr("users", "Open without signing in"),
            tr("users", "Let FrontDesk open without signing in? Whoever starts it, on any desk of "
                        "this practice, works as the administrator, and nobody is signed out "
                        "when idle."),
            tr("users", "Open without signing in"),
            tr("users", "Keep signing in"),
        )) is None:  # fmt: skip
            self._set_single(False)
            return
        self._do(lambda uow: users.set_single_user_mode(uow, on), lambda: self._set_single(not on))
