"""The SMS gateway: MessageMedia's Messages API v1 (the contract is in docs/sms-gateway.md).

Why MessageMedia: a desk behind a clinic's router has no public address, so it must *fetch*
clients' replies rather than receive them. MessageMedia keeps every reply until the desk
confirms that very reply by its id (`GET /v1/replies`, then `POST /v1/replies/confirmed` with
the ids taken in): a reply is confirmed only after it is stored, and a desk that stops between
the two fetches it again and stores it once (the reply id is unique). ClickSend's pull API marks
inbound messages read in bulk (everything before a date), which can mark a reply read that no
desk has stored yet. MessageMedia is also an Australian carrier-grade gateway with Basic
authentication over HTTPS, which urllib does without another library.

The client here is plain urllib, as the webhook integration is: no transaction is open while it
talks to the gateway. Every failure is a `GatewayError` whose `kind` says what the app does:
`SETTINGS` (401, 403, 404: staff fix Tools ▸ SMS gateway…), `LATER` (429, 5xx, no answer: try
again later; nothing is lost), `REFUSED` (400: this message can never go; the gateway's reason).
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import urlsplit

from app import __version__
from app.i18n import translate

MESSAGEMEDIA = "messagemedia"
GATEWAYS = {MESSAGEMEDIA: "MessageMedia"}
DEFAULT_BASE_URL = "https://api.messagemedia.com"
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_ATTEMPTS = 8
MAX_CONFIRM = 100  # reply ids one confirmation may carry
MAX_PAGES = 50  # pages of replies one fetch takes in (100 each): the rest at the next pass
SETTINGS_PLACE = "Tools ▸ SMS gateway…"


class Failure(StrEnum):
    SETTINGS = "settings"  # the gateway refused who we are or where we asked: fix the settings
    LATER = "later"  # busy, down or unreachable: the same request later will do
    REFUSED = "refused"  # this request can never succeed (the gateway says why)


class GatewayError(Exception):
    """The gateway did not do what was asked; `message` is the sentence staff read."""

    def __init__(self, message: str, kind: Failure, *, offline: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.offline = offline  # no answer at all: the desk (or the gateway) is off the network

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class GatewayConfig:
    """What talking to the gateway takes; the API secret in plain text (never logged)."""

    gateway: str
    username: str  # MessageMedia's API key
    api_key: str  # MessageMedia's API secret
    sender: str = ""  # a number or a name shown to clients; "" lets the gateway choose
    base_url: str = DEFAULT_BASE_URL
    timeout: float = DEFAULT_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    problem: str = ""  # the saved API key cannot be read on this desk: every call says so

    @property
    def name(self) -> str:
        return GATEWAYS.get(self.gateway, self.gateway)

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc or self.base_url


@dataclass(frozen=True)
class InboundReply:
    """A client's text as the gateway returns it."""

    reply_id: str
    from_number: str
    body: str
    received_at: datetime  # the gateway's receive time, UTC
    message_id: str | None = None  # the message it answers, when the gateway knows


class SmsGateway(Protocol):
    """What the app needs of a gateway."""

    config: GatewayConfig

    def send(self, to: str, body: str, key: str) -> str: ...

    def replies(self) -> list[InboundReply]: ...

    def confirm(self, reply_ids: list[str]) -> None: ...


Opener = Callable[..., Any]


class MessageMediaGateway:
    """MessageMedia's Messages API v1 with Basic authentication.

    After the first answer that says "settings" or "offline", the rest of a pass fails fast with
    the same sentence: twenty reminders do not each wait for the same timeout.
    """

    def __init__(self, config: GatewayConfig, opener: Opener = urllib.request.urlopen) -> None:
        self.config = config
        self.opener = opener
        self._down: GatewayError | None = None

    # -- the three calls -------------------------------------------------------------------
    def send(self, to: str, body: str, key: str) -> str:
        """Send one text to `to` (E.164); returns the gateway's message id."""
        message: dict[str, Any] = {
            "content": body,
            "destination_number": to,
            "format": "SMS",
            "delivery_report": False,
            # The outbox key, hashed (metadata values are short): matches a message to its row.
            "metadata": {"frontdesk": hashlib.sha256(key.encode()).hexdigest()[:32]},
        }
        sender = self.config.sender.strip()
        if sender:
            message["source_number"] = sender
            message["source_number_type"] = (
                "INTERNATIONAL" if sender.startswith("+") else "ALPHANUMERIC"
            )
        answer = self._call("POST", "/v1/messages", {"messages": [message]})
        sent = answer.get("messages") if isinstance(answer, dict) else None
        if isinstance(sent, list) and sent and isinstance(sent[0], dict):
            return str(sent[0].get("message_id") or "")
        return ""

    def replies(self) -> list[InboundReply]:
        """The replies not yet confirmed (up to 100, oldest first, as the gateway pages them)."""
        answer = self._call("GET", "/v1/replies", None)
        items = answer.get("replies") if isinstance(answer, dict) else None
        out: list[InboundReply] = []
        for item in items if isinstance(items, list) else []:
            reply = _reply(item)
            if reply is not None:
                out.append(reply)
        return out

    def confirm(self, reply_ids: list[str]) -> None:
        """Tell the gateway these replies are stored: it stops returning them."""
        for start in range(0, len(reply_ids), MAX_CONFIRM):
            chunk = reply_ids[start : start + MAX_CONFIRM]
            self._call("POST", "/v1/replies/confirmed", {"reply_ids": chunk})

    # -- the wire ----------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        token = f"{self.config.username}:{self.config.api_key}".encode()
        return {
            "Authorization": "Basic " + base64.b64encode(token).decode("ascii"),
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": f"FrontDesk/{__version__}",
        }

    def _call(self, method: str, path: str, body: dict[str, Any] | None) -> Any:
        if self._down is not None:
            raise self._down
        if self.config.problem:
            raise GatewayError(self.config.problem, Failure.SETTINGS)
        url = self.config.base_url.rstrip("/") + path
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=self._headers())
        try:
            with self.opener(request, timeout=self.config.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            error = _http_error(self.config, exc)
            if error.kind == Failure.SETTINGS:
                self._down = error
            raise error from exc
        except (urllib.error.URLError, OSError) as exc:
            self._down = _unreachable(self.config, exc)
            raise self._down from exc
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            return {}


def _reply(item: Any) -> InboundReply | None:
    if not isinstance(item, dict) or not item.get("reply_id"):
        return None
    return InboundReply(
        reply_id=str(item["reply_id"]),
        from_number=str(item.get("source_number") or ""),
        body=str(item.get("content") or ""),
        received_at=parse_time(item.get("date_received")),
        message_id=str(item["message_id"]) if item.get("message_id") else None,
    )


def parse_time(value: Any) -> datetime:
    """The gateway's ISO 8601 time ("2026-12-02T09:15:00.000Z") as an aware UTC datetime."""
    text = str(value or "").strip()
    if not text:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def _reason(exc: urllib.error.HTTPError) -> str:
    """The gateway's own words from an error body: `message` and its `details`."""
    try:
        data = json.loads(exc.read() or b"{}")
    except (ValueError, OSError):
        return ""
    if not isinstance(data, dict):
        return ""
    parts = [str(data.get("message") or "").strip()]
    details = data.get("details")
    if isinstance(details, list):
        parts += [str(d).strip() for d in details if str(d).strip()]
    return "; ".join(p for p in parts if p)[:200]


def _http_error(config: GatewayConfig, exc: urllib.error.HTTPError) -> GatewayError:
    code, name = exc.code, config.name
    if code in (401, 403):
        if code == 401:
            said = translate(
                "sms",
                "{name} did not accept the API key (HTTP {code}). Check the API key and API "
                "secret in {place}; the messages wait until then.",
            )
        else:
            said = translate(
                "sms",
                "{name} has not enabled this feature (HTTP {code}). Check the API key and API "
                "secret in {place}; the messages wait until then.",
            )
        return GatewayError(
            said.format(name=name, code=code, place=SETTINGS_PLACE), Failure.SETTINGS
        )
    if code == 404:
        return GatewayError(
            translate(
                "sms",
                "{name} has nothing at {address} (HTTP 404). Check the base address in "
                "{place}; the messages wait until then.",
            ).format(name=name, address=config.base_url, place=SETTINGS_PLACE),
            Failure.SETTINGS,
        )
    if code == 429 or code >= 500:
        if code == 429:
            said = translate("sms", "{name} is busy (HTTP {code}); it will be retried.")
        else:
            said = translate("sms", "{name} had a problem (HTTP {code}); it will be retried.")
        return GatewayError(said.format(name=name, code=code), Failure.LATER)
    reason = _reason(exc) or exc.reason or translate("sms", "no reason given")
    return GatewayError(
        translate("sms", "{name} refused the message: {reason}.").format(name=name, reason=reason),
        Failure.REFUSED,
    )


def _unreachable(config: GatewayConfig, exc: BaseException) -> GatewayError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        said = translate(
            "sms",
            "Offline: {host} did not answer in {timeout:g} s. Text messages wait and go when the "
            "gateway can be reached.",
        )
    else:
        said = translate(
            "sms",
            "Offline: could not reach {host} ({reason}). Text messages wait and go when the "
            "gateway can be reached.",
        )
    return GatewayError(
        said.format(host=config.host, timeout=config.timeout, reason=reason),
        Failure.LATER,
        offline=True,
    )


def open_gateway(config: GatewayConfig, opener: Opener | None = None) -> SmsGateway:
    """The client for the configured gateway (MessageMedia is the one FrontDesk speaks)."""
    return MessageMediaGateway(config, opener or urllib.request.urlopen)
