"""One place that sees every change of a session, whichever service made it, and queues its
calendar event for the live feed in the same transaction.

The ORM's flushes say which sessions were added, changed or deleted, and which bookings (a
client added or cancelled changes the event's names); as the transaction commits, each of
those sessions gets a `calendar` outbox message: its event PUT in its worker's calendar, a
DELETE from the calendar it was moved away from, or a DELETE when it was deleted for good.
Nothing is queued while the feed is off.

Installed once, when app.services is first imported (`install`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session as OrmSession

from app.db import CLOCK_INFO, SYSTEM_ACTOR, UnitOfWork
from app.models.enums import OutboxChannel, OutboxStatus

log = logging.getLogger(__name__)
TOUCHED = "frontdesk.calendar_touched"  # session id → worker ids it left
FRESH = "frontdesk.calendar_fresh"  # sessions (and bookings) added: their ids come at the flush
STALE = "frontdesk.calendar_stale"  # sessions changed by plain SQL: their loaded rows are old
GONE = "frontdesk.calendar_gone"  # session id → its worker and start, for sessions deleted
TOPIC = "calendar"
_installed = False


def install() -> None:
    """Listen to every ORM session (once per process)."""
    global _installed
    if _installed:
        return
    event.listen(OrmSession, "before_flush", _before_flush)
    event.listen(OrmSession, "before_commit", _before_commit)
    event.listen(OrmSession, "after_rollback", _forget)
    _installed = True


def _forget(session: OrmSession) -> None:
    for key in (TOUCHED, FRESH, GONE, STALE):
        session.info.pop(key, None)


def touch(uow: UnitOfWork, session_ids: Iterable[int]) -> None:
    """Sessions a service changed with plain SQL statements (which the ORM does not see)."""
    ids = {int(i) for i in session_ids}
    touched: dict[int, set[int]] = uow.session.info.setdefault(TOUCHED, {})
    for sid in ids:
        touched.setdefault(sid, set())
    uow.session.info.setdefault(STALE, set()).update(ids)


def _refresh(session: OrmSession, ids: set[int]) -> None:
    """Loaded sessions and bookings changed behind the ORM's back are read again."""
    from app.models.schedule import Booking, Session

    for obj in list(session.identity_map.values()):
        if (isinstance(obj, Session) and obj.id in ids) or (
            isinstance(obj, Booking) and obj.session_id in ids
        ):
            session.expire(obj)


def _before_flush(session: OrmSession, _context: Any, _instances: Any) -> None:
    if not (session.new or session.dirty or session.deleted):
        return
    from app.models.schedule import Booking, Session

    touched: dict[int, set[int]] = session.info.setdefault(TOUCHED, {})
    fresh: list[Any] = session.info.setdefault(FRESH, [])
    for obj in session.new:
        if isinstance(obj, Session | Booking):
            fresh.append(obj)
    for obj in session.dirty:
        if isinstance(obj, Session) and session.is_modified(obj):
            left = inspect(obj).attrs.worker_id.history.deleted
            touched.setdefault(obj.id, set()).update(w for w in left if w is not None)
        elif isinstance(obj, Booking) and session.is_modified(obj):
            touched.setdefault(obj.session_id, set())
    gone: dict[int, tuple[int, datetime]] = session.info.setdefault(GONE, {})
    for obj in session.deleted:
        if isinstance(obj, Session):
            gone[obj.id] = (obj.worker_id, obj.starts_at)
        elif isinstance(obj, Booking) and obj.session_id is not None:
            touched.setdefault(obj.session_id, set())


def _before_commit(session: OrmSession) -> None:
    info = session.info
    if not (info.get(TOUCHED) or info.get(FRESH) or info.get(GONE)):
        return
    clock = info.get(CLOCK_INFO)
    session.flush()  # the last changes, and the ids of sessions just added
    touched: dict[int, set[int]] = info.pop(TOUCHED, {})
    fresh: list[Any] = info.pop(FRESH, [])
    gone: dict[int, tuple[int, datetime]] = info.pop(GONE, {})
    stale: set[int] = info.pop(STALE, set())
    if clock is None:  # not a unit of work of the application's: nothing to feed
        return
    for obj in fresh:
        sid = getattr(obj, "session_id", None) or getattr(obj, "id", None)
        if sid is not None:
            touched.setdefault(int(sid), set())
    uow = UnitOfWork(session, clock, SYSTEM_ACTOR)
    try:
        if stale and feed_on(uow):
            _refresh(session, stale)
        queue_changes(uow, touched, gone)
    except SQLAlchemyError:
        raise  # the database failed: the whole change is retried or refused as usual
    except Exception:  # a fault in the feed must never stop the change itself
        log.exception("calendar feed messages not queued for sessions %s", sorted(touched))


def feed_on(uow: UnitOfWork) -> bool:
    from app.services import practice

    config = practice.settings(uow).calendar_feed_config or {}
    return bool(config.get("enabled") and str(config.get("base_url") or "").strip())


def queue_changes(
    uow: UnitOfWork, touched: dict[int, set[int]], gone: dict[int, tuple[int, datetime]]
) -> int:
    """Queue the calendar messages of the sessions changed and deleted; the number queued."""
    if not (touched or gone) or not feed_on(uow):
        return 0
    from app.models.schedule import Session
    from app.services.calendar_feed import events

    kit = events.Kit.of(uow)
    queued = 0
    for sid, left in sorted(touched.items()):
        if sid in gone:
            continue
        session = uow.session.get(Session, sid)
        if session is None:
            continue
        queued += _queue(uow, kit.put(session))
        for worker_id in left - {session.worker_id}:
            queued += _queue(uow, kit.delete(sid, worker_id, session.starts_at, "moved"))
    for sid, (worker_id, starts_at) in sorted(gone.items()):
        queued += _queue(uow, kit.delete(sid, worker_id, starts_at, "deleted"))
    return queued


def _queue(uow: UnitOfWork, message: dict[str, Any]) -> int:
    from app.models import OutboxMessage
    from app.services.calendar_feed import events
    from app.services.outbox.notify import unique_key

    now: datetime = uow.now()
    uow.session.add(
        OutboxMessage(
            channel=OutboxChannel.CALENDAR,
            topic=TOPIC,
            # Per event and calendar: the sender skips an older one a newer one replaces.
            idempotency_key=unique_key(f"calendar:{message['session_id']}:{message['worker_id']}"),
            session_id=message["session_ref"],
            client_id=None,
            recipient=message["calendar_name"][:255],
            subject=message["subject"][:255],
            payload={k: message[k] for k in events.PAYLOAD_KEYS},
            status=OutboxStatus.PENDING,
            status_reason="",
            created_at=now,
            next_attempt_at=now + timedelta(0),
        )
    )
    return 1
