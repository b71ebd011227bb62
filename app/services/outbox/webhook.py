"""The webhook integration: a signed JSON event POSTed to the practice's other system.

Signed as Standard Webhooks 1.0 (standardwebhooks.com) does: HMAC-SHA256 over
`<webhook-id>.<webhook-timestamp>.<body>`, sent as `webhook-signature: v1,<base64>`. The id is
the same on every retry of one message; the timestamp is the attempt's, so a receiver can
refuse a request replayed later.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from app import __version__
from app.i18n import translate
from app.models.enums import OutboxChannel
from app.services.outbox.dto import DeliveryError, OutgoingMessage

ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
EVENT_HEADER = "X-FrontDesk-Event"
KEY_HEADER = "Idempotency-Key"
# How far a request's timestamp may be from the receiver's clock (either way): Standard Webhooks'
# five minutes.
TOLERANCE_SECONDS = 5 * 60
SECRET_PREFIX = "whsec_"
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


def webhook_id(key: str) -> str:
    """The message's `webhook-id`: from its idempotency key, so every retry sends the same one.

    The key (not the row number) because row numbers repeat after an older backup is restored;
    hashed because the scheme forbids a `.` in the id and a key may hold one.
    """
    return "msg_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _key(secret: str) -> bytes:
    """The HMAC key: a `whsec_<base64>` secret decoded as the scheme says, any other as its text."""
    if secret.startswith(SECRET_PREFIX):
        try:
            return base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
        except (binascii.Error, ValueError):
            pass
    return secret.encode("utf-8")


def sign(msg_id: str, timestamp: int, body: bytes, secret: str) -> str:
    """The `webhook-signature` value: `v1,` and the base64 HMAC-SHA256 of id.timestamp.body."""
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signed_headers(msg_id: str, body: bytes, secret: str, now: float) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt made at `now` (Unix seconds)."""
    timestamp = int(now)
    return {
        ID_HEADER: msg_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(msg_id, timestamp, body, secret),
    }


def verify(
    body: bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does: the three headers present, the timestamp within `tolerance` of its
    clock (an older request is a replay), and one `v1` signature matching in constant time."""
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id = lower.get(ID_HEADER, "")
    stamp = lower.get(TIMESTAMP_HEADER, "")
    given = lower.get(SIGNATURE_HEADER, "")
    if not (msg_id and stamp.isascii() and stamp.isdigit() and given):
        return False
    clock = time.time() if now is None else now
    if abs(clock - int(stamp)) > tolerance:
        return False
    expected = sign(msg_id, int(stamp), body, secret)
    # The header may carry several signatures (a secret being rotated): any one will do.
    return any(hmac.compare_digest(expected, part) for part in given.split())


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


def _post(config: WebhookConfig, body: bytes, event: str, key: str, now: float) -> int:
    request = urllib.request.Request(
        config.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": f"FrontDesk/{__version__}",
            **signed_headers(webhook_id(key), body, config.secret, now),
            EVENT_HEADER: event,
            KEY_HEADER: key,
        },
    )
    with urllib.request.urlopen(request, timeout=config.timeout) as response:  # noqa: S310
        status: int = response.status
        return status


class WebhookTransport:
    """POSTs events; once the address is unreachable, the rest of the pass fails fast."""

    def __init__(
        self, config: WebhookConfig, practice: str, clock: Callable[[], float] = time.time
    ) -> None:
        self.config = config
        self.practice = practice
        # The signed timestamp is the attempt's on the real clock: the receiver compares it with
        # its own to refuse replays.
        self.clock = clock
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
            status = _post(self.config, body, event, msg.key, self.clock())
        except urllib.error.HTTPError as exc:
            raise DeliveryError(
                translate(
                    "outbox", "{host} answered HTTP {code} {reason}; it will be retried."
                ).format(host=self.config.host, code=exc.code, reason=exc.reason)
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            self._down = _unreachable(self.config, exc)
            raise self._down from exc
        if not 200 <= status < 300:
            raise DeliveryError(
                translate("outbox", "{host} answered HTTP {status}; it will be retried.").format(
                    host=self.config.host, status=status
                )
            )


def _unreachable(config: WebhookConfig, exc: BaseException) -> DeliveryError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        return DeliveryError(
            translate("outbox", "{host} did not answer in {timeout:g} s.").format(
                host=config.host, timeout=config.timeout
            )
        )
    return DeliveryError(
        translate("outbox", "Could not reach {host} ({reason}).").format(
            host=config.host, reason=reason
        )
    )


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
    return translate("outbox", "{host} accepted the signed test event.").format(host=config.host)
