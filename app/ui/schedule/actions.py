"""Every action on a session: one QAction each, with shortcut, and greyed with the reason why.

The reason comes from the same checks the services apply (`auth.require`, `lifecycle.why_not`),
so a tooltip and a refusal never disagree.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.errors import PermissionDeniedError
from app.services.auth import Permission, require
from app.services.vocabulary import Action, Actor, SessionFacts, why_not
from app.ui.i18n import QT_TRANSLATE_NOOP, tr

PERMISSION_FOR: dict[Action, Permission] = {
    Action.CANCEL: Permission.CANCEL,
    Action.UNDO: Permission.UNDO_CANCELLATION,
    Action.COMPLETE: Permission.COMPLETE,
    Action.DNA: Permission.MARK_DNA,
    Action.UNDO_DNA: Permission.UNDO_DNA,
    Action.RESCHEDULE: Permission.RESCHEDULE,
    Action.REPLACE_WORKER: Permission.RESCHEDULE,
    Action.DELETE: Permission.DELETE_SESSION,
    Action.TAKE_PAYMENT: Permission.TAKE_PAYMENT,
    Action.NOTE: Permission.WRITE_NOTES,
    Action.BILL_INSURER: Permission.BILL_INSURER,
}

# (action, menu text, shortcut, what it does) in menu order; None separates groups.
# Del cancels (a dialog follows); Ctrl+Del is the rarer, permanent delete; Ctrl+C copies.
SPEC: list[tuple[Action, str, str, str] | None] = [
    (
        Action.OPEN,
        QT_TRANSLATE_NOOP("actions", "&Open"),
        "",
        QT_TRANSLATE_NOOP("actions", "Show this session in the details panel."),
    ),
    (
        Action.COPY,
        QT_TRANSLATE_NOOP("actions", "&Copy details"),
        "Ctrl+C",
        QT_TRANSLATE_NOOP("actions", "Copy the session's time, worker and clients."),
    ),
    None,
    (
        Action.CANCEL,
        QT_TRANSLATE_NOOP("actions", "C&ancel…"),
        "Del",
        QT_TRANSLATE_NOOP("actions", "Cancel this session for one client or for everyone."),
    ),
    (
        Action.UNDO,
        QT_TRANSLATE_NOOP("actions", "&Undo cancellation…"),
        "Ctrl+Shift+Z",
        QT_TRANSLATE_NOOP("actions", "Restore the bookings of a cancellation."),
    ),
    None,
    (
        Action.COMPLETE,
        QT_TRANSLATE_NOOP("actions", "Co&mplete"),
        "Ctrl+Return",
        QT_TRANSLATE_NOOP("actions", "Mark the booked clients as attended."),
    ),
    (
        Action.DNA,
        QT_TRANSLATE_NOOP("actions", "Did no&t attend…"),
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP("actions", "Mark a client as did-not-attend."),
    ),
    (
        Action.UNDO_DNA,
        QT_TRANSLATE_NOOP("actions", "Take &back did not attend…"),
        "",
        QT_TRANSLATE_NOOP(
            "actions", "Put a client marked did-not-attend by mistake back to booked."
        ),
    ),
    None,
    (
        Action.EDIT,
        QT_TRANSLATE_NOOP("actions", "&Edit session…"),
        "Ctrl+E",
        QT_TRANSLATE_NOOP(
            "actions", "Change this session's clients, length, service, location or payments."
        ),
    ),
    (
        Action.RESCHEDULE,
        QT_TRANSLATE_NOOP("actions", "&Reschedule…"),
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("actions", "Move this session to another time."),
    ),
    (
        Action.REPLACE_WORKER,
        QT_TRANSLATE_NOOP("actions", "Replace &worker…"),
        "Ctrl+Shift+W",
        QT_TRANSLATE_NOOP("actions", "Give this session to another worker."),
    ),
    None,
    (
        Action.TAKE_PAYMENT,
        QT_TRANSLATE_NOOP("actions", "Take &payment…"),
        "",
        QT_TRANSLATE_NOOP(
            "actions", "Record a payment from a client of this session (or an adjustment)."
        ),
    ),
    (
        Action.NOTE,
        # "n" is New session's in the Session menu, "t" Did not attend's.
        QT_TRANSLATE_NOOP("actions", "C&linical note…"),
        "",
        QT_TRANSLATE_NOOP("actions", "Write, read or finalize this session's clinical note."),
    ),
    (
        Action.BILL_INSURER,
        QT_TRANSLATE_NOOP("actions", "Mark billed to &insurer…"),
        "",
        QT_TRANSLATE_NOOP(
            "actions",
            "Record that this session was billed to an insurer or funder; it can never be "
            "deleted after.",
        ),
    ),
    None,
    (
        Action.DELETE,
        QT_TRANSLATE_NOOP("actions", "&Delete…"),
        "Ctrl+Del",
        QT_TRANSLATE_NOOP("actions", "Delete a session entered in error, or apply a cancellation."),
    ),
]
NO_SELECTION = QT_TRANSLATE_NOOP("actions", "Select a session first.")


def unavailable_because(
    action: Action, facts: SessionFacts, actor: Actor, now: datetime
) -> str | None:
    """None when `actor` may do `action` now; otherwise the sentence the service would raise."""
    permission = PERMISSION_FOR.get(action)
    if permission is not None:
        try:
            require(actor, permission)
        except PermissionDeniedError as exc:
            return exc.message
    return why_not(action, facts, now)


class SessionActions(QObject):
    """The window's session actions; the context menu, shortcuts and menus share them."""

    triggered = Signal(str)  # an Action value

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.actions: dict[Action, QAction] = {}
        self._help: dict[Action, str] = {}
        for item in SPEC:
            if item is not None:
                self._make(parent, *item)
        self.clear()

    def _make(self, parent: QWidget, action: Action, label: str, keys: str, help_: str) -> None:
        qa = QAction(tr("actions", label), parent)
        qa.setObjectName(f"action_{action.value}")
        if keys:
            qa.setShortcut(QKeySequence(keys))
            qa.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        qa.triggered.connect(lambda _checked=False, a=action: self.triggered.emit(a.value))
        parent.addAction(qa)
        self.actions[action] = qa
        self._help[action] = tr("actions", help_)

    def clear(self) -> None:
        """Nothing selected: every action greyed."""
        for action, qa in self.actions.items():
            self._set(action, qa, tr("actions", NO_SELECTION))

    def update_for(self, facts: SessionFacts, actor: Actor, now: datetime) -> None:
        """Enable what applies to the session; grey the rest with the reason."""
        for action, qa in self.actions.items():
            self._set(action, qa, unavailable_because(action, facts, actor, now))

    def _set(self, action: Action, qa: QAction, reason: str | None) -> None:
        qa.setEnabled(reason is None)
        tip = reason or self._help[action]
        qa.setToolTip(tip)
        qa.setStatusTip(tip)

    def state(self, action: Action) -> tuple[bool, str]:
        """Whether an action is enabled, and its tooltip (for tests and menus)."""
        qa = self.actions[action]
        return qa.isEnabled(), qa.toolTip()

    def menu(self, parent: QWidget, title: str = "") -> QMenu:
        """A menu with every action in order; greyed ones show why in their tooltip."""
        menu = QMenu(title, parent)
        menu.setObjectName("sessionMenu")
        menu.setAccessibleName(tr("actions", "Session actions"))
        menu.setToolTipsVisible(True)
        for item in SPEC:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[item[0]])
        return menu
