"""The practice's sending settings, read in the claim transaction and used outside it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from app.db import UnitOfWork
from app.models.enums import IntegrationKind, OutboxChannel
from app.services import practice
from app.services.outbox.caldav import CALDAV_PASSWORD, CaldavConfig
from app.services.outbox.email import DEFAULT_MAX_ATTEMPTS, SmtpConfig
from app.services.outbox.webhook import WebhookConfig
from app.services.sms.gateway import GatewayConfig
from app.services.sms.settings import sms_settings
from app.services.storage import secret_box

# Margin on top of the worst-case sending time of a batch before another desk may take it over.
LEASE_MARGIN = timedelta(seconds=60)


@dataclass(frozen=True)
class SenderConfig:
    practice: str
    reason_in_email: bool
    integration_kind: IntegrationKind
    integration_name: str
    smtp: SmtpConfig | None
    webhook: WebhookConfig | None
    calendar: CaldavConfig | None = None  # the live calendar feed, when it is on
    sms: GatewayConfig | None = None  # the SMS gateway, when text messages are set up

    def channels(self) -> tuple[OutboxChannel, ...]:
        """Channels worth claiming now; the others' messages wait, nothing is lost."""
        out: list[OutboxChannel] = []
        if self.smtp is not None:
            out.append(OutboxChannel.EMAIL)
        if self.integration_kind != IntegrationKind.WEBHOOK or self.webhook is not None:
            out.append(OutboxChannel.INTEGRATION)
        if self.calendar is not None:
            out.append(OutboxChannel.CALENDAR)
        if self.sms is not None:
            out.append(OutboxChannel.SMS)
        return tuple(out)

    def max_attempts(self, channel: OutboxChannel) -> int:
        """The configured retry limit of a channel (a module default of 8)."""
        if channel == OutboxChannel.EMAIL and self.smtp is not None:
            return max(1, self.smtp.max_attempts)
        if channel == OutboxChannel.INTEGRATION and self.webhook is not None:
            return max(1, self.webhook.max_attempts)
        if channel == OutboxChannel.CALENDAR and self.calendar is not None:
            return max(1, self.calendar.max_attempts)
        if channel == OutboxChannel.SMS and self.sms is not None:
            return max(1, self.sms.max_attempts)
        return DEFAULT_MAX_ATTEMPTS

    def lease(self, batch: int) -> timedelta:
        """Long enough to send a whole batch one by one, each hitting its timeout."""
        slowest = max(
            self.smtp.timeout if self.smtp else 0.0,
            self.webhook.timeout if self.webhook else 0.0,
            # A calendar message may take three requests (PUT, MKCALENDAR, PUT).
            3 * self.calendar.timeout if self.calendar else 0.0,
            self.sms.timeout if self.sms else 0.0,
        )
        return LEASE_MARGIN + timedelta(seconds=slowest * batch)


def load(uow: UnitOfWork) -> SenderConfig:
    """The practice's settings as the sender needs them."""
    row = practice.settings(uow)
    config = dict(row.integration_config or {})
    smtp_data, smtp_problem = _opened(uow, dict(row.smtp_config or {}), secret_box.SMTP_PASSWORD)
    hook_data, hook_problem = _opened(uow, config, secret_box.WEBHOOK_SECRET)
    feed_data, feed_problem = _opened(uow, dict(row.calendar_feed_config or {}), CALDAV_PASSWORD)
    smtp = SmtpConfig.from_settings(smtp_data)
    feed = CaldavConfig.from_settings(feed_data)
    webhook = WebhookConfig.from_settings(hook_data)
    sms = sms_settings(uow)
    return SenderConfig(
        practice=row.name,
        reason_in_email=row.reason_in_email,
        integration_kind=row.integration_kind,
        integration_name=str(config.get("name") or "the practice system"),
        smtp=replace(smtp, problem=smtp_problem) if smtp and smtp_problem else smtp,
        webhook=replace(webhook, problem=hook_problem) if webhook and hook_problem else webhook,
        calendar=replace(feed, problem=feed_problem) if feed and feed_problem else feed,
        sms=sms.config if sms is not None else None,
    )


def _opened(
    uow: UnitOfWork, data: dict[str, Any], kind: secret_box.SecretKind
) -> tuple[dict[str, Any], str]:
    """The settings with their secret decrypted, or without it and the sentence why."""
    try:
        return {**data, kind.entry: secret_box.reveal(uow, data.get(kind.entry), kind)}, ""
    except secret_box.SecretLostError as exc:  # each send says so; nothing is lost meanwhile
        return {**data, kind.entry: ""}, exc.message
