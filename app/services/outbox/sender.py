"""The outbox sender: claim due rows briefly, send outside any transaction, record each result.

Never twice for one change: a row is claimed under a lease (owner + expiry) in a short write
transaction, so two desks never take the same row; the result is recorded right after each send.
Only a crash between a successful send and that record can repeat a message, once the lease runs
out — and the repeat carries the same Message-ID / Idempotency-Key, so the receiver can drop it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, and_, or_, select, update

from app.db import SYSTEM_ACTOR, Database, UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import OutboxMessage, Session
from app.models.enums import OutboxChannel, OutboxStatus
from app.services import practice
from app.services.outbox import adapters, config, notify, truth, withdrawal
from app.services.outbox.config import SenderConfig
from app.services.outbox.dto import Outcome, OutgoingMessage, PassResult, Result

log = logging.getLogger(__name__)
BATCH = 20
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
# A text message that found the desk offline tries again this often, without using up its tries.
OFFLINE_RETRY = timedelta(minutes=2)
CONSENT_WITHDRAWN = withdrawal.CONSENT_WITHDRAWN
SUPERSEDED = QT_TRANSLATE_NOOP(
    "outbox",
    "A newer change of this session's calendar event was queued; that one is sent instead.",
)


def retry_delay(attempts: int) -> timedelta:
    """Deterministic exponential backoff: 30 s, 1 min, 2 min, … capped at one hour."""
    delay: timedelta = FIRST_RETRY * (2 ** min(max(0, attempts - 1), 16))
    return min(delay, LONGEST_RETRY)


def new_owner() -> str:
    """A claim owner that is unique to this sender instance."""
    return f"desk-{uuid.uuid4().hex[:16]}"


@dataclass(frozen=True)
class Batch:
    """Claimed messages and the settings to send them with."""

    owner: str
    config: SenderConfig
    messages: tuple[OutgoingMessage, ...]
    expired: int = 0


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def _free(now: datetime) -> Any:
    """Nobody holds the row, or their lease ran out (a crash or a hung desk)."""
    return or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until <= now)


def claim_due(
    uow: UnitOfWork,
    owner: str,
    *,
    limit: int,
    lease: timedelta,
    channels: tuple[OutboxChannel, ...],
) -> list[OutgoingMessage]:
    """Take up to `limit` due pending rows under a lease; a row another desk holds is left alone."""
    if not channels:
        return []
    now = uow.now()
    m = OutboxMessage
    due = uow.session.scalars(
        select(m.id)
        .where(
            m.status == OutboxStatus.PENDING,
            or_(m.next_attempt_at.is_(None), m.next_attempt_at <= now),
            _free(now),
            m.channel.in_(channels),
        )
        .order_by(m.next_attempt_at, m.id)
        .limit(limit)
    ).all()
    mine = [row_id for row_id in due if _claim(uow, owner, row_id, now + lease)]
    rows = list(uow.session.scalars(select(m).where(m.id.in_(mine)).order_by(m.id)).all())
    rows += _claim_together(uow, owner, rows, now + lease)
    wanted = [OutgoingMessage.of(r) for r in rows if _still_wanted(uow, r)]
    return _joined(wanted)


def _claim(uow: UnitOfWork, owner: str, row_id: int, until: datetime) -> bool:
    """Take one due row under a lease; False when another desk has it."""
    m, now = OutboxMessage, uow.now()
    # Conditional update: only one claimant can win a row, on SQLite and PostgreSQL alike.
    won = uow.session.execute(
        update(m)
        .where(m.id == row_id, m.status == OutboxStatus.PENDING, _free(now))
        .values(lease_owner=owner, lease_until=until, attempts=m.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(won) == 1


def _together_of(row: OutboxMessage | OutgoingMessage) -> str | None:
    """The group key of an e-mail that goes with others (a series' notices to one client)."""
    if row.channel != OutboxChannel.EMAIL:
        return None
    key = (row.payload or {}).get(notify.TOGETHER)
    return key if isinstance(key, str) and key else None


def _claim_together(
    uow: UnitOfWork, owner: str, rows: list[OutboxMessage], until: datetime
) -> list[OutboxMessage]:
    """The rows of the groups just claimed that the batch's limit left out, and those due up to
    `notify.TOGETHER_WINDOW` after the first of the group taken: one e-mail lists every session of a
    series, however long, or of a bulk job, whichever of its batches wrote them."""
    m, now = OutboxMessage, uow.now()
    groups: dict[tuple[int | None, str], datetime] = {}  # → when the first of it taken fell due
    for r in rows:
        if (key := _together_of(r)) is not None:
            due = min(r.next_attempt_at or now, now)
            first = groups.get((r.client_id, key))
            groups[(r.client_id, key)] = due if first is None else min(first, due)
    have = {r.id for r in rows}
    more: list[OutboxMessage] = []
    for (client_id, key), due in sorted(groups.items(), key=lambda g: (g[0][0] or 0, g[0][1])):
        # A client's due e-mails are few: the group key is matched here, not in SQL's JSON.
        candidates = uow.session.scalars(
            select(m)
            .where(
                m.client_id == client_id,
                m.channel == OutboxChannel.EMAIL,
                m.status == OutboxStatus.PENDING,
                or_(m.next_attempt_at.is_(None), m.next_attempt_at <= due + notify.TOGETHER_WINDOW),
                _free(now),
                m.id.not_in(have),
            )
            .order_by(m.id)
        ).all()
        picked = [r.id for r in candidates if _together_of(r) == key]
        mine = [row_id for row_id in picked if _claim(uow, owner, row_id, until)]
        if mine:
            # Read afresh: the rows were loaded above, before the claim changed them.
            claimed = select(m).where(m.id.in_(mine)).order_by(m.id)
            more += uow.session.scalars(claimed.execution_options(populate_existing=True)).all()
    return more


def _joined(messages: list[OutgoingMessage]) -> list[OutgoingMessage]:
    """The claimed messages as they go: a group's e-mails to one address as one message."""
    out: list[OutgoingMessage] = []
    groups: dict[tuple[str, str], list[OutgoingMessage]] = {}
    for msg in messages:
        key = _together_of(msg)
        if key is None:
            out.append(msg)
        else:
            groups.setdefault((key, msg.recipient), []).append(msg)
    out += [OutgoingMessage.joined(group) for group in groups.values()]
    return sorted(out, key=lambda msg: msg.id)


def _still_wanted(uow: UnitOfWork, row: OutboxMessage) -> bool:
    """An email or a text no longer true (`truth`: the session deleted or moved, the
    cancellation undone, the consent or address gone, the client opted out of texts…) is
    withdrawn; so is a calendar event a newer message of the same event replaces (a retry must
    not undo it)."""
    if row.channel == OutboxChannel.CALENDAR:
        return _latest_calendar(uow, row)
    if row.channel not in truth.CLIENT_CHANNELS or row.client_id is None:
        return True
    return truth.withdraw_if_untrue(uow, row) is None


def _latest_calendar(uow: UnitOfWork, row: OutboxMessage) -> bool:
    about = row.idempotency_key.rsplit(":", 1)[0] + ":"
    m = OutboxMessage
    newer = uow.session.scalar(
        select(m.id)
        .where(
            m.channel == OutboxChannel.CALENDAR,
            m.id > row.id,
            m.idempotency_key.startswith(about, autoescape=True),
            m.status.in_((OutboxStatus.PENDING, OutboxStatus.SENT)),
        )
        .limit(1)
    )
    if newer is None:
        return True
    row.status, row.status_reason = OutboxStatus.SKIPPED, SUPERSEDED
    row.lease_owner = row.lease_until = None
    return False


def expire_started(uow: UnitOfWork) -> int:
    """Unsent client messages about a session that has started are never sent: marked expired.

    Whether or not email is set up, so turning it on later sends only messages still true.
    """
    m, now = OutboxMessage, uow.now()
    # Client messages: an e-mail or a text about a session that started is of no use (a
    # did-not-attend notice a day after it, `truth.DNA_FRESH`).
    unsent = (m.status == OutboxStatus.PENDING, m.channel.in_(truth.CLIENT_CHANNELS), _free(now))
    after = m.topic.in_(truth.AFTER_START_TOPICS)
    rows = uow.session.execute(
        select(m.id, Session.starts_at, m.topic)
        .join(Session, Session.id == m.session_id)
        .where(*unsent)
        .where(
            or_(
                and_(~after, Session.starts_at <= now),
                and_(after, Session.starts_at <= now - truth.DNA_FRESH),
            )
        )
    ).all()
    if not rows:
        return 0
    tz = practice.time_zone(uow)
    expired = 0
    for row_id, starts_at, topic in rows:
        why = truth.started_text(starts_at, tz, topic)
        done = uow.session.execute(
            update(m)
            .where(m.id == row_id, *unsent)
            .values(status=OutboxStatus.EXPIRED, status_reason=why, next_attempt_at=None)
            .execution_options(synchronize_session=False)
        )
        expired += _rowcount(done)
    return expired


def claim_batch(db: Database, owner: str, limit: int = BATCH) -> Batch:
    """One short write transaction: expire what came too late, read the settings, claim what is due."""

    def claim(uow: UnitOfWork) -> Batch:
        expired = expire_started(uow)
        cfg = config.load(uow)
        found = claim_due(uow, owner, limit=limit, lease=cfg.lease(limit), channels=cfg.channels())
        return Batch(owner, cfg, tuple(found), expired)

    # transact: a PostgreSQL deadlock or serialization failure is retried from scratch.
    return db.transact(SYSTEM_ACTOR, claim)


def deliver(batch: Batch, db: Database) -> Iterator[tuple[OutgoingMessage, Outcome]]:
    """Send each claimed message (no transaction open), yielding how each went."""
    channels = adapters.open_channels(batch.config, db.clock)
    try:
        for msg in batch.messages:
            yield msg, _safe(channels[msg.channel], msg)
    finally:
        for channel in channels.values():
            channel.close()


def _safe(channel: adapters.Channel, msg: OutgoingMessage) -> Outcome:
    try:
        return channel.deliver(msg)
    except Exception as exc:  # a bug must not stop the pass or lose the row: retried, shown
        said = translate("outbox", "Unexpected error: {error}").format(
            error=f"{type(exc).__name__}: {exc}"
        )
        return Outcome(Result.ERROR, said)


def record(
    uow: UnitOfWork, owner: str, msg: OutgoingMessage, outcome: Outcome, cfg: SenderConfig
) -> str:
    """Store one result and release the claim; returns the PassResult counter it adds to."""
    m = OutboxMessage
    now = uow.now()
    values: dict[str, Any] = {"lease_owner": None, "lease_until": None}
    if outcome.result == Result.SENT:
        # Sent is a fact even if our lease lapsed meanwhile: stop anyone sending it again.
        values.update(status=OutboxStatus.SENT, sent_at=now, last_error=None)
        uow.session.execute(
            update(m).where(m.id.in_(msg.ids), m.status == OutboxStatus.PENDING).values(**values)
        )
        _note_together(uow, msg)
        return "sent"
    counter = _failure_values(uow, msg, outcome, cfg, values)
    uow.session.execute(
        update(m)
        .where(m.id.in_(msg.ids), m.lease_owner == owner, m.status == OutboxStatus.PENDING)
        .values(**values)
    )
    return counter


def _note_together(uow: UnitOfWork, msg: OutgoingMessage) -> None:
    """Each row of an e-mail that went for several keeps which rows went with it (the outbox
    says so beside each)."""
    if not msg.together:
        return
    for row in uow.session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(msg.ids))):
        row.payload = {**(row.payload or {}), notify.SENT_TOGETHER: list(msg.ids)}
    uow.session.flush()


def _failure_values(
    uow: UnitOfWork,
    msg: OutgoingMessage,
    outcome: Outcome,
    cfg: SenderConfig,
    values: dict[str, Any],
) -> str:
    """Fill `values` for an outcome other than sent; returns its counter."""
    if outcome.result == Result.SKIPPED:
        values.update(status=OutboxStatus.SKIPPED, status_reason=outcome.detail[:255])
        return "skipped"
    if outcome.result == Result.MANUAL:
        text = adapters.manual_text(uow, msg)[:255]
        values.update(status=OutboxStatus.MANUAL, status_reason=text, next_attempt_at=None)
        return "manual"
    # The outbox shows the detail; the log never does (a server's reply may name a client).
    values["last_error"] = outcome.detail
    if outcome.offline and not outcome.permanent and msg.channel == OutboxChannel.SMS:
        # Offline is normal for a desk: the text waits and goes when the gateway answers.
        values.update(attempts=max(0, msg.attempts - 1), next_attempt_at=uow.now() + OFFLINE_RETRY)
        return "retrying"
    if outcome.permanent or msg.attempts >= cfg.max_attempts(msg.channel):
        values.update(status=OutboxStatus.FAILED, next_attempt_at=None)
        log.warning("Outbox message %s (%s) failed after %d attempt(s)",
                    _named(msg), msg.channel, msg.attempts)  # fmt: skip
        return "failed"
    values["next_attempt_at"] = uow.now() + retry_delay(msg.attempts)
    log.info("Outbox message %s (%s) not sent, attempt %d: will try again",
             _named(msg), msg.channel, msg.attempts)  # fmt: skip
    return "retrying"


def _named(msg: OutgoingMessage) -> str:
    """The row ids of a message for the log: "12", or "12+13+14" for one e-mail of several."""
    return "+".join(str(i) for i in msg.ids)


def send_due(db: Database, *, owner: str | None = None, limit: int = BATCH) -> PassResult:
    """One pass: claim what is due, send it, record each result; safe on many desks at once.

    Counts are of outbox rows: an e-mail sent for a series' several rows counts each of them.
    """
    batch = claim_batch(db, owner or new_owner(), limit)
    claimed = sum(len(msg.ids) for msg in batch.messages)
    result = PassResult(claimed=claimed, expired=batch.expired)
    for msg, outcome in deliver(batch, db):
        counter = _record_one(db, batch, msg, outcome)
        result = result.add(**{counter: len(msg.ids)})
    return result


def _record_one(db: Database, batch: Batch, msg: OutgoingMessage, outcome: Outcome) -> str:
    """Record one result in its own short transaction (retried on a transient failure)."""
    return db.transact(
        SYSTEM_ACTOR, lambda uow: record(uow, batch.owner, msg, outcome, batch.config)
    )


def send_all_due(db: Database, *, owner: str | None = None, passes: int = 50) -> PassResult:
    """Passes until nothing due is left (or `passes` ran): the CLI's `outbox send`."""
    owner = owner or new_owner()
    total = PassResult()
    for _ in range(passes):
        one = send_due(db, owner=owner)
        total = total.merge(one)
        if one.claimed == 0:
            break
    return total
