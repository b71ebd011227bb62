"""The day sheet and the client account statement in the practice's language: under the
pseudo-translation (every sentence collected from app/ into the catalogue comes out "[!! … !!]")
their headings, column names, statuses, summaries, line details and Generated line all come out
wrapped, so none is printed as a bare English literal or put together from English fragments."""

from __future__ import annotations

import ast
import csv
import os
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.bootstrap import AppContext
from app.models.enums import BookingStatus, SessionStatus
from app.services.money import account, account_pdf, packs
from app.services.money.account import client_account, write_account_csv
from app.services.money.account_pdf import write_account_pdf
from app.services.money.payments import (
    AdjustmentKind,
    AdjustmentRequest,
    PaymentRequest,
    post_adjustment,
    post_payment,
)
from app.services.reports import day_sheet
from app.services.reports.day_sheet import (
    DaySheet,
    DaySheetLine,
    WorkerDay,
    render_day_sheet_pdf,
    status_text,
    write_day_sheet_csv,
)
from app.ui.i18n import install_translator
from tests.conftest import FakeClock
from tests.factory import SYD, World, local
from tests.unit.test_day_sheet import _block

DAY = date(2026, 4, 2)  # a Thursday
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row: a word, not "%H:%M" or "+d"
INNERMOST = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]")  # a wrapped sentence holding no other


def _bare(text: str) -> set[str]:
    """The words printed outside every "[!! … !!]": those that did not come from the catalogue,
    less numbers, dates, times and amounts (any word with a digit) and the header's separator."""
    while (unwrapped := INNERMOST.sub(" ", text)) != text:
        text = unwrapped
    return {w for w in text.split() if w != "·" and not any(c.isdigit() for c in w)}


@pytest.fixture
def pseudo(english: None, pseudo_folder: Path) -> None:
    os.environ["FRONTDESK_LANG"] = "pseudo"
    assert install_translator("en_AU", "AUD", folder=pseudo_folder) == "pseudo"


def _said(pdf: Path) -> str:
    """The PDF's words, with its line breaks and a table cell's wrapping as single spaces."""
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)


def _line(sid: int, hour: int, clients: str, status: str, cancelled: bool = False) -> DaySheetLine:
    start = datetime(2026, 4, 2, hour, tzinfo=SYD).astimezone(UTC)
    return DaySheetLine(sid, start, start + timedelta(hours=1), clients, "Physio", "Room 1",
                        status, cancelled)  # fmt: skip


def _sheet() -> DaySheet:
    """Ann's day: a session and a cancelled one; Bo's: only a cancelled one."""
    cancelled = status_text(_block(SessionStatus.CANCELLED, BookingStatus.CANCELLED))
    ann = WorkerDay(1, "Ann Worker", (
        _line(1, 9, "Cy Park", status_text(_block(SessionStatus.ROSTERED, BookingStatus.BOOKED))),
        _line(2, 11, "Di Ng", cancelled, cancelled=True),
    ))  # fmt: skip
    bo = WorkerDay(2, "Bo Worker", (_line(3, 10, "Ed Yu", cancelled, cancelled=True),))
    return DaySheet(DAY, "Australia/Sydney", "Harbour Physio", "", "A4",
                    datetime(2026, 4, 1, 23, tzinfo=UTC), "Rita Reception", (ann, bo))  # fmt: skip


def test_the_day_sheet_prints_every_heading_status_and_summary_from_the_catalogue(
    pseudo: None, tmp_path: Path
) -> None:
    pdf = tmp_path / "day.pdf"
    assert render_day_sheet_pdf(_sheet(), pdf) == 2
    text = _said(pdf)
    for said in (
        "[!! Day sheet !!]", "[!! Thu 2 Apr 2026 !!]", "[!! Thursday 2 April 2026 !!]",
        "[!! Generated 2 Apr 2026 10:00 AEDT by Rita Reception !!]",
        "[!! Time !!] [!! Client !!] [!! Service !!] [!! Location !!] [!! Status !!]",
        "[!! 1 session, 09:00 to 10:00; 1 cancelled (greyed). !!]",
        "[!! No sessions; 1 cancelled (greyed). !!]", "[!! Booked !!]", "[!! Cancelled !!]",
    ):  # fmt: skip
        assert said in text, f"{said} not in {text}"
    names = {"Harbour", "Physio", "Ann", "Bo", "Worker", "Cy", "Park", "Di", "Ng", "Ed", "Yu",
             "Room"}  # fmt: skip
    assert _bare(text) <= names, f"printed without the catalogue: {_bare(text) - names}"
    out = tmp_path / "day.csv"
    assert write_day_sheet_csv(_sheet(), out) == 3
    with out.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert len(header) == 9 and all(h.startswith("[!! ") and h.endswith(" !!]") for h in header)
    assert "[!! Status !!]" in header and "[!! Clients !!]" in header


@pytest.mark.parametrize(
    ("status", "bookings", "text"),
    [
        (SessionStatus.ROSTERED, (), "[!! Open !!]"),
        (SessionStatus.ROSTERED, (BookingStatus.BOOKED, BookingStatus.CANCELLED),
         "[!! Booked (1 cancelled) !!]"),
        (SessionStatus.ROSTERED, (BookingStatus.CANCELLED,), "[!! Clients cancelled !!]"),
        (SessionStatus.COMPLETED, (BookingStatus.DNA,), "[!! Did not attend !!]"),
        (SessionStatus.COMPLETED, (BookingStatus.ATTENDED,), "[!! Completed !!]"),
    ],
)  # fmt: skip
def test_each_day_sheet_status_and_client_mark_is_in_the_catalogue(
    pseudo: None, status: SessionStatus, bookings: tuple[BookingStatus, ...], text: str
) -> None:
    block = _block(status, *bookings)
    assert status_text(block) == text
    marked = day_sheet._client_text(block._replace(clients=_block(
        status, BookingStatus.CANCELLED, BookingStatus.DNA).clients))  # fmt: skip
    assert marked == "[!! C0 (cancelled) !!], [!! C1 (did not attend) !!]"


def _client_with_every_kind_of_line(world: World) -> tuple[int, int]:
    """A pack (cash, with an expiry) that lapses, a payment with its reference, received day and
    note, and a write-off with its note: the account's every kind of detail."""
    world.clock.set(local(2026, 4, 1, 9))
    cara = world.client("Cara Credit")
    sale = packs.PackSale(cara, "5-class pack", 5, "$80", method="cash",
                          expires_on=date(2026, 4, 3))  # fmt: skip
    world.run(world.reception, lambda uow: packs.sell_pack(uow, sale))
    sid = world.session(world.worker(), world.service(), local(2026, 4, 8, 9), [cara])
    paid = PaymentRequest(sid, cara, "card", 4000, date(2026, 4, 1), "R-77", "at the desk",  # type: ignore[arg-type]
                          more_than_owed=True)  # her plan pays the session: recorded anyway  # fmt: skip
    world.run(world.reception, lambda uow: post_payment(uow, paid))
    off = AdjustmentRequest(sid, cara, AdjustmentKind.WRITE_OFF, 1000, "hardship")
    world.run(world.manager, lambda uow: post_adjustment(uow, off))
    world.clock.set(local(2026, 4, 6, 9))  # after the pack's expiry: its credits lapsed
    return cara, sid


def test_the_account_statement_says_every_line_and_heading_from_the_catalogue(
    pseudo: None, ctx: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    world = World(ctx, clock)
    cara, sid = _client_with_every_kind_of_line(world)
    shown = world.read(lambda uow: client_account(uow, cara))
    assert [(line.what, line.details) for line in shown.lines] == [
        ("[!! Purchase !!]", "[!! 5-class pack ([!! cash !!]), valid until 03 Apr 2026 !!]"),
        ("[!! Payment !!]", f"[!! Session #{sid} ([!! card !!], [!! ref. R-77 !!], "
                            "[!! received 01 Apr 2026 !!]): at the desk !!]"),
        ("[!! Adjustment !!]", f"[!! Session #{sid}: [!! write-off !!], $10.00 off — hardship !!]"),
        ("[!! Expired !!]", "[!! 5 credits of “5-class pack” lapsed after 03 Apr 2026 !!]"),
    ]  # fmt: skip
    pdf = tmp_path / "account.pdf"
    world.read(lambda uow: write_account_pdf(uow, cara, pdf))
    text = _said(pdf)
    for said in (
        "[!! Client account !!]", "[!! Account of Cara Credit !!]",
        "[!! Paid by: [!! NDIS plan !!]. Credits left: 0. Paid to date: $120.00. !!]",
        "[!! Class packs !!]", "[!! Bought !!] [!! Pack !!]", "[!! Expired !!]",
        "[!! Account lines !!]", "[!! When !!] [!! What !!] [!! Details !!]",
        "[!! Paid to date !!]", "[!! Generated ",
    ):  # fmt: skip
        assert said in text, f"{said} not in {text}"
    names = {"Cara", "Credit", "pack", "My", "Practice", "Apr"}  # its data; months are babel's
    assert _bare(text) <= names, f"printed without the catalogue: {_bare(text) - names}"
    out = tmp_path / "account.csv"
    world.read(lambda uow: write_account_csv(uow, cara, out))
    with out.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert len(header) == 8 and all(h.startswith("[!! ") for h in header), header


def test_an_empty_account_and_an_owed_balance_are_said_from_the_catalogue(
    pseudo: None, ctx: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    world = World(ctx, clock)
    ann = world.client("Ann Lee")
    pdf = tmp_path / "empty.pdf"
    world.read(lambda uow: write_account_pdf(uow, ann, pdf))
    assert "[!! No purchases, credits or payments yet. !!]" in _said(pdf)
    owing = replace(world.read(lambda uow: client_account(uow, ann)), balance=-2)
    account_pdf.render_account_pdf(owing, pdf)
    assert "Credits owed: 2. Paid to date: $0.00. !!]" in _said(pdf)


@pytest.mark.parametrize("module", [day_sheet, account, account_pdf], ids=lambda m: m.__name__)
def test_no_sentence_of_the_two_documents_is_an_english_f_string(module: object) -> None:
    """An f-string with words in it ("Generated {when} by {who}", "Session #{id}") is English
    whatever the catalogue says: the documents' modules format translated templates instead."""
    tree = ast.parse(Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8"))
    worded = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and any(isinstance(part, ast.Constant) and WORD.search(str(part.value))
                for part in node.values)
    ]  # fmt: skip
    assert worded == []
