"""Stored vocabularies: every status and kind the database knows."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    RECEPTION = "reception"
    MANAGER = "manager"
    ADMIN = "admin"


class SessionKind(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"
    CLASS = "class"


class SessionStatus(StrEnum):
    ROSTERED = "rostered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class BookingStatus(StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    DNA = "dna"


class PaidWith(StrEnum):
    INVOICE = "invoice"  # billed after the session (NDIS claim, private invoice)
    PURCHASE = "purchase"  # paid up front; refunded with a refund line
    CREDITS = "credits"  # class credits; refunded onto the balance


class SdKind(StrEnum):
    DELIVERED = "delivered"
    CANCELLATION = "cancellation"
    NO_SHOW = "no_show"


class ServiceUnit(StrEnum):
    HOUR = "hour"
    EACH = "each"


class Funding(StrEnum):
    NDIS = "ndis"
    PRIVATE = "private"
    INSURANCE = "insurance"


class NdisManagement(StrEnum):
    """Who manages an NDIS participant's plan, and so how the practice is paid: the NDIA
    (agency-managed: claimed in the bulk payment file), a plan manager or the participant
    (plan- or self-managed: invoiced, and paid to the practice like a private client's)."""

    AGENCY = "agency"
    PLAN = "plan"
    SELF = "self"


class BillingProfile(StrEnum):
    NDIS = "ndis"
    PRIVATE = "private"


class LedgerKind(StrEnum):
    PURCHASE = "purchase"  # credits or a class bought
    USE = "use"  # credits spent on a booking
    REFUND = "refund"  # credits returned / purchase refunded
    REFUND_REVERSAL = "refund_reversal"
    ADJUSTMENT = "adjustment"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    # Stopped by a person (Stop job… in the Jobs panel) after a batch: what was done stays done,
    # the rest waits for Resume job and never carries on by itself at the next start.
    STOPPED = "stopped"
    DONE = "done"
    FAILED = "failed"
    UNDOING = "undoing"  # restored batch by batch; a crash leaves it here and the undo resumes
    UNDONE = "undone"


class JobItemState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"
    UNDONE = "undone"


class OutboxChannel(StrEnum):
    EMAIL = "email"
    INTEGRATION = "integration"
    CALENDAR = "calendar"  # the live calendar feed (CalDAV)
    SMS = "sms"  # a text to a client through the practice's SMS gateway


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the retry limit
    SKIPPED = "skipped"  # not sent on purpose (no consent, no address); the reason is kept
    MANUAL = "manual"  # a person must do it in the other system
    DONE = "done"  # manual to-do ticked off
    WITHDRAWN = "withdrawn"  # no longer true before it went (undone, re-booked, moved, deleted…)
    EXPIRED = "expired"  # the session had started before the message could go


class IntegrationKind(StrEnum):
    NONE = "none"
    WEBHOOK = "webhook"
    MANUAL = "manual"


class CancelledBy(StrEnum):
    CLIENT = "client"
    WORKER = "worker"
    PRACTICE = "practice"


class ThresholdUnit(StrEnum):
    NONE = "none"
    HOURS = "hours"
    DAYS = "days"
    CLEAR_BUSINESS_DAYS = "clear_business_days"
    NDIS = "ndis"


class ChargeKind(StrEnum):
    NONE = "none"
    PERCENT = "percent"
    FIXED = "fixed"


class ClearDayCounting(StrEnum):
    EXCLUSIVE = "exclusive"
    INCLUDE_NOTICE_DAY = "include_notice_day"
    INCLUDE_SESSION_DAY = "include_session_day"


class NdisReasonCode(StrEnum):
    NSDH = "NSDH"
    NSDF = "NSDF"
    NSDT = "NSDT"
    NSDO = "NSDO"
