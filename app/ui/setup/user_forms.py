"""The forms of one account that Administration ▸ Users… opens: a new user, and a new password.

Each asks its screen (app/ui/setup/users_dialog.py) to do the change in the background through
the call it is given, and keeps a refusal on the form; both close when an administrator takes
managing users away from the account. A password is typed twice (the rules live in
`users.check_new_password`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.errors import FrontDeskError
from app.services.auth import Permission
from app.services.vocabulary import Role
from app.ui.i18n import tr
from app.ui.ops import OneCall, Outcome
from app.ui.sessions.common import ErrorLine
from app.ui.setup.common import GuardedDialog, Unsaved, ask_before_leaving

# The roles as the forms and the Users list name them (translated where shown).
ROLE_TEXT = {Role.RECEPTION: "Reception", Role.MANAGER: "Manager", Role.ADMIN: "Administrator"}

Create = Callable[["NewUserDialog", Callable[[FrontDeskError | None], None]], None]
# (password, again, done): sets the password in the background; done(None) or done(refusal).
Reset = Callable[[str, str, Callable[[FrontDeskError | None], None]], None]


def _secret(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class NewUserDialog(GuardedDialog):
    """The fields of a new account; Cancel or Escape after typing some asks before losing them.

    With `create`, OK creates the account in the background and a refusal stays on the form;
    without, OK just closes it (the caller creates the account)."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.MANAGE_USERS

    def __init__(self, parent: QWidget | None = None, create: Create | None = None) -> None:
        super().__init__(parent)
        self.create_account = create
        self.created = False
        self.setWindowTitle(tr("users", "Add user"))
        form = QFormLayout(self)
        self.username, self.full_name = QLineEdit(self), QLineEdit(self)
        self.password, self.again = _secret(self), _secret(self)
        self.role = QComboBox(self)
        for role, text in ROLE_TEXT.items():
            self.role.addItem(tr("users", text), role)
        for label, widget in (
            (tr("users", "User name:"), self.username),
            (tr("users", "Name:"), self.full_name),
            (tr("users", "Role:"), self.role),
            (tr("users", "Password:"), self.password),
            (tr("users", "Password again:"), self.again),
        ):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.error = ErrorLine(self)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.cancel)
        form.addRow(buttons)
        self.unsaved = Unsaved(self.values)
        self.unsaved.mark()

    def save(self) -> None:
        """OK: create the account (in the background); a refusal stays on the form."""
        if self.create_account is None:
            self.accept()
            return
        if not self.ok_button.isEnabled():
            return  # one at a time
        self.ok_button.setEnabled(False)
        self.create_account(self, self._on_created)

    def _on_created(self, refused: FrontDeskError | None) -> None:
        self.ok_button.setEnabled(True)
        if refused is not None:
            self.error.show_message(str(refused))
            return
        self.created = True
        self.accept()

    def values(self) -> tuple[str, str, object, str, str]:
        """What is typed: user name, name, role, and the password twice."""
        return (self.username.text(), self.full_name.text(), self.role.currentData(),
                self.password.text(), self.again.text())  # fmt: skip

    def may_close(self) -> bool:
        """Cancel, Escape or the close button: with something typed, ask Save / Discard / Cancel."""
        if not self.ok_button.isEnabled():
            return False  # the account is being created; its answer closes the form or stays
        return ask_before_leaving(self, tr("users", "the new user"), self.unsaved, self.save)


class ResetPasswordDialog(QDialog):
    """A new password for one account, typed twice. The current one stops working, so this asks
    as a destructive question does: Enter and Escape keep it; only the Reset password button
    resets (in the background), and a refusal (too short, the two differ) stays on the form."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.MANAGE_USERS

    def __init__(self, username: str, reset: Reset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reset_password = reset
        self.was_reset = False
        self.setWindowTitle(tr("users", "Reset password"))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        question = QLabel(tr("users", "Set a new password for {u}? Their current password stops "
                                      "working at once (a lockout is lifted too); tell them the "
                                      "new one.").format(u=username), self)  # fmt: skip
        question.setWordWrap(True)
        question.setObjectName("resetQuestion")
        form.addRow(question)
        self.password, self.again = _secret(self), _secret(self)
        for label, widget in ((tr("users", "New password:"), self.password),
                              (tr("users", "Password again:"), self.again)):  # fmt: skip
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.error = ErrorLine(self)
        form.addRow(self.error)
        buttons = QDialogButtonBox(self)
        self.reset_button = buttons.addButton(tr("users", "&Reset password"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.keep_button = buttons.addButton(tr("users", "&Keep the current password"),
                                             QDialogButtonBox.ButtonRole.RejectRole)  # fmt: skip
        for b in (self.reset_button, self.keep_button):
            b.setAccessibleName(b.text().replace("&", ""))
        self.reset_button.setAutoDefault(False)
        self.keep_button.setDefault(True)  # Enter keeps the password, as Escape does
        buttons.accepted.connect(self._on_reset)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_reset(self) -> None:
        if not self.reset_button.isEnabled():
            return  # one at a time
        self.reset_button.setEnabled(False)
        self.reset_password(self.password.text(), self.again.text(), self._on_done)

    def _on_done(self, refused: FrontDeskError | None) -> None:
        self.reset_button.setEnabled(True)
        if refused is not None:
            self.error.show_message(str(refused))
            return
        self.was_reset = True
        self.accept()


# (current, new, again, reply): changes the signed-in user's password in the background.
ChangeOwn = Callable[[str, str, str, Callable[[Outcome[object]], None]], None]


class ChangePasswordDialog(QDialog):
    """File ▸ Change my password…: the current password, then the new one twice. A refusal
    stays on the form with the field it is about emptied and the cursor in it."""

    def __init__(self, username: str, change: ChangeOwn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.change = change
        self.setWindowTitle(tr("users", "Change my password"))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        intro = QLabel(tr("users", "A new password for {u}. It works from the next sign-in, at "
                                   "every desk.").format(u=username), self)  # fmt: skip
        intro.setWordWrap(True)
        form.addRow(intro)
        self.current, self.password, self.again = _secret(self), _secret(self), _secret(self)
        self.fields = {"current": self.current, "password": self.password, "again": self.again}
        for label, widget in ((tr("users", "Current password:"), self.current),
                              (tr("users", "New password:"), self.password),
                              (tr("users", "Password again:"), self.again)):  # fmt: skip
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.error = ErrorLine(self)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.change_button = self.buttons.addButton(tr("users", "&Change password"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.change_button.setAccessibleName(tr("users", "Change password"))
        self.buttons.accepted.connect(self._on_change)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.call = OneCall(self, self.buttons, self.error.show_message)
        self.current.setFocus()

    def _on_change(self) -> None:
        typed = (self.current.text(), self.password.text(), self.again.text())
        self.call.start(lambda reply: self.change(*typed, reply), self._on_reply)

    def _on_reply(self, outcome: Outcome[object]) -> None:
        if outcome.error is None:
            self.accept()
            return
        self.error.show_message(str(outcome.error))
        name = getattr(outcome.error, "field", None)
        if name in self.fields:  # that one is typed again; a new password twice, both
            cleared = [self.password, self.again] if name != "current" else [self.current]
            for edit in cleared:
                edit.clear()
            cleared[0].setFocus()
