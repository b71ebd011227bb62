"""The demo practice: the promised mix, the same every time for the same seed and day."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from app.bootstrap import AppContext, prepare_database
from app.models import (
    Booking,
    CancellationReason,
    Client,
    ClinicalNote,
    CreditEntry,
    InsuranceClaim,
    Payment,
    Service,
    Session,
    Worker,
)
from app.models.enums import PaidWith
from app.paths import AppPaths
from app.services.audit.verify import verify_audit_chain
from app.services.demo.generate import generate_demo
from app.services.setup.waitlist import list_waitlist
from app.services.sms.reminder_rules import list_rules
from tests.conftest import DEMO_NOW, FakeClock, system_admin


def _mix(db_path: Path) -> dict[str, object]:
    ctx = prepare_database(f"sqlite:///{db_path}", AppPaths(db_path.parent), FakeClock(DEMO_NOW))
    generate_demo(ctx.db, DEMO_NOW, seed=7)
    with ctx.db.read() as uow:
        s = uow.session
        mix = {
            "workers": s.scalar(select(func.count(Worker.id))),
            "clients": s.scalar(select(func.count(Client.id))),
            "clients_with_email": s.scalar(
                select(func.count(Client.id)).where(Client.email.is_not(None))
            ),
            "session_kind": Counter(k.value for k in s.scalars(select(Session.kind))),
            "session_status": Counter(k.value for k in s.scalars(select(Session.status))),
            "booking_status": Counter(k.value for k in s.scalars(select(Booking.status))),
            "ndis_services": s.scalar(
                select(func.count(Service.id)).where(Service.code.like("%\\_%\\_%", escape="\\"))
            ),
            "support_worker_items": s.scalar(
                select(func.count(Service.id)).where(Service.support_worker_pricing.is_(True))
            ),
            "credit_bookings": s.scalar(
                select(func.count(Booking.id)).where(Booking.paid_with == PaidWith.CREDITS)
            ),
            "credit_purchases": s.scalar(
                select(func.count(CreditEntry.id)).where(CreditEntry.kind == "purchase")
            ),
            "payments": s.scalar(select(func.count(Payment.id))),
            "finalized_notes": s.scalar(
                select(func.count(ClinicalNote.id)).where(ClinicalNote.finalized.is_(True))
            ),
            "insurance_claims": s.scalar(select(func.count(InsuranceClaim.id))),
            "profiles": sorted(set(s.scalars(select(CancellationReason.profile)))),
            "span_days": (
                max(s.scalars(select(Session.starts_at)))
                - min(s.scalars(select(Session.starts_at)))
            ).days,
            "chain_ok": verify_audit_chain(uow).ok,
            "reminder_rules": list_rules(uow),
            "waitlist": [
                (r.client_name, r.service_name, r.window_text, r.created_at)
                for r in list_waitlist(uow)
            ],
        }
    ctx.close()
    return mix


def test_demo_generator_produces_the_promised_mix(tmp_path: Path) -> None:
    mix = _mix(tmp_path / "a" / "frontdesk.sqlite3")
    assert mix["workers"] == 8
    assert mix["clients"] == 60
    assert 40 <= mix["clients_with_email"] < 60  # some clients have no email: the desk sees why
    kinds = mix["session_kind"]
    assert kinds["individual"] > 300 and kinds["group"] >= 6 and kinds["class"] >= 10
    statuses = mix["session_status"]
    assert statuses["completed"] > 200 and statuses["cancelled"] > 20 and statuses["rostered"] > 50
    bookings = mix["booking_status"]
    assert bookings["dna"] >= 5 and bookings["cancelled"] >= 20 and bookings["attended"] > 200
    assert mix["ndis_services"] >= 7 and mix["support_worker_items"] >= 3
    assert mix["credit_bookings"] >= 50 and mix["credit_purchases"] >= 10
    assert mix["payments"] >= 10
    assert mix["finalized_notes"] == 1
    assert mix["insurance_claims"] == 1
    assert mix["profiles"] == ["any", "ndis", "private"]  # staff reasons serve both profiles
    assert 25 <= mix["span_days"] <= 28  # four weeks around "today"
    assert mix["chain_ok"] is True
    assert len(mix["reminder_rules"]) == 2  # type: ignore[arg-type]
    assert len(mix["waitlist"]) == 4  # type: ignore[arg-type]


def test_demo_generator_is_deterministic(tmp_path: Path) -> None:
    assert _mix(tmp_path / "a" / "frontdesk.sqlite3") == _mix(tmp_path / "b" / "frontdesk.sqlite3")


def test_the_demos_money_notes_claims_and_credits_are_made_by_the_desks_services(
    tmp_path: Path,
) -> None:
    """Each payment, note, insurer billing and ledger line has the audit event its service
    writes, by the user who would have done it: nothing in the demo is a bare row insert."""
    from app.models import AuditEvent, ClinicalNote, CreditEntry, InsuranceClaim, Payment, User

    ctx = prepare_database(
        f"sqlite:///{tmp_path / 'd.sqlite3'}", AppPaths(tmp_path).ensure(), FakeClock(DEMO_NOW)
    )
    generate_demo(ctx.db, DEMO_NOW)
    with ctx.db.read() as uow:
        q = uow.session
        audited = set(q.execute(select(AuditEvent.entity, AuditEvent.entity_id)))
        by_user = {e: u for e, u in q.execute(select(AuditEvent.entity, AuditEvent.username))}
        kinds = {
            "payment": Payment, "note": ClinicalNote, "insurance_claim": InsuranceClaim,
            "credit_ledger": CreditEntry,
        }  # fmt: skip
        for entity, model in kinds.items():
            ids = set(q.scalars(select(model.id)))
            assert ids, f"the demo has no {entity}"
            missing = {i for i in ids if (entity, i) not in audited}
            if entity == "credit_ledger":  # refunds are written with their cancellation
                refunds = set(q.scalars(select(CreditEntry.id).where(CreditEntry.kind == "refund")))
                missing -= refunds
            assert not missing, f"{entity} rows with no service's audit event: {sorted(missing)}"
        assert by_user["payment"] == "reception" and by_user["credit_ledger"] == "reception"
        reception = q.scalar(select(User.id).where(User.username == "reception"))
        assert set(q.scalars(select(Payment.posted_by_id))) == {reception}
    ctx.close()


def test_the_demo_waitlist_fits_upcoming_classes_with_a_free_place(demo_ctx: AppContext) -> None:
    """Clients added to the waitlist at the desk; the next classes' free places (one freed by a
    client's cancellation) are offered to them, longest waiting first. No gateway is set, so
    nobody is texted: FrontDesk has no gateway that keeps texts on the desk."""
    from app.models import AuditEvent
    from app.models.enums import SessionStatus
    from app.services.setup.waitlist import waitlist_matches
    from app.services.sms.offers import freed_sessions, offerable
    from app.services.sms.settings import sms_settings

    with demo_ctx.db.read() as uow:
        waiting = list_waitlist(uow)
        added_by = set(uow.session.scalars(
            select(AuditEvent.username).where(AuditEvent.action == "waitlist.create")))  # fmt: skip
        coming = list(uow.session.scalars(
            select(Session.id)
            .where(Session.status == SessionStatus.ROSTERED, Session.starts_at > DEMO_NOW)
            .order_by(Session.starts_at)
        ))  # fmt: skip
        fits = {sid: m for sid in coming if (m := waitlist_matches(uow, sid))}
        texted = {sid: offerable(uow, sid) for sid in freed_sessions(uow, DEMO_NOW)}
        gateway = sms_settings(uow)
    assert len(waiting) == 4 and added_by == {"reception"}
    assert [r.created_at for r in waiting] == sorted(r.created_at for r in waiting)
    assert all(r.draft.note for r in waiting)
    assert len(fits) >= 3
    matched = {m.client_name for found in fits.values() for m in found}
    assert matched < {r.client_name for r in waiting}  # one waits for a time nothing fits yet
    for found in fits.values():
        assert [m.waiting_since for m in found] == sorted(m.waiting_since for m in found)
    assert any(texted.values())  # a place a client freed, with a waiting client to text
    assert gateway is None  # never a real gateway with made-up keys


def test_the_demo_reminds_its_coming_bookings_by_e_mail_and_text(demo_ctx: AppContext) -> None:
    """Two reminder rules, saved through the rule editor's service by the administrator; the
    outbox's reminder pass finds bookings to remind by each. No gateway is set, so the texts
    wait in the outbox: nothing leaves the desk."""
    from app.models import AuditEvent, OutboxMessage
    from app.models.enums import OutboxChannel, OutboxStatus
    from app.services.sms.reminder_queue import queue_due_reminders
    from app.services.sms.reminder_state import TOPIC

    db = demo_ctx.db
    with db.read() as uow:
        rules = list_rules(uow)
        saved_by = set(uow.session.scalars(
            select(AuditEvent.username).where(AuditEvent.action == "reminder_rule.save")))  # fmt: skip
    assert [(r.name, r.channel, r.when_text(), r.active) for r in rules] == [
        ("E-mail two days before", "email", "48 hours before", True),
        ("Text the day before", "sms", "1 day before at 10:00", True),
    ]
    assert saved_by == {"admin"}
    with db.write(system_admin(db)) as uow:
        queued = queue_due_reminders(uow, DEMO_NOW)
        rows = list(uow.session.scalars(select(OutboxMessage).where(OutboxMessage.topic == TOPIC)))
    assert queued == len(rows) > 20
    by_channel = Counter(m.channel for m in rows)
    assert by_channel[OutboxChannel.EMAIL] > 10 and by_channel[OutboxChannel.SMS] > 10
    text = next(m for m in rows if m.channel == OutboxChannel.SMS)
    assert text.recipient.startswith("+614") and text.status == OutboxStatus.PENDING
    assert "Reply C to cancel, Y to confirm" in text.payload["body"]
    assert text.payload["body"].endswith("Harbourside Allied Health")
