"""Durable machinery: bulk-cancel jobs, the outbox, the audit chain."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, str_enum
from app.models.enums import JobItemState, JobStatus, OutboxChannel, OutboxStatus


class BulkCancelJob(Base):
    """A bulk cancellation: a row per job and per session so a crash resumes, never repeats."""

    __tablename__ = "bulk_cancel_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[JobStatus] = mapped_column(str_enum(JobStatus), default=JobStatus.QUEUED)
    reason_id: Mapped[int] = mapped_column(ForeignKey("cancellation_reasons.id"))
    note: Mapped[str] = mapped_column(String(255), default="")
    date_from: Mapped[date | None] = mapped_column()
    date_to: Mapped[date | None] = mapped_column()
    csv_path: Mapped[str] = mapped_column(String(1024), default="")
    total: Mapped[int] = mapped_column(Integer, default=0)
    done_count: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list[BulkCancelItem]] = relationship(
        back_populates="job", cascade="all, delete-orphan", order_by="BulkCancelItem.id"
    )


class BulkCancelItem(Base):
    """One session of a bulk job and how far it got."""

    __tablename__ = "bulk_cancel_items"
    __table_args__ = (
        UniqueConstraint("job_id", "session_id"),
        Index("ix_bulk_cancel_items_session_id_state", "session_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("bulk_cancel_jobs.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    state: Mapped[JobItemState] = mapped_column(
        str_enum(JobItemState), default=JobItemState.PENDING
    )
    cancellation_id: Mapped[int | None] = mapped_column(ForeignKey("cancellations.id"))
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)

    job: Mapped[BulkCancelJob] = relationship(back_populates="items")


class OutboxMessage(Base):
    """A notification or integration message written with the change, sent later, retried."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
        # The outbox view's lists newest first (Sent, Done, Skipped...): the last few hundred of
        # a state without sorting every message ever sent in it.
        Index("ix_outbox_messages_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[OutboxChannel] = mapped_column(str_enum(OutboxChannel))
    topic: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"))
    recipient: Mapped[str] = mapped_column(String(255), default="")
    subject: Mapped[str] = mapped_column(String(255), default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[OutboxStatus] = mapped_column(
        str_enum(OutboxStatus), default=OutboxStatus.PENDING
    )
    status_reason: Mapped[str] = mapped_column(String(255), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The sender's claim: who is sending it and until when. Another desk (or this one after a
    # crash) may take a pending row only once the lease has run out, so it is never sent twice.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """Append-only, hash-chained record of one change: who, what, when, before/after, outcome."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_entity_entity_id", "entity", "entity_id"),
        Index("ix_audit_events_occurred_at", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    session_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(24), default="ok")
    prev_hash: Mapped[str] = mapped_column(String(64))
    # Not indexed: a hash is random, so an index of them takes a scattered page per event, and
    # nothing looks an event up by it; the chain (each event signs the one before) proves it.
    hash: Mapped[str] = mapped_column(String(64))
    # "What changed", derived from before/after when written: not hashed itself, but verify
    # works it out again from the hashed snapshots and reports any event whose text differs.
    changes: Mapped[str | None] = mapped_column(Text)


class AuditMeta(Base):
    """Facts about the audit chain: where signing starts, each signing key's first event.

    Insert-only, like the events (triggers refuse UPDATE and DELETE, app/models/audit_guard.py).
    """

    __tablename__ = "audit_meta"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
