"""The outbox's SMS channel: sends a claimed channel=SMS message through the gateway.

What each gateway answer does to the message (the outbox records it):
- accepted → sent;
- 400 → failed at once, with the gateway's reason (retrying cannot help);
- 401 / 403 / 404 → retried later with a sentence naming Tools ▸ SMS gateway… (a settings
  problem: once fixed, the waiting messages go);
- 429 / 5xx → retried later;
- no answer (the desk offline) → waits: retried without using up its tries, so messages go
  when the desk is back online.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP
from app.services.outbox.dto import Outcome, OutgoingMessage, Result
from app.services.sms.gateway import Failure, GatewayConfig, GatewayError, SmsGateway, open_gateway

NOT_SET_UP = QT_TRANSLATE_NOOP(
    "outbox", "Text messages are not set up; enter the SMS gateway in Tools ▸ SMS gateway…"
)
NO_NUMBER = QT_TRANSLATE_NOOP("outbox", "The client has no mobile number to text.")
NO_TEXT = QT_TRANSLATE_NOOP("outbox", "The message has no text.")


class SmsChannel:
    """Delivers SMS during one sender pass through one gateway client."""

    def __init__(self, config: GatewayConfig | None, gateway: SmsGateway | None = None) -> None:
        self.config = config
        self.gateway = gateway or (open_gateway(config) if config is not None else None)

    def deliver(self, msg: OutgoingMessage) -> Outcome:
        if self.gateway is None:
            return Outcome(Result.ERROR, NOT_SET_UP, offline=True)
        body = str(msg.payload.get("body") or "").strip()
        if not msg.recipient:
            return Outcome(Result.ERROR, NO_NUMBER, permanent=True)
        if not body:
            return Outcome(Result.ERROR, NO_TEXT, permanent=True)
        try:
            self.gateway.send(msg.recipient, body, msg.key)
        except GatewayError as exc:
            return outcome_of(exc)
        return Outcome(Result.SENT)

    def close(self) -> None:
        return None


def outcome_of(exc: GatewayError) -> Outcome:
    """The outbox's outcome for a gateway failure."""
    return Outcome(
        Result.ERROR,
        exc.message,
        permanent=exc.kind == Failure.REFUSED,
        offline=exc.offline,
    )
