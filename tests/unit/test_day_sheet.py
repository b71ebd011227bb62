"""The day sheet: each worker's sessions of one practice-local day, its PDF and its CSV."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import i18n
from app.bootstrap import AppContext
from app.models.enums import BookingStatus, SessionStatus
from app.services.dto import SessionBlock
from app.services.reports.day_sheet import (
    DaySheet,
    day_sheet,
    render_day_sheet_pdf,
    status_text,
    write_day_sheet_csv,
)
from app.services.schedule.dto import BookingInfo
from tests.conftest import FakeClock, system_admin
from tests.factory import World, local

DAY = date(2026, 4, 2)  # a Thursday


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)


def _three_workers(world: World) -> dict[str, int]:
    service = world.service()
    ann, bo, cy = (world.client(n) for n in ("Ann Lee", "Bo Nguyễn", "Cy Park"))
    ids = {name: world.worker(name) for name in ("Zoe Adams", "Mia Brown", "Liam Cole")}
    idle = world.worker("Noah Idle")
    world.session(ids["Zoe Adams"], service, local(2026, 4, 2, 14), [ann])
    world.session(ids["Zoe Adams"], service, local(2026, 4, 2, 9), [bo])
    world.session(ids["Mia Brown"], service, local(2026, 4, 2, 10, 30), [cy], minutes=45)
    world.session(ids["Liam Cole"], service, local(2026, 4, 2, 8), [ann])
    world.session(idle, service, local(2026, 4, 3, 9), [bo])  # the next day: not on the sheet
    world.session(ids["Mia Brown"], service, local(2026, 4, 1, 23), [cy])  # the day before
    return ids


def test_the_day_sheet_lists_each_workers_sessions_of_that_day_only(
    world: World, tmp_path: Path
) -> None:
    ids = _three_workers(world)
    sheet = world.read(lambda uow: day_sheet(uow, DAY))
    assert [w.worker_name for w in sheet.workers] == ["Liam Cole", "Mia Brown", "Zoe Adams"]
    zoe = sheet.workers[2]
    assert zoe.worker_id == ids["Zoe Adams"]
    assert [line.clients for line in zoe.lines] == ["Bo Nguyễn", "Ann Lee"]  # by start time
    assert [line.status for line in zoe.lines] == ["Booked", "Booked"]
    assert {line.service for line in zoe.lines} == {"Service 15_055_0128_1_3"}
    assert sheet.sessions == 4 and sheet.day == DAY
    one = world.read(lambda uow: day_sheet(uow, DAY, worker_id=ids["Mia Brown"]))
    assert [w.worker_name for w in one.workers] == ["Mia Brown"]
    assert len(one.workers[0].lines) == 1
    _pdf_and_csv(sheet, tmp_path)


def _pdf_and_csv(sheet: DaySheet, tmp_path: Path) -> None:
    """Three workers: three pages, each with its worker's sessions; the CSV a row a session."""
    out = tmp_path / "day.pdf"
    assert render_day_sheet_pdf(sheet, out) == 3
    pages = PdfReader(str(out)).pages
    assert len(pages) == 3
    first = pages[0].extract_text()
    assert "Liam Cole" in first and "Thursday 2 April 2026" in first
    assert "08:00–09:00" in first and "Ann Lee" in first and "Booked" in first
    assert "Page 1 of 3" in first
    assert "Bo Nguyễn" in pages[2].extract_text() and "Zoe Adams" in pages[2].extract_text()
    rows = write_day_sheet_csv(sheet, tmp_path / "day.csv")
    assert rows == 4
    with open(tmp_path / "day.csv", encoding="utf-8-sig", newline="") as f:
        read = list(csv.DictReader(f))
    assert [(r["Worker"], r["Start"], r["Clients"]) for r in read] == [
        ("Liam Cole", "08:00", "Ann Lee"),
        ("Mia Brown", "10:30", "Cy Park"),
        ("Zoe Adams", "09:00", "Bo Nguyễn"),
        ("Zoe Adams", "14:00", "Ann Lee"),
    ]


def test_an_empty_day_prints_one_page_saying_so(ctx: AppContext, tmp_path: Path) -> None:
    with ctx.db.read(system_admin(ctx.db)) as uow:
        sheet = day_sheet(uow, DAY)
    assert sheet.workers == ()
    out = tmp_path / "empty.pdf"
    assert render_day_sheet_pdf(sheet, out) == 1
    assert "No sessions on this day." in PdfReader(str(out)).pages[0].extract_text()


def test_an_empty_days_title_and_sentence_come_in_the_practice_language(
    ctx: AppContext, tmp_path: Path
) -> None:
    with ctx.db.read(system_admin(ctx.db)) as uow:
        sheet = day_sheet(uow, DAY)
    out = tmp_path / "empty.pdf"
    i18n.set_translator(lambda _context, text, *_: i18n.pseudo_text(text))
    try:
        render_day_sheet_pdf(sheet, out)
    finally:
        i18n.set_translator(None)
    printed = PdfReader(str(out)).pages[0].extract_text()
    assert "[!! No sessions on this day. !!]" in printed, printed
    assert "[!! Day sheet — " in printed, printed


def _block(status: SessionStatus, *bookings: BookingStatus) -> SessionBlock:
    base = SessionBlock(
        1, 1, 1, "W", "S1", "Service", "#000", "Room 1", local(2026, 4, 2, 9),
        local(2026, 4, 2, 10), status, "individual", 4, 100, None,  # type: ignore[arg-type]
    )  # fmt: skip
    clients = tuple(BookingInfo(i, i, f"C{i}", s, 1) for i, s in enumerate(bookings))
    return base._replace(clients=clients)


@pytest.mark.parametrize(
    ("status", "bookings", "text"),
    [
        (SessionStatus.ROSTERED, (), "Open"),
        (SessionStatus.ROSTERED, (BookingStatus.BOOKED,), "Booked"),
        (SessionStatus.ROSTERED, (BookingStatus.BOOKED, BookingStatus.CANCELLED),
         "Booked (1 cancelled)"),
        (SessionStatus.ROSTERED, (BookingStatus.CANCELLED,), "Clients cancelled"),
        (SessionStatus.COMPLETED, (BookingStatus.DNA,), "Did not attend"),
        (SessionStatus.COMPLETED, (BookingStatus.DNA, BookingStatus.CANCELLED), "Did not attend"),
        (SessionStatus.COMPLETED, (BookingStatus.ATTENDED, BookingStatus.DNA), "Completed"),
        (SessionStatus.COMPLETED, (BookingStatus.ATTENDED,), "Completed"),
        (SessionStatus.CANCELLED, (BookingStatus.CANCELLED,), "Cancelled"),
    ],
)  # fmt: skip
def test_each_session_state_reads_as_the_desk_says_it(
    status: SessionStatus, bookings: tuple[BookingStatus, ...], text: str
) -> None:
    assert status_text(_block(status, *bookings)) == text
