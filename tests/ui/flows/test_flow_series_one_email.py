"""A client who cancels a long series gets one e-mail listing the dates, not one per session:
walked through the real cancel dialog and the outbox's own sending pass, against a loopback mail
server. Each session keeps its outbox row (an undo in the grace period withdraws just its own),
and the outbox says the rows went in one e-mail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as Orm

from app.bootstrap import AppContext
from app.models import OutboxMessage, Session
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services.outbox import OutboxFilter
from app.services.outbox.templates import render
from tests.integration.outbox_helpers import SmtpSink
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_context_menu, from_menu, open_tab
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_outbox import emails_about, outbox_view, reachable_session
from tests.ui.flows.test_flow_undo_dna import ALL_OF_SERIES, undo_with


def _reachable_series(ctx: AppContext) -> tuple[list[int], str]:
    """A one-client weekly series for a year from later this week, its client e-mailable:
    the sessions' ids in time order, and the client's address."""
    upcoming = data.year_long_series(ctx)

    def reach(orm: Orm) -> str:
        session = orm.get(Session, upcoming[0])
        assert session is not None
        [booking] = [b for b in session.bookings if b.status == BookingStatus.BOOKED]
        client = booking.client
        client.email = client.email or "series.client@example.org"
        client.notify_consent = True
        orm.commit()
        return str(client.email)

    return upcoming, data.read(ctx, reach)


def _notices(ctx: AppContext, sessions: list[int]) -> list[OutboxMessage]:
    """The cancellation e-mails of the sessions, in the sessions' order."""
    rows = [e for sid in sessions for e in emails_about(ctx, sid) if e.topic == "cancel"]
    assert sorted(r.session_id for r in rows) == sorted(sessions)
    return rows


def _send_after_grace(ctx: AppContext, window: Any, rows: list[OutboxMessage]) -> None:
    """The grace period runs out; the outbox's timer fires until the rows are no longer waiting."""
    ctx.db.clock.advance(minutes=3, seconds=1)  # type: ignore[attr-defined]
    pump = window.installed.outbox.pump
    ids = [r.id for r in rows]
    for _ in range(10):
        pump.timer.timeout.emit()  # one sending pass, as the window's timer runs it
        waiting = data.read(ctx, lambda orm: list(orm.scalars(select(OutboxMessage.id).where(
            OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.PENDING))))  # fmt: skip
        if not waiting:
            return
    raise AssertionError(f"still waiting after ten passes: {waiting}")


def _mails_to(sink: SmtpSink, address: str, about: str = "cancellation notice") -> list[str]:
    """The plain text of every e-mail the server accepted for `address` whose subject says
    `about` (a cancellation notice, unless told)."""
    return [
        str(m.get_body(("plain",)).get_content()).replace("\r\n", "\n")  # type: ignore[union-attr]
        for m in sink.messages
        if address in str(m["To"]) and about in str(m["Subject"])
    ]


def _statuses(ctx: AppContext, rows: list[OutboxMessage]) -> dict[int, OutboxStatus]:
    ids = [r.id for r in rows]
    query = select(OutboxMessage.id, OutboxMessage.status).where(OutboxMessage.id.in_(ids))
    return data.read(ctx, lambda orm: {i: s for i, s in orm.execute(query)})


def _sent_list(window: Any) -> dict[int, str]:
    """Tools ▸ Outbox and alerts, its Sent tab: each row's id and what it says of it."""
    from_menu(window, "Tools", "Outbox and alerts")
    view = outbox_view(window)
    open_tab(view.tabs, "Sent")
    sent = view.lists[OutboxFilter.SENT]
    rows = [sent.model.row(i) for i in range(sent.model.rowCount())]
    return {r.id: r.why for r in rows}


def test_a_client_cancelling_all_upcoming_sessions_of_a_series_gets_one_email_listing_each_date(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink
) -> None:
    upcoming, address = _reachable_series(demo_ctx)
    assert len(upcoming) >= 50  # more than one sending pass takes at once
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Health", scope=ALL_OF_SERIES)):
        from_context_menu(window, upcoming[0], "Cancel…")
    rows = _notices(demo_ctx, upcoming)  # still one row a session
    assert {r.status for r in rows} == {OutboxStatus.PENDING}
    _send_after_grace(demo_ctx, window, rows)
    [mail] = _mails_to(sink, address)
    assert "This confirms that these" in mail and "appointments have been cancelled" in mail
    listed = [line for line in mail.splitlines() if line.startswith("- ")]
    assert len(listed) == len(upcoming)
    for row, line in zip(rows, listed, strict=True):  # each date, in time order
        assert line.startswith(f"- {row.payload['starts_local']}: "), (line, row.payload)
        assert f"{row.payload['service']} with {row.payload['worker']}" in line
    assert set(_statuses(demo_ctx, rows).values()) == {OutboxStatus.SENT}
    shown = _sent_list(window)
    others = len(upcoming) - 1
    assert {shown[r.id] for r in rows} == {f"Sent in one e-mail together with {others} others."}


def test_a_session_undone_in_the_grace_period_is_left_out_of_the_series_email(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink
) -> None:
    upcoming, address = _reachable_series(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health", scope=ALL_OF_SERIES)):
        from_context_menu(window, upcoming[0], "Cancel…")
    rows = _notices(demo_ctx, upcoming)
    demo_ctx.db.clock.advance(minutes=1)  # type: ignore[attr-defined]  # inside the 3 minutes
    back = upcoming[1]
    with dialogs(undo_with(qtbot, "Can come that week after all", only_this=True)):
        from_context_menu(window, back, "Undo cancellation…")
    assert set(data.booking_statuses(demo_ctx, back).values()) == {BookingStatus.BOOKED}
    [undone] = [r for r in rows if r.session_id == back]
    rest = [r for r in rows if r.session_id != back]
    _send_after_grace(demo_ctx, window, rest)
    [mail] = _mails_to(sink, address)
    listed = [line for line in mail.splitlines() if line.startswith("- ")]
    assert len(listed) == len(rest)
    assert not any(undone.payload["starts_local"] in line for line in listed)
    for row in rest:
        assert any(line.startswith(f"- {row.payload['starts_local']}: ") for line in listed)
    statuses = _statuses(demo_ctx, rows)
    assert statuses.pop(undone.id) == OutboxStatus.WITHDRAWN  # withdrawn alone, as before
    assert set(statuses.values()) == {OutboxStatus.SENT}
    shown = _sent_list(window)
    assert shown[rest[0].id] == f"Sent in one e-mail together with {len(rest) - 1} others."
    assert undone.id not in shown


def test_a_single_cancellation_still_sends_its_own_email(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink
) -> None:
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    [notice] = [e for e in emails_about(demo_ctx, sid) if e.topic == "cancel"]
    assert notice.channel == OutboxChannel.EMAIL and "together" not in notice.payload
    _send_after_grace(demo_ctx, window, [notice])
    [mail] = _mails_to(sink, notice.recipient)
    assert mail == render("cancel", notice.payload, with_reason=True).text
    assert f"your {notice.payload['service']} appointment with" in mail
    assert _statuses(demo_ctx, [notice]) == {notice.id: OutboxStatus.SENT}
    assert _sent_list(window)[notice.id] == ""
