"""What staff do with the outbox: see each list, count what needs attention, retry, tick to-dos."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.db import UnitOfWork
from app.errors import NotAllowedError, NotFoundError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import OutboxMessage, User
from app.models.enums import IntegrationKind, OutboxChannel, OutboxStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.boundary import checked_limit
from app.services.dto import ChangeSet, OperationResult
from app.services.outbox import config, notify, truth
from app.services.outbox.dto import OutboxCounts, OutboxFilter, OutboxRow

LIST_LIMIT = 500
# The lists' orders: what waits longest first, what happened last first.
_NEWEST_FIRST = {
    OutboxFilter.SENT, OutboxFilter.DONE, OutboxFilter.SKIPPED, OutboxFilter.WITHDRAWN,
    OutboxFilter.EXPIRED,
}  # fmt: skip


SMS_TOPIC_TEXT = {
    "reminder": QT_TRANSLATE_NOOP("outbox", "reminder"),
    "offer": QT_TRANSLATE_NOOP("outbox", "waitlist offer"),
    "offer_taken": QT_TRANSLATE_NOOP("outbox", "place taken"),
    "offer_moved": QT_TRANSLATE_NOOP("outbox", "offer withdrawn: session moved"),
    "sms_test": QT_TRANSLATE_NOOP("outbox", "test message"),
}


def _what(row: OutboxMessage) -> str:
    """What the message is, in the practice's language: "Email: cancellation notice"."""
    if row.channel == OutboxChannel.SMS:
        topic = translate("outbox", SMS_TOPIC_TEXT.get(row.topic, row.topic))
        return translate("outbox", "Text: {topic}").format(topic=topic)
    if row.channel == OutboxChannel.EMAIL:
        topic = translate("notify", notify.TOPIC_TEXT.get(row.topic, row.topic))
        return translate("outbox", "Email: {topic}").format(topic=topic)
    if row.channel == OutboxChannel.CALENDAR:
        return translate("outbox", "Calendar: {subject}").format(subject=row.subject)
    event = str((row.payload or {}).get("event") or row.topic)
    return translate("outbox", "Integration: {event}").format(event=event)


def _why(row: OutboxMessage) -> str:
    """The sentence for the row's state: why skipped, what to do, what went wrong.

    A reason kept as one of the outbox's fixed sentences (stored in English, the catalogue's
    key) is shown in the practice's language; one written with its facts in is shown as kept.
    """
    error = row.last_error or translate("outbox", "unknown error")
    if row.status == OutboxStatus.FAILED:
        return translate("outbox", "Gave up after {n} attempt(s): {error}").format(
            n=row.attempts, error=error
        )
    if row.status == OutboxStatus.PENDING and row.last_error:
        return translate("outbox", "Will retry: {error}").format(error=error)
    if row.status_reason:
        return translate("outbox", row.status_reason)
    return _together_text(row)


def _together_text(row: OutboxMessage) -> str:
    """For a series' or a closure's notice to one client: that it goes, or went, in one e-mail
    with the rest."""
    payload = row.payload or {}
    went = payload.get(notify.SENT_TOGETHER)
    if row.status == OutboxStatus.SENT and isinstance(went, list) and len(went) > 1:
        n = len(went) - 1  # a plain name: the catalogue's reader finds the count by it
        return translate("outbox", "Sent in one e-mail together with %n other(s).", None, n)
    key = payload.get(notify.TOGETHER)
    if row.status == OutboxStatus.PENDING and isinstance(key, str) and key:
        if notify.is_closure(key):
            return translate(
                "outbox",
                "Goes in one e-mail with the client's other sessions of the bulk cancellation "
                "still waiting.",
            )
        return translate(
            "outbox", "Goes in one e-mail with the other sessions of the series still waiting."
        )
    return ""


def _row(uow: UnitOfWork, r: OutboxMessage, done_by: str | None) -> OutboxRow:
    now = uow.now()
    return OutboxRow(
        id=r.id,
        channel=r.channel,
        topic=r.topic,
        what=_what(r),
        recipient=r.recipient,
        status=r.status,
        why=_why(r),
        attempts=r.attempts,
        created_at=r.created_at,
        next_attempt_at=r.next_attempt_at,
        last_error=r.last_error,
        sent_at=r.sent_at,
        done_by=done_by,
        done_at=r.done_at,
        session_id=r.session_id,
        sending_now=r.lease_until is not None and r.lease_until > now,
    )


def list_outbox(uow: UnitOfWork, which: OutboxFilter, limit: int = LIST_LIMIT) -> list[OutboxRow]:
    """One of the outbox view's lists, as DTO rows."""
    checked_limit(limit)
    m = OutboxMessage
    done_by = aliased(User)
    order = (m.id.desc(),) if which in _NEWEST_FIRST else (m.created_at, m.id)
    stmt = (
        select(m, done_by.username)
        .outerjoin(done_by, done_by.id == m.done_by_id)
        .where(m.status == OutboxStatus(which.value))
        .order_by(*order)
        .limit(limit)
    )
    return [_row(uow, r, name) for r, name in uow.session.execute(stmt)]


def outbox_counts(uow: UnitOfWork) -> OutboxCounts:
    """How many messages are in each state; what is not set up, as notes for the view."""
    counts = dict(
        uow.session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    )
    cfg = config.load(uow)
    notes: list[str] = []
    pending_email = 0
    if cfg.smtp is None:
        pending_email = _pending(uow, OutboxChannel.EMAIL)
    if pending_email:
        notes.append(
            translate(
                "outbox",
                "Email is not set up: {n} client message(s) wait in the outbox. An administrator can enter the mail server in Tools ▸ Settings ▸ Email.",
            ).format(n=pending_email)
        )
    pending_sms = _pending(uow, OutboxChannel.SMS) if cfg.sms is None else 0
    if pending_sms:
        notes.append(
            translate(
                "outbox",
                "Text messages are not set up: {n} text(s) wait in the outbox. An administrator can enter the SMS gateway in Tools ▸ SMS gateway…",
            ).format(n=pending_sms)
        )
    if cfg.integration_kind == IntegrationKind.WEBHOOK and cfg.webhook is None:
        notes.append(
            translate(
                "outbox",
                "The webhook has no address: integration messages wait in the outbox. An administrator can enter it in Tools ▸ Settings ▸ Integration.",
            )
        )
    return OutboxCounts(
        **{s.value: int(counts.get(s, 0)) for s in OutboxStatus},
        email_ready=cfg.smtp is not None,
        integration=cfg.integration_kind.value,
        notes=tuple(notes),
    )


def waiting_for_email(uow: UnitOfWork) -> int:
    """Client e-mails that wait only because no mail server is set up (0 once one is)."""
    if config.load(uow).smtp is not None:
        return 0
    return _pending(uow, OutboxChannel.EMAIL)


def _pending(uow: UnitOfWork, channel: OutboxChannel) -> int:
    return int(
        uow.session.scalar(
            select(func.count()).where(
                OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.channel == channel
            )
        )
        or 0
    )


def _load(uow: UnitOfWork, message_id: int) -> OutboxMessage:
    row = uow.session.get(OutboxMessage, message_id)
    if row is None:
        raise NotFoundError(translate("outbox", "That outbox message no longer exists."))
    return row


def _changes(row: OutboxMessage) -> ChangeSet:
    sessions = frozenset({row.session_id}) if row.session_id else frozenset()
    return ChangeSet(sessions, frozenset(), frozenset({"outbox"}))


def retry_now(uow: UnitOfWork, message_id: int) -> OperationResult:
    """A failed (or waiting) message goes back to the queue, due now, with a fresh set of tries."""
    row = _load(uow, message_id)
    now = uow.now()
    if row.status not in (OutboxStatus.FAILED, OutboxStatus.PENDING):
        raise NotAllowedError(
            translate(
                "outbox",
                "This message is {value}; only a failed or waiting message can be retried.",
            ).format(value=row.status.value)
        )
    if row.lease_until is not None and row.lease_until > now:
        raise NotAllowedError(
            translate(
                "outbox", "This message is being sent right now; wait a moment and look again."
            )
        )
    started = truth.started_at(uow, row)
    if started is not None:  # the next pass would only mark it expired: say so now instead
        return _too_late(uow, row, started)
    why = truth.withdraw_if_untrue(uow, row)  # what is no longer true is never sent again
    if why is not None:
        said = translate(
            "outbox",
            "Not sent again: {why} It is in the Withdrawn list now; if the client still needs "
            "telling, phone them.",
        ).format(why=why)
        return OperationResult(said, _changes(row), row.session_id, warnings=(said,))
    before = {"status": row.status.value, "attempts": row.attempts, "last_error": row.last_error}
    others = _failed_together(uow, row)
    for r in (row, *others):  # the sender's pass checks each of the others as it takes them
        r.status, r.attempts, r.next_attempt_at = OutboxStatus.PENDING, 0, now
    uow.session.flush()
    after: dict[str, object] = {"status": "pending", "attempts": 0}
    if others:
        after["together"] = [r.id for r in others]
    audit.record(uow, "outbox.retry", "outbox_message", row.id, session_id=row.session_id,
                 before=before, after=after)  # fmt: skip
    said = translate("outbox", "The message will be sent again shortly.")
    n = len(others)  # a plain name: the catalogue's reader finds the count by it
    if others and notify.is_closure(str((row.payload or {}).get(notify.TOGETHER))):
        said = translate(
            "outbox",
            "The e-mail will be sent again shortly, with the %n other session(s) of the bulk "
            "cancellation it lists.",
            None,
            n,
        )
    elif others:
        said = translate(
            "outbox",
            "The e-mail will be sent again shortly, with the %n other session(s) of the series "
            "it lists.",
            None,
            n,
        )
    return OperationResult(said, _changes(row), row.session_id)


def _failed_together(uow: UnitOfWork, row: OutboxMessage) -> list[OutboxMessage]:
    """The other failed rows of the one e-mail `row` failed in (a series' or a closure's notices
    to one client): a retry sends them again as one e-mail."""
    key = (row.payload or {}).get(notify.TOGETHER)
    if row.status != OutboxStatus.FAILED or row.channel != OutboxChannel.EMAIL or not key:
        return []
    m = OutboxMessage
    failed = uow.session.scalars(
        select(m)
        .where(m.client_id == row.client_id, m.channel == OutboxChannel.EMAIL)
        .where(m.status == OutboxStatus.FAILED, m.id != row.id)
        .order_by(m.id)
    ).all()
    return [r for r in failed if (r.payload or {}).get(notify.TOGETHER) == key]


def _too_late(uow: UnitOfWork, row: OutboxMessage, started: datetime) -> OperationResult:
    """Retry of a client message whose session has started: expired, not queued; audited."""
    before = {"status": row.status.value, "attempts": row.attempts, "last_error": row.last_error}
    why = truth.expire(uow, row, started)
    audit.record(uow, "outbox.expire", "outbox_message", row.id, session_id=row.session_id,
                 before=before, after={"status": "expired", "why": why})  # fmt: skip
    said = translate(
        "outbox",
        "Not sent again: the session started on {when}, so this message would no longer help "
        "the client. It is in the Expired list now; if the client still needs telling, phone "
        "them.",
    ).format(when=notify.short_when(started, practice.time_zone(uow)))
    return OperationResult(said, _changes(row), row.session_id, warnings=(said,))


def tick_done(uow: UnitOfWork, message_id: int) -> OperationResult:
    """A manual to-do was done in the other system: who and when are kept and audited."""
    row = _load(uow, message_id)
    if row.status == OutboxStatus.DONE:
        who = uow.session.get(User, row.done_by_id) if row.done_by_id else None
        tz = practice.time_zone(uow)
        when = (
            f"{when_text(row.done_at.astimezone(tz), '%d %b %Y %H:%M')}"
            if row.done_at
            else "earlier"
        )
        raise NotAllowedError(
            translate("outbox", "This to-do was already ticked done by {value} on {when}.").format(
                value=who.username if who else "someone", when=when
            )
        )
    if row.status != OutboxStatus.MANUAL:
        raise NotAllowedError(translate("outbox", "Only a manual to-do can be ticked done."))
    row.status, row.done_at = OutboxStatus.DONE, uow.now()
    row.done_by_id = uow.actor.user_id or None
    uow.session.flush()
    audit.record(
        uow,
        "outbox.manual_done",
        "outbox_message",
        row.id,
        session_id=row.session_id,
        before={"status": "manual", "todo": row.status_reason},
        after={"status": "done", "done_by": uow.actor.username, "done_at": row.done_at},
    )
    return OperationResult(translate("outbox", "Ticked done."), _changes(row), row.session_id)
