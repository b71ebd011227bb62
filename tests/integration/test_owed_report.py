"""Amounts owed: each client who still owes for sessions of a period, most owed first, each
session's part by its age today; paid sessions and what an NDIS plan is claimed for are not
owed; nobody owing is refused with a sentence and writes no file."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.models.enums import Funding, NdisManagement
from app.services.money import payments
from app.services.money.owed_report import amounts_owed, write_owed_csv
from app.services.money.payments import PaymentMethod, PaymentRequest
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
