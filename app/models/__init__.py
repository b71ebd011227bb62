"""SQLAlchemy mappings and pure domain rules; no Qt, no I/O at import."""

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
from app.models.ops import AuditEvent, BulkCancelItem, BulkCancelJob, OutboxMessage
from app.models.people import (
    Client,
    Location,
    PracticeSettings,
    Service,
    User,
    Worker,
    WorkingHours,
)
from app.models.schedule import (
    Booking,
    Cancellation,
    CancellationLine,
    CancellationReason,
    Series,
    Session,
)
from app.models.waitlist import WaitlistEntry

__all__ = [
    "Adjustment",
    "AuditEvent",
    "Base",
    "Booking",
    "BulkCancelItem",
    "BulkCancelJob",
    "Cancellation",
    "CancellationLine",
    "CancellationReason",
    "Client",
    "ClinicalNote",
    "CreditEntry",
    "ExtractionBatch",
    "InsuranceClaim",
    "Location",
    "OutboxMessage",
    "Payment",
    "PracticeSettings",
    "Series",
    "Service",
    "ServiceDelivered",
    "Session",
    "User",
    "WaitlistEntry",
    "Worker",
    "WorkingHours",
]
