"""Money and records posted against sessions: SDs, payments, adjustments, claims, notes, credits."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, str_enum
from app.models.enums import Funding, LedgerKind, NdisManagement, SdKind

# An NDIS support item number as the Support Catalogue writes it: category, item (3 digits, or 9
# for a few older ones), registration group, outcome domain, support purpose, and an optional
# letter after them (_T, _D).
SUPPORT_ITEM = re.compile(r"\d{2}_(?:\d{3}|\d{9})_\d{4}_\d_\d(?:_[A-Z])?")


def is_support_item(code: str) -> bool:
    """Whether `code` is written as an NDIS support item number (e.g. 15_055_0128_1_3): the NDIS
    claim file leaves out a line filed under any other code (`app.services.reports.extraction`)."""
    return SUPPORT_ITEM.fullmatch(code.strip()) is not None


def invoiced_as(funding: str, managed: str | None) -> str:
    """ "plan" or "self" for an NDIS participant whose plan is managed so: their lines are
    invoiced (to the plan manager, or to them) and never go into the NDIS claim file; "" for
    anyone else (an agency-managed participant's lines are claimed from the NDIA)."""
    if funding != Funding.NDIS or (managed or NdisManagement.AGENCY) == NdisManagement.AGENCY:
        return ""
    return NdisManagement(managed or NdisManagement.AGENCY).value


class ExtractionBatch(Base):
    """One export of SDs for claiming; its SDs carry extracted_at and lock undo/delete."""

    __tablename__ = "extraction_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    period_from: Mapped[datetime] = mapped_column(UTCDateTime())
    period_to: Mapped[datetime] = mapped_column(UTCDateTime())
    sd_count: Mapped[int] = mapped_column(Integer, default=0)
    total_cents: Mapped[int] = mapped_column(Integer, default=0)


class ServiceDelivered(Base):
    """A billable line for a booking: delivered, cancellation charge or no-show charge."""

    __tablename__ = "service_delivered"
    __table_args__ = (Index("ix_service_delivered_extracted_at", "extracted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), index=True)
    kind: Mapped[SdKind] = mapped_column(str_enum(SdKind))
    cancellation_id: Mapped[int | None] = mapped_column(ForeignKey("cancellations.id"), index=True)
    support_item: Mapped[str] = mapped_column(String(40))
    claim_type: Mapped[str] = mapped_column(String(8), default="")
    reason_code: Mapped[str | None] = mapped_column(String(4))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)
    gst_code: Mapped[str] = mapped_column(String(4), default="P2")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    extracted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    extraction_batch_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_batches.id"))
    # A reversing line (negative amount) names the extracted line it takes back (an extracted
    # line is never deleted, so a plain id).
    reverses_id: Mapped[int | None] = mapped_column(Integer)
    # Who pays this line: "" the client's usual payer (the NDIA, the funder, the client);
    # "client" when the client's funder does not pay this kind of fee.
    bill_to: Mapped[str] = mapped_column(String(16), default="", server_default="")


class Payment(Base):
    """Money received against a session."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(24), default="card")
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    posted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(255), default="")
    # The receipt or transaction number, and the day the money was received (practice date).
    reference: Mapped[str] = mapped_column(String(60), default="", server_default="")
    received_on: Mapped[date | None] = mapped_column(Date)


class Adjustment(Base):
    """A write-off, discount or correction posted against a session."""

    __tablename__ = "adjustments"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24), default="write-off")
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    posted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(255), default="")


class InsuranceClaim(Base):
    """A session billed to an insurer; such a session can never be deleted."""

    __tablename__ = "insurance_claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    insurer: Mapped[str] = mapped_column(String(120))
    claim_number: Mapped[str] = mapped_column(String(40))
    amount_cents: Mapped[int] = mapped_column(Integer)
    billed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(24), default="submitted")
    # Who marked it billed (a plain id: schema 0008 adds it in place).
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class ClinicalNote(Base):
    """A note on a session; once finalized, the session can't be deleted."""

    __tablename__ = "clinical_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    finalized: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finalized_by_id: Mapped[int | None] = mapped_column(Integer)


class CreditEntry(Base):
    """One line of a client's credit ledger; the balance is the sum of credits."""

    __tablename__ = "credit_ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bookings.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[LedgerKind] = mapped_column(str_enum(LedgerKind))
    credits: Mapped[int] = mapped_column(Integer, default=0)
    # Money moved with this line: a purchase (positive) or a purchase refund (negative).
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    bulk_job_id: Mapped[int | None] = mapped_column(ForeignKey("bulk_cancel_jobs.id"), index=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("credit_ledger.id"))
    # The cancellation a refund line (or its reversal) gives back for: the report counts a
    # refund under that cancellation's reason and "cancelled by" (schema 0016; an older line
    # the upgrade could not tie to one cancellation keeps None). A session deleted as entered
    # in error takes its cancellations with it; the ledger line stays, as with its booking.
    cancellation_id: Mapped[int | None] = mapped_column(
        ForeignKey("cancellations.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str] = mapped_column(String(255), default="")
    # A pack's credits lapse after this practice date (None: never); how a purchase was paid;
    # who posted the line (plain ids and columns: schema 0008 adds them in place).
    expires_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(24), default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(Integer)

    reverses: Mapped[CreditEntry | None] = relationship(remote_side=[id])
