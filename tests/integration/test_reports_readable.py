"""The cancellation report reads well: whole service names, undone cancellations only when
asked (and a line saying how many were left out), the SD as the claim file's reference."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from app.errors import ValidationError
from app.models import Service, ServiceDelivered
from app.models.enums import Funding
from app.services.reports import (
    CancellationReport,
    ReportFilters,
    cancellation_report,
    render_cancellation_pdf,
    write_cancellation_csv,
)
from app.services.reports.extraction import extract_sds
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local

APRIL = ReportFilters(date(2026, 4, 1), date(2026, 4, 30))
WITH_UNDONE = ReportFilters(date(2026, 4, 1), date(2026, 4, 30), include_undone=True)
LONG_NAME = (
    "Physiotherapy assessment, hydrotherapy and home exercise programme review "
    "(NDIS capacity building, improved daily living)"
)


def _cancel(world: World, client: int, day: int, code: str | None = None) -> int:
    w = world.worker(f"W{day}-{client}")
    svc = world.service(code=code or f"S{day}-{client}")
    sid = world.session(w, svc, local(2026, 4, day, 9), [client])
    req = world.client_request(sid, [client], "ndis_health", world.clock())
    world.run(world.manager, lambda uow: cancel_booking(uow, req))
    return sid


def _report(world: World, f: ReportFilters = APRIL) -> CancellationReport:
    return world.run(world.manager, lambda uow: cancellation_report(uow, f))


def _pdf_text(report: CancellationReport, path: Path) -> str:
    render_cancellation_pdf(report, path)
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _csv(report: CancellationReport, path: Path) -> list[dict[str, str]]:
    write_cancellation_csv(report, path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _three_undone(world: World) -> list[int]:
    """Five cancellations in April, three of them later undone."""
    client = world.client("Olivia Smith")
    sids = [_cancel(world, client, day) for day in (2, 3, 6, 7, 8)]
    for sid in sids[:3]:
        world.run(world.manager, lambda uow, s=sid: undo_cancellation(uow, s, "Rebooked"))
    return sids


def test_undone_cancellations_are_left_out_by_default_and_said_in_one_line(
    world: World, tmp_path: Path
) -> None:
    sids = _three_undone(world)
    report = _report(world)
    assert [r.session_id for r in report.shown_rows] == sids[3:]
    assert report.undone_left_out == 3
    text = _pdf_text(report, tmp_path / "r.pdf")
    assert "3 cancellations later undone are not shown." in " ".join(text.split())
    rows = _csv(report, tmp_path / "r.csv")
    assert [int(r["Session"]) for r in rows] == sids[3:]
    assert {r["Undone"] for r in rows} == {"no"}


def test_undone_cancellations_listed_when_asked_and_never_counted(
    world: World, tmp_path: Path
) -> None:
    sids = _three_undone(world)
    left_out, listed = _report(world), _report(world, WITH_UNDONE)
    assert [r.session_id for r in listed.shown_rows] == sids
    assert listed.undone_left_out == 0
    assert listed.summary == left_out.summary  # the figures do not move with the choice
    s = listed.summary
    assert (s.cancellations, s.undone_count) == (2, 3)
    text = " ".join(_pdf_text(listed, tmp_path / "r.pdf").split())
    assert "later undone" not in text
    assert "5 rows: 2 cancellations and 0 no-shows counted" in text
    assert "3 undone (greyed, not counted)" in text
    assert "Undone cancellations listed (not counted)" in text
    rows = _csv(listed, tmp_path / "r.csv")
    assert [r["Undone"] for r in rows] == ["yes"] * 3 + ["no"] * 2


def test_one_undone_cancellation_is_said_in_the_singular(world: World, tmp_path: Path) -> None:
    client = world.client("Mia Single")
    sid = _cancel(world, client, 2)
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Mistake"))
    report = _report(world)
    assert report.shown_rows == () and report.undone_left_out == 1
    text = " ".join(_pdf_text(report, tmp_path / "r.pdf").split())
    assert "1 cancellation later undone is not shown." in text


def test_the_choice_must_be_yes_or_no() -> None:
    with pytest.raises(ValidationError, match="yes or no"):
        ReportFilters(date(2026, 4, 1), date(2026, 4, 30), include_undone="no")  # type: ignore[arg-type]


def test_a_long_service_name_is_printed_whole(world: World, tmp_path: Path) -> None:
    client = world.client("Noah Jones")
    sid = _cancel(world, client, 2, code="LONG")
    long_word = "Hydrotherapy-aquatic-physiotherapy-and-rehabilitation-programme"
    sid2 = _cancel(world, client, 3, code="WORD")

    def rename(uow) -> None:  # type: ignore[no-untyped-def]
        uow.session.execute(update(Service).where(Service.code == "LONG").values(name=LONG_NAME))
        uow.session.execute(update(Service).where(Service.code == "WORD").values(name=long_word))

    world.run(world.admin, rename)
    text = _pdf_text(_report(world), tmp_path / "r.pdf")
    detail = " ".join(text.split())
    assert f"#{sid} {LONG_NAME}" in detail  # broken at spaces into lines, nothing cut
    assert f"#{sid2}{long_word}" in "".join(text.split())  # one long word broken inside it
    assert "…" not in detail


def test_the_sd_column_shows_the_claim_reference_of_the_claim_file(
    world: World, tmp_path: Path
) -> None:
    client = world.client("Ava Brown")
    sid = _cancel(world, client, 2, code="15_055_0128_1_3")  # an NDIS support item is claimed
    report = _report(world)
    [row] = report.shown_rows
    assert row.sd_id is not None
    reference = f"FD-{row.sd_id}"
    [line] = _csv(report, tmp_path / "before.csv")
    assert (line["SD"], line["SD claimed"]) == (reference, "not yet claimed")
    assert reference in _pdf_text(report, tmp_path / "before.pdf")
    claim = tmp_path / "claim.csv"
    world.run(
        world.manager, lambda uow: extract_sds(uow, date(2026, 4, 1), date(2026, 4, 30), claim)
    )
    with claim.open(encoding="utf-8", newline="") as f:
        [claimed] = list(csv.DictReader(f))
    assert claimed["ClaimReference"] == reference  # the same words staff find in the portal
    [after] = _csv(_report(world), tmp_path / "after.csv")
    assert after["SD"] == reference and after["Session"] == str(sid)
    assert after["SD claimed"] == "2026-04-01"  # the practice's day of the extraction


def test_a_reversing_line_is_not_a_second_row(world: World, tmp_path: Path) -> None:
    sid = _cancel(world, world.client("Leo Twice"), 2)

    def reverse(uow) -> None:  # type: ignore[no-untyped-def]
        sd = uow.session.scalar(select(ServiceDelivered).where(ServiceDelivered.session_id == sid))
        uow.session.add(
            ServiceDelivered(session_id=sd.session_id, booking_id=sd.booking_id, kind=sd.kind,
                             cancellation_id=sd.cancellation_id, support_item=sd.support_item,
                             claim_type=sd.claim_type, reason_code=sd.reason_code,
                             quantity=-sd.quantity, unit_price_cents=sd.unit_price_cents,
                             amount_cents=-sd.amount_cents, gst_code=sd.gst_code,
                             created_at=uow.now(), reverses_id=sd.id)
        )  # fmt: skip

    world.run(world.admin, reverse)
    [row] = _report(world).rows
    original = world.read(
        lambda uow: uow.session.scalar(
            select(ServiceDelivered.id).where(ServiceDelivered.reverses_id.is_(None))
        )
    )
    assert row.sd_id == original


def test_a_charge_to_a_client_not_funded_by_the_ndis_is_said_not_an_ndis_claim(
    world: World, tmp_path: Path
) -> None:
    client = world.client("Isla Private", funding=Funding.PRIVATE)
    _cancel(world, client, 2)
    [row] = _report(world).shown_rows
    assert row.sd_id is not None and not row.ndis
    [line] = _csv(_report(world), tmp_path / "r.csv")
    assert (line["SD"], line["SD claimed"]) == (f"FD-{row.sd_id}", "not an NDIS claim")


def test_a_charge_under_a_private_service_code_is_said_not_claimable_and_why(
    world: World, tmp_path: Path
) -> None:
    """An NDIS participant's charge filed under PHYSIO-PRIV will never be in the claim file: the
    CSV says so and why instead of "not yet claimed"; the PDF marks its reference and notes why."""
    client = world.client("Zoe Private-Code")
    private = _cancel(world, client, 2, code="PHYSIO-PRIV")
    item = _cancel(world, client, 3, code="15_055_0128_1_3")
    report = _report(world)
    lines = {int(line["Session"]): line for line in _csv(report, tmp_path / "r.csv")}
    assert lines[private]["SD claimed"] == (
        "not claimable: “PHYSIO-PRIV” is the practice's own service code, not an NDIS support "
        "item number, so the NDIS claim file leaves this charge out and the client pays it"
    )
    assert lines[item]["SD claimed"] == "not yet claimed"
    raw = _pdf_text(report, tmp_path / "r.pdf")
    cells = {line.strip() for line in raw.splitlines()}
    marked = {r.session_id: f"FD-{r.sd_id} †" in cells for r in report.shown_rows}
    assert marked == {private: True, item: False}
    text = " ".join(raw.split())
    assert (
        "† Not claimable: the charge is filed under the practice's own service code, not an NDIS "
        "support item number, so the NDIS claim file leaves it out and the client pays it." in text
    )
    assert (lines[private]["Charged to"], lines[item]["Charged to"]) == (
        "client (not claimable from the NDIS plan)",
        "",
    )


def test_no_not_claimable_note_when_every_charge_can_be_claimed(
    world: World, tmp_path: Path
) -> None:
    _cancel(world, world.client("Ava Brown"), 2, code="15_055_0128_1_3")
    text = _pdf_text(_report(world), tmp_path / "r.pdf")
    assert "†" not in text and "Not claimable" not in " ".join(text.split())
