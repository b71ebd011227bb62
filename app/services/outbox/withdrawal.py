"""Client messages already written, when what they say stops being true.

An unsent one is withdrawn, with the reason the outbox's Withdrawn list shows; an unsent notice
loses the fee sentence of a charge withdrawn; and whether one has gone already says when a
correction must follow it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import or_, select, update

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP
from app.models import OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.audit import chain as audit

# Why an unsent client message no longer goes (shown in the outbox's Withdrawn list).
REBOOKED = QT_TRANSLATE_NOOP(
    "outbox",
    "The client was booked again before this message went; the new booking is sent instead.",
)
MOVED = QT_TRANSLATE_NOOP(
    "outbox", "The session was moved before this message went; the new time is sent instead."
)
SERVICE_CHANGED = QT_TRANSLATE_NOOP(
    "outbox", "The session's service was changed before this message went."
)
UNDONE = QT_TRANSLATE_NOOP("outbox", "The cancellation was undone before this message went.")
DELETED = QT_TRANSLATE_NOOP("outbox", "The session was deleted before this message went.")
CANCELLED_SINCE = QT_TRANSLATE_NOOP("outbox", "The booking was cancelled before this message went.")
DNA_UNDONE = QT_TRANSLATE_NOOP(
    "outbox", "The did-not-attend mark was taken back before this message went."
)
CONSENT_WITHDRAWN = QT_TRANSLATE_NOOP(
    "outbox", "The client withdrew consent or their email address before it was sent."
)
TEXT_CONSENT_WITHDRAWN = QT_TRANSLATE_NOOP(
    "outbox", "The client withdrew consent to be contacted before it was sent."
)
TEXT_OPTED_OUT = QT_TRANSLATE_NOOP(
    "outbox", "The client opted out of texts (replied STOP) before it was sent."
)
TEXT_NUMBER_CHANGED = QT_TRANSLATE_NOOP(
    "outbox", "The client's mobile number was changed or removed before it was sent."
)


def withdraw_superseded(
    uow: UnitOfWork,
    session_id: int,
    client_ids: Collection[int],
    why: str,
    topics: Collection[str] | None = None,
) -> list[int]:
    """Client messages about this session for these clients that have not gone yet are withdrawn:
    those waiting, and those the mail server refused (a Retry would send what is no longer true).

    A message a desk is sending at this very moment (claimed under a live lease) is left alone.
    Returns the withdrawn messages' ids; the withdrawal is audited with `why`.
    """
    if not client_ids:
        return []
    m, now = OutboxMessage, uow.now()
    unsent = (
        m.session_id == session_id,
        m.client_id.in_(list(client_ids)),
        m.channel == OutboxChannel.EMAIL,
        m.status.in_((OutboxStatus.PENDING, OutboxStatus.FAILED)),
        or_(m.lease_until.is_(None), m.lease_until <= now),
        *((m.topic.in_(list(topics)),) if topics is not None else ()),
    )
    ids = list(uow.session.scalars(select(m.id).where(*unsent).order_by(m.id)))
    if not ids:
        return []
    # Conditional on still unsent and unclaimed: a sender that claimed it meanwhile wins.
    uow.session.execute(
        update(m)
        .where(m.id.in_(ids), *unsent)
        .values(status=OutboxStatus.WITHDRAWN, status_reason=why[:255], next_attempt_at=None)
        .execution_options(synchronize_session="fetch")
    )
    done = list(
        uow.session.scalars(
            select(m.id).where(m.id.in_(ids), m.status == OutboxStatus.WITHDRAWN).order_by(m.id)
        )
    )
    if done:
        audit.record(uow, "outbox.withdraw", "session", session_id, session_id=session_id,
                     after={"messages": done, "why": why})  # fmt: skip
    return done


def drop_fee(uow: UnitOfWork, about: str) -> list[int]:
    """The fee sentence comes out of the unsent notices written as `about` (a key before its
    token): their charge was withdrawn, and a notice must not state a fee no longer charged.

    A notice a desk is sending at this very moment (claimed under a live lease) is left alone.
    Returns the ids of the notices changed."""
    m, now = OutboxMessage, uow.now()
    rows = uow.session.scalars(
        select(m).where(
            m.idempotency_key.startswith(f"{about[:100]}:", autoescape=True),
            m.channel == OutboxChannel.EMAIL,
            m.status.in_((OutboxStatus.PENDING, OutboxStatus.FAILED)),
            or_(m.lease_until.is_(None), m.lease_until <= now),
        )
    )
    changed = []
    for row in rows:
        if "fee" in (row.payload or {}):
            row.payload = {k: v for k, v in row.payload.items() if k != "fee"}
            changed.append(row.id)
    return changed


def fee_told(uow: UnitOfWork, about: str) -> bool:
    """Whether a notice written as `about` stated a fee and has gone (or is going this moment,
    under a live lease): the client was told of a charge, and hears when it is withdrawn."""
    m, now = OutboxMessage, uow.now()
    rows = uow.session.scalars(
        select(m.payload).where(
            m.idempotency_key.startswith(f"{about[:100]}:", autoescape=True),
            m.channel == OutboxChannel.EMAIL,
            or_(m.status == OutboxStatus.SENT,
                (m.status == OutboxStatus.PENDING) & (m.lease_until > now)),
        )
    )  # fmt: skip
    return any("fee" in (payload or {}) for payload in rows)


def went_out(uow: UnitOfWork, abouts: Sequence[str]) -> set[str]:
    """Which of `abouts` (keys as written, before their token) have a message that was sent,
    or is being sent this moment."""
    if not abouts:
        return set()
    m, now = OutboxMessage, uow.now()
    sending = (m.status == OutboxStatus.PENDING) & (m.lease_until > now)
    rows = uow.session.scalars(
        select(m.idempotency_key).where(
            or_(*(m.idempotency_key.startswith(f"{a[:100]}:", autoescape=True) for a in abouts)),
            or_(m.status == OutboxStatus.SENT, sending),
        )
    )
    return {a for key in rows for a in abouts if key.startswith(f"{a[:100]}:")}
