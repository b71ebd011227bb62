"""A local stand-in for the SMS gateway (MessageMedia's Messages API v1), started by the tests.

It follows the contract written down in docs/sms-gateway.md, as far as FrontDesk uses it:

- every request carries `Authorization: Basic base64(<api key>:<api secret>)`; any other → 401
  with `{"message": "Unauthorized"}`;
- `POST /v1/messages` with `{"messages": [{"content", "destination_number", "format": "SMS",
  "source_number"?, "metadata"?}]}` → 202 with the messages echoed back, each given a
  `message_id` and `"status": "queued"`; a destination not in E.164 or empty content → 400 with
  `{"message": ..., "details": [...]}`;
- `GET /v1/replies` → 200 `{"replies": [...]}`: at most `page_size` replies not yet confirmed,
  oldest first (the real gateway returns up to 100); each reply has `reply_id`, `message_id`,
  `source_number`, `destination_number`, `content`, `date_received` (ISO 8601, UTC, "Z") and
  `metadata`;
- `POST /v1/replies/confirmed` with `{"reply_ids": [...]}` → 202 `{}`: those replies are no
  longer returned by `GET /v1/replies`.

A test can queue error answers (`fail_next(status, ...)`) for the next requests, optionally for
one path only, to check 400 / 401 / 403 / 429 / 5xx handling.

Usage::

    with SmsStandIn() as gateway:        # or the `sms_standin` fixture
        gateway.base_url                 # http://127.0.0.1:<free port>
        gateway.add_reply("+61412345678", "C")
        ... the app sends and fetches ...
        gateway.sent                     # what was sent, as the JSON messages
        gateway.confirmed                # reply ids confirmed
"""

from __future__ import annotations

import base64
import json
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

API_KEY = "standin-key"
API_SECRET = "standin-secret"
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


@dataclass
class Recorded:
    """One request the stand-in received."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class _Failure:
    status: int
    body: dict[str, Any]
    path: str | None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Reply:
    reply_id: str
    source_number: str
    content: str
    date_received: datetime
    message_id: str | None = None
    destination_number: str = "+61400000000"

    def as_json(self) -> dict[str, Any]:
        return {
            "reply_id": self.reply_id,
            "message_id": self.message_id,
            "source_number": self.source_number,
            "destination_number": self.destination_number,
            "content": self.content,
            "date_received": self.date_received.astimezone(UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "metadata": {},
            "vendor_account_id": {"vendor_id": "StandIn", "account_id": "FrontDesk"},
        }


class SmsStandIn:
    """The stand-in gateway: an http.server in a thread on a free loopback port."""

    def __init__(
        self, api_key: str = API_KEY, api_secret: str = API_SECRET, *, page_size: int = 100
    ) -> None:
        self.api_key = api_key
        self.api_secret = api_secret
        self.page_size = page_size
        self.requests: list[Recorded] = []
        self.sent: list[dict[str, Any]] = []
        self.replies: list[Reply] = []
        self.confirmed: list[str] = []
        self._failures: list[_Failure] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> SmsStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return None

            def do_GET(self) -> None:
                standin._handle(self, "GET")

            def do_POST(self) -> None:
                standin._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SmsStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "the stand-in is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    # -- what a test arranges ----------------------------------------------------------------
    def add_reply(
        self,
        source_number: str,
        content: str,
        received_at: datetime | None = None,
        *,
        message_id: str | None = None,
        reply_id: str | None = None,
    ) -> str:
        """A client's text waiting at the gateway; returns its reply_id."""
        reply = Reply(
            reply_id=reply_id or str(uuid.uuid4()),
            source_number=source_number,
            content=content,
            date_received=received_at or datetime.now(UTC),
            message_id=message_id,
        )
        with self._lock:
            self.replies.append(reply)
        return reply.reply_id

    def fail_next(
        self,
        status: int,
        message: str = "",
        *,
        times: int = 1,
        path: str | None = None,
        details: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """The next `times` requests (to `path` only, when given) are answered with `status`."""
        body: dict[str, Any] = {"message": message or _REASONS.get(status, "Error")}
        if details is not None:
            body["details"] = details
        with self._lock:
            for _ in range(times):
                self._failures.append(_Failure(status, body, path, dict(headers or {})))

    def unconfirmed(self) -> list[Reply]:
        with self._lock:
            return [r for r in self.replies if r.reply_id not in self.confirmed]

    def requests_to(self, method: str, path: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.method == method and r.path == path]

    # -- serving -----------------------------------------------------------------------------
    def _authorised(self, header: str) -> bool:
        token = base64.b64encode(f"{self.api_key}:{self.api_secret}".encode()).decode("ascii")
        return header == f"Basic {token}"

    def _handle(self, req: BaseHTTPRequestHandler, method: str) -> None:
        path = req.path.split("?", 1)[0]
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", errors="replace")
        with self._lock:
            self.requests.append(Recorded(method, path, dict(req.headers.items()), body))
            failure = next((f for f in self._failures if f.path in (None, path)), None)
            if failure is not None:
                self._failures.remove(failure)
        if failure is not None:
            return _answer(req, failure.status, failure.body, failure.headers)
        if not self._authorised(req.headers.get("Authorization", "")):
            return _answer(req, 401, {"message": "Unauthorized"})
        route = (method, path)
        if route == ("POST", "/v1/messages"):
            return self._send(req, body)
        if route == ("GET", "/v1/replies"):
            return self._replies(req)
        if route == ("POST", "/v1/replies/confirmed"):
            return self._confirm(req, body)
        return _answer(req, 404, {"message": "Not Found"})

    def _send(self, req: BaseHTTPRequestHandler, body: Any) -> None:
        messages = body.get("messages") if isinstance(body, dict) else None
        if not isinstance(messages, list) or not messages:
            return _answer(req, 400, {"message": "Invalid Request", "details": ["messages"]})
        problems: list[str] = []
        for i, m in enumerate(messages):
            if not isinstance(m, dict):
                problems.append(f"messages[{i}]: must be an object")
                continue
            if not E164.match(str(m.get("destination_number") or "")):
                problems.append(
                    f"messages[{i}].destination_number: {m.get('destination_number')!r} "
                    "is not a valid phone number"
                )
            if not str(m.get("content") or "").strip():
                problems.append(f"messages[{i}].content: must not be empty")
        if problems:
            return _answer(req, 400, {"message": "Invalid Request", "details": problems})
        out = []
        with self._lock:
            for m in messages:
                given = {**m, "message_id": str(uuid.uuid4()), "status": "queued"}
                self.sent.append(given)
                out.append(given)
        return _answer(req, 202, {"messages": out})

    def _replies(self, req: BaseHTTPRequestHandler) -> None:
        waiting = sorted(self.unconfirmed(), key=lambda r: r.date_received)
        page = [r.as_json() for r in waiting[: self.page_size]]
        return _answer(req, 200, {"replies": page})

    def _confirm(self, req: BaseHTTPRequestHandler, body: Any) -> None:
        ids = body.get("reply_ids") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or len(ids) > 100:
            return _answer(req, 400, {"message": "Invalid Request", "details": ["reply_ids"]})
        with self._lock:
            for rid in ids:
                if rid not in self.confirmed:
                    self.confirmed.append(str(rid))
        return _answer(req, 202, {})


_REASONS = {
    400: "Invalid Request",
    401: "Unauthorized",
    403: "Disabled feature",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def _answer(
    req: BaseHTTPRequestHandler,
    status: int,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> None:
    data = json.dumps(body).encode("utf-8")
    req.send_response(status)
    req.send_header("Content-Type", "application/json")
    req.send_header("Content-Length", str(len(data)))
    for name, value in (headers or {}).items():
        req.send_header(name, value)
    req.end_headers()
    req.wfile.write(data)


@pytest.fixture
def sms_standin() -> Iterator[SmsStandIn]:
    """A started stand-in gateway (import this fixture into a test module to use it)."""
    with SmsStandIn() as gateway:
        yield gateway
