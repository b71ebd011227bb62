"""Signing in: the first-run administrator, the login dialog, and the damaged-database rescue."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import when_text
from app.ui.i18n import tr
from app.ui.lines import ErrorLine, banner

if TYPE_CHECKING:  # the sign-in dialog paints before the database side loads
    from app.db import Actor


class _Form(QDialog):
    """A small form whose OK runs one injected action and shows its refusal in place."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        # Wide enough for its title beside the window's buttons, and for a name to be read.
        chars = self.fontMetrics().averageCharWidth()
        self.setMinimumWidth(max(40 * chars, self.fontMetrics().horizontalAdvance(title) + 160))
        self.form = QFormLayout(self)
        self.error = ErrorLine(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.actor: Actor | None = None

    def field(self, label: str, secret: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(label.rstrip(":"))
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        return edit

    def finish(self, ok_text: str) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)

    def act(self) -> Actor:
        raise NotImplementedError

    def _on_ok(self) -> None:
        from app.errors import FrontDeskError  # loaded by then: OK runs a service

        try:
            self.actor = self.act()
        except FrontDeskError as exc:
            self.error.show_message(str(exc))
            self.adjustSize()  # tall enough for the whole sentence, wrapped
            return
        self.accept()


class LoginDialog(_Form):
    """User name and password; wrong attempts are counted by the service and lock the account.

    Painted before the database side has loaded (app/ui/start/quick_sign_in.py), it has no
    `sign_in` yet: the person can type, and OK pressed meanwhile is kept, said, and acted on
    once the start hands the dialog its check (`take_over`). Cancel or closing it meanwhile is
    kept too (`given_up`): the start then stops instead of showing the dialog again.
    """

    def __init__(
        self,
        practice: str,
        sign_in: Callable[[str, str], Actor] | None,
        parent: QWidget | None = None,
        note: str = "",
    ) -> None:
        super().__init__(tr("login", "Sign in to FrontDesk"), parent)
        self.sign_in = sign_in
        self.kept_ok = False  # OK pressed before there was a check to run
        self.given_up = False
        self.waiting: QLabel | None = None  # says so, once OK is kept
        self.refused_in_capitals = False  # the last refused password's letters were all capitals
        self.form.addRow(QLabel(f"<b>{practice}</b>", self))
        if note:
            self.form.addRow(banner(note, parent=self))
        self.username = self.field(tr("login", "User name:"))
        self.password = self.field(tr("login", "Password:"), secret=True)
        self.finish(tr("login", "&Sign in"))
        self.username.setFocus()

    def _on_ok(self) -> None:
        if self.sign_in is not None:
            super()._on_ok()
            if self.actor is None:  # refused: the next attempt starts with an empty password
                self._capitals_hint()
                self.password.setFocus()
            return
        self.kept_ok = True  # said, not refused: no need to press again
        if self.waiting is None:
            self.waiting = banner(
                tr("login", "One moment: FrontDesk is still opening the practice's data, and "
                            "signs you in as soon as it has."),
                parent=self,
            )  # fmt: skip
            self.form.insertRow(self.form.rowCount() - 1, self.waiting)
        self.waiting.show()
        self.adjustSize()

    def act(self) -> Actor:
        assert self.sign_in is not None  # _on_ok keeps an OK pressed before there is a check
        typed = self.password.text()
        self.refused_in_capitals = False
        try:
            return self.sign_in(self.username.text(), typed)
        except Exception as exc:
            # Letters all in capitals and the password refused: Caps Lock is the likely cause.
            in_capitals = typed.upper() == typed != typed.lower()
            self.refused_in_capitals = in_capitals and getattr(exc, "field", None) == "password"
            raise
        finally:
            self.password.clear()  # signed in or refused, the typed password goes; the name stays

    def _capitals_hint(self) -> None:
        """After the refusal, say that the password went in capitals (Caps Lock on?)."""
        if self.refused_in_capitals and self.error.isVisible():
            hint = tr("login", "The password was typed in capitals: is Caps Lock on?")
            self.error.show_message(f"{self.error.text()} {hint}")
            self.adjustSize()

    def take_over(self, sign_in: Callable[[str, str], Actor]) -> None:
        """The check, once the database side is open; OK pressed before it runs it now."""
        self.sign_in = sign_in
        if self.kept_ok:
            self.kept_ok = False
            QTimer.singleShot(0, self, self._kept)

    def _kept(self) -> None:
        if self.waiting is not None:
            self.waiting.hide()
        if self.isVisible() and self.actor is None:  # not since signed in, cancelled or closed
            self._on_ok()

    def reject(self) -> None:
        self.given_up = True
        super().reject()


class FirstRunDialog(_Form):
    """A new practice: the administrator chooses a user name and password."""

    def __init__(
        self,
        set_up: Callable[[str, str, str], Actor],
        parent: QWidget | None = None,
        *,
        practice: str = "",
        zones: Sequence[str] = (),
        proposed: str | None = None,
    ) -> None:
        """With `zones`, the practice's name and time zone are asked too (`proposed`: this
        computer's, chosen already; None: it could not be read, and the person chooses)."""
        super().__init__(tr("login", "Welcome to FrontDesk"), parent)
        self.set_up = set_up
        self.form.addRow(
            banner(
                tr(
                    "login",
                    "Create the administrator account. The administrator adds the other "
                    "users, sets the practice up, and can run bulk cancellations. Next, a short "
                    "checklist beside the schedule walks you through the rest of the set-up.",
                ),
                parent=self,
            )
        )
        self.full_name = self.field(tr("login", "Your name:"))
        self.username = self.field(tr("login", "User name:"))
        self.username.setText("admin")
        self.password = self.field(tr("login", "Password:"), secret=True)
        self.again = self.field(tr("login", "Password again:"), secret=True)
        self.practice: QLineEdit | None = None
        self.zone: QComboBox | None = None
        if zones:
            self._practice_rows(practice, zones, proposed)
        self.finish(tr("login", "&Create administrator"))

    def _practice_rows(self, practice: str, zones: Sequence[str], proposed: str | None) -> None:
        self.practice = self.field(tr("login", "Practice name:"))
        self.practice.setText(practice)
        zone = QComboBox(self)
        zone.setEditable(True)
        zone.addItems(list(zones))
        completer = QCompleter(zone.model(), zone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        zone.setCompleter(completer)
        zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        zone.setAccessibleName(tr("login", "Time zone"))
        self.form.addRow(tr("login", "Time zone:"), zone)
        self.zone = zone
        if proposed:
            zone.setCurrentText(proposed)
            note = tr("login", "This computer's time zone. The public holidays of its state "
                               "or region count for notice; both can be changed later in "
                               "Practice settings.")  # fmt: skip
        else:
            zone.setCurrentIndex(-1)
            note = tr("login", "This computer's time zone could not be read: choose the "
                               "practice's, e.g. Australia/Melbourne.")  # fmt: skip
        hint = QLabel(note, self)
        hint.setObjectName("zoneNote")
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def practice_choice(self) -> tuple[str, str] | None:
        """(practice name, time zone) as typed and chosen; None when the dialog does not ask."""
        if self.practice is None or self.zone is None:
            return None
        return self.practice.text(), self.zone.currentText()

    def act(self) -> Actor:
        from app.errors import ValidationError  # loaded by then: OK runs a service
        from app.services.users import check_new_password

        try:
            check_new_password(self.password.text(), self.again.text())  # the rules' one home
        except ValidationError:  # the next attempt types both afresh; the rest stays as typed
            self.password.clear()
            self.again.clear()
            self.password.setFocus()
            raise
        return self.set_up(self.username.text(), self.full_name.text(), self.password.text())


class RecoveryDialog(QDialog):
    """The database file is damaged: offer the latest good backup. It comes up over the window
    while the desk may be typing, so Enter quits (nothing changes) and only a click on Restore
    latest backup restores; it says what the backup does not hold."""

    def __init__(
        self,
        problem: str,
        latest: Path | None,
        taken: datetime | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("recovery", "The practice database is damaged"))
        layout = QVBoxLayout(self)
        layout.addWidget(banner(problem, parent=self))
        buttons = QDialogButtonBox(self)
        if latest is not None:
            when = f"{when_text(taken, '%A %d %B %Y at %H:%M')}" if taken else latest.name
            text = tr(
                "recovery",
                "The latest good backup was taken on {when}. Restoring it replaces "
                "the damaged file, which is kept aside for your IT support.",
            ).format(when=when)
            layout.addWidget(banner(text, parent=self))
            lost = tr(
                "recovery",
                "Anything entered after {when} is not in that backup: it stays only in the "
                "damaged file kept aside, for your IT support to recover.",
            ).format(when=when)
            layout.addWidget(banner(lost, parent=self))
            restore = buttons.addButton(
                tr("recovery", "&Restore latest backup"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            restore.setAccessibleName(tr("recovery", "Restore latest backup"))
            restore.setAutoDefault(False)  # a click only: Enter never replaces the practice
        else:
            layout.addWidget(
                QLabel(
                    tr(
                        "recovery",
                        "There is no backup to restore. Call your IT support; do not delete "
                        "the damaged file.",
                    ),
                    self,
                )
            )
        quit_button = buttons.addButton(
            tr("recovery", "&Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        quit_button.setDefault(True)  # the safe answer: the file stays as it is
        self.setMinimumWidth(520)
        self.setMaximumWidth(640)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
