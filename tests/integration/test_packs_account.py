"""Class packs, single classes and credits on both backends: sales, refusals, expiry, the
bulk refund and its undo through the one ledger, and the client's account with its exports."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import NotAllowedError, NotFoundError, ValidationError
from app.models import AuditEvent, Booking, CancellationLine, Client, CreditEntry
from app.models.enums import LedgerKind, PaidWith, SessionKind
from app.services.bulk import run as bulk_run
from app.services.money import credits, packs
from app.services.money.account import client_account, write_account_csv
from app.services.money.account_pdf import write_account_pdf
from app.services.money.packs import PackSale
from app.services.setup.editing import edit_session, session_draft
from tests.factory import World, local

NOW = local(2026, 4, 1, 9)


def _class(world: World, clients: list[int], day: int = 6) -> int:
    w = world.worker(name=f"Coach {day}", days=range(7))
    svc = world.service(f"PILATES{day}", 3500, allows=False)
    return world.session(w, svc, local(2026, 4, day, 17), clients, kind=SessionKind.CLASS,
                         capacity=8)  # fmt: skip


def _sell(world: World, client: int, credits: int = 10, **kw: object) -> packs.MoneyResult:
    sale = PackSale(client, str(kw.pop("name", "10-class pack")), credits,
                    str(kw.pop("price", "$150")), **kw)  # type: ignore[arg-type]  # fmt: skip
    return world.run(world.reception, lambda uow: packs.sell_pack(uow, sale))


def _balance(world: World, client: int, on: date | None = None) -> int:
    return world.read(lambda uow: credits.credit_balances(uow, [client], on).get(client, 0))


def _pay(world: World, sid: int, client: int, how: PaidWith = PaidWith.CREDITS,
         price: str = "", method: str = "card") -> CreditEntry | None:  # fmt: skip
    """Edit session…: the client's place, on invoice, paid as chosen in the Paid with column;
    the ledger line written for it (None when nothing was)."""
    opened = world.read(lambda uow: session_draft(uow, sid))
    pay = packs.BookingPayment(client, how, price, method)
    draft = replace(opened.draft, payments=(*opened.draft.payments, pay))
    world.run(world.reception,
              lambda uow: edit_session(uow, sid, draft, expected_version=opened.version))  # fmt: skip
    booking = world.bookings(sid)[client]
    return world.read(lambda uow: uow.session.scalars(
        select(CreditEntry).where(CreditEntry.booking_id == booking)
        .order_by(CreditEntry.id.desc())).first())  # fmt: skip


def test_reception_sells_a_pack_a_purchase_line_with_price_method_and_expiry(world: World) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    sold = _sell(world, cara, price="150.00", method="cash", expires_on=date(2026, 6, 30))
    assert sold.message == (
        "Cara Credit bought “10-class pack”: 10 credits for $150.00 (cash), valid until 30 Jun 2026."
    )
    line = world.read(lambda uow: uow.session.get(CreditEntry, sold.entry_id))
    assert (line.kind, line.credits, line.amount_cents, line.method, line.expires_on) == (
        LedgerKind.PURCHASE, 10, 15000, "cash", date(2026, 6, 30))  # fmt: skip
    assert line.created_by_id == world.reception.user_id and line.note == "10-class pack"
    assert _balance(world, cara) == 10
    actions = world.read(
        lambda uow: list(uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    )
    assert actions[-1] == "credits.sell_pack"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"credits": 0}, "credits", "between 1 and 200"),
        ({"credits": 201}, "credits", "between 1 and 200"),
        ({"price": "-5"}, "price", "cannot be negative"),
        ({"price": "ten"}, "price", "is not an amount of money"),
        ({"name": "  "}, "name", "Name the pack"),
        ({"method": "bitcoin"}, "method", "Choose how the client paid"),
        ({"expires_on": date(2026, 3, 31)}, "expires_on", "is in the past"),
    ],
)
def test_a_pack_that_cannot_be_sold_is_refused_with_a_sentence_and_nothing_written(
    world: World, change: dict[str, object], field: str, words: str
) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    with pytest.raises(ValidationError) as refused:
        _sell(world, cara, **change)  # type: ignore[arg-type]
    assert words in refused.value.message and refused.value.field == field
    assert world.read(lambda uow: uow.session.scalars(select(CreditEntry)).all()) == []


def test_booking_with_a_credit_uses_the_pack_expiring_first_and_is_refused_when_none_is_left(
    world: World,
) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    _sell(world, cara, 1, name="Late pack", expires_on=date(2026, 12, 31))
    _sell(world, cara, 1, name="Early pack", expires_on=date(2026, 4, 30))
    first, second, third = (_class(world, [cara], d) for d in (6, 7, 8))
    use = _pay(world, first, cara)
    assert use is not None
    assert (use.kind, use.credits, use.expires_on) == (LedgerKind.USE, -1, date(2026, 4, 30))
    assert _balance(world, cara) == 1
    _pay(world, second, cara)
    with pytest.raises(NotAllowedError) as refused:
        _pay(world, third, cara)
    assert "Cara Credit has 0 class credit(s) valid on 08 Apr 2026" in refused.value.message
    assert "Sell a class pack first" in refused.value.message
    booking = world.read(lambda uow: uow.session.get(Booking, world.bookings(third)[cara]))
    assert booking.paid_with == PaidWith.INVOICE and booking.credits_used == 0
    again = _pay(world, first, cara)  # already paid with a credit: kept, never charged twice
    assert again is not None and again.id == use.id and _balance(world, cara) == 0


def test_an_expired_packs_credits_are_not_usable_for_a_later_class(world: World) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    _sell(world, cara, 3, expires_on=date(2026, 4, 5))
    later = _class(world, [cara], 6)
    assert _balance(world, cara) == 3 and _balance(world, cara, date(2026, 4, 6)) == 0
    with pytest.raises(NotAllowedError) as refused:
        _pay(world, later, cara)
    assert "3 credit(s) held today expire before that day." in refused.value.message
    world.clock.set(local(2026, 4, 6, 9))
    account = world.read(lambda uow: client_account(uow, cara))
    assert account.balance == 0 and account.packs[0].state == "expired"
    assert [(line.what, line.credits, line.credits_after) for line in account.lines] == [
        ("Purchase", 3, 3), ("Expired", -3, 0)]  # fmt: skip


def test_a_single_class_purchase_is_a_line_tied_to_the_booking_at_the_sessions_price(
    world: World,
) -> None:
    world.clock.set(NOW)
    bob = world.client("Bob Buyer")
    sid = _class(world, [bob])
    booking_id = world.bookings(sid)[bob]
    line = _pay(world, sid, bob, PaidWith.PURCHASE, "", "cash")
    booking = world.read(lambda uow: uow.session.get(Booking, booking_id))
    assert (booking.paid_with, booking.purchase_cents) == (PaidWith.PURCHASE, 3500)
    assert line is not None
    assert (line.kind, line.credits, line.amount_cents, line.booking_id, line.method) == (
        LedgerKind.PURCHASE, 0, 3500, booking_id, "cash")  # fmt: skip


def test_a_pack_for_an_unknown_or_inactive_client_is_refused(world: World) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    with pytest.raises(NotFoundError, match="That client no longer exists."):
        world.run(world.reception, lambda uow: packs.sell_pack(uow, PackSale(9999, "P", 1, "1")))

    def deactivate(uow):  # type: ignore[no-untyped-def]
        uow.session.get(Client, cara).active = False

    world.run(world.admin, deactivate)
    with pytest.raises(NotAllowedError, match="Cara Credit is inactive; reactivate them first."):
        _sell(world, cara)


def test_bulk_cancel_refunds_the_credit_and_undo_takes_it_back_the_account_shows_each_step(
    world: World, tmp_path: Path
) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    _sell(world, cara, 10, expires_on=date(2026, 12, 31))
    sid = _class(world, [cara])
    _pay(world, sid, cara)
    assert _balance(world, cara) == 9
    created = bulk_run.queue_bulk_cancel(world.db, world.admin, [sid],
                                         world.reason("practice_closure"), "", tmp_path / "a.csv")  # fmt: skip
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert _balance(world, cara) == 10
    bulk_run.undo_bulk_job_with_csv(world.db, world.admin, created.job_id, "Reopened")
    assert _balance(world, cara) == 9
    account = world.read(lambda uow: client_account(uow, cara))
    assert [(line.what, line.credits, line.credits_after) for line in account.lines] == [
        ("Purchase", 10, 10), ("Credit used", -1, 9), ("Refund", 1, 10),
        ("Refund reversed", -1, 9)]  # fmt: skip
    assert account.balance == 9 and account.packs[0].left == 9
    out = world.read(lambda uow: write_account_csv(uow, cara, tmp_path / "acct.csv"))
    rows = list(csv.reader(out.path.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["Date", "Time", "What"] and [r[2] for r in rows[1:]] == [
        "Purchase", "Credit used", "Refund", "Refund reversed"]  # fmt: skip
    pdf = world.read(lambda uow: write_account_pdf(uow, cara, tmp_path / "acct.pdf"))
    assert pdf.count >= 1 and (tmp_path / "acct.pdf").read_bytes().startswith(b"%PDF")


def test_a_formula_in_a_pack_name_is_neutralised_in_the_account_csv(
    world: World, tmp_path: Path
) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    _sell(world, cara, 2, name="=HYPERLINK(1)")
    out = world.read(lambda uow: write_account_csv(uow, cara, tmp_path / "acct.csv"))
    rows = list(csv.reader(out.path.open(encoding="utf-8-sig")))
    assert rows[1][3].startswith("'=HYPERLINK")


def test_a_class_booked_with_a_credit_and_a_purchase_then_a_client_added_with_a_credit(
    world: World,
) -> None:
    from app.models.enums import SessionKind as Kind
    from app.services.setup.editing import edit_session, session_draft
    from app.services.setup.sessions import SessionDraft, create_sessions

    world.clock.set(NOW)
    cara, bob, ina = (world.client(n) for n in ("Cara Credit", "Bob Buyer", "Ina Later"))
    _sell(world, cara, 2)
    _sell(world, ina, 1)
    w = world.worker(days=range(7))
    svc = world.service("YOGA", 3000)
    pay = (packs.BookingPayment(cara, PaidWith.CREDITS),
           packs.BookingPayment(bob, PaidWith.PURCHASE, "", "cash"))  # fmt: skip
    draft = SessionDraft(w, svc, local(2026, 4, 6, 9), 60, (cara, bob), kind=Kind.CLASS,
                         capacity=6, payments=pay)  # fmt: skip
    made = world.run(world.reception, lambda uow: create_sessions(uow, draft))
    sid = made.session_ids[0]
    by_client = {b.client_id: b for b in world.read(
        lambda uow: list(uow.session.scalars(select(Booking).where(Booking.session_id == sid))))}  # fmt: skip
    assert (by_client[cara].paid_with, by_client[cara].credits_used) == (PaidWith.CREDITS, 1)
    assert (by_client[bob].paid_with, by_client[bob].purchase_cents) == (PaidWith.PURCHASE, 3000)
    opened = world.read(lambda uow: session_draft(uow, sid))
    assert {p.client_id: p.paid_with for p in opened.draft.payments} == {
        cara: PaidWith.CREDITS, bob: PaidWith.PURCHASE}  # fmt: skip
    from dataclasses import replace

    more = replace(opened.draft, client_ids=(cara, bob, ina),
                   payments=(*opened.draft.payments, packs.BookingPayment(ina, PaidWith.CREDITS)))  # fmt: skip
    world.run(world.reception, lambda uow: edit_session(uow, sid, more))
    assert _balance(world, cara) == 1 and _balance(world, ina) == 0  # Cara not charged twice
    refused = replace(opened.draft, client_ids=(cara, bob, ina),
                      payments=(packs.BookingPayment(bob, PaidWith.CREDITS),))  # fmt: skip
    world.run(world.reception, lambda uow: edit_session(uow, sid, refused))  # already paid: kept
    assert world.read(lambda uow: uow.session.get(Booking, by_client[bob].id)).paid_with == (
        PaidWith.PURCHASE)  # fmt: skip
    none_left = SessionDraft(w, svc, local(2026, 4, 7, 9), 60, (ina,), kind=Kind.CLASS,
                             capacity=6, payments=(packs.BookingPayment(ina, PaidWith.CREDITS),))  # fmt: skip
    with pytest.raises(NotAllowedError, match="Ina Later has 0 class credit"):
        world.run(world.reception, lambda uow: create_sessions(uow, none_left))


def test_the_demo_builds_history_through_the_same_services_with_who_and_when(world: World) -> None:
    world.clock.set(NOW)
    cara = world.client("Cara Credit")
    sold_at = local(2026, 2, 2, 10)
    sale = PackSale(cara, "5-class pack", 5, "80", "EFTPOS", date(2026, 3, 1))
    done = world.run(world.admin,
                     lambda uow: packs.sell_pack(uow, sale, by=world.reception, at=sold_at))  # fmt: skip
    line = world.read(lambda uow: uow.session.get(CreditEntry, done.entry_id))
    assert (line.created_at, line.created_by_id, line.method) == (
        sold_at, world.reception.user_id, "EFTPOS")  # fmt: skip
    assert _balance(world, cara) == 0  # its credits lapsed after 1 March


def test_the_account_carries_the_provider_details_printed_under_the_practice_name(
    world: World,
) -> None:
    from app.services import practice

    def provider(uow: object) -> None:
        settings = practice.settings(uow)  # type: ignore[arg-type]
        settings.legal_name, settings.abn = "Harbourside Allied Health Pty Ltd", "51824753556"
        settings.phone = "02 9555 0100"

    world.run(world.admin, provider)
    cara = world.client("Cara Provider")
    account = world.read(lambda uow: client_account(uow, cara))
    assert "Harbourside Allied Health Pty Ltd" in account.provider
    assert "51 824 753 556" in account.provider and "02 9555 0100" in account.provider


def _client_cancel(world: World, sid: int, client: int, advised: object, reason: str) -> None:
    from app.models.enums import CancelledBy
    from app.services.dto import CancelRequest
    from app.services.sessions import cancel as cancellation

    req = CancelRequest(sid, CancelledBy.CLIENT, advised, world.reason(reason),  # type: ignore[arg-type]
                        booking_ids=(world.bookings(sid)[client],))  # fmt: skip
    world.run(world.reception, lambda uow: cancellation.cancel(uow, req))


def test_a_client_cancelling_a_class_in_good_time_gets_the_credit_back_and_undo_takes_it(
    world: World,
) -> None:
    from app.services.sessions import undo

    world.clock.set(NOW)
    cara = world.client("Cara Early")
    _sell(world, cara, 10)
    sid = _class(world, [cara])
    _pay(world, sid, cara)
    assert _balance(world, cara) == 9
    _client_cancel(world, sid, cara, NOW, "ndis_health")
    assert _balance(world, cara) == 10
    world.run(world.manager, lambda uow: undo.undo_cancellation(uow, sid, "Rang back, coming"))
    assert _balance(world, cara) == 9
    account = world.read(lambda uow: client_account(uow, cara))
    assert [line.what for line in account.lines][-2:] == ["Refund", "Refund reversed"]


def test_a_late_cancellation_that_is_charged_keeps_the_credit_as_its_fee(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 16))
    cara = world.client("Cara Late")
    _sell(world, cara, 10)
    w = world.worker(name="Coach late", days=range(7))
    svc = world.service("PILATES-LATE", 3500, allows=True)
    sid = world.session(w, svc, local(2026, 4, 6, 17), [cara], kind=SessionKind.CLASS, capacity=8)
    _pay(world, sid, cara)
    _client_cancel(world, sid, cara, local(2026, 4, 6, 16), "ndis_health")
    charged = world.read(
        lambda uow: uow.session.scalar(
            select(func.count()).select_from(CreditEntry).where(CreditEntry.client_id == cara,
                                                                 CreditEntry.kind == LedgerKind.REFUND)
        )
    )  # fmt: skip
    fee = world.read(
        lambda uow: uow.session.scalar(select(func.sum(CancellationLine.charge_cents)))
    )
    assert fee and fee > 0  # the cancellation was charged
    assert charged == 0 and _balance(world, cara) == 9


def test_a_class_paid_with_a_credit_moves_only_to_a_day_its_pack_still_covers(
    world: World,
) -> None:
    """Rescheduled, dragged or changed in Edit session to a day after the pack expires: refused
    with the expiry and what to do; to its last day: moved, the credit kept."""
    from app.services.sessions.scheduling import reschedule_session
    from app.services.setup.editing import move_session

    world.clock.set(NOW)
    cara = world.client("Cara Moving")
    _sell(world, cara, 3, expires_on=date(2026, 4, 10))
    sid = _class(world, [cara], 6)
    _pay(world, sid, cara)
    late = local(2026, 4, 13, 17)
    opened = world.read(lambda uow: session_draft(uow, sid))
    tries = {
        "reschedule": lambda uow: reschedule_session(uow, sid, late),
        "drag": lambda uow: move_session(uow, sid, late),
        "edit": lambda uow: edit_session(uow, sid, replace(opened.draft, starts_at=late)),
    }
    for how, attempt in tries.items():
        with pytest.raises(NotAllowedError) as refused:
            world.run(world.reception, attempt)
        assert refused.value.message == (
            "Cara Moving's place is paid with a class credit from a pack that expires on "
            "Fri 10 Apr 2026, so it can't pay for the class on Mon 13 Apr 2026. Keep the class on "
            "or before Fri 10 Apr 2026, or cancel Cara Moving's place and book Cara Moving on "
            "the new day paid another way (or with a new pack)."
        ), how
    start = world.read(
        lambda uow: uow.session.get(Booking, world.bookings(sid)[cara]).session.starts_at
    )
    assert start == local(2026, 4, 6, 17) and _balance(world, cara) == 2
    world.run(world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 4, 10, 17)))
    assert _balance(world, cara) == 2
