"""The history's event handlers: each writes the rows the app's service would have written."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.models.money import format_money
from benchmarks.datagen.people import CLASS, Catalogue, WorkerDef
from benchmarks.datagen.records import AuditEvent, iso, snapshot
from benchmarks.datagen.roster import TZ, Book, Sess, at

if TYPE_CHECKING:
    from collections.abc import Callable

SHORT_NOTICE = timedelta(hours=48)
NOTES = ("", "", "", "Called reception", "Left a voicemail", "Emailed the clinic", "SMS reply",
         "Mum called: unwell, will rebook", "Transport fell through")  # fmt: skip
WAIVERS = ("Hospital admission", "Bereavement", "First late cancellation", "Manager approved")
TOPIC_TEXT = {
    "cancel": "cancellation notice",
    "cancel_worker": "cancellation notice (practitioner unavailable)",
    "cancel_practice": "cancellation notice (practice closure)",
    "bulk_closure": "closure notice",
    "undo": "“your booking is back” notice",
}
CLIENT_REASONS = ("ndis_health", "ndis_family", "ndis_transport", "ndis_other")
WORKER_REASONS = ("worker_unwell", "worker_unavailable")


def derive(s: Sess) -> str:
    """app.models.lifecycle.derive_status on the generator's records."""
    if s.cancelled_by_worker:
        return "cancelled"
    statuses = [b.status for b in s.bookings]
    if "booked" in statuses:
        return "rostered"
    if all(x == "cancelled" for x in statuses):
        return "cancelled"
    return "completed"


def _working(advised: datetime, start: datetime) -> tuple[str, bool]:
    notice = start - advised
    hours = notice.total_seconds() / 3600
    short = notice < SHORT_NOTICE
    a, s = advised.astimezone(TZ), start.astimezone(TZ)
    text = (
        f"advised {a:%a %d %b %H:%M}, session {s:%a %d %b %H:%M}: {hours:.1f} hours' notice; "
        f"NDIS short notice is less than 2 clear business days → "
        + ("short notice" if short else "enough notice")
    )
    return text, short


class Outcomes:
    """Mixed into History: the state it carries is declared there."""

    cat: Catalogue
    rng: random.Random
    now: datetime
    reasons: dict[str, int]
    practice: str
    workers: dict[int, WorkerDef]
    cancellations: list[list[Any]]
    lines: list[tuple[Any, ...]]
    sds: list[list[Any]]
    payments: list[tuple[Any, ...]]
    ledger: list[tuple[Any, ...]]
    outbox: list[tuple[Any, ...]]
    audit: list[AuditEvent]
    jobs: list[tuple[Any, ...]]
    items: list[tuple[Any, ...]]
    batches: list[tuple[Any, ...]]
    notes: list[tuple[Any, ...]]
    claims: list[tuple[Any, ...]]
    unclaimed: list[list[Any]]

    if TYPE_CHECKING:

        def add(self, when: datetime, fn: Callable[..., None], *args: Any) -> None: ...
        def user(self) -> tuple[int, str]: ...

    # -- rows ------------------------------------------------------------------------------

    def touch(self, s: Sess, when: datetime) -> None:
        s.status = derive(s)
        s.version += 1
        s.updated_at = when

    def sd(self, s: Sess, b: Book, kind: str, amount: int, when: datetime,
           cancellation_id: int | None = None, reason_code: str | None = None) -> None:  # fmt: skip
        svc = s.service
        hourly = svc.hourly and kind == "delivered"
        minutes = (s.ends_at - s.starts_at).total_seconds() / 60
        quantity = round(minutes / 60, 2) if hourly else 1.0
        ndis = b.client.funding == "ndis"
        claim = "" if kind == "delivered" or not ndis else "CANC"
        row = [
            len(self.sds) + 1, s.id, b.id, kind, cancellation_id, svc.code, claim,
            reason_code if ndis else None, quantity,
            svc.price_cents if hourly else amount, amount,
            "P2" if svc.hourly else "P1", when, None, None, None,
        ]  # fmt: skip
        self.sds.append(row)
        if ndis:
            self.unclaimed.append(row)

    def message(self, key: str, topic: str, s: Sess, b: Book, when: datetime) -> None:
        c = b.client
        sendable = c.consent and c.email
        why = "" if sendable else ("no consent to be contacted" if not c.consent
                                    else "no email address on file")  # fmt: skip
        local = s.starts_at.astimezone(TZ)
        payload = {
            "practice": self.practice, "session_id": s.id, "service": s.service.name,
            "worker": self.workers[s.worker_id].name,
            "starts_local": local.strftime("%A %d %B %Y, %I:%M %p").replace(" 0", " "),
            "starts_utc": iso(s.starts_at), "client": c.name, "first_name": c.first_name,
        }  # fmt: skip
        sent = when + timedelta(seconds=self.rng.randint(20, 300))
        self.outbox.append((
            len(self.outbox) + 1, "email", topic, key, s.id, c.id, c.email or "",
            f"{self.practice}: {TOPIC_TEXT[topic]}", payload, "sent" if sendable else "skipped",
            why, 1 if sendable else 0, None, None, when, sent if sendable else None,
            None, None, None, None,
        ))  # fmt: skip

    def cancel(self, s: Sess, targets: list[Book], who: str, reason: str, advised: datetime,
               recorded: datetime, user: tuple[int, str], bulk_job: int | None = None) -> int:  # fmt: skip
        before = snapshot(s)
        cid = len(self.cancellations) + 1
        working, short = _working(advised, s.starts_at)
        booked = [b for b in s.bookings if b.status == "booked"]
        note = self.rng.choice(NOTES) if who == "client" else ""
        charges: dict[str, int] = {}
        waived_any = False
        for b in targets:
            chargeable = who == "client" and short and s.service.allows_charge
            waived = chargeable and self.rng.random() < 0.05
            charge = s.price_cents if chargeable and not waived else 0
            waived_any |= waived
            money = format_money(s.price_cents)
            explanation = (
                f"{working} → 100% of {money} = {money}" if chargeable
                else f"{working} → no charge"
            )  # fmt: skip
            self.lines.append((len(self.lines) + 1, cid, b.id, int(short and who == "client"),
                               charge, int(waived), self.rng.choice(WAIVERS) if waived else None,
                               explanation, None, None,
                               s.price_cents if waived else 0))  # fmt: skip
            b.status = "cancelled"
            b.version += 1
            if charge:
                self.sd(s, b, "cancellation", charge, recorded, cid, "NSDH")
            charges[str(b.id)] = charge
        if who == "worker":
            s.cancelled_by_worker = True
        self.touch(s, recorded)
        notice = max(0, int((s.starts_at - advised).total_seconds() // 60))
        whole = who != "client" or len(targets) == len(booked)
        self.cancellations.append([
            cid, s.id, who, int(whole), self.reasons[reason], advised, recorded, notice,
            working, note, user[0], bulk_job, None, None, None, None,
        ])  # fmt: skip
        topic = (
            "bulk_closure"
            if bulk_job
            else {"client": "cancel", "worker": "cancel_worker"}.get(who, "cancel_practice")
        )
        for b in targets:
            self.message(f"cancellation:{cid}:booking:{b.id}:email", topic, s, b, recorded)
        after = {**snapshot(s), "cancelled_by": who, "reason": reason,
                 "advised_at": iso(advised), "notice_minutes": notice, "charges": charges,
                 "waived": waived_any, "note": note}  # fmt: skip
        self.audit.append(
            AuditEvent(recorded, user, "session.cancel", "cancellation", cid, s.id, before, after)
        )
        return cid

    # -- events ----------------------------------------------------------------------------

    def client_cancel(self, b: Book, advised: datetime, undo: bool = False) -> None:
        s = b.session
        if b.status != "booked" or s.status != "rostered":
            return
        latest = min(s.starts_at, self.now) - timedelta(minutes=1)
        recorded = min(advised + timedelta(minutes=self.rng.uniform(1, 25)), latest)
        reason = self.rng.choice(CLIENT_REASONS)
        cid = self.cancel(s, [b], "client", reason, advised, recorded, self.user())
        if undo and not self.lines[-1][4]:
            when = recorded + (latest - recorded) * self.rng.random()
            self.add(when, self.undo, cid, b, when)

    def worker_cancel(self, s: Sess, advised: datetime) -> None:
        booked = [b for b in s.bookings if b.status == "booked"]
        if not booked:
            return
        recorded = advised + timedelta(minutes=self.rng.uniform(1, 30))
        reason = self.rng.choice(WORKER_REASONS)
        self.cancel(s, booked, "worker", reason, advised, recorded, self.user())

    def undo(self, cid: int, b: Book, when: datetime) -> None:
        s = b.session
        c = self.cancellations[cid - 1]
        user = self.cat.users[1]
        before = snapshot(s)
        b.status, b.version = "booked", b.version + 1
        why = "Cancelled by mistake: client confirmed they are coming"
        c[12], c[13], c[14] = when, user[0], why
        self.touch(s, when)
        self.message(f"undo:{cid}:booking:{b.id}:email", "undo", s, b, when)
        self.audit.append(AuditEvent(when, user, "session.undo_cancellation", "cancellation", cid,
                                     s.id, before, {**snapshot(s), "undo_reason": why}))  # fmt: skip

    def dna(self, b: Book) -> None:
        s = b.session
        if b.status != "booked":
            return
        when = s.starts_at + timedelta(minutes=20)
        before = snapshot(s)
        b.status, b.version = "dna", b.version + 1
        if s.service.allows_charge:
            self.sd(s, b, "no_show", s.price_cents, when, None, "NSDO")
        self.touch(s, when)
        self.audit.append(AuditEvent(when, self.user(), "session.did_not_attend", "session", s.id,
                                     s.id, before, snapshot(s)))  # fmt: skip

    def complete(self, s: Sess) -> None:
        booked = [b for b in s.bookings if b.status == "booked"]
        if not booked or s.status != "rostered":
            return
        when = max(s.ends_at, s.updated_at) + timedelta(minutes=self.rng.uniform(2, 90))
        when = min(when, self.now - timedelta(minutes=1))
        before = snapshot(s)
        for b in booked:
            b.status, b.version = "attended", b.version + 1
            self.sd(s, b, "delivered", s.price_cents, when)
            if b.client.funding != "ndis" and b.paid_with == "invoice" and self.rng.random() < 0.8:
                self.payments.append(
                    (
                        None,
                        s.id,
                        b.client.id,
                        s.price_cents,
                        self.rng.choice(("card", "eftpos", "cash")),
                        when,
                        3,
                        "",
                    )
                )
            if b.client.funding == "insurance" and self.rng.random() < 0.5:
                self.claims.append(
                    (
                        None,
                        s.id,
                        b.client.id,
                        "Bupa",
                        f"BUPA-{s.id:07d}",
                        s.price_cents,
                        when + timedelta(hours=2),
                        "submitted",
                    )
                )
        if s.kind == "individual" and self.rng.random() < 0.1:
            final = self.rng.random() < 0.8
            self.notes.append((None, s.id, 1, "Progress noted; continue plan. " * 3, int(final),
                               when, when if final else None))  # fmt: skip
        self.touch(s, when)
        self.audit.append(AuditEvent(when, self.user(), "session.complete", "session", s.id, s.id,
                                     before, snapshot(s)))  # fmt: skip

    def bulk(self, day: date, sessions: list[Sess]) -> None:
        created = at(day - timedelta(days=1), 16, 0)
        user = self.cat.users[1]
        job_id = len(self.jobs) + 1
        targets = [s for s in sessions if s.status == "rostered"]
        reason = "practice_weather"
        self.audit.append(AuditEvent(created, user, "bulk.create", "bulk_job", job_id, None, None,
                                     {"sessions": [s.id for s in targets], "reason": reason,
                                      "note": "Severe weather warning", "csv": ""}))  # fmt: skip
        when = created
        for s in targets:
            when += timedelta(seconds=1)
            booked = [b for b in s.bookings if b.status == "booked"]
            cid = self.cancel(s, booked, "practice", reason, created, when, user, job_id)
            for b in booked:
                if b.paid_with == "credits" and b.credits_used:
                    self.ledger.append(
                        (
                            when,
                            b.client.id,
                            b.id,
                            "refund",
                            b.credits_used,
                            0,
                            job_id,
                            f"Bulk cancellation #{job_id}: credits returned",
                        )
                    )
                elif b.paid_with == "purchase" and b.purchase_cents:
                    self.ledger.append(
                        (
                            when,
                            b.client.id,
                            b.id,
                            "refund",
                            0,
                            -b.purchase_cents,
                            job_id,
                            f"Bulk cancellation #{job_id}: purchase refunded",
                        )
                    )
            self.items.append((None, job_id, s.id, "done", cid, when, None))
        finished = when + timedelta(seconds=1)
        self.jobs.append((job_id, created, user[0], "done", self.reasons[reason],
                          "Severe weather warning", day, day, "", len(targets), len(targets),
                          finished, None))  # fmt: skip
        self.audit.append(AuditEvent(finished, user, "bulk.finish", "bulk_job", job_id, None, None,
                                     {"done": len(targets)}))  # fmt: skip

    def extract(self, d: date) -> None:
        when = at(d, 10, 0)
        rows = [r for r in self.unclaimed if r[12] < when]
        self.unclaimed = [r for r in self.unclaimed if r[12] >= when]
        if not rows:
            return
        batch = len(self.batches) + 1
        total = sum(r[10] for r in rows)
        for r in rows:
            r[13], r[14] = when, batch
        start = at(d - timedelta(days=14), 0, 0)
        self.batches.append((batch, when, 2, start, when, len(rows), total))
        self.audit.append(AuditEvent(when, self.cat.users[1], "sds.extract", "extraction_batch",
                                     batch, None, None, {"sd_count": len(rows),
                                                         "total_cents": total}))  # fmt: skip


__all__ = ["CLASS", "Outcomes", "derive"]
