"""Menu entries and buttons that only some roles may use, re-evaluated whenever someone signs in.

Each gate asks the service layer's own check (`auth.require`), so a greyed entry's tooltip is
the very sentence the service would refuse with. Nothing is decided once at start:
`apply(actor)` runs at install and again on every `actor_changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.errors import FrontDeskError
from app.services.auth import Permission, require
from app.services.setup.policy import SetupAction, require_setup
from app.services.vocabulary import Actor

# Raises the sentence why not: PermissionDeniedError for a role, or another refusal for what this
# desk cannot do whoever signs in (a practice kept on a server is not restored from a desk).
Check = Callable[[Actor], None]


@dataclass(frozen=True)
class Gate:
    target: QAction | QWidget
    check: Check
    help_text: str  # the tooltip while allowed ("" keeps Qt's default)


class RoleGates(QObject):
    """The role-dependent entries of the window, enabled (or greyed with why) for one actor."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gates: list[Gate] = []

    def add(self, target: QAction | QWidget, check: Check, help_text: str = "") -> None:
        """Enable `target` only for actors `check` lets through."""
        self.gates.append(Gate(target, check, help_text))

    def permission(
        self, target: QAction | QWidget, permission: Permission, help_text: str = ""
    ) -> None:
        """Enable `target` only for roles that carry `permission`."""
        self.add(target, lambda actor: require(actor, permission), help_text)

    def apply(self, actor: Actor) -> None:
        """Enable or grey every gated entry for `actor`, the greyed ones saying why."""
        for gate in self.gates:
            reason = why_not(gate.check, actor)
            gate.target.setEnabled(reason is None)
            gate.target.setToolTip(reason or gate.help_text)
            if isinstance(gate.target, QAction):
                gate.target.setStatusTip(reason or gate.help_text)

    def actions(self) -> list[QAction]:
        """The gated menu actions (their shortcuts explain themselves when greyed)."""
        return [g.target for g in self.gates if isinstance(g.target, QAction)]


def refusal(actor: Actor, what: Permission | SetupAction) -> str:
    """The sentence the service refuses `what` with for `actor` ("Your role (reception) cannot
    … Ask a manager to do it."); "" when they may."""
    if isinstance(what, Permission):
        return why_not(lambda a: require(a, what), actor) or ""
    return why_not(lambda a: require_setup(a, what), actor) or ""


def why_not(check: Check, actor: Actor) -> str | None:
    """None when `check` lets `actor` through; else the sentence it refuses with."""
    try:
        check(actor)
    except FrontDeskError as exc:
        return exc.message
    return None
