"""Who may change which set-up records (enforced here, not only by greyed buttons).

Reception registers clients, keeps the waitlist and books sessions: that is the front desk's
daily work. Workers, services and locations change what the practice charges and who it
rosters, so they need a manager; so does a CSV import, which adds them in bulk: a permission of
its own (`Permission.IMPORT`), which its dialog declares so that it closes when an administrator
takes it away at another desk. Cancellation reasons, billing rules, the billing profile and the
practice settings decide what every cancellation costs: administrators only, as with the other
settings (`Permission.SETTINGS`).
"""

from __future__ import annotations

from enum import StrEnum

from app.db import Actor
from app.errors import PermissionDeniedError
from app.i18n import translate
from app.models.enums import Role


class SetupAction(StrEnum):
    """What a set-up change is, in the words a refusal uses."""

    EDIT_CLIENTS = "add or change clients"
    EDIT_WAITLIST = "change the waitlist"
    BOOK_SESSIONS = "book or change sessions"
    EDIT_STAFF = "change workers, services or locations"
    EDIT_RULES = "change cancellation reasons and billing rules"
    EDIT_SETTINGS = "change the practice settings"


_RANK = {Role.RECEPTION: 0, Role.MANAGER: 1, Role.ADMIN: 2}
MINIMUM_ROLE: dict[SetupAction, Role] = {
    SetupAction.EDIT_CLIENTS: Role.RECEPTION,
    SetupAction.EDIT_WAITLIST: Role.RECEPTION,
    SetupAction.BOOK_SESSIONS: Role.RECEPTION,
    SetupAction.EDIT_STAFF: Role.MANAGER,
    SetupAction.EDIT_RULES: Role.ADMIN,
    SetupAction.EDIT_SETTINGS: Role.ADMIN,
}
_WHO = {Role.MANAGER: "a manager", Role.ADMIN: "an administrator"}


def allowed(actor: Actor, action: SetupAction) -> bool:
    """True when the actor's role may make this kind of change."""
    return _RANK[actor.role] >= _RANK[MINIMUM_ROLE[action]]


def require_setup(actor: Actor, action: SetupAction) -> None:
    """Raise the sentence the user reads when their role may not make this change."""
    if allowed(actor, action):
        return
    who = _WHO.get(MINIMUM_ROLE[action], "another user")
    raise PermissionDeniedError(
        translate("setup", "Your role ({value}) cannot {value2}. Ask {who} to do it.").format(
            value=actor.role.value, value2=action.value, who=who
        )
    )
