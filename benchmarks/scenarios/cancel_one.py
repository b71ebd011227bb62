"""Scenario 3: one client cancellation through the service, as the cancel wizard does it.

Per cancellation: the review step's preview_cancellation in a read transaction, then the
confirm step's cancel in a write transaction (cancellation, line, charge SD, outbox email,
audit event). Future single-client sessions of the large practice, one after another, on a
private copy of the database. Three warm-up cancellations are left out of the percentiles.
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scenarios.common import (  # noqa: E402
    NOW,
    app_context,
    arguments,
    database,
    emit,
    percentile,
)

WARM_UP = 3


def targets(desk: object, n: int) -> list[tuple[int, int, int]]:
    """(session id, version, booking id) of future sessions with exactly one booked client."""
    from sqlalchemy import func, select

    from app.models import Booking, Session
    from app.models.enums import BookingStatus, SessionStatus

    def query(uow: object) -> list[tuple[int, int, int]]:
        stmt = (
            select(Session.id, Session.version, func.min(Booking.id))
            .join(Booking, Booking.session_id == Session.id)
            .where(
                Session.starts_at > NOW + timedelta(days=1),
                Session.status == SessionStatus.ROSTERED,
                Booking.status == BookingStatus.BOOKED,
            )
            .group_by(Session.id)
            .having(func.count(Booking.id) == 1)
            .order_by(Session.starts_at, Session.id)
            .limit(n)
        )
        return [tuple(r) for r in uow.session.execute(stmt)]  # type: ignore[attr-defined]

    return desk.read(query)  # type: ignore[attr-defined, no-any-return]


def main() -> None:
    args = arguments(__doc__.split("\n")[0], ("app",))
    n = (args.size or 200) + WARM_UP
    from app.models.enums import CancelledBy
    from app.services.desk import open_desk
    from app.services.dto import CancelRequest
    from app.services.sessions.cancel import cancel, preview_cancellation, reasons_for

    ctx = app_context(database(args), args.work)
    desk = open_desk(ctx.db)
    reason = desk.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))[0][0]
    chosen = targets(desk, n)
    if len(chosen) < n:
        raise SystemExit(f"only {len(chosen)} future single-client sessions; need {n}")
    times = []
    for sid, version, booking in chosen:
        req = CancelRequest(sid, CancelledBy.CLIENT, NOW - timedelta(minutes=2), reason,
                            (booking,), note="Called reception", expected_version=version)  # fmt: skip
        t = time.perf_counter()
        desk.read(lambda uow: preview_cancellation(uow, req))  # noqa: B023
        desk.write(lambda uow: cancel(uow, req))  # noqa: B023
        times.append((time.perf_counter() - t) * 1000)
    measured = times[WARM_UP:]
    emit(p50_ms=percentile(measured, 50), p95_ms=percentile(measured, 95),
         max_ms=max(measured), first_ms=times[0], count=len(measured))  # fmt: skip
    ctx.close()


if __name__ == "__main__":
    main()
