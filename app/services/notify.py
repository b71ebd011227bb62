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


def client_message(client: Client, topic: str) -> PlannedMessage:
    """What will happen for this client: an email, or why not."""
    summary = TOPIC_TEXT.get(topic, topic)
    if not client.notify_consent:
        return PlannedMessage(
            "email", client.display_name, summary, False, "no consent to be contacted"
        )
    if not client.email:
        return PlannedMessage(
            "email", client.display_name, summary, False, "no email address on file"
        )
    return PlannedMessage("email", client.email, f"Email {summary} to {client.display_name}", True)


def integration_effect(settings: PracticeSettings, topic: str) -> IntegrationEffect:
    """What the practice's other system gets for `topic`."""
    kind = settings.integration_kind
    if kind is IntegrationKind.NONE or topic not in INTEGRATION_TOPICS:
        return IntegrationEffect("No other system to update.", False, None)
    name = str(settings.integration_config.get("name") or "the practice system")
    if kind is IntegrationKind.WEBHOOK:
        return IntegrationEffect(f"{name} is updated automatically.", False, OutboxStatus.PENDING)
    return IntegrationEffect(
        f"Manual update required: also make this change in {name} yourself; "
        "it stays on the to-do list until you tick it done.",
        True,
        OutboxStatus.MANUAL,
    )


def session_facts(session: Session, tz: ZoneInfo, settings: PracticeSettings) -> dict[str, Any]:
    """The facts a message template needs, in the practice's local time."""
    local = session.starts_at.astimezone(tz)
    return {
        "practice": settings.name,
        "session_id": session.id,
        "service": session.service.name,
        "worker": session.worker.name,
        "starts_local": local.strftime("%A %d %B %Y, %I:%M %p").replace(" 0", " "),
        "starts_utc": session.starts_at.isoformat(),
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
    plan = client_message(client, topic)
    row = OutboxMessage(
        channel=OutboxChannel.EMAIL,
        topic=topic,
        idempotency_key=key,
        session_id=session.id,
        client_id=client.id,
        recipient=client.email or "",
        subject=f"{facts['practice']}: {TOPIC_TEXT.get(topic, topic)}",
        payload={**facts, "client": client.display_name, "first_name": client.first_name},
        status=OutboxStatus.PENDING if plan.will_send else OutboxStatus.SKIPPED,
        status_reason=plan.why_not or "",
        created_at=uow.now(),
        next_attempt_at=uow.now() if plan.will_send else None,
    )
    uow.session.add(row)
    return row


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
    effect = integration_effect(settings, topic)
    if effect.status is None:
        return None
    row = OutboxMessage(
        channel=OutboxChannel.INTEGRATION,
        topic=topic,
        idempotency_key=key,
        session_id=session_id,
        payload=payload,
        status=effect.status,
        status_reason=effect.text if effect.manual_required else "",
        created_at=created_at,
        next_attempt_at=created_at if effect.status is OutboxStatus.PENDING else None,
    )
    uow.session.add(row)
    return row
