"""SPEC 5: SD extraction for claiming — NDIS bulk payment request CSV, marked extracted, locks undo."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import BlockedError, PermissionDeniedError, StorageError
from app.models import AuditEvent, ServiceDelivered
from app.services.reports.claim_file import BULK_HEADER
from app.services.reports.extraction import (
    extract_sds,
    preview_extraction,
    reexport_batch,
)
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.deletion import check_delete
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local

DAY = date(2026, 4, 2)


def _cancelled_session(world: World, client: int, hour: int = 9) -> tuple[int, int]:
    """A therapy session tomorrow, cancelled now by the client: short notice, charged 100%."""
    w = world.worker(f"Worker {hour}")
    svc = world.service(code=f"15_0{hour:02d}_0128_1_3")
    sid = world.session(w, svc, local(2026, 4, 2, hour), [client])
    req = world.client_request(sid, [client], "ndis_health", world.clock())
    result = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert result.sd_ids, "the cancellation should be charged"
    return sid, result.cancellation_ids[0]


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_extraction_writes_the_bulk_payment_request_and_marks_sds(
    world: World, tmp_path: Path
) -> None:
    client = world.client("Olivia Smith")
    sid, cid = _cancelled_session(world, client)
    out = tmp_path / "claim.csv"
    result = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, out))
    assert result.batch_id is not None and result.count == 1 and result.total_cents == 19399
    rows = _read(out)
    assert tuple(rows[0]) == BULK_HEADER
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["RegistrationNumber"] == ""  # the practice has not set one in this world
    assert line["NDISNumber"] == "430000001"
    assert line["SupportsDeliveredFrom"] == line["SupportsDeliveredTo"] == "2026/04/02"
    assert line["SupportNumber"] == "15_009_0128_1_3"
    assert line["ClaimType"] == "CANC" and line["CancellationReason"] == "NSDH"
    assert line["Quantity"] == "1.00" and line["UnitPrice"] == "193.99" and line["GSTCode"] == "P2"
    assert line["ClaimReference"].startswith("FD-")
    sds = world.read(lambda uow: list(uow.session.scalars(select(ServiceDelivered))))
    assert all(
        sd.extracted_at is not None and sd.extraction_batch_id == result.batch_id for sd in sds
    )
    [locked] = result.locked
    assert locked.session_id == sid
    assert locked.blocks == (f"undo of cancellation #{cid}", "permanent delete")
    audit = world.read(
        lambda uow: uow.session.scalar(select(AuditEvent).where(AuditEvent.action == "sds.extract"))
    )
    assert audit is not None and audit.entity_id == result.batch_id


def test_undo_is_refused_after_extraction_listing_the_extracted_sd(
    world: World, tmp_path: Path
) -> None:
    client = world.client("Noah Jones")
    sid, _cid = _cancelled_session(world, client)
    world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, tmp_path / "c.csv"))
    with pytest.raises(BlockedError) as refused:
        world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Client rebooked"))
    assert "already extracted for claiming" in refused.value.message
    assert any("was extracted for claiming" in b and "batch 1" in b for b in refused.value.blockers)
    check = world.read(lambda uow: check_delete(uow, sid))
    assert any(b.kind == "extracted_sd" for b in check.blockers)


def test_a_second_extraction_of_the_same_period_exports_nothing_new(
    world: World, tmp_path: Path
) -> None:
    _cancelled_session(world, world.client("Ava Brown"))
    first = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, tmp_path / "1.csv"))
    second = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, tmp_path / "2.csv"))
    assert first.count == 1
    assert second.batch_id is None and second.count == 0 and "Nothing new" in second.message
    assert not (tmp_path / "2.csv").exists()


def test_reexport_by_batch_id_gives_the_same_rows(world: World, tmp_path: Path) -> None:
    _cancelled_session(world, world.client("Ava Brown"), hour=9)
    _cancelled_session(world, world.client("Leo Green"), hour=11)
    first = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, tmp_path / "a.csv"))
    assert first.batch_id is not None and first.count == 2
    again = world.read(lambda uow: reexport_batch(uow, first.batch_id or 0, tmp_path / "b.csv"))
    assert again.count == 2 and again.total_cents == first.total_cents
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_clients_without_an_ndis_number_are_left_out_and_said_so(world: World) -> None:
    client = world.client("Mia White")

    def forget_number(uow) -> None:  # type: ignore[no-untyped-def]
        from app.models import Client

        row = uow.session.get(Client, client)
        row.ndis_number = None

    world.run(world.admin, forget_number)
    _cancelled_session(world, client)
    preview = world.read(lambda uow: preview_extraction(uow, DAY, DAY))
    assert preview.count == 0
    assert preview.skipped == (
        "Mia White has no NDIS number: 1 SD(s) left for a later extraction.",
    )


def test_extraction_needs_the_extract_permission(world: World, tmp_path: Path) -> None:
    _cancelled_session(world, world.client("Zoe King"))
    with pytest.raises(PermissionDeniedError):
        world.run(world.reception, lambda uow: extract_sds(uow, DAY, DAY, tmp_path / "x.csv"))
    assert not (tmp_path / "x.csv").exists()


def test_sd_csv_neutralises_formula_cells(world: World, tmp_path: Path) -> None:
    world.settings(ndis_registration_number="=1+2")
    client = world.client("Eve Stone")

    def evil_number(uow) -> None:  # type: ignore[no-untyped-def]
        from app.models import Client

        uow.session.get(Client, client).ndis_number = "+61400000000"

    world.run(world.admin, evil_number)
    _cancelled_session(world, client)
    out = tmp_path / "claim.csv"
    world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, out))
    row = _read(out)[1]
    assert row[0] == "'=1+2" and row[1] == "'+61400000000"


def test_the_claim_file_is_put_in_place_only_once_its_sds_are_marked_extracted(
    world: World, tmp_path: Path
) -> None:
    client = world.client("Olivia Smith")
    _cancelled_session(world, client)
    folder = tmp_path / "claims"
    folder.mkdir()
    out = folder / "claim.csv"
    with world.db.write(world.manager) as uow:
        result = extract_sds(uow, DAY, DAY, out)
        assert not out.exists(), "no claim file before its SDs are marked extracted for good"
    assert result.count == 1 and out.exists() and not (folder / "claim.csv.part").exists()
    assert _read(out)[1][BULK_HEADER.index("ClaimReference")].startswith("FD-")


def test_an_extraction_that_does_not_commit_leaves_no_claim_file(
    world: World, tmp_path: Path
) -> None:
    client = world.client("Olivia Smith")
    _cancelled_session(world, client)
    folder = tmp_path / "claims"
    folder.mkdir()
    out = folder / "claim.csv"

    class CommitFailed(Exception):
        pass

    with pytest.raises(CommitFailed), world.db.write(world.manager) as uow:
        extract_sds(uow, DAY, DAY, out)
        raise CommitFailed  # as a commit refused by the database would
    assert list(folder.iterdir()) == [], "neither the file nor its .part is left"
    sds = world.read(lambda uow: list(uow.session.scalars(select(ServiceDelivered))))
    assert all(sd.extracted_at is None for sd in sds)
    again = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, out))
    assert again.count == 1 and out.exists(), "the SDs are still there to claim, once"


def test_a_claim_file_that_cannot_be_put_in_place_says_to_re_export_the_batch(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.services.reports.extraction as extraction

    client = world.client("Olivia Smith")
    _cancelled_session(world, client)
    folder = tmp_path / "claims"
    folder.mkdir()
    out = folder / "claim.csv"

    def refused(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(extraction.os, "replace", refused)
    with pytest.raises(StorageError) as said:
        world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, out))
    batch = world.read(lambda uow: uow.session.scalar(select(ServiceDelivered.extraction_batch_id)))
    assert batch is not None, "the extraction itself committed"
    assert said.value.message == (
        f"Batch {batch} was extracted, but its file could not be put in claim.csv (Permission "
        f"denied). Re-export batch {batch} to another folder."
    )
    assert list(folder.iterdir()) == []
