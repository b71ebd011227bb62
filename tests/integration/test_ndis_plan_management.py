"""Who manages an NDIS participant's plan decides how the practice is paid: an agency-managed
plan is claimed in the NDIS bulk payment file; a plan manager or the participant is invoiced, so
their lines stay out of the claim file, the report says so, and Take payment counts them owed."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from app.db import UnitOfWork
from app.errors import ValidationError
from app.models import Client
from app.models.enums import Funding, NdisManagement
from app.services.money.owed import still_owed
from app.services.reports import ReportFilters, cancellation_report, write_cancellation_csv
from app.services.reports.extraction import extract_sds, preview_extraction
from app.services.sessions.attendance import complete_session
from app.services.sessions.cancel import cancel_booking
from app.services.setup.clients import ClientDraft, save_client
from tests.factory import World, local

DAY = date(2026, 4, 2)


def _managed(world: World, client: int, managed: NdisManagement) -> None:
    def change(uow: UnitOfWork) -> None:
        row = uow.session.get(Client, client)
        assert row is not None
        row.ndis_management = managed

    world.run(world.admin, change)


def _late_cancellation(world: World, client: int, hour: int) -> tuple[int, int]:
    """A session tomorrow cancelled now by the client: short notice, charged 100%."""
    svc = world.service(code=f"15_0{hour:02d}_0128_1_3")
    sid = world.session(world.worker(f"Worker {hour}"), svc, local(2026, 4, 2, hour), [client])
    req = world.client_request(sid, [client], "ndis_health", world.clock())
    result = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert result.total_charge_cents > 0
    return sid, result.total_charge_cents


def test_only_an_agency_managed_plan_is_claimed_and_the_others_are_said(
    world: World, tmp_path: Path
) -> None:
    agency, plan, own = (world.client(n) for n in ("Ava Agency", "Pia Plan", "Sam Self"))
    _managed(world, plan, NdisManagement.PLAN)
    _managed(world, own, NdisManagement.SELF)
    for hour, client in ((9, agency), (11, plan), (13, own)):
        _late_cancellation(world, client, hour)
    preview = world.read(lambda uow: preview_extraction(uow, DAY, DAY))
    assert [line.client_name for line in preview.lines] == ["Ava Agency"]
    assert preview.skipped == (
        "1 SD(s) of plan-managed NDIS participants are left out: their plan manager is invoiced "
        "and pays the practice.",
        "1 SD(s) of self-managed NDIS participants are left out: the participant is invoiced and "
        "pays the practice.",
    )
    done = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, tmp_path / "c.csv"))
    assert done.count == 1
    report = world.run(
        world.manager,
        lambda uow: cancellation_report(uow, ReportFilters(date(2026, 4, 1), date(2026, 4, 30))),
    )
    write_cancellation_csv(report, tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as f:
        claimed = {row["Client"]: row["SD claimed"] for row in csv.DictReader(f)}
    assert claimed["Pia Plan"] == "not an NDIS claim: plan-managed, invoiced to the plan manager"
    assert claimed["Sam Self"] == "not an NDIS claim: self-managed, invoiced to the participant"
    assert claimed["Ava Agency"] != claimed["Pia Plan"]


@pytest.mark.parametrize("managed", [NdisManagement.PLAN, NdisManagement.SELF])
def test_an_invoiced_participant_owes_their_session_and_its_late_charge(
    world: World, managed: NdisManagement
) -> None:
    client = world.client("Pia Plan")
    _managed(world, client, managed)
    sid, charge = _late_cancellation(world, client, 9)
    assert world.read(lambda uow: still_owed(uow, sid, client)) == charge
    svc = world.service(code="15_055_0128_1_3", price=19399)
    later = world.session(world.worker("Worker 2"), svc, local(2026, 4, 3, 9), [client])
    assert world.read(lambda uow: still_owed(uow, later, client)) == 19399
    world.clock.set(local(2026, 4, 3, 10, 30))
    world.run(world.reception, lambda uow: complete_session(uow, later))
    assert world.read(lambda uow: still_owed(uow, later, client)) == 19399


def test_an_agency_managed_participant_owes_neither(world: World) -> None:
    client = world.client("Ava Agency")
    sid, _charge = _late_cancellation(world, client, 9)
    assert world.read(lambda uow: still_owed(uow, sid, client)) == 0


def test_the_plans_manager_is_saved_for_a_participant_and_refused_when_unknown(
    world: World,
) -> None:
    draft = ClientDraft("Pia", "Plan", None, None, True, Funding.NDIS, "430123456",
                        ndis_management=NdisManagement.PLAN)  # fmt: skip
    saved = world.run(world.admin, lambda uow: save_client(uow, None, draft))
    row = world.read(lambda uow: uow.session.get(Client, saved.record_id))
    assert row is not None and row.ndis_management == NdisManagement.PLAN
    private = ClientDraft("Pat", "Private", ndis_management=NdisManagement.SELF)
    kept = world.run(world.admin, lambda uow: save_client(uow, None, private))
    other = world.read(lambda uow: uow.session.get(Client, kept.record_id))
    assert other is not None and other.ndis_management == NdisManagement.AGENCY
    with pytest.raises(ValidationError, match="NDIS plan management"):
        ClientDraft("Bo", "Bad", funding=Funding.NDIS, ndis_management="nobody")  # type: ignore[arg-type]
