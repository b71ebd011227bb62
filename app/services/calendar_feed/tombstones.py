"""Sessions deleted for good, kept so a calendar that imported them sees them cancelled.

A tombstone is kept for a year after the delete (`KEEP`): long enough for every calendar that
re-imports or re-syncs now and then. Older ones are pruned when another session is deleted,
so nothing has to run on a timer.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from app.db import UnitOfWork
from app.models import CalendarTombstone, Session

KEEP = timedelta(days=365)


def bury(uow: UnitOfWork, session: Session) -> CalendarTombstone:
    """Write the session's tombstone in the deleting transaction (and prune old ones).

    Its SEQUENCE is the session's version: one above the last SEQUENCE the session was
    exported with (`version - 1`), so calendars take the cancellation over what they hold.
    """
    now = uow.now()
    uow.session.execute(delete(CalendarTombstone).where(CalendarTombstone.deleted_at < now - KEEP))
    stone = CalendarTombstone(
        session_id=session.id,
        worker_id=session.worker_id,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        # The service only: a tombstone never keeps a client's name.
        summary=(session.service.name if session.service else "")[:200],
        sequence=max(session.version, 1),
        deleted_at=now,
    )
    uow.session.merge(stone)
    return stone
