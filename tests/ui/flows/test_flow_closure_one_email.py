"""A client with several sessions in a bulk cancellation (a closure) gets one e-mail listing them,
not one per session: walked through the real bulk cancellation dialog and the outbox's own
sending pass, against a loopback mail server. A client with one session in it gets the ordinary
closure e-mail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.bootstrap import AppContext
from app.models import OutboxMessage
from app.models.enums import OutboxStatus
from app.services.outbox.templates import render
from tests.integration.outbox_helpers import SmtpSink
from tests.ui.flows.test_flow_bulk_undo import bulk_cancel
from tests.ui.flows.test_flow_outbox import emails_about
from tests.ui.flows.test_flow_series_one_email import (
    _mails_to,
    _send_after_grace,
    _sent_list,
    _statuses,
)

CLOSURE = "closure notice"  # the subject of a bulk cancellation's e-mail


def _closure(ctx: AppContext, window: Any, tmp_path: Path) -> dict[int, list[OutboxMessage]]:
    """Schedule ▸ Bulk cancel: the worker's sessions this week, for a practice closure; each
    client's closure e-mails that will go, in the sessions' time order."""
    ids = bulk_cancel(window, tmp_path / "closure.csv")
    rows = [e for sid in ids for e in emails_about(ctx, sid)
            if e.topic == "bulk_closure" and e.status == OutboxStatus.PENDING]  # fmt: skip
    by_client: dict[int, list[OutboxMessage]] = {}
    for row in sorted(rows, key=lambda r: (r.payload["starts_utc"], r.id)):
        assert row.client_id is not None
        by_client.setdefault(row.client_id, []).append(row)
    return by_client


def test_a_client_with_several_sessions_in_a_closure_gets_one_email_listing_each_date(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    by_client = _closure(demo_ctx, window, tmp_path)
    [several, *_] = [rows for rows in by_client.values() if 2 <= len(rows) <= 3]
    everyone = [r for rows in by_client.values() for r in rows]
    assert {r.status for r in everyone} == {OutboxStatus.PENDING}  # still one row a session
    _send_after_grace(demo_ctx, window, everyone)
    [mail] = _mails_to(sink, several[0].recipient, CLOSURE)
    assert f"is closed at the times of these {len(several)} appointments of yours" in mail
    listed = [line for line in mail.splitlines() if line.startswith("- ")]
    assert len(listed) == len(several)
    for row, line in zip(several, listed, strict=True):  # each date, in time order
        assert line == (f"- {row.payload['starts_local']}: {row.payload['service']} with "
                        f"{row.payload['worker']}"), (line, row.payload)  # fmt: skip
    closures = [m for m in sink.messages if CLOSURE in str(m["Subject"])]
    assert len(closures) == len(by_client)  # one e-mail to each client, however many sessions
    assert set(_statuses(demo_ctx, everyone).values()) == {OutboxStatus.SENT}
    shown = _sent_list(window)
    others = len(several) - 1
    said = f"Sent in one e-mail together with {others} other{'s' if others > 1 else ''}."
    assert {shown[r.id] for r in several} == {said}


def test_a_client_with_one_session_in_a_closure_gets_the_ordinary_closure_email(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    by_client = _closure(demo_ctx, window, tmp_path)
    [notice] = next(rows for rows in by_client.values() if len(rows) == 1)
    _send_after_grace(demo_ctx, window, [notice])
    [mail] = _mails_to(sink, notice.recipient, CLOSURE)
    assert mail == render("bulk_closure", notice.payload, with_reason=True).text
    assert f"the time of your {notice.payload['service']} appointment with" in mail
    assert _statuses(demo_ctx, [notice]) == {notice.id: OutboxStatus.SENT}
    assert _sent_list(window)[notice.id] == ""


def test_a_workers_absence_cancelled_in_bulk_says_the_practitioner_cannot_see_them(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink, tmp_path: Path
) -> None:
    """The worker's week cancelled in bulk for a worker's reason: each client is told their
    practitioner cannot see them — one e-mail listing several sessions — never that the
    practice is closed."""
    window = open_window(demo_ctx, "admin")
    ids = bulk_cancel(window, tmp_path / "unwell.csv", reason="Worker: Worker unwell")
    rows = [e for sid in ids for e in emails_about(demo_ctx, sid)
            if e.status == OutboxStatus.PENDING and e.client_id is not None]  # fmt: skip
    assert rows and {r.topic for r in rows} == {"cancel_worker"}
    by_client: dict[int, list[OutboxMessage]] = {}
    for row in sorted(rows, key=lambda r: (r.payload["starts_utc"], r.id)):
        by_client.setdefault(row.client_id, []).append(row)  # type: ignore[arg-type]
    [several, *_] = [r for r in by_client.values() if len(r) >= 2]
    [one, *_] = [r for r in by_client.values() if len(r) == 1]
    _send_after_grace(demo_ctx, window, rows)
    unavailable = "practitioner unavailable"  # the subject of a worker's cancellation
    [mail] = _mails_to(sink, several[0].recipient, unavailable)
    assert f"your practitioner is unable to see you for these {len(several)} appointments" in mail
    [single] = _mails_to(sink, one[0].recipient, unavailable)
    assert f"{one[0].payload['worker']} is unable to see you for your" in single
    assert not [m for m in sink.messages if "is closed" in str(m)]
    assert not [m for m in sink.messages if CLOSURE in str(m["Subject"])]
