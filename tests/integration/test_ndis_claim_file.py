"""The NDIS claim file obeys the bulk payment request rules: on the demo practice's extraction,
on cancellation and no-show charges of hourly items, and the checker itself on hand-made rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import UnitOfWork
from app.models import ServiceDelivered
from app.models.enums import SdKind, ServiceUnit
from app.services.reports.extraction import extract_sds
from app.services.sessions.attendance import mark_did_not_attend
from app.services.sessions.cancel import cancel_booking
from app.services.setup.settings import practice_settings, save_practice_settings
from tests.conftest import actor_for
from tests.factory import World, local
from tests.integration import ndis_claim_checker as checker

ABN = "51824753556"
REGISTRATION = "4050012345"


def _provider(uow: UnitOfWork) -> None:
    draft = practice_settings(uow)
    save_practice_settings(uow, replace(draft, abn="51 824 753 556",
                                        ndis_registration_number=REGISTRATION))  # fmt: skip


def _items(uow: UnitOfWork) -> dict[str, checker.Item]:
    from app.models import Service

    return {
        s.code: checker.Item(s.unit == ServiceUnit.HOUR, s.price_cents)
        for s in uow.session.scalars(select(Service))
    }


def _amounts(uow: UnitOfWork) -> dict[str, int]:
    rows = uow.session.execute(select(ServiceDelivered.id, ServiceDelivered.amount_cents))
    return {f"FD-{i}": a for i, a in rows}


def test_the_demo_practice_extraction_passes_every_rule(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    admin = actor_for(demo_ctx.db, "admin")
    with demo_ctx.db.write(admin) as uow:
        _provider(uow)
    out = tmp_path / "claim.csv"
    with demo_ctx.db.write(admin) as uow:
        result = extract_sds(uow, date(2025, 6, 1), date(2027, 5, 31), out)
        items, amounts = _items(uow), _amounts(uow)
    assert result.count > 0 and "not set" not in result.message
    rows = checker.read(out)
    assert checker.problems(rows, items, amounts) == []
    lines = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert {ln["ABN of Support Provider"] for ln in lines} == {ABN}
    assert {ln["RegistrationNumber"] for ln in lines} == {REGISTRATION}
    # The lines the portal refused before: charges on hourly items above one hour's price.
    long_charges = [
        ln for ln in lines
        if ln["ClaimType"] == "CANC" and items[ln["SupportNumber"]].hourly
        and amounts[ln["ClaimReference"]] > items[ln["SupportNumber"]].price_cents
    ]  # fmt: skip
    assert long_charges, "the demo should hold a cancellation charge longer than an hour"
    assert all(Decimal(ln["Quantity"]) > 1 for ln in long_charges)


def _two_hour_item(world: World) -> tuple[int, int, int]:
    """A support-worker item at 70.23 an hour, booked for two hours the day after tomorrow."""
    w = world.worker()
    svc = world.service("04_104_0125_6_1", 7023, sw=True, minutes=120)
    c = world.client()
    sid = world.session(w, svc, local(2026, 4, 3, 9), [c], minutes=120)
    return sid, c, svc


def test_a_short_notice_cancellation_of_two_hours_is_two_hours_at_the_hourly_price(
    world: World, tmp_path: Path
) -> None:
    world.clock.set(local(2026, 4, 1, 12))
    sid, c, _svc = _two_hour_item(world)
    req = world.client_request(sid, [c], "ndis_health", local(2026, 4, 1, 12))
    res = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    sd = world.read(lambda uow: uow.session.get(ServiceDelivered, res.sd_ids[0]))
    assert (sd.quantity, sd.unit_price_cents, sd.amount_cents) == (Decimal("2.00"), 7023, 14046)
    assert sd.claim_type == "CANC" and sd.reason_code == "NSDH"
    world.run(world.admin, _provider)
    out = tmp_path / "claim.csv"
    world.run(world.manager, lambda uow: extract_sds(uow, date(2026, 4, 3), date(2026, 4, 3), out))
    rows = checker.read(out)
    assert checker.problems(rows, world.read(_items), world.read(_amounts)) == []
    line = dict(zip(rows[0], rows[1], strict=True))
    assert (line["Quantity"], line["UnitPrice"]) == ("2.00", "70.23")
    assert line["SupportsDeliveredFrom"] == line["SupportsDeliveredTo"] == "2026/04/03"


def test_a_no_show_of_an_hour_and_a_half_is_claimed_in_hours(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 8))
    w, c = world.worker(), world.client()
    svc = world.service("01_011_0107_1_1", 7023, sw=True, minutes=90)
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c], minutes=90)
    world.clock.set(local(2026, 4, 6, 9, 30))
    res = world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    sd = world.read(lambda uow: uow.session.get(ServiceDelivered, res.sd_ids[0]))
    assert sd.kind == SdKind.NO_SHOW
    assert (sd.quantity, sd.unit_price_cents) == (Decimal("1.50"), 7023)
    assert abs(sd.quantity * sd.unit_price_cents - sd.amount_cents) <= Decimal("0.5")


def test_a_charge_stored_as_one_unit_is_still_claimed_in_hours(
    world: World, tmp_path: Path
) -> None:
    world.clock.set(local(2026, 4, 1, 12))
    sid, c, _svc = _two_hour_item(world)
    req = world.client_request(sid, [c], "ndis_health", local(2026, 4, 1, 12))
    res = world.run(world.reception, lambda uow: cancel_booking(uow, req))

    def as_before(uow: UnitOfWork) -> None:  # a line written before the hours rule
        sd = uow.session.get(ServiceDelivered, res.sd_ids[0])
        sd.quantity, sd.unit_price_cents = Decimal("1.00"), sd.amount_cents

    world.run(world.admin, as_before)
    world.run(world.admin, _provider)
    out = tmp_path / "claim.csv"
    world.run(world.manager, lambda uow: extract_sds(uow, date(2026, 4, 3), date(2026, 4, 3), out))
    rows = checker.read(out)
    assert checker.problems(rows, world.read(_items), world.read(_amounts)) == []
    assert (rows[1][6], rows[1][8]) == ("2.00", "70.23")


def test_without_an_abn_the_extraction_says_where_to_set_it(world: World, tmp_path: Path) -> None:
    world.clock.set(local(2026, 4, 1, 12))
    sid, c, _svc = _two_hour_item(world)
    req = world.client_request(sid, [c], "ndis_health", local(2026, 4, 1, 12))
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    out = tmp_path / "claim.csv"
    result = world.run(
        world.manager, lambda uow: extract_sds(uow, date(2026, 4, 3), date(2026, 4, 3), out)
    )
    assert "ABN and NDIS registration number are not set" in result.message
    assert "Provider details" in result.message
    problems = checker.problems(checker.read(out), world.read(_items), world.read(_amounts))
    assert any("ABN" in p for p in problems) and any("RegistrationNumber" in p for p in problems)


# The checker on hand-made rows: a good line, then each rule broken once.
ITEMS = {"04_104_0125_6_1": checker.Item(True, 7023), "KIT": checker.Item(False, 5000)}
GOOD = {
    "RegistrationNumber": "4050012345", "NDISNumber": "430000001",
    "SupportsDeliveredFrom": "2026/04/03", "SupportsDeliveredTo": "2026/04/03",
    "SupportNumber": "04_104_0125_6_1", "ClaimReference": "FD-1", "Quantity": "2.00",
    "Hours": "", "UnitPrice": "70.23", "GSTCode": "P2", "AuthorisedBy": "",
    "ParticipantApproved": "", "InKindFundingProgram": "", "ClaimType": "CANC",
    "CancellationReason": "NSDH", "ABN of Support Provider": ABN,
}  # fmt: skip
AMOUNTS = {"FD-1": 14046}


def _rows(**changes: str) -> list[list[str]]:
    line = {**GOOD, **changes}
    return [list(checker.COLUMNS), [line[c] for c in checker.COLUMNS]]


def test_the_checker_passes_a_good_line() -> None:
    assert checker.problems(_rows(), ITEMS, AMOUNTS) == []
    assert checker.problems(_rows(ClaimType="", CancellationReason=""), ITEMS, AMOUNTS) == []


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"Quantity": "1.00", "UnitPrice": "140.46"}, "above the item's price"),
        ({"Quantity": "2.00", "UnitPrice": "70.22"}, "is not the amount"),
        ({"Quantity": "1.5"}, "is not the amount"),
        ({"Quantity": "0"}, "not a non-zero number"),
        ({"Quantity": "2.005"}, "not a non-zero number"),
        ({"UnitPrice": "70.2"}, "not dollars and cents"),
        ({"SupportsDeliveredFrom": "2026-04-03"}, "not YYYY/MM/DD"),
        ({"SupportsDeliveredTo": "03/04/2026"}, "not YYYY/MM/DD"),
        ({"SupportsDeliveredFrom": "2026/04/04"}, "is after"),
        ({"ClaimType": "CANCELLATION"}, "not a claim type"),
        ({"CancellationReason": ""}, "a CANC line has the reason"),
        ({"CancellationReason": "NSCC"}, "a CANC line has the reason"),
        ({"ClaimType": ""}, "not CANC"),
        ({"ABN of Support Provider": ""}, "ABN"),
        ({"ABN of Support Provider": "51 824 753 556"}, "ABN"),
        ({"ABN of Support Provider": "51824753557"}, "ABN"),
        ({"GSTCode": "GST"}, "GSTCode"),
        ({"Hours": "2.00"}, "Hours is filled"),
        ({"SupportNumber": "99_999"}, "not an item of the practice"),
        ({"NDISNumber": "43000001"}, "not 9 digits"),
        ({"RegistrationNumber": ""}, "RegistrationNumber"),
        ({"ClaimReference": "FD-2"}, "names no SD"),
    ],
)
def test_the_checker_catches_each_broken_rule(changes: dict[str, str], said: str) -> None:
    found = checker.problems(_rows(**changes), ITEMS, AMOUNTS)
    assert any(said in p for p in found), found


def test_the_checker_catches_a_wrong_header_and_a_repeated_reference() -> None:
    rows = _rows()
    assert "not the 16 columns" in checker.problems([rows[0][::-1], rows[1]], ITEMS)[0]
    assert any("used twice" in p for p in checker.problems([*rows, rows[1]], ITEMS, AMOUNTS))
    assert "has 15 cells" in checker.problems([rows[0], rows[1][:-1]], ITEMS)[0]
