"""Amounts owed: each client who still owes for sessions of a period, most owed first, each
session's part by its age today; paid sessions and what an NDIS plan is claimed for are not
owed; nobody owing is refused with a sentence and writes no file."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.errors import ValidationError
from app.models.enums import Funding, NdisManagement
from app.services.dto import ChangeSet
from app.services.money import invoice_batch, owed_report, payments
from app.services.money.invoice import client_invoice
from app.services.money.owed_report import amounts_owed, owed_again, write_owed_csv
from app.services.money.payments import PaymentMethod, PaymentRequest
from app.services.sessions.attendance import complete_session
from tests.factory import World, local
from tests.integration.test_invoice import APRIL, _delivered
from tests.integration.test_ndis_plan_management import _late_cancellation, _managed


def test_who_owes_what_by_age(world: World, tmp_path: Path) -> None:
    plan, agency = world.client("Pia Plan"), world.client("Ava Agency")
    private = world.client("Pat Private", funding=Funding.PRIVATE)
    _managed(world, plan, NdisManagement.PLAN)
    _, charge = _late_cancellation(world, plan, 9)  # 2 April
    _late_cancellation(world, agency, 10)  # claimed from the NDIA: not owed
    done = _delivered(world, private)  # 3 April, $193.99
    paid = PaymentRequest(done, private, PaymentMethod.CASH, 10000, date(2026, 4, 3))
    world.run(world.reception, lambda uow: payments.post_payment(uow, paid))
    world.clock.set(local(2026, 6, 15, 9))  # 73 and 74 days on
    owed = world.read(lambda uow: amounts_owed(uow, *APRIL))
    expected = [("Pia Plan", charge, (0, 0, charge, 0), date(2026, 4, 2), 1),
                ("Pat Private", 9399, (0, 0, 9399, 0), date(2026, 4, 3), 1)]  # fmt: skip
    expected.sort(key=lambda row: -row[1])  # most owed first
    assert [(o.name, o.total_cents, o.aged_cents, o.oldest, o.sessions)
            for o in owed.owing] == expected  # fmt: skip
    assert owed.sentence().startswith(f"2 client(s) owe ${(charge + 9399) / 100:,.2f}")
    world.clock.set(local(2026, 8, 1, 9))  # over 90 days on
    path = tmp_path / "owed.csv"
    later = world.read(lambda uow: write_owed_csv(uow, *APRIL, path))
    assert later.aged_cents == (0, 0, 0, charge + 9399)
    with path.open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["Client"] for r in rows][-1] == "Total"
    assert rows[-1]["Over 90 days"] == f"${(charge + 9399) / 100:,.2f}"
    assert {r["Client"] for r in rows} == {"Pia Plan", "Pat Private", "Total"}


def test_nobody_owing_is_refused_and_writes_nothing(world: World, tmp_path: Path) -> None:
    _late_cancellation(world, world.client("Ava Agency"), 9)
    path = tmp_path / "owed.csv"
    with pytest.raises(ValidationError, match="Nobody owes anything for sessions from"):
        world.read(lambda uow: write_owed_csv(uow, *APRIL, path))
    assert not path.exists()


def _statements(world: World, work: Any) -> tuple[Any, int]:
    """What `work` returns, and how many statements it sent to the database."""
    sent: list[str] = []

    def spy(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(world.db.engine, "before_cursor_execute", spy)
    try:
        found = world.read(work)
    finally:
        event.remove(world.db.engine, "before_cursor_execute", spy)
    return found, len(sent)


def test_the_list_reads_as_much_for_many_clients_as_for_a_few(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each client's sessions are worked out with the others', not with reads of their own: a
    year of a large practice's debts is a list, not a wait."""
    svc = world.service(code="PRIV", price=12000)
    worker = world.worker("Worker 3")
    clients = [world.client(f"Pat Private {n}", funding=Funding.PRIVATE) for n in range(12)]
    for n, client in enumerate(clients):  # each client two sessions of April, completed
        for day in (6 + n % 5, 20 + n % 5):
            sid = world.session(worker, svc, local(2026, 4, day, 8 + n % 8), [client])
            world.clock.set(local(2026, 4, day, 18))
            world.run(world.reception, lambda uow, sid=sid: complete_session(uow, sid))
    paid = PaymentRequest(sid, clients[-1], PaymentMethod.CASH, 5000, date(2026, 4, 21))
    world.run(world.reception, lambda uow: payments.post_payment(uow, paid))
    world.clock.set(local(2026, 5, 10, 9))
    many, many_sent = _statements(world, lambda uow: amounts_owed(uow, *APRIL))
    monkeypatch.setattr(invoice_batch, "ROUND", 3)
    few, few_sent = _statements(world, lambda uow: amounts_owed(uow, *APRIL))
    assert len(many.owing) == 12 and many.total_cents == 12 * 24000 - 5000
    assert many_sent < few_sent  # one round of twelve clients against four rounds of three
    # Each client's amount is their own invoice's balance, as Invoice… says it.
    for owing in many.owing:
        alone = world.read(lambda uow, c=owing.client_id: client_invoice(uow, c, *APRIL))
        assert owing.total_cents == alone.due_cents
    assert [o.total_cents for o in few.owing] == [o.total_cents for o in many.owing]


def test_a_change_works_out_again_only_the_clients_it_touched(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list on screen follows a payment: the paying client's line is worked out again (the
    clients of the sessions a change names, and the clients it names), every other line kept;
    the result is the list as a fresh read makes it. A change naming nothing reads it all."""
    svc = world.service(code="PRIV", price=12000)
    worker = world.worker("Worker 3")
    clients = [world.client(f"Pat Private {n}", funding=Funding.PRIVATE) for n in range(3)]
    sessions = []
    for n, client in enumerate(clients):
        sid = world.session(worker, svc, local(2026, 4, 6 + n, 9), [client])
        world.clock.set(local(2026, 4, 6 + n, 18))
        world.run(world.reception, lambda uow, sid=sid: complete_session(uow, sid))
        sessions.append(sid)
    world.clock.set(local(2026, 5, 10, 9))
    listed = world.read(lambda uow: amounts_owed(uow, *APRIL))
    paid = PaymentRequest(sessions[1], clients[1], PaymentMethod.CASH, 5000, date(2026, 5, 10))
    done = world.run(world.reception, lambda uow: payments.post_payment(uow, paid))
    asked: list[list[int]] = []
    real = owed_report.invoices

    def counted(uow: Any, ids: list[int], first: date, last: date) -> Any:
        asked.append(list(ids))
        return real(uow, ids, first, last)

    monkeypatch.setattr(owed_report, "invoices", counted)
    again = world.read(lambda uow: owed_again(uow, listed, done.changes))
    assert asked == [[clients[1]]]  # the paying client alone
    fresh = world.read(lambda uow: amounts_owed(uow, *APRIL))
    assert again.owing == fresh.owing
    assert [o.total_cents for o in again.owing] == [12000, 12000, 7000]
    kept = {o.client_id: o for o in listed.owing}
    assert all(o is kept[o.client_id] for o in again.owing if o.client_id != clients[1])
    # Another desk's session change names the session alone: its clients are worked out again.
    asked.clear()
    world.read(lambda uow: owed_again(uow, listed, ChangeSet(frozenset({sessions[2]}))))
    assert asked == [[clients[2]]]
    everything = world.read(lambda uow: owed_again(uow, listed, ChangeSet()))
    assert everything.owing == fresh.owing
