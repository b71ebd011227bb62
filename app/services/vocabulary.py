"""The domain's words the window may use: statuses and kinds, money as text, which actions apply
to a session and why not, and who is acting. Pure: nothing here loads SQLAlchemy, so the first
week can paint with it."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from app.models.enums import BillingProfile as BillingProfile
from app.models.enums import BookingStatus as BookingStatus
from app.models.enums import CancelledBy as CancelledBy
from app.models.enums import ChargeKind as ChargeKind
from app.models.enums import ClearDayCounting as ClearDayCounting
from app.models.enums import Funding as Funding
from app.models.enums import IntegrationKind as IntegrationKind
from app.models.enums import JobStatus as JobStatus
from app.models.enums import LedgerKind as LedgerKind
from app.models.enums import NdisManagement as NdisManagement
from app.models.enums import NdisReasonCode as NdisReasonCode
from app.models.enums import PaidWith as PaidWith
from app.models.enums import Role as Role
from app.models.enums import ServiceUnit as ServiceUnit
from app.models.enums import SessionKind as SessionKind
from app.models.enums import SessionStatus as SessionStatus
from app.models.enums import ThresholdUnit as ThresholdUnit

if TYPE_CHECKING:
    from app.models.actor import SYSTEM_ACTOR as SYSTEM_ACTOR
    from app.models.actor import Actor as Actor
    from app.models.lifecycle import Action as Action
    from app.models.lifecycle import SessionFacts as SessionFacts
    from app.models.lifecycle import why_not as why_not

# Who acts and what applies to a session load when first asked for: the first week paints
# without them (app/ui/start/first_week.py).
_ON_FIRST_USE = {
    "SYSTEM_ACTOR": "app.models.actor",
    "Actor": "app.models.actor",
    "Action": "app.models.lifecycle",
    "SessionFacts": "app.models.lifecycle",
    "why_not": "app.models.lifecycle",
}


def __getattr__(name: str) -> Any:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def format_money(cents: int, symbol: str | None = None) -> str:
    """Cents in the practice's currency, "$1,234.50" (money's module, with decimal and fractions,
    loads on first use)."""
    from app.models.money import format_money as money

    return money(cents, symbol)


def typed_money(cents: int) -> str:
    """An amount as the desk types it, "140.46", whatever the practice's currency shows."""
    from app.models.money import typed_money as typed

    return typed(cents)
