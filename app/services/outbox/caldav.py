"""The live calendar feed: each session's event PUT to (or DELETEd from) its worker's CalDAV
calendar, as `calendar` outbox messages.

Plain HTTP through urllib, as the webhook: the feed needs three requests (PUT, DELETE and
MKCALENDAR for a calendar the server does not have yet), which every CalDAV server (Radicale,
Nextcloud, iCloud) answers alike; a CalDAV client library would add a dependency tree
(lxml, requests, …) for the discovery and queries the feed never makes. The practice is the
feed's only writer and its schedule the truth: a plain PUT replaces what the server holds
(no If-Match), so an event someone edited on their phone goes back to the schedule's version.
"""

from __future__ import annotations

import base64
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from app import __version__
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.services.outbox.dto import DeliveryError, Outcome, OutgoingMessage, Result
from app.services.storage.secret_box import SecretKind

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ATTEMPTS = 8
CALDAV_PASSWORD = SecretKind(
    "calendar_feed_config", "password", "calendar password", "Practice → Calendar feed",
    "password",
)  # fmt: skip
PUT, DELETE = "put", "delete"


@dataclass(frozen=True)
class CaldavConfig:
    """Where each worker's calendar is: a base address and a folder per worker."""

    base_url: str
    username: str = ""
    password: str = ""
    # worker id → the calendar's folder under the base, or its whole address ("" = worker-<id>)
    paths: dict[int, str] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    problem: str = ""  # the saved password cannot be read on this desk: each send says so

    @classmethod
    def from_settings(cls, data: dict[str, Any]) -> CaldavConfig | None:
        """The config in `practice_settings.calendar_feed_config`; None when the feed is off."""
        url = str(data.get("base_url") or "").strip()
        if not data.get("enabled") or not url:
            return None
        paths = {int(k): str(v or "").strip() for k, v in dict(data.get("paths") or {}).items()}
        return cls(
            base_url=url,
            username=str(data.get("username") or ""),
            password=str(data.get("password") or ""),
            paths=paths,
            timeout=float(data.get("timeout") or DEFAULT_TIMEOUT),
            max_attempts=int(data.get("max_attempts") or DEFAULT_MAX_ATTEMPTS),
        )

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc or self.base_url

    def collection(self, worker_id: int) -> str:
        """The address of the worker's calendar, ending in "/"."""
        path = self.paths.get(worker_id) or f"worker-{worker_id}"
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        url = urljoin(base, path)
        return url if url.endswith("/") else url + "/"

    def item(self, worker_id: int, name: str) -> str:
        return self.collection(worker_id) + quote(name)


# What the calendar server would not do (translated where the refusal is made).
NOT_MADE = QT_TRANSLATE_NOOP(
    "outbox",
    "The calendar server {host} would not make the calendar {calendar} (HTTP {status}); it will "
    "be retried.",
)
NOT_STORED = QT_TRANSLATE_NOOP(
    "outbox",
    "The calendar server {host} would not store the event (HTTP {status}); it will be retried.",
)
NOT_REMOVED = QT_TRANSLATE_NOOP(
    "outbox",
    "The calendar server {host} would not remove the event (HTTP {status}); it will be retried.",
)


def mkcalendar_body(name: str) -> bytes:
    """A MKCALENDAR request naming the new calendar (RFC 4791 §5.3.1)."""
    safe = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f"<D:set><D:prop><D:displayname>{safe}</D:displayname></D:prop></D:set>"
        "</C:mkcalendar>"
    ).encode()


class CaldavTransport:
    """PUTs and DELETEs events; once the server is unreachable, the rest of the pass fails fast."""

    def __init__(self, config: CaldavConfig) -> None:
        self.config = config
        self._down: DeliveryError | None = None

    def _request(
        self, method: str, url: str, body: bytes | None = None, content_type: str = ""
    ) -> int:
        headers = {"User-Agent": f"FrontDesk/{__version__}"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.config.username:
            pair = f"{self.config.username}:{self.config.password}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:  # noqa: S310
                status: int = response.status
                return status
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except (urllib.error.URLError, OSError) as exc:
            self._down = _unreachable(self.config, exc)
            raise self._down from exc

    def _check(self) -> None:
        if self._down is not None:
            raise self._down
        if self.config.problem:
            raise DeliveryError(self.config.problem)

    def put(self, worker_id: int, name: str, ics: bytes, calendar_name: str) -> None:
        """Store the event; a calendar the server does not have yet is made first."""
        self._check()
        url = self.config.item(worker_id, name)
        status = self._request("PUT", url, ics, "text/calendar; charset=utf-8")
        if status in (404, 409):  # no such calendar yet: make it, then try once more
            made = self._request(
                "MKCALENDAR",
                self.config.collection(worker_id),
                mkcalendar_body(calendar_name),
                "application/xml; charset=utf-8",
            )
            if made not in (200, 201, 405):  # 405: it exists after all
                raise self._refused(made, NOT_MADE, calendar=self.config.collection(worker_id))
            status = self._request("PUT", url, ics, "text/calendar; charset=utf-8")
        if not 200 <= status < 300:
            raise self._refused(status, NOT_STORED)

    def delete(self, worker_id: int, name: str) -> None:
        """Take the event off; one already gone counts as done."""
        self._check()
        status = self._request("DELETE", self.config.item(worker_id, name))
        if not (200 <= status < 300 or status in (404, 410)):
            raise self._refused(status, NOT_REMOVED)

    def _refused(self, status: int, sentence: str, calendar: str = "") -> DeliveryError:
        """`sentence` (one of NOT_MADE, NOT_STORED, NOT_REMOVED) unless the login was refused."""
        if status in (401, 403):
            return DeliveryError(
                translate(
                    "outbox",
                    "The calendar server {host} refused the user name or password "
                    "(HTTP {status}). Check them in Practice → Calendar feed; it will be retried.",
                ).format(host=self.config.host, status=status)
            )
        return DeliveryError(
            translate("outbox", sentence).format(
                host=self.config.host, status=status, calendar=calendar
            )
        )


def _unreachable(config: CaldavConfig, exc: BaseException) -> DeliveryError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        return DeliveryError(
            translate(
                "outbox", "The calendar server {host} did not answer in {timeout:g} s."
            ).format(host=config.host, timeout=config.timeout)
        )
    return DeliveryError(
        translate("outbox", "Could not reach the calendar server {host} ({reason}).").format(
            host=config.host, reason=reason
        )
    )


class CalendarChannel:
    """The outbox channel of `calendar` messages for one sender pass."""

    def __init__(self, config: CaldavConfig | None) -> None:
        self.transport = CaldavTransport(config) if config is not None else None

    def deliver(self, msg: OutgoingMessage) -> Outcome:
        if self.transport is None:
            return Outcome(
                Result.ERROR,
                translate(
                    "outbox", "The calendar feed is off; turn it on in Practice → Calendar feed."
                ),
            )
        p = msg.payload
        try:
            if p.get("action") == DELETE:
                self.transport.delete(int(p["worker_id"]), str(p["href"]))
            else:
                ics = str(p.get("ics") or "").encode("utf-8")
                self.transport.put(
                    int(p["worker_id"]), str(p["href"]), ics, str(p.get("calendar_name") or "")
                )
        except DeliveryError as exc:
            return Outcome(Result.ERROR, exc.message, exc.permanent)
        return Outcome(Result.SENT)

    def close(self) -> None:
        return None


def send_test_event(
    config: CaldavConfig, worker_id: int, worker: str, ics: bytes, now: datetime
) -> str:
    """PUT a test event in the worker's calendar and DELETE it again; the sentence to show."""
    transport = CaldavTransport(config)
    name = f"frontdesk-test-{now:%Y%m%d%H%M%S}.ics"
    transport.put(worker_id, name, ics, worker)
    transport.delete(worker_id, name)
    return translate(
        "outbox",
        "The calendar server {host} took a test event in {worker}'s calendar ({calendar}) and "
        "removed it again.",
    ).format(host=config.host, worker=worker, calendar=config.collection(worker_id))
