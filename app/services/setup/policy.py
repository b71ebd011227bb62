"""Who may change which set-up records (enforced here, not only by greyed buttons).

Reception registers clients, keeps the waitlist and books sessions: that is the front desk's
daily work. Workers, services and locations change what the practice charges and who it
rosters, so they need a manager. Cancellation reasons and billing rules (with the billing
profile) decide what every cancellation costs: administrators only. Every role opens these
screens and reads them; the rule decides who may change them.

A rule that gates a screen of its own — one the window greys in its menu and closes when an
administrator takes the rule away at another desk — is a permission (app/services/auth.py), not
a set-up action, so that the menu, the screen and the service ask the same thing: a CSV import
(`Permission.IMPORT`, managers and up); the practice settings with their funders, the reminder
rules and the first-run checklist's choices (`Permission.SETTINGS`, administrators, as with the
other settings).
"""

from __future__ import annotations

from enum import StrEnum

from app.db import Actor
from app.i18n import QT_TRANSLATE_NOOP
from app.models.enums import Role
from app.services.auth import role_refusal


class SetupAction(StrEnum):
    """What a set-up change is, in the words a refusal uses."""

    EDIT_CLIENTS = "add or change clients"
    EDIT_WAITLIST = "change the waitlist"
    BOOK_SESSIONS = "book or change sessions"
    EDIT_STAFF = "change workers, services or locations"
    EDIT_RULES = "change cancellation reasons and billing rules"


_RANK = {Role.RECEPTION: 0, Role.MANAGER: 1, Role.ADMIN: 2}
MINIMUM_ROLE: dict[SetupAction, Role] = {
    SetupAction.EDIT_CLIENTS: Role.RECEPTION,
    SetupAction.EDIT_WAITLIST: Role.RECEPTION,
    SetupAction.BOOK_SESSIONS: Role.RECEPTION,
    SetupAction.EDIT_STAFF: Role.MANAGER,
    SetupAction.EDIT_RULES: Role.ADMIN,
}
# The refusal of each change a role may lack, a whole sentence (in the context of
# app/services/auth.py's, which fills in the role's name); every role may make the others.
REFUSED: dict[SetupAction, str] = {
    SetupAction.EDIT_STAFF: QT_TRANSLATE_NOOP(
        "auth",
        "Your role ({role}) cannot change workers, services or locations. Ask a manager to do it.",
    ),
    SetupAction.EDIT_RULES: QT_TRANSLATE_NOOP(
        "auth",
        "Your role ({role}) cannot change cancellation reasons and billing rules. "
        "Ask an administrator to do it.",
    ),
}


def allowed(actor: Actor, action: SetupAction) -> bool:
    """True when the actor's role may make this kind of change."""
    return _RANK[actor.role] >= _RANK[MINIMUM_ROLE[action]]


def require_setup(actor: Actor, action: SetupAction) -> None:
    """Raise the sentence the user reads when their role may not make this change."""
    if not allowed(actor, action):
        raise role_refusal(actor, REFUSED[action])
