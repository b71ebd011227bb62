"""What happened to the roster: completions, cancellations, no-shows, undos, closures, claims.

Every outcome is an event with a time; events are applied in time order, so ids grow with time
(as they do when the app writes them) and each audit event's before/after is the session as it
was at that moment. Proportions follow a busy practice: about 9% of bookings cancelled by the
client (a third of them at short notice, charged), 1.5% of sessions cancelled by the worker,
3% no-shows, a weather closure each winter cancelled in bulk with refunds, NDIS lines
extracted for claiming every fortnight, 1% of cancellations undone.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from benchmarks.datagen.outcomes import Outcomes
from benchmarks.datagen.people import Catalogue
from benchmarks.datagen.records import AuditEvent
from benchmarks.datagen.roster import TZ, Book, Roster, Sess, at


class History(Outcomes):
    """Plans each session's fate, then applies every event in time order."""

    def __init__(
        self, cat: Catalogue, roster: Roster, rng: random.Random, now: datetime,
        reasons: dict[str, int], practice: str,
    ) -> None:  # fmt: skip
        self.cat, self.roster, self.rng, self.now = cat, roster, rng, now
        self.reasons, self.practice = reasons, practice
        self.workers = {w.id: w for w in cat.workers}
        self.events: list[tuple[datetime, int, Callable[..., None], tuple[Any, ...]]] = []
        self.cancellations: list[list[Any]] = []
        self.lines: list[tuple[Any, ...]] = []
        self.sds: list[list[Any]] = []
        self.payments: list[tuple[Any, ...]] = []
        self.ledger: list[tuple[Any, ...]] = []
        self.outbox: list[tuple[Any, ...]] = []
        self.audit: list[AuditEvent] = []
        self.jobs: list[tuple[Any, ...]] = []
        self.items: list[tuple[Any, ...]] = []
        self.batches: list[tuple[Any, ...]] = []
        self.notes: list[tuple[Any, ...]] = []
        self.claims: list[tuple[Any, ...]] = []
        self.unclaimed: list[list[Any]] = []
        self.seq = 0

    # -- planning --------------------------------------------------------------------------

    def add(self, when: datetime, fn: Callable[..., None], *args: Any) -> None:
        self.seq += 1
        heapq.heappush(self.events, (when.replace(microsecond=0), self.seq, fn, args))

    def user(self) -> tuple[int, str]:
        r = self.rng.random()
        if r < 0.85:
            return self.cat.users[2 + self.rng.randrange(len(self.cat.users) - 2)]
        return self.cat.users[1] if r < 0.95 else self.cat.users[0]

    def plan(self) -> None:
        closures = self._closure_days()
        by_day: dict[date, list[Sess]] = {}
        for s in self.roster.sessions:
            local_day = s.starts_at.astimezone(TZ).date()
            if local_day in closures:
                by_day.setdefault(local_day, []).append(s)
            elif s.starts_at >= self.now:
                self._plan_future(s)
            else:
                self._plan_past(s)
        for d, sessions in sorted(by_day.items()):
            self.add(at(d - timedelta(days=1), 16, 0), self.bulk, d, sessions)
        self._plan_extractions()
        self._credits()

    def _closure_days(self) -> set[date]:
        """One winter storm day a year, in the past, closed by a bulk cancellation."""
        today = self.now.astimezone(TZ).date()
        days = set()
        for year in range(self.roster.first_day.year, today.year + 1):
            d = date(year, 6, 1) + timedelta(days=self.rng.randrange(80))
            while d.weekday() > 4:
                d += timedelta(days=1)
            if self.roster.first_day < d < today - timedelta(days=7):
                days.add(d)
        return days

    def _notice(self) -> timedelta:
        r, u = self.rng.random(), self.rng.uniform
        if r < 0.12:
            return timedelta(minutes=u(30, 720))
        if r < 0.3:
            return timedelta(hours=u(12, 48))
        if r < 0.65:
            return timedelta(days=u(2, 7))
        return timedelta(days=u(7, 21))

    def _client_cancel_at(self, b: Book, latest: datetime) -> datetime | None:
        s = b.session
        advised = max(s.starts_at - self._notice(), b.created_at + timedelta(hours=1))
        return advised if advised < min(s.starts_at, latest) - timedelta(minutes=5) else None

    def _plan_future(self, s: Sess) -> None:
        for b in s.bookings:
            if self.rng.random() < 0.05:
                advised = self._client_cancel_at(b, self.now)
                if advised is not None:
                    self.add(advised, self.client_cancel, b, advised)

    def _plan_past(self, s: Sess) -> None:
        rng = self.rng
        end_at = s.ends_at + timedelta(minutes=rng.uniform(5, 180))
        if s.ends_at > self.now:
            return  # in progress
        if s.starts_at > self.now - timedelta(days=3) and rng.random() < 0.12:
            return  # nobody has closed it yet: the worklist
        if rng.random() < 0.015:
            advised = max(s.starts_at - timedelta(hours=rng.uniform(2, 48)), s.created_at)
            if advised < s.starts_at - timedelta(minutes=10):
                self.add(advised, self.worker_cancel, s, advised)
                return
        remaining = 0
        for b in s.bookings:
            r = rng.random()
            advised = self._client_cancel_at(b, self.now) if r < 0.09 else None
            if advised is not None:
                undo = rng.random() < 0.01
                self.add(advised, self.client_cancel, b, advised, undo)
                remaining += undo
            elif r < 0.12:
                self.add(s.starts_at + timedelta(minutes=20), self.dna, b)
            else:
                remaining += 1
        if remaining:
            self.add(min(end_at, self.now - timedelta(minutes=1)), self.complete, s)

    def _plan_extractions(self) -> None:
        first = self.roster.first_day + timedelta(days=14)
        d = first - timedelta(days=first.weekday())
        while at(d, 10, 0) < self.now:
            self.add(at(d, 10, 0), self.extract, d)
            d += timedelta(days=14)

    def _credits(self) -> None:
        """Class bookings spend a credit; a client buys a 10-class pass when they run out."""
        by_client: dict[int, list[Book]] = {}
        for b in self.roster.bookings:
            if b.paid_with == "credits":
                by_client.setdefault(b.client.id, []).append(b)
            elif b.paid_with == "purchase":
                self.ledger.append((b.created_at, b.client.id, b.id, "purchase", 0,
                                    b.purchase_cents, None, "Paid at booking"))  # fmt: skip
        for cid, books in by_client.items():
            balance = 0
            for b in sorted(books, key=lambda b: (b.created_at, b.id)):
                if balance < 1:
                    self.ledger.append((b.created_at - timedelta(minutes=3), cid, None,
                                        "purchase", 10, 30000, None, "10-class pass"))  # fmt: skip
                    balance += 10
                balance -= 1
                self.ledger.append((b.created_at, cid, b.id, "use", -1, 0, None, "Class booking"))

    def run(self) -> None:
        self.plan()
        while self.events:
            _, _, fn, args = heapq.heappop(self.events)
            fn(*args)
