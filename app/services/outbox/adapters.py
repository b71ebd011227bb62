"""Integration adapters with declared capabilities, and the per-pass channels that deliver messages.

`notify.integration_effect` stays the one source of the review page's wording; the capabilities
here say the same thing in a form the sender and the settings page can act on (a test checks
that the two agree for every kind).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Protocol

from app.db import Clock, UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import IntegrationKind, OutboxChannel
from app.services import practice
from app.services.outbox import notify
from app.services.outbox.caldav import CalendarChannel
from app.services.outbox.config import SenderConfig
from app.services.outbox.dto import DeliveryError, Outcome, OutgoingMessage, Result
from app.services.outbox.email import SmtpTransport, build_message
from app.services.outbox.notify import INTEGRATION_TOPICS
from app.services.outbox.webhook import WebhookTransport


@dataclass(frozen=True)
class Capabilities:
    """What an integration can do for the practice."""

    sends_automatically: bool  # the other system is told from the outbox, with retries
    manual_update_required: bool  # a person repeats the change there: a to-do until ticked
    addendum_on_delete: bool  # deleting a session needs a note written in the other system
    can_send_test: bool
    events: frozenset[str]


class Channel(Protocol):
    """Delivers messages during one sender pass; holds that pass's connection."""

    def deliver(self, msg: OutgoingMessage) -> Outcome: ...

    def close(self) -> None: ...


class _Fixed:
    """A channel whose every message ends the same way (skipped, or a manual to-do)."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome

    def deliver(self, msg: OutgoingMessage) -> Outcome:
        return self.outcome

    def close(self) -> None:
        return None


class IntegrationAdapter(ABC):
    """An integration kind: its name, what it can do, and how it delivers."""

    kind: ClassVar[IntegrationKind]
    label: ClassVar[str]
    capabilities: ClassVar[Capabilities]

    @abstractmethod
    def open(self, config: SenderConfig) -> Channel:
        """The channel for one pass."""


class NoIntegration(IntegrationAdapter):
    kind = IntegrationKind.NONE
    label = QT_TRANSLATE_NOOP("settings", "None (standalone)")
    capabilities = Capabilities(False, False, False, False, frozenset())

    def open(self, config: SenderConfig) -> Channel:
        # Messages queued while an integration was on, sent after it was switched off.
        return _Fixed(
            Outcome(
                Result.SKIPPED,
                translate("outbox", "No other system is set up any more; nothing to update."),
            )
        )


class WebhookAdapter(IntegrationAdapter):
    kind = IntegrationKind.WEBHOOK
    label = QT_TRANSLATE_NOOP("settings", "Webhook (signed HTTP POST)")
    capabilities = Capabilities(True, False, True, True, frozenset(INTEGRATION_TOPICS))

    def open(self, config: SenderConfig) -> Channel:
        if config.webhook is None:
            return _Fixed(
                Outcome(
                    Result.ERROR,
                    translate(
                        "outbox",
                        "No webhook address is set; enter it in Tools ▸ Settings ▸ Integration.",
                    ),
                )
            )
        return _WebhookChannel(WebhookTransport(config.webhook, config.practice))


class ManualAdapter(IntegrationAdapter):
    kind = IntegrationKind.MANUAL
    label = QT_TRANSLATE_NOOP("settings", "Manual (a to-do list)")
    capabilities = Capabilities(False, True, True, False, frozenset(INTEGRATION_TOPICS))

    def open(self, config: SenderConfig) -> Channel:
        # The wording of the to-do comes from notify.integration_effect when it is recorded.
        return _Fixed(Outcome(Result.MANUAL))


ADAPTERS: dict[IntegrationKind, IntegrationAdapter] = {
    a.kind: a for a in (NoIntegration(), WebhookAdapter(), ManualAdapter())
}


def adapter_for(kind: IntegrationKind) -> IntegrationAdapter:
    return ADAPTERS[kind]


class _WebhookChannel:
    def __init__(self, transport: WebhookTransport) -> None:
        self.transport = transport

    def deliver(self, msg: OutgoingMessage) -> Outcome:
        try:
            self.transport.send(msg)
        except DeliveryError as exc:
            return Outcome(Result.ERROR, exc.message, exc.permanent)
        return Outcome(Result.SENT)

    def close(self) -> None:
        return None


class EmailChannel:
    """Client email through one SMTP connection per pass."""

    def __init__(self, config: SenderConfig, now: Clock) -> None:
        self.config = config
        self.now = now
        self.transport = SmtpTransport(config.smtp) if config.smtp else None

    def deliver(self, msg: OutgoingMessage) -> Outcome:
        if self.config.smtp is None or self.transport is None:
            return Outcome(
                Result.ERROR,
                translate("outbox", "Email is not set up; enter the mail server in Settings."),
            )
        try:
            email = build_message(
                msg,
                self.config.smtp,
                self.config.practice,
                self.now(),
                with_reason=self.config.reason_in_email,
            )
            self.transport.send(email)
        except DeliveryError as exc:
            return Outcome(Result.ERROR, exc.message, exc.permanent)
        return Outcome(Result.SENT)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


def open_channels(config: SenderConfig, now: Clock) -> dict[OutboxChannel, Channel]:
    """One channel per outbox channel for a pass."""
    from app.services.sms.adapter import SmsChannel  # the SMS package imports the outbox's parts

    return {
        OutboxChannel.EMAIL: EmailChannel(config, now),
        OutboxChannel.INTEGRATION: adapter_for(config.integration_kind).open(config),
        OutboxChannel.CALENDAR: CalendarChannel(config.calendar),
        OutboxChannel.SMS: SmsChannel(config.sms),
    }


def manual_text(uow: UnitOfWork, msg: OutgoingMessage) -> str:
    """The to-do's wording: what to change, naming the session; else the review page's words."""
    settings = practice.settings(uow)
    todo = notify.manual_todo(uow, settings, msg.topic, msg.session_id, msg.payload)
    return todo or notify.integration_effect(settings, msg.topic).text
