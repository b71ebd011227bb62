"""The demo practice's waitlist, made by the service behind Practice ▸ Waitlist…, as the front
desk would.

No SMS gateway is set: FrontDesk speaks only to a real gateway (MessageMedia) and has no mode in
which texts stay on the desk, so the demo texts nobody; the desk's own offer of a freed place
shows the waitlist at work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.db import UnitOfWork
from app.models import Client, Service, Worker
from app.services.setup.waitlist import WaitlistDraft, save_waitlist_entry

TUE, THU, SAT, MON = 1, 3, 5, 0


@dataclass(frozen=True)
class _Waiting:
    client: int  # index of the demo's clients, in the order they were added
    service: str  # service code
    worker: str | None  # worker name; None: any worker
    weekdays: tuple[int, ...]
    hours: tuple[int, int]  # local minutes of the day: earliest start, latest end
    note: str
    days: int  # how long they have been waiting


# The pilates classes have free places, so the desk's offer after a class cancellation (and the
# text offers, once a gateway is set) can be seen; the speech pathology wish fits no session yet.
WAITING = (
    _Waiting(41, "PILATES-CLS", None, (TUE, THU), (16 * 60 + 30, 19 * 60),
             "Wants a regular evening class after work", 12),
    _Waiting(47, "PILATES-CLS", "Sophie Martin", (SAT,), (8 * 60, 12 * 60),
             "Saturday mornings only", 6),
    _Waiting(14, "15_617_0128_1_3", "Tom Nguyen", (MON,), (16 * 60, 18 * 60),
             "After school only; her mother brings her", 9),
    _Waiting(52, "PILATES-CLS", None, (TUE, THU, SAT), (0, 24 * 60),
             "Referred by Dr Chen; any class", 2),
)  # fmt: skip


def add_waiting_clients(at: Callable[[datetime], UnitOfWork], now: datetime) -> None:
    """Clients waiting for a place, each added at the desk (`at(moment)`) days ago."""
    orm = at(now).session
    clients = list(orm.scalars(select(Client.id).order_by(Client.id)))
    services = {code: i for code, i in orm.execute(select(Service.code, Service.id))}
    workers = {name: i for name, i in orm.execute(select(Worker.name, Worker.id))}
    for w in WAITING:
        draft = WaitlistDraft(
            client_id=clients[w.client],
            worker_id=workers[w.worker] if w.worker else None,
            service_id=services[w.service],
            weekdays=w.weekdays,
            earliest_minute=w.hours[0],
            latest_minute=w.hours[1],
            note=w.note,
        )
        save_waitlist_entry(at(now - timedelta(days=w.days, hours=w.client % 5)), None, draft)
