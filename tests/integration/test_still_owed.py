"""What a client still owes for a session is what their place costs them — nothing for a place
paid up front, the charge for a place that did not go ahead, the price otherwise; for a client
whose NDIS plan or funder pays, only what is charged to the client themselves — changed by their
adjustments and less their payments (the one rule Take payment asks by)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.db import UnitOfWork
from app.models import Booking, Client, Funder, ServiceDelivered
from app.models.enums import CancelledBy, Funding, PaidWith, SdKind
from app.services.dto import CancelRequest
from app.services.money import payments
from app.services.money.owed import still_owed
from app.services.money.payments import (
    AdjustmentKind,
    AdjustmentRequest,
    PaymentMethod,
    PaymentRequest,
)
from app.services.sessions.attendance import complete_session, mark_did_not_attend
from app.services.sessions.cancel import cancel, cancel_session_by_worker, preview_cancellation
from app.services.sessions.undo import undo_cancellation
from app.services.setup.funders import BILL_TO_CLIENT
from tests.factory import World, local

PRICE = 19399


def _owed(world: World, sid: int, c: int) -> int:
    return world.read(lambda uow: still_owed(uow, sid, c))


def _places(
    world: World,
    count: int = 1,
    funding: Funding = Funding.PRIVATE,
    code: str = "15_055_0128_1_3",
    **kw: object,
) -> list[tuple[int, int]]:
    """`count` clients (paying themselves unless `funding` says otherwise) each booked next week
    at $193.99 for the service `code`, an hour apart, their places paid as `kw` says: (session,
    client) each."""
    world.clock.set(local(2026, 4, 1, 9))
    w, svc = world.worker(), world.service(code, price=PRICE)
    made = []
    for n in range(count):
        c = world.client(f"Client {chr(65 + n)}", funding=funding)
        sid = world.session(w, svc, local(2026, 4, 8, 9 + n), [c], **kw)  # type: ignore[arg-type]
        made.append((sid, c))
    return made


def test_a_class_bought_up_front_owes_nothing_but_what_a_correction_adds(world: World) -> None:
    ((sid, c),) = _places(world, paid_with=PaidWith.PURCHASE)

    def bought(uow: UnitOfWork) -> None:
        uow.session.scalars(select(Booking)).one().purchase_cents = PRICE

    world.run(world.admin, bought)
    assert _owed(world, sid, c) == 0
    world.run(world.manager, lambda uow: payments.post_adjustment(
        uow, AdjustmentRequest(sid, c, AdjustmentKind.CORRECTION, 500, "Towel hire")))  # fmt: skip
    assert _owed(world, sid, c) == 500


def test_a_late_cancellation_owes_its_charge_and_an_undo_the_price_again(world: World) -> None:
    world.use_private_profile()  # a fixed $60.00 late-cancellation fee
    ((sid, c),) = _places(world)
    world.clock.set(local(2026, 4, 7, 20))  # 13 hours' notice: short
    req = world.client_request(sid, [c], "private_late", world.clock())
    world.run(world.reception, lambda uow: cancel(uow, req))
    assert _owed(world, sid, c) == 6000
    paid = PaymentRequest(sid, c, PaymentMethod.CASH, 2500, date(2026, 4, 7))
    world.run(world.reception, lambda uow: payments.post_payment(uow, paid))
    assert _owed(world, sid, c) == 3500
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Entered by mistake"))
    assert _owed(world, sid, c) == PRICE - 2500


def test_a_cancellation_with_enough_notice_or_by_the_worker_owes_nothing(world: World) -> None:
    world.use_private_profile()
    (sid, c), (other, d) = _places(world, 2)
    req = world.client_request(sid, [c], "private_late", world.clock())  # a week's notice
    world.run(world.reception, lambda uow: cancel(uow, req))
    assert _owed(world, sid, c) == 0
    by_worker = CancelRequest(
        other, CancelledBy.WORKER, world.clock(), world.reason("worker_unwell")
    )
    world.run(world.reception, lambda uow: cancel_session_by_worker(uow, by_worker))
    assert _owed(world, other, d) == 0


def test_a_did_not_attend_owes_its_no_show_charge_and_nothing_once_waived(world: World) -> None:
    world.use_private_profile()  # a fixed $90.00 no-show fee
    (first, c), (second, d) = _places(world, 2)
    world.clock.set(local(2026, 4, 8, 10, 20))  # both have started
    world.run(world.reception, lambda uow: mark_did_not_attend(uow, first))
    assert _owed(world, first, c) == 9000
    world.run(world.manager, lambda uow: mark_did_not_attend(
        uow, second, waive=True, waiver_reason="In hospital"))  # fmt: skip
    assert _owed(world, second, d) == 0


def _billed_to(world: World, client_id: int, funder: str, *, pays_fees: bool) -> None:
    """The private client's sessions are billed to `funder` (which pays fees, or not)."""

    def link(uow: UnitOfWork) -> None:
        row = Funder(name=funder, pays_fees=pays_fees)
        uow.session.add(row)
        uow.session.flush()
        uow.session.get(Client, client_id).funder_id = row.id  # type: ignore[union-attr]

    world.run(world.admin, link)


def test_an_ndis_participants_late_cancellation_charge_is_claimed_not_owed(world: World) -> None:
    ((sid, c),) = _places(world, funding=Funding.NDIS)
    world.clock.set(local(2026, 4, 7, 20))  # less than 2 clear business days: short notice
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    res = world.run(world.reception, lambda uow: cancel(uow, req))
    assert res.sd_ids, "the charge is written, for the NDIS claim"
    assert _owed(world, sid, c) == 0
    world.run(world.manager, lambda uow: payments.post_adjustment(
        uow, AdjustmentRequest(sid, c, AdjustmentKind.CORRECTION, 500, "Report copy")))  # fmt: skip
    assert _owed(world, sid, c) == 500, "what is posted for the client still counts"


@pytest.mark.parametrize(("pays_fees", "owed"), [(True, 0), (False, 6000)])
def test_a_late_fee_the_funder_pays_is_not_owed_one_it_does_not_pay_is(
    world: World, pays_fees: bool, owed: int
) -> None:
    world.use_private_profile()
    ((sid, c),) = _places(world)
    _billed_to(world, c, "Medicare", pays_fees=pays_fees)
    world.clock.set(local(2026, 4, 7, 20))
    req = world.client_request(sid, [c], "private_late", world.clock())
    world.run(world.reception, lambda uow: cancel(uow, req))
    assert _owed(world, sid, c) == owed


@pytest.mark.parametrize(("pays_fees", "owed"), [(True, 0), (False, 9000)])
def test_a_no_show_fee_the_funder_pays_is_not_owed_one_it_does_not_pay_is(
    world: World, pays_fees: bool, owed: int
) -> None:
    world.use_private_profile()
    ((sid, c),) = _places(world)
    _billed_to(world, c, "WorkCover", pays_fees=pays_fees)
    world.clock.set(local(2026, 4, 8, 9, 20))
    world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    assert _owed(world, sid, c) == owed


def _complete(world: World, sid: int) -> None:
    world.clock.set(local(2026, 4, 8, 10, 30))  # every place has been held
    world.run(world.reception, lambda uow: complete_session(uow, sid))


def _delivered_bill_to(world: World, sid: int) -> list[str]:
    return world.read(lambda uow: list(uow.session.scalars(select(ServiceDelivered.bill_to).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.DELIVERED))))  # fmt: skip


def test_an_ndis_participants_booked_or_attended_session_is_claimed_not_owed(
    world: World,
) -> None:
    ((sid, c),) = _places(world, funding=Funding.NDIS)
    assert _owed(world, sid, c) == 0, "booked: the plan will pay the delivered session"
    _complete(world, sid)
    assert _delivered_bill_to(world, sid) == [""], "claimed from the plan"
    assert _owed(world, sid, c) == 0
    world.run(world.manager, lambda uow: payments.post_adjustment(
        uow, AdjustmentRequest(sid, c, AdjustmentKind.CORRECTION, 500, "Report copy")))  # fmt: skip
    assert _owed(world, sid, c) == 500, "what is posted for the client still counts"


@pytest.mark.parametrize("pays_fees", [True, False])
def test_a_session_a_funder_pays_is_not_owed_whether_or_not_it_pays_fees(
    world: World, pays_fees: bool
) -> None:
    ((sid, c),) = _places(world)
    _billed_to(world, c, "DVA", pays_fees=pays_fees)
    assert _owed(world, sid, c) == 0
    _complete(world, sid)
    assert _owed(world, sid, c) == 0


def test_a_client_paying_themselves_owes_the_price_booked_and_attended(world: World) -> None:
    ((sid, c),) = _places(world)
    assert _owed(world, sid, c) == PRICE
    _complete(world, sid)
    assert _owed(world, sid, c) == PRICE


def test_a_funded_clients_delivered_line_marked_theirs_is_owed(world: World) -> None:
    ((sid, c),) = _places(world, funding=Funding.NDIS)
    _complete(world, sid)

    def theirs(uow: UnitOfWork) -> None:
        uow.session.scalars(select(ServiceDelivered)).one().bill_to = BILL_TO_CLIENT

    world.run(world.admin, theirs)
    assert _owed(world, sid, c) == PRICE


def _lines(world: World, sid: int) -> list[tuple[SdKind, str, int]]:
    return world.read(lambda uow: [tuple(r) for r in uow.session.execute(select(  # type: ignore[misc]
        ServiceDelivered.kind, ServiceDelivered.bill_to, ServiceDelivered.amount_cents).where(
        ServiceDelivered.session_id == sid))])  # fmt: skip


def test_an_ndis_participants_session_under_the_practices_own_code_is_owed_by_the_client(
    world: World,
) -> None:
    """The NDIS claim file leaves out a line filed under PHYSIO-PRIV: the plan never pays it, so
    the client does — booked, charged for a late cancellation, marked did-not-attend, attended."""
    (late, c), (absent, d), (attended, e) = _places(
        world, 3, funding=Funding.NDIS, code="PHYSIO-PRIV"
    )
    assert _owed(world, late, c) == PRICE, "booked: the completed session will be the client's"
    world.clock.set(local(2026, 4, 7, 20))  # less than 2 clear business days: short notice
    req = world.client_request(late, [c], "ndis_health", world.clock())
    [charge] = world.read(lambda uow: preview_cancellation(uow, req)).charges
    world.run(world.reception, lambda uow: cancel(uow, req))
    assert charge.bill_to == BILL_TO_CLIENT and charge.charge_cents > 0
    assert charge.explanation.endswith(
        "Charged to the client (“PHYSIO-PRIV” is the practice's own service code, not an NDIS "
        "support item number, so the NDIS plan cannot be claimed for it)."
    )
    assert _lines(world, late) == [(SdKind.CANCELLATION, BILL_TO_CLIENT, charge.charge_cents)]
    assert _owed(world, late, c) == charge.charge_cents
    world.clock.set(local(2026, 4, 8, 10, 20))
    world.run(world.reception, lambda uow: mark_did_not_attend(uow, absent))
    [(kind, bill_to, cents)] = _lines(world, absent)
    assert (kind, bill_to) == (SdKind.NO_SHOW, BILL_TO_CLIENT) and cents > 0
    assert _owed(world, absent, d) == cents
    world.clock.set(local(2026, 4, 8, 11, 30))
    world.run(world.reception, lambda uow: complete_session(uow, attended))
    assert _lines(world, attended) == [(SdKind.DELIVERED, BILL_TO_CLIENT, PRICE)]
    assert _owed(world, attended, e) == PRICE


def test_a_line_under_the_practices_own_code_written_before_the_rule_is_owed_too(
    world: World,
) -> None:
    ((sid, c),) = _places(world, funding=Funding.NDIS, code="PHYSIO-PRIV")
    _complete(world, sid)

    def unmarked(uow: UnitOfWork) -> None:  # as completing wrote it before the rule
        uow.session.scalars(select(ServiceDelivered)).one().bill_to = ""

    world.run(world.admin, unmarked)
    assert _owed(world, sid, c) == PRICE
