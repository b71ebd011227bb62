"""Many cancellations fast (Core inserts), for report paging tests and the PDF benchmark."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from app.db import Database, UnitOfWork
from app.models import (
    Booking,
    Cancellation,
    CancellationLine,
    CancellationReason,
    Client,
    Service,
    ServiceDelivered,
    Session,
    User,
    Worker,
)
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    Funding,
    Role,
    SdKind,
    ServiceUnit,
    SessionStatus,
)

NOTES = ["", "Called reception", "Left a voicemail", "Emailed the clinic", "Unwell " * 12]


@dataclass(frozen=True)
class Cast:
    """The few records every generated cancellation points at."""

    worker_ids: tuple[int, ...]
    service_id: int
    client_ids: tuple[int, ...]
    reason_ids: tuple[int, ...]
    actor_id: int


def make_cast(db: Database, workers: int = 6, clients: int = 120) -> Cast:
    """Workers, one NDIS service and NDIS clients, in one transaction."""
    from app.db import SYSTEM_ACTOR

    with db.write(SYSTEM_ACTOR) as uow:
        w = [Worker(name=f"Worker {i:02d} Example") for i in range(workers)]
        c = [
            Client(
                first_name=f"Client{i:03d}",
                last_name="Bulk",
                funding=Funding.NDIS,
                ndis_number=f"43{i:07d}",
            )
            for i in range(clients)
        ]
        service = Service(
            code="15_055_0128_1_3",
            name="Physiotherapy (NDIS)",
            price_cents=19399,
            unit=ServiceUnit.HOUR,
        )
        uow.session.add_all([*w, *c, service])
        uow.session.flush()
        reasons = uow.session.scalars(
            select(CancellationReason.id).where(
                CancellationReason.applies_to == CancelledBy.CLIENT,
                CancellationReason.is_no_show.is_(False),
                CancellationReason.profile == "ndis",
            )
        )
        admin = uow.session.scalar(select(User.id).where(User.role == Role.ADMIN).limit(1))
        assert admin is not None
        return Cast(
            tuple(x.id for x in w), service.id, tuple(x.id for x in c), tuple(reasons), admin
        )


def _next_id(uow: UnitOfWork, model: type[Session] | type[Booking] | type[Cancellation]) -> int:
    return int(uow.session.scalar(select(func.max(model.id))) or 0) + 1


def add_cancellations(
    db: Database, cast: Cast, first_start: datetime, n: int, seed: int = 3
) -> int:
    """`n` client-cancelled sessions, four an hour from `first_start`; returns the total charged."""
    rng = random.Random(seed)
    from app.db import SYSTEM_ACTOR

    with db.write(SYSTEM_ACTOR) as uow:
        sid, bid, cid = (_next_id(uow, m) for m in (Session, Booking, Cancellation))
        sessions, bookings, cancels, lines, sds = [], [], [], [], []
        charged = 0
        for i in range(n):
            start = first_start + timedelta(minutes=15 * i)
            notice = rng.choice([90, 600, 1500, 3000, 6000, 12000])
            short = notice < 2 * 24 * 60
            charge = 19399 if short else 0
            charged += charge
            sessions.append(
                dict(id=sid + i, worker_id=cast.worker_ids[i % len(cast.worker_ids)],
                     service_id=cast.service_id, starts_at=start,
                     ends_at=start + timedelta(hours=1), status=SessionStatus.CANCELLED,
                     price_cents=19399, created_at=start - timedelta(days=30),
                     updated_at=start - timedelta(days=1))
            )  # fmt: skip
            bookings.append(
                dict(id=bid + i, session_id=sid + i, client_id=cast.client_ids[i % len(cast.client_ids)],
                     status=BookingStatus.CANCELLED, created_at=start - timedelta(days=30))
            )  # fmt: skip
            cancels.append(
                dict(id=cid + i, session_id=sid + i, cancelled_by=CancelledBy.CLIENT,
                     whole_session=True, reason_id=cast.reason_ids[i % len(cast.reason_ids)],
                     advised_at=start - timedelta(minutes=notice),
                     recorded_at=start - timedelta(minutes=notice - 1), notice_minutes=notice,
                     note=NOTES[i % len(NOTES)], actor_id=cast.actor_id)
            )  # fmt: skip
            lines.append(
                dict(cancellation_id=cid + i, booking_id=bid + i, short_notice=short,
                     charge_cents=charge, explanation="generated")
            )  # fmt: skip
            if charge:
                sds.append(
                    dict(session_id=sid + i, booking_id=bid + i, kind=SdKind.CANCELLATION,
                         cancellation_id=cid + i, support_item="15_055_0128_1_3",
                         claim_type="CANC", reason_code="NSDH", quantity=1,
                         unit_price_cents=charge, amount_cents=charge, gst_code="P2",
                         created_at=start - timedelta(minutes=notice - 1))
                )  # fmt: skip
        for model, rows in (
            (Session, sessions),
            (Booking, bookings),
            (Cancellation, cancels),
            (CancellationLine, lines),
            (ServiceDelivered, sds),
        ):
            if rows:
                uow.session.execute(insert(model.__table__), rows)
        return charged
