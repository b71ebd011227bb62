"""Real servers on loopback for the outbox tests: an SMTP sink (aiosmtpd) and a webhook receiver."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.factory import World


def free_port() -> int:
    """A loopback port nothing listens on (for a server started later, or never)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Collect:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        msg = message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        assert isinstance(msg, EmailMessage)
        self.sink.messages.append(msg)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps every message it accepts."""

    port: int = field(default_factory=free_port)
    messages: list[EmailMessage] = field(default_factory=list)
    login: tuple[str, str] | None = None  # require AUTH with this user and password
    _controller: Controller | None = None

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert self.login is not None
        given = (data.login.decode(), data.password.decode())
        return AuthResult(success=given == self.login, handled=False)  # the server answers 535

    def start(self) -> SmtpSink:
        auth: dict[str, Any] = {}
        if self.login is not None:  # plain AUTH over loopback: tests only
            auth = {
                "authenticator": self._authenticate,
                "auth_required": True,
                "auth_require_tls": False,
            }
        self._controller = Controller(_Collect(self), hostname="127.0.0.1", port=self.port, **auth)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]).strip() for m in self.messages]

    def text(self, index: int = 0) -> str:
        part = self.messages[index].get_body(("plain",))
        assert part is not None
        return str(part.get_content())

    def html(self, index: int = 0) -> str:
        part = self.messages[index].get_body(("html",))
        assert part is not None
        return str(part.get_content())


@dataclass
class Hit:
    headers: Message  # case-insensitive, as HTTP header names are
    body: bytes

    def json(self) -> dict[str, Any]:
        return dict(json.loads(self.body))


class HookServer:
    """A webhook receiver: answers each POST with the next status in `statuses` (then 200)."""

    def __init__(self, statuses: list[int] | None = None, delay: float = 0.0) -> None:
        self.statuses = list(statuses or [])
        self.delay = delay
        self.hits: list[Hit] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                hook.hits.append(Hit(self.headers, body))
                if hook.delay:
                    time.sleep(hook.delay)
                status = hook.statuses.pop(0) if hook.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/frontdesk"

    def start(self) -> HookServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def keys(self) -> set[str]:
        return {h.headers["Idempotency-Key"] for h in self.hits}


def after_grace(world: World) -> None:
    """Move the clock past the practice's wait before client messages go (3 minutes)."""
    world.clock.advance(minutes=3, seconds=1)


def use_smtp(world: World, port: int, **extra: object) -> None:
    """Point the practice's email at a loopback server without encryption (tests only)."""
    world.settings(
        smtp_config={
            "host": "127.0.0.1",
            "port": port,
            "security": "none",
            "from_address": "reception@harbour.example",
            "timeout": 2,
            **extra,
        }
    )


SECRET = "test-secret-0123456789abcdef"


def use_webhook(world: World, url: str, **extra: object) -> None:
    from app.models.enums import IntegrationKind

    world.settings(
        integration_kind=IntegrationKind.WEBHOOK,
        integration_config={
            "name": "PracticeHub",
            "url": url,
            "secret": SECRET,
            "timeout": 2,
            **extra,
        },
    )
