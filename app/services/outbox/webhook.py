"""The webhook integration: a signed JSON event POSTed to the practice's other system."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from app import __version__
from app.models.enums import OutboxChannel
from app.services.outbox.dto import DeliveryError, OutgoingMessage

SIGNATURE_HEADER = "X-FrontDesk-Signature"
EVENT_HEADER = "X-FrontDesk-Event"
KEY_HEADER = "Idempotency-Key"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret: str
    timeout: float = DEFAULT_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    problem: str = ""  # the saved secret cannot be read on this desk: each send says so

    @classmethod
    def from_settings(cls, data: dict[str, Any]) -> WebhookConfig | None:
        """The config in `practice_settings.integration_config`, or None without a URL."""
        url = str(data.get("url") or "").strip()
        if not url:
            return None
        return cls(
            url=url,
            secret=str(data.get("secret") or ""),
            timeout=float(data.get("timeout") or DEFAULT_TIMEOUT),
            max_attempts=int(data.get("max_attempts") or DEFAULT_MAX_ATTEMPTS),
        )

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc or self.url


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: `sha256=` and the hex HMAC-SHA256 of the exact body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(body, secret), header)


def event_body(msg: OutgoingMessage, practice: str) -> bytes:
    """The JSON the other system receives; keys sorted so the bytes are stable across retries."""
    event = str(msg.payload.get("event") or f"frontdesk.{msg.topic}")
    document = {
        "event": event,
        "topic": msg.topic,
        "idempotency_key": msg.key,
        "occurred_at": msg.created_at.astimezone(UTC).isoformat(),
        "practice": practice,
        "data": msg.payload,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), default=str).encode()


def _post(config: WebhookConfig, body: bytes, event: str, key: str) -> int:
    request = urllib.request.Request(
        config.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": f"FrontDesk/{__version__}",
            SIGNATURE_HEADER: sign(body, config.secret),
            EVENT_HEADER: event,
            KEY_HEADER: key,
        },
    )
    with urllib.request.urlopen(request, timeout=config.timeout) as response:  # noqa: S310
        status: int = response.status
        return status


class WebhookTransport:
    """POSTs events; once the address is unreachable, the rest of the pass fails fast."""

    def __init__(self, config: WebhookConfig, practice: str) -> None:
        self.config = config
        self.practice = practice
        self._down: DeliveryError | None = None

    def send(self, msg: OutgoingMessage) -> None:
        """2xx is delivered; any other answer, or none in time, raises DeliveryError (retry)."""
        if self._down is not None:
            raise self._down
        if self.config.problem:
            raise DeliveryError(self.config.problem)
        body = event_body(msg, self.practice)
        event = json.loads(body)["event"]
        try:
            status = _post(self.config, body, event, msg.key)
        except urllib.error.HTTPError as exc:
            raise DeliveryError(
                f"{self.config.host} answered HTTP {exc.code} {exc.reason}; it will be retried."
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            self._down = _unreachable(self.config, exc)
            raise self._down from exc
        if not 200 <= status < 300:
            raise DeliveryError(f"{self.config.host} answered HTTP {status}; it will be retried.")


def _unreachable(config: WebhookConfig, exc: BaseException) -> DeliveryError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        return DeliveryError(f"{config.host} did not answer in {config.timeout:g} s.")
    return DeliveryError(f"Could not reach {config.host} ({reason}).")


def send_test_webhook(config: WebhookConfig, practice: str, now: datetime) -> str:
    """POST a `frontdesk.test` event now; returns the sentence to show, raises DeliveryError."""
    msg = OutgoingMessage(
        id=0,
        channel=OutboxChannel.INTEGRATION,
        topic="test",
        key=f"test:{now.isoformat()}",
        recipient="",
        subject="",
        payload={"event": "frontdesk.test", "message": "FrontDesk test event"},
        attempts=0,
        created_at=now,
    )
    WebhookTransport(config, practice).send(msg)
    return f"{config.host} accepted the signed test event."
