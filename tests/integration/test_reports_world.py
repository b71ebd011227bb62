"""Cancellation report details on a hand-built practice: undo, waivers, refunds, frequent
cancellers, CSV injection in every export, and paging with thousands of rows."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from app.models import Booking, Cancellation, CancellationLine, CreditEntry
from app.models.enums import LedgerKind, Role
from app.services.reports import (
    ReportFilters,
    cancellation_report,
    frequent_canceller_ids,
    frequent_cancellers,
    render_cancellation_pdf,
    write_cancellation_csv,
)
from app.services.reports.audit_log import AuditExport, AuditFilter, audit_log, write_audit_csv
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local
from tests.report_data import add_cancellations, make_cast

APRIL = ReportFilters(date(2026, 4, 1), date(2026, 4, 30))


def _cancel(world: World, client: int, day: int, hour: int = 9, **kw: object) -> int:
    w = world.worker(f"W{day}-{hour}-{client}")
    svc = world.service(code=f"S{day}-{hour}-{client}")
    sid = world.session(w, svc, local(2026, 4, day, hour), [client])
    req = world.client_request(sid, [client], "ndis_health", world.clock(), **kw)
    world.run(world.manager, lambda uow: cancel_booking(uow, req))
    return sid


def _report(world: World, f: ReportFilters = APRIL):  # type: ignore[no-untyped-def]
    return world.run(world.manager, lambda uow: cancellation_report(uow, f))


def test_undone_cancellations_are_listed_but_not_counted(world: World) -> None:
    client = world.client("Olivia Smith")
    sid = _cancel(world, client, 2)
    _cancel(world, client, 3)
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rebooked by phone"))
    r = _report(world)
    assert len(r.rows) == 2 and sum(row.undone for row in r.rows) == 1
    assert r.summary.cancellations == 1 and r.summary.undone_count == 1
    undone = next(row for row in r.rows if row.undone)
    assert undone.sd_id is None  # its SD went with the undo


def test_waived_charges_are_counted_with_what_they_would_have_cost(world: World) -> None:
    client = world.client("Noah Jones")
    _cancel(world, client, 2, waive=True, waiver_reason="Hospital admission")
    r = _report(world)
    assert r.summary.waived_count == 1 and r.summary.waived_cents == 19399
    assert r.summary.charges_cents == 0 and r.rows[0].waived
    # The amount is kept with the line, whatever its working says or how many amounts it names.
    world.run(world.admin, lambda uow: uow.session.execute(update(CancellationLine).values(
        explanation="1 jour ouvré → 100 % de 193,99 € (plafond de 500,00 $ par séance)")))  # fmt: skip
    r = _report(world)
    assert (r.rows[0].waived_cents, r.summary.waived_cents) == (19399, 19399)


def test_refunds_on_bookings_in_range_are_summed(world: World) -> None:
    sid = _cancel(world, world.client("Ava Brown"), 2)
    booking = world.bookings(sid)

    def refund(uow) -> None:  # type: ignore[no-untyped-def]
        [bid] = booking.values()
        uow.session.add(
            CreditEntry(client_id=next(iter(booking)), booking_id=bid, kind=LedgerKind.REFUND,
                        credits=1, amount_cents=-3500, created_at=uow.now())
        )  # fmt: skip

    world.run(world.admin, refund)
    s = _report(world).summary
    assert (s.refund_count, s.refund_credits, s.refund_cents) == (1, 1, 3500)


def test_clients_who_cancel_often_reach_the_practice_threshold(world: World) -> None:
    often, twice = world.client("Leo Often"), world.client("Mia Twice")
    for day in (2, 7, 8):
        _cancel(world, often, day)
    undone = [_cancel(world, twice, day) for day in (2, 7, 8)]
    world.run(world.manager, lambda uow: undo_cancellation(uow, undone[0], "Mistake"))
    found = world.read(lambda uow: frequent_cancellers(uow, world.clock()))
    assert [(f.client_id, f.cancellations, f.no_shows) for f in found] == [(often, 3, 0)]
    assert world.read(lambda uow: frequent_canceller_ids(uow, world.clock())) == {often: 3}
    later = world.clock() + timedelta(weeks=9)  # the window has moved past them
    assert world.read(lambda uow: frequent_cancellers(uow, later)) == []
    assert [f.client_id for f in _report(world).frequent] == [often]


def test_every_csv_export_neutralises_formula_cells(world: World, tmp_path: Path) -> None:
    client = world.client('=HYPERLINK("http://evil.example","Click") Smith')
    evil = world._add_user("=evil", Role.MANAGER)
    for day in (2, 7, 8, 9, 10):
        _cancel(world, client, day)
    notes = ["+SUM(1)", "-2+3", "@cmd", "\tTabbed", "\rReturn"]

    def set_notes(uow) -> None:  # type: ignore[no-untyped-def]
        ids = list(uow.session.scalars(select(Cancellation.id).order_by(Cancellation.id)))
        for cid, note in zip(ids, notes, strict=True):
            uow.session.execute(
                update(Cancellation).where(Cancellation.id == cid).values(note=note)
            )

    world.run(world.admin, set_notes)
    out = tmp_path / "report.csv"
    write_cancellation_csv(_report(world), out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["Client"] for r in rows} == {'\'=HYPERLINK("http://evil.example","Click") Smith'}
    assert sorted(r["Note"] for r in rows) == sorted("'" + n for n in notes)
    sid = _cancel(world, world.client("Plain Person"), 14)
    world.run(evil, lambda uow: undo_cancellation(uow, sid, "=1+1 typed by mistake"))
    # The undo's own event (it also withdraws the unsent cancellation e-mail, another event).
    only_undo = AuditFilter(username="=evil", action="session.undo_cancellation")
    log = world.run(world.manager, lambda uow: audit_log(uow, only_undo))
    audit_csv = tmp_path / "audit.csv"
    assert world.read(lambda uow: write_audit_csv(uow, AuditExport.of(log), audit_csv)) == 1
    with audit_csv.open(encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert row["User"] == "'=evil"
    full = AuditExport.of(log, snapshots=True)
    assert world.read(lambda uow: write_audit_csv(uow, full, audit_csv)) == 1
    with audit_csv.open(encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert row["User"] == "'=evil" and row["Changes"].startswith("bookings: ")
    assert json.loads(row["After"])["status"] == "rostered"  # the undone session, in full
    assert json.loads(row["Before"])["status"] == "cancelled"


def test_page_count_grows_with_rows_and_the_header_repeats(world: World, tmp_path: Path) -> None:
    cast = make_cast(world.db)
    start = datetime(2026, 4, 1, tzinfo=UTC)
    add_cancellations(world.db, cast, start, 50)
    small = tmp_path / "small.pdf"
    render_cancellation_pdf(_report(world), small)
    add_cancellations(world.db, cast, start + timedelta(days=2), 1950)
    big_report = _report(world, ReportFilters(date(2026, 4, 1), date(2026, 5, 31)))
    assert len(big_report.rows) == 2000
    big = tmp_path / "big.pdf"
    pages = render_cancellation_pdf(big_report, big)
    small_pages = len(PdfReader(str(small)).pages)
    assert pages > small_pages + 30
    detail = [p.extract_text() for p in PdfReader(str(big)).pages][2:]
    assert all("Date\nTime\nSession\nClient\nWorker" in page for page in detail)
    assert f"Page {pages} of {pages}" in detail[-1]


def test_names_outside_western_european_letters_print(world: World, tmp_path: Path) -> None:
    _cancel(world, world.client("Nguyễn Thị Lan"), 2)
    out = tmp_path / "u.pdf"
    render_cancellation_pdf(_report(world), out)
    text = "\n".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Nguyễn Thị Lan" in text


def test_booking_count_includes_every_status(world: World) -> None:
    client = world.client("Zoe King")
    _cancel(world, client, 2)
    w, svc = world.worker("Other"), world.service(code="OTHER")
    world.session(w, svc, local(2026, 4, 2, 13), [world.client("Ian Booked")])
    s = _report(world).summary
    assert s.bookings == 2 and s.late_rate == pytest.approx(0.5)
    assert world.read(lambda uow: uow.session.scalar(select(Booking.id).limit(1))) is not None


def test_refunds_count_under_the_reason_of_the_cancellation_that_gave_them(world: World) -> None:
    """A class paid with a credit, cancelled in good time (the credit back), undone, cancelled
    again for another reason: the second refund is the family reason's, and the health reason's
    refund and its reversal come to nothing."""
    from app.services.reports import cancellation_report as report
    from tests.integration.test_packs_account import NOW, _class, _client_cancel, _pay, _sell

    world.clock.set(NOW)
    cara = world.client("Cara Twice")
    _sell(world, cara, 10)
    sid = _class(world, [cara])
    _pay(world, sid, cara)
    _client_cancel(world, sid, cara, NOW, "ndis_health")
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rang back, coming"))
    _client_cancel(world, sid, cara, NOW, "ndis_family")

    def refunds(code: str) -> tuple[int, int]:
        f = ReportFilters(APRIL.date_from, APRIL.date_to, reason_id=world.reason(code))
        s = world.run(world.manager, lambda uow: report(uow, f)).summary
        return s.refund_count, s.refund_credits

    assert refunds("ndis_health") == (0, 0)
    assert refunds("ndis_family") == (1, 1)
    # Every line names its cancellation: the reversal the one it takes back.
    lines = world.read(lambda uow: [(e.kind, e.cancellation_id) for e in uow.session.scalars(
        select(CreditEntry).where(CreditEntry.client_id == cara,
                                  CreditEntry.kind != LedgerKind.PURCHASE)
        .order_by(CreditEntry.id))])  # fmt: skip
    first, second = world.read(lambda uow: list(uow.session.scalars(
        select(Cancellation.id).where(Cancellation.session_id == sid)
        .order_by(Cancellation.id))))  # fmt: skip
    assert lines == [(LedgerKind.USE, None), (LedgerKind.REFUND, first),
                     (LedgerKind.REFUND_REVERSAL, first), (LedgerKind.REFUND, second)]  # fmt: skip
