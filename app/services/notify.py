"""Outbox rows for client notifications and integration messages, planned and written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.db import UnitOfWork
from app.models import Client, OutboxMessage, PracticeSettings, Session
from app.models.enums import IntegrationKind, OutboxChannel, OutboxStatus
from app.services.dto import PlannedMessage

TOPIC_TEXT = {
    "cancel": "cancellation notice",
    "cancel_worker": "cancellation notice (practitioner unavailable)",
    "cancel_practice": "cancellation notice (practice closure)",
    "undo": "“your booking is back” notice",
    "dna": "did-not-attend notice",
    "reschedule": "new time notice",
    "bulk_closure": "closure notice",
}

# Operations the other system should hear about.
INTEGRATION_TOPICS = {"cancel", "undo", "delete", "complete", "dna", "reschedule"}


@dataclass(frozen=True)
class IntegrationEffect:
    text: str
    manual_required: bool
    status: OutboxStatus | None  # None: nothing to write


@dataclass(frozen=True)
class Contact:
    """A client as a notice needs them: from a loaded client or from plain rows (bulk jobs)."""

    client_id: int
    name: str
    first_name: str
    email: str | None
    consent: bool

    @classmethod
    def of(cls, client: Client) -> Contact:
        return cls(
            client.id, client.display_name, client.first_name, client.email, client.notify_consent
        )


def client_message(client: Client | Contact, topic: str) -> PlannedMessage:
    """What will happen for this client: an email, or why not."""
    who = client if isinstance(client, Contact) else Contact.of(client)
    summary = TOPIC_TEXT.get(topic, topic)
    if not who.consent:
        return PlannedMessage("email", who.name, summary, False, "no consent to be contacted")
    if not who.email:
        return PlannedMessage("email", who.name, summary, False, "no email address on file")
    return PlannedMessage("email", who.email, f"Email {summary} to {who.name}", True)


def integration_effect(settings: PracticeSettings, topic: str) -> IntegrationEffect:
    """What the practice's other system gets for `topic`."""
    kind = settings.integration_kind
    if kind == IntegrationKind.NONE or topic not in INTEGRATION_TOPICS:
        return IntegrationEffect("No other system to update.", False, None)
    name = str(settings.integration_config.get("name") or "the practice system")
    if kind == IntegrationKind.WEBHOOK:
        return IntegrationEffect(f"{name} is updated automatically.", False, OutboxStatus.PENDING)
    return IntegrationEffect(
        f"Manual update required: also make this change in {name} yourself; "
        "it stays on the to-do list until you tick it done.",
        True,
        OutboxStatus.MANUAL,
    )


def session_facts(session: Session, tz: ZoneInfo, settings: PracticeSettings) -> dict[str, Any]:
    """The facts a message template needs, in the practice's local time."""
    return facts_of(
        session.id, session.starts_at, session.service.name, session.worker.name, tz, settings
    )


def facts_of(
    session_id: int,
    starts_at: datetime,
    service: str,
    worker: str,
    tz: ZoneInfo,
    settings: PracticeSettings,
) -> dict[str, Any]:
    """`session_facts` from plain values."""
    local = starts_at.astimezone(tz)
    return {
        "practice": settings.name,
        "session_id": session_id,
        "service": service,
        "worker": worker,
        "starts_local": local.strftime("%A %d %B %Y, %I:%M %p").replace(" 0", " "),
        "starts_utc": starts_at.isoformat(),
    }


def write_client_message(
    uow: UnitOfWork,
    *,
    key: str,
    topic: str,
    session: Session,
    client: Client,
    facts: dict[str, Any],
) -> OutboxMessage:
    """Queue the email (or record why none goes) in the current transaction."""
    row = OutboxMessage(
        **client_message_values(key, topic, session.id, Contact.of(client), facts, uow.now())
    )
    uow.session.add(row)
    return row


def client_message_values(
    key: str,
    topic: str,
    session_id: int,
    who: Contact,
    facts: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """The outbox row of a client notice, as column values."""
    plan = client_message(who, topic)
    return {
        "channel": OutboxChannel.EMAIL,
        "topic": topic,
        "idempotency_key": key,
        "session_id": session_id,
        "client_id": who.client_id,
        "recipient": who.email or "",
        "subject": f"{facts['practice']}: {TOPIC_TEXT.get(topic, topic)}",
        "payload": {**facts, "client": who.name, "first_name": who.first_name},
        "status": OutboxStatus.PENDING if plan.will_send else OutboxStatus.SKIPPED,
        "status_reason": plan.why_not or "",
        "created_at": now,
        "next_attempt_at": now if plan.will_send else None,
    }


def write_integration_message(
    uow: UnitOfWork,
    settings: PracticeSettings,
    *,
    key: str,
    topic: str,
    session_id: int | None,
    payload: dict[str, Any],
    created_at: datetime,
) -> OutboxMessage | None:
    """Queue the event for the other system, or a manual to-do; nothing when standalone."""
    values = integration_message_values(settings, key, topic, session_id, payload, created_at)
    if values is None:
        return None
    row = OutboxMessage(**values)
    uow.session.add(row)
    return row


def integration_message_values(
    settings: PracticeSettings,
    key: str,
    topic: str,
    session_id: int | None,
    payload: dict[str, Any],
    created_at: datetime,
) -> dict[str, Any] | None:
    """The outbox row for the other system as column values; None when standalone."""
    effect = integration_effect(settings, topic)
    if effect.status is None:
        return None
    return {
        "channel": OutboxChannel.INTEGRATION,
        "topic": topic,
        "idempotency_key": key,
        "session_id": session_id,
        "client_id": None,
        "recipient": "",
        "subject": "",
        "payload": payload,
        "status": effect.status,
        "status_reason": effect.text if effect.manual_required else "",
        "created_at": created_at,
        "next_attempt_at": created_at if effect.status == OutboxStatus.PENDING else None,
    }
