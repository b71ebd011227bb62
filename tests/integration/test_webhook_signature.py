"""Webhooks signed as Standard Webhooks: a receiver verifying per the scheme accepts each delivery,
refuses one replayed after five minutes, and refuses a tampered body, id or timestamp.

Two receivers verify: the Standard Webhooks reference library (written by others, from the
scheme) and the README's own verification function, run as the README prints it.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from standardwebhooks import Webhook, WebhookVerificationError

from app.models import OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.outbox import send_due
from app.services.outbox.webhook import signed_headers, verify, webhook_id
from app.services.sessions.cancel import cancel_booking
from tests.factory import World, local
from tests.integration.outbox_helpers import SECRET, use_webhook

README = Path(__file__).resolve().parents[2] / "README.md"
BODY = b'{"event":"session.cancelled","data":{"session_id":7}}'


def readme_verify() -> Callable[..., bool]:
    """The `verify` the README's webhook section prints, defined exactly as a receiver would."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("Verifying a webhook in the receiving system") :]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None, "the README's webhook section has no Python snippet"
    definitions = block.group(1).split("# in the request handler")[0]
    namespace: dict[str, Any] = {}
    exec(compile(definitions, str(README), "exec"), namespace)  # noqa: S102 - our own README
    return namespace["verify"]  # type: ignore[no-any-return]


def reference_accepts(body: bytes, headers: dict[str, str]) -> bool:
    """The Standard Webhooks library, given the secret as bytes exactly as Settings shows it."""
    try:
        Webhook(SECRET.encode()).verify(body, headers, json_parse=False)
    except WebhookVerificationError:
        return False
    return True


class Receiver:
    """A receiving system: 204 when the reference library verifies the request, else 401."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.requests: list[tuple[dict[str, str], bytes, int]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = 204 if reference_accepts(body, headers) else 401
                if status == 204 and receiver.fail_first:
                    receiver.fail_first -= 1
                    status = 503
                receiver.requests.append((headers, body, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def replay(self, headers: dict[str, str], body: bytes) -> int:
        """Send a captured request again, as an attacker who recorded it would."""
        wanted = {k: v for k, v in headers.items() if k.lower() not in ("host", "content-length")}
        request = urllib.request.Request(self.url, data=body, method="POST", headers=wanted)
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
                return int(answer.status)
        except urllib.error.HTTPError as refused:
            return refused.code

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(fail_first=1)
    yield server
    server.stop()


def test_a_receiver_verifying_per_the_scheme_accepts_each_attempt_with_one_id_across_retries(
    world: World, receiver: Receiver
) -> None:
    use_webhook(world, receiver.url)
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert send_due(world.db).retrying == 1  # verified, then answered 503: retried later
    world.clock.advance(seconds=31)
    assert send_due(world.db).sent == 1
    row = world.read(
        lambda uow: uow.session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel == OutboxChannel.INTEGRATION)
        ).one()
    )
    assert row.status is OutboxStatus.SENT
    assert [status for _h, _b, status in receiver.requests] == [503, 204]
    ids = {headers["webhook-id"] for headers, _b, _s in receiver.requests}
    assert ids == {webhook_id(row.idempotency_key)}  # the same message, however often it is tried
    documented = readme_verify()
    for headers, body, _status in receiver.requests:
        assert documented(body, headers, SECRET) and verify(body, headers, SECRET)


def test_a_request_replayed_after_five_minutes_is_refused(receiver: Receiver) -> None:
    documented = readme_verify()
    sent_at = time.time()
    headers = signed_headers("msg_abc", BODY, SECRET, sent_at)
    assert documented(BODY, headers, SECRET, now=sent_at + 299)
    assert verify(BODY, headers, SECRET, now=sent_at + 299)
    assert not documented(BODY, headers, SECRET, now=sent_at + 301)
    assert not verify(BODY, headers, SECRET, now=sent_at + 301)
    assert not documented(BODY, headers, SECRET, now=sent_at - 301)  # from the future
    # Recorded six minutes ago and sent again now: the live receiver refuses it.
    receiver.fail_first = 0
    old = signed_headers("msg_abc", BODY, SECRET, time.time() - 360)
    assert receiver.replay(old, BODY) == 401
    assert receiver.replay(signed_headers("msg_abc", BODY, SECRET, time.time()), BODY) == 204


def test_a_tampered_body_id_or_timestamp_fails_verification() -> None:
    documented = readme_verify()
    now = time.time()
    headers = signed_headers("msg_abc", BODY, SECRET, now)
    assert documented(BODY, headers, SECRET) and reference_accepts(BODY, headers)
    tampered_body = BODY.replace(b"cancelled", b"completed")
    other_id = {**headers, "webhook-id": "msg_other"}
    # A replay with a fresh timestamp but the old signature: the timestamp is signed too.
    restamped = {**headers, "webhook-timestamp": str(int(now) + 60)}
    for body, hdrs in ((tampered_body, headers), (BODY, other_id), (BODY, restamped)):
        assert not documented(body, hdrs, SECRET)
        assert not verify(body, hdrs, SECRET)
        assert not reference_accepts(body, hdrs)
    assert not documented(BODY, headers, "another-secret-entirely")
    assert not documented(BODY, {k: v for k, v in headers.items() if k != "webhook-id"}, SECRET)


def test_a_whsec_secret_is_decoded_as_the_scheme_says() -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # the scheme's own example form
    headers = signed_headers("msg_abc", BODY, secret, time.time())
    Webhook(secret).verify(BODY, headers, json_parse=False)  # raises if the key differs
    assert verify(BODY, headers, secret)
