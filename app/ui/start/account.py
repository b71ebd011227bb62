"""The window follows an administrator's change to its own account made at another desk.

Every write confirms the account first (app/db.py `confirm_account`); a refused write reaches
`AccountWatch.on_refused` through `Desk.on_account_changed` (app/ui/ops.py). The live poll
notices the same change when the audit trail shows a change to users, so a desk that only
looks at the schedule follows within seconds too. A disabled account is signed out to the
sign-in dialog (what was open closes, and the sign-in dialog names any form whose typing was
not saved); a new role applies to the window at once (menus, actions and the status bar follow
`sign_in_as`), and the open screens the new role may not use (a report, the audit log, a
settings dialog: their `permission_needed`) close with the sentence why. A single-user desk works
as the first active administrator, as it would when started again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.db import Actor
from app.errors import AccountChangedError
from app.services import users
from app.services.auth import Permission, can, no_longer_allowed
from app.services.schedule.changes_since import ChangeFeed
from app.ui import messages
from app.ui.i18n import tr
from app.ui.schedule import changes as changed
from app.ui.schedule.chrome import role_name
from app.ui.setup.common import Unsaved
from app.ui.start.window_base import WindowBase

STATUS_MS = 15_000


class AccountWatch(QObject):
    """Follows this desk's account: signed out when disabled, the new role when changed."""

    def __init__(
        self,
        window: WindowBase,
        sign_out: Callable[[str], object],
        close_dialogs: Callable[[], object],
        single_user: bool = False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.sign_out = sign_out  # the desk lock, with the sentence on the sign-in dialog
        self.close_dialogs = close_dialogs
        self.single_user = single_user
        self.following = False  # a sign-out or a hand-over is under way

    def install(self) -> None:
        """Hear of every write refused because the account changed (`Desk.on_account_changed`)."""
        self.window.desk.on_account_changed = self.on_refused

    # -- a write or a read was refused --------------------------------------------------------

    def on_refused(self, exc: AccountChangedError) -> bool:
        """A write or a read was refused: the window follows at once. True when the window says
        why itself (it signs out, or closes the screen that asked); False when the caller shows
        the refusal (a new role, applied here)."""
        if exc.now is not None and not self.single_user:
            if exc.now == self.window.desk.actor:
                return False
            self.window.sign_in_as(exc.now)
            closed = self.withdraw(exc.now)
            if closed:
                self._tell(closed)
            # A read refused for what the closed screens needed came from one of them: said.
            # Anything else (a write of a screen still open) waits for its answer: the caller's.
            return bool(closed) and exc.message in closed
        self.check(exc.message)
        return True

    # -- the live poll -----------------------------------------------------------------------

    def on_changed_elsewhere(self, news: ChangeFeed) -> None:
        """Another desk's changes: when users changed (or anything may have), read ours again."""
        if "users" in news.changes.topics or changed.unknown(news.changes):
            self.check()

    def check(self, said: str = "") -> None:
        """Read who this desk should act as now, and follow; `said`: the refusal that asked."""
        actor = self.window.desk.actor
        self.window.ops.read(
            lambda uow: users.desk_account(uow, actor),
            partial(self._follow, actor, said),
            lambda _exc: None,  # the database is away: the next poll asks again
        )

    def _follow(self, asked: Actor, said: str, account: users.DeskAccount) -> None:
        self.single_user = account.single_user
        now = account.actor
        if now == asked or self.following or self.window.desk.actor != asked:
            return  # nothing changed, already under way, or someone else signed in meanwhile
        central = self.window.centralWidget()
        if central is not None and central.isHidden():
            return  # the desk is at the sign-in dialog already
        if now is None:
            self._later(lambda: self.sign_out(said or disabled_sentence()))
        elif now.user_id != asked.user_id:  # a single-user desk: its administrator now
            self._later(lambda: self._hand_over(now))
        else:
            self.window.sign_in_as(now)
            self.window.statusBar().showMessage(said or role_sentence(now), STATUS_MS)
            closed = self.withdraw(now)
            if closed:
                self._tell(closed)

    def withdraw(self, now: Actor) -> str:
        """Close the open screens that `now`'s role may not use; what to tell ("" for none)."""
        reasons: list[str] = []
        lost: list[str] = []
        for dialog in open_dialogs():
            needed = getattr(dialog, "permission_needed", None)
            if not isinstance(needed, Permission) or can(now, needed):
                continue
            reason = no_longer_allowed(needed, now)
            if reason not in reasons:
                reasons.append(reason)
            lost += unsaved_titles([dialog])
            dialog.reject()  # closes without asking: nothing is saved in a role it no longer has
        if not reasons:
            return ""
        return " ".join([*reasons, not_saved_sentence(lost)]).strip()

    def _tell(self, text: str) -> None:
        messages.warn(self.window, tr("account", "Account changed"), text)

    def _later(self, step: Callable[[], object]) -> None:
        """Run `step` from the event loop, not inside the call that noticed the change."""
        self.following = True

        def run() -> None:
            try:
                step()
            finally:
                self.following = False

        QTimer.singleShot(0, self, run)

    def _hand_over(self, now: Actor) -> None:
        self.close_dialogs()  # opened as the previous account: nothing is saved in its name
        self.window.sign_in_as(now)
        self.window.reload()
        messages.inform(self.window, tr("account", "Account changed"), hand_over_sentence(now))


def open_dialogs() -> list[QDialog]:
    """The dialogs and screens open on this desk (each is a window of its own)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def unsaved_titles(widgets: list[QDialog]) -> list[str]:
    """The titles of the forms among `widgets` holding typing not yet saved."""
    return [w.windowTitle() for w in widgets if _has_unsaved(w)]


def _has_unsaved(widget: QWidget) -> bool:
    unsaved = getattr(widget, "unsaved", None)
    return isinstance(unsaved, Unsaved) and unsaved.changed()


def not_saved_sentence(titles: list[str]) -> str:
    """Said when forms with typing not yet saved had to close ("" when there were none)."""
    if not titles:
        return ""
    return tr(
        "account", "What you had typed in {windows} could not be saved, so it was not kept."
    ).format(windows=", ".join(f"“{t}”" for t in titles))


def will_be_lost_sentence(titles: list[str]) -> str:
    """Said in the question before a restore, which closes every window, while forms hold
    typing not yet saved ("" when none do)."""
    if not titles:
        return ""
    return tr(
        "account",
        "What you have typed in {windows} is not saved, and restoring closes every window: it "
        "would be lost. To keep it, choose Keep the current practice, then save or close "
        "{windows} first.",
    ).format(windows=", ".join(f"“{t}”" for t in titles))


def disabled_sentence() -> str:
    """On the sign-in dialog, when the poll found this desk's account disabled."""
    return tr(
        "account",
        "An administrator has disabled your account, so you were signed out. Ask an "
        "administrator if you need the account again.",
    )


def role_sentence(now: Actor) -> str:
    """On the status bar, when the poll found this desk's role changed."""
    return tr(
        "account", "An administrator has changed your role to {role}: this desk now works with it."
    ).format(role=role_name(now.role))


def hand_over_sentence(now: Actor) -> str:
    """A single-user desk now works as another administrator."""
    return tr(
        "account",
        "An administrator has changed the account this desk opens as, so it now works as "
        "{user}. Anything you were saving just then was not saved; try it again.",
    ).format(user=now.username)
