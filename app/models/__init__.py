"""SQLAlchemy mappings and pure domain rules; no Qt, no I/O at import.

The mapped classes load together on first use (`from app.models import Session`), not when
the package is imported: the enums, money and lifecycle rules import without SQLAlchemy, so
the start can paint the first week before the ORM has loaded (app/services/schedule/quick_week.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.models.base import Base
    from app.models.billing import (
        Adjustment,
        ClinicalNote,
        CreditEntry,
        ExtractionBatch,
        InsuranceClaim,
        Payment,
        ServiceDelivered,
    )
    from app.models.messaging import ReminderRule, SmsReply, WaitlistOffer
    from app.models.ops import (
        AuditEvent,
        AuditMeta,
        BulkCancelItem,
        BulkCancelJob,
        OutboxMessage,
    )
    from app.models.people import (
        Client,
        Funder,
        Location,
        PracticeSettings,
        Service,
        User,
        Worker,
        WorkingHours,
    )
    from app.models.schedule import (
        Booking,
        CalendarTombstone,
        Cancellation,
        CancellationLine,
        CancellationReason,
        Series,
        Session,
    )
    from app.models.waitlist import WaitlistEntry

# Each mapped class and the module that defines it.
_HOMES = {
    "Base": "base",
    "Adjustment": "billing",
    "ClinicalNote": "billing",
    "CreditEntry": "billing",
    "ExtractionBatch": "billing",
    "InsuranceClaim": "billing",
    "Payment": "billing",
    "ServiceDelivered": "billing",
    "AuditEvent": "ops",
    "AuditMeta": "ops",
    "BulkCancelItem": "ops",
    "BulkCancelJob": "ops",
    "OutboxMessage": "ops",
    "ReminderRule": "messaging",
    "SmsReply": "messaging",
    "WaitlistOffer": "messaging",
    "Client": "people",
    "Funder": "people",
    "Location": "people",
    "PracticeSettings": "people",
    "Service": "people",
    "User": "people",
    "Worker": "people",
    "WorkingHours": "people",
    "Booking": "schedule",
    "CalendarTombstone": "schedule",
    "Cancellation": "schedule",
    "CancellationLine": "schedule",
    "CancellationReason": "schedule",
    "Series": "schedule",
    "Session": "schedule",
    "WaitlistEntry": "waitlist",
}


def __getattr__(name: str) -> Any:
    """Load every mapped class on the first use of one: the mappings refer to each other."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    load_mappings()
    return globals()[name]


def load_mappings() -> None:
    """Import every mapped class (all of them, so the mappers can be configured)."""
    namespace = globals()
    for name, home in _HOMES.items():
        namespace[name] = getattr(importlib.import_module(f"app.models.{home}"), name)


__all__ = [
    "Adjustment",
    "AuditEvent",
    "AuditMeta",
    "Base",
    "Booking",
    "BulkCancelItem",
    "BulkCancelJob",
    "CalendarTombstone",
    "Cancellation",
    "CancellationLine",
    "CancellationReason",
    "Client",
    "ClinicalNote",
    "CreditEntry",
    "ExtractionBatch",
    "Funder",
    "InsuranceClaim",
    "Location",
    "OutboxMessage",
    "Payment",
    "PracticeSettings",
    "ReminderRule",
    "Series",
    "Service",
    "ServiceDelivered",
    "Session",
    "SmsReply",
    "User",
    "WaitlistEntry",
    "WaitlistOffer",
    "Worker",
    "WorkingHours",
]
