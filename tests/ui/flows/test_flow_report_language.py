"""Reports ▸ Cancellation report… in the practice's language: the filters named under the PDF's
title, the notice in the detail and the CSV, and whether a line was claimed, come through the
practice's catalogue like the headings around them (a practice manager on another catalogue
read English there). So do the day sheet (File ▸ Print day sheet…) and a client's account
statement (Accounts ▸ Client account…): their titles, dates, headings, statuses, line details
and Generated line."""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu
from sqlalchemy import select

from app import i18n
from app.bootstrap import AppContext
from app.models import Booking, Client
from app.ui.i18n import install_translator
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    click_session,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_print import _day_sheet

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from translations import lrelease  # noqa: E402

# The practice's catalogue: English words of its own, so every other sentence (and Qt's file
# dialog) stays as the flow driver reads it.
SAID = {
    ("report", "Worker: {name}", ""): "Practitioner: {name}",
    ("report", "Cancelled by: {who}", ""): "Called off by: {who}",
    ("report", "{days} d {hours} h", "notice"): "{days} days {hours} hrs",
    ("report", "{hours} h", "notice"): "{hours} hrs",
    ("csv", "not yet claimed", ""): "awaiting its claim",
    ("csv", "not an NDIS claim", ""): "claimed elsewhere",
    (
        "report",
        "Generated {moment_text} by {generated_by}",
        "",
    ): "Printed {moment_text} for {generated_by}",
    ("day sheet", "Day sheet", ""): "Daily list",
    ("day sheet", "{weekday} {date}", ""): "{date}, {weekday}",
    ("day sheet", "Time", ""): "Hours",
    ("day sheet", "Status", ""): "Standing",
    ("day sheet", "Booked", ""): "Expected",
    ("money", "Client account", ""): "Statement of account",
    ("money", "Account of {name}", ""): "Statement for {name}",
    ("money", "Account lines", ""): "Transactions",
    ("money", "Payment", ""): "Money received",
    ("money", "Session #{session} ({facts}): {note}", ""): "Appointment {session} [{facts}] {note}",
}


def _catalogue(folder: Path) -> Path:
    contexts: dict[str, list[str]] = {}
    for (context, source, comment), translation in SAID.items():
        contexts.setdefault(context, []).append(
            f"<message><source>{source}</source>"
            + (f"<comment>{comment}</comment>" if comment else "")
            + f"<translation>{translation}</translation></message>"
        )
    body = "".join(
        f"<context><name>{name}</name>{''.join(messages)}</context>"
        for name, messages in contexts.items()
    )
    folder.mkdir(parents=True, exist_ok=True)
    ts = folder / "frontdesk_en_GB.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en_GB">'
        f"{body}</TS>",
        encoding="utf-8",
    )
    lrelease(ts, folder / "frontdesk_en_GB.qm")
    return folder


@pytest.fixture
def own_words(qapp: Any, tmp_path: Path) -> Iterator[None]:
    """The practice on en_GB with its own catalogue; English as shipped afterwards."""
    os.environ.pop("FRONTDESK_LANG", None)
    assert install_translator("en_GB", "AUD", folder=_catalogue(tmp_path / "i18n")) == "en_GB"
    yield
    install_translator(None, None)
    i18n.set_translator(None)
    i18n.use_practice(None, None)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _march_report(qtbot: Any, window: Any, worker: str, by: str) -> Any:
    """Reports ▸ Cancellation report, for March 2026, one worker, cancelled by `by`."""
    from_menu(window, "Reports", "Cancellation report")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    type_date(qtbot, field(report, "From date"), "1/3/2026")
    type_date(qtbot, field(report, "To date"), "31/3/2026")
    choose(field(report, "Worker", QComboBox), worker)
    choose(field(report, "Cancelled by", QComboBox), by)
    return report


def test_the_report_names_its_filters_notice_and_claims_in_the_practice_language(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path, own_words: None
) -> None:
    report = _march_report(qtbot, open_window(demo_ctx, "manager"), "Dr Maya Chen", "Client")
    pdf, sheet = tmp_path / "maya.pdf", tmp_path / "maya.csv"
    with dialogs(save_as(pdf)):
        press(report, "Save PDF")
    qtbot.waitUntil(pdf.exists, timeout=10000)
    with dialogs(save_as(sheet)):
        press(report, "Save CSV")
    qtbot.waitUntil(sheet.exists, timeout=10000)
    report.close()

    pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages]
    assert "Practitioner: Dr Maya Chen · Called off by: Client" in pages[0]
    assert "Worker: Dr Maya Chen" not in pages[0]
    detail = " ".join(pages[2:])
    assert "1 days 6 hrs" in detail and "1 d 6 h" not in detail
    rows = _rows(sheet)
    assert rows and {r["Worker"] for r in rows} == {"Dr Maya Chen"}
    lucas = [r for r in rows if r["Session"] == "4"]
    assert [(r["Notice"], r["SD claimed"]) for r in lucas] == [
        ("1 days 6 hrs", "awaiting its claim")
    ]
    assert not {r["SD claimed"] for r in rows} & {"not yet claimed", "not an NDIS claim"}


def test_the_dialog_counts_one_cancellation_in_the_singular(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    report = _march_report(qtbot, window, "Ahmed Haddad", "Worker")  # he was off sick once
    out = tmp_path / "ahmed.csv"
    with dialogs(save_as(out)):
        press(report, "Save CSV")
    qtbot.waitUntil(out.exists, timeout=10000)
    assert len(_rows(out)) == 1
    assert report.status.text().splitlines()[1] == "1 cancellation, 0 no-shows, charges $0.00."
    report.close()


def _pdf_text(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)


def test_the_day_sheet_prints_its_title_date_headings_and_statuses_in_the_practice_language(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path, own_words: None
) -> None:
    window = open_window(demo_ctx, "reception")
    from_menu(window, "File", "Print day sheet…")
    sheet, pdf = _day_sheet(window), tmp_path / "day.pdf"
    with dialogs(save_as(pdf)):
        press(sheet, "Save PDF")
    qtbot.waitUntil(pdf.exists, timeout=10000)
    sheet.close()

    text = _pdf_text(pdf)
    assert "Daily list · Wed 1 Apr 2026," not in text  # the header's date in the practice's order
    for said in ("Daily list", "1 Apr 2026, Wed", "1 April 2026, Wednesday", "Printed 1 Apr 2026",
                 "Hours Client Service Location Standing", "Expected"):  # fmt: skip
        assert said in text, f"{said} not in {text}"
    for english in ("Day sheet", "Wednesday 1 April", "Generated", "Time Client", "Booked"):
        assert english not in text, english


def test_the_account_statement_names_its_lines_in_the_practice_language(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path, own_words: None
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    name = data.read(demo_ctx, lambda orm: orm.get(Client, orm.scalar(
        select(Booking.client_id).where(Booking.session_id == sid))).display_name)  # fmt: skip
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)

    def take_payment(w: Any) -> None:
        choose(field(w, "Method", QComboBox), "Bank transfer")
        type_into(qtbot, field(w, "Amount", QLineEdit), "95")
        type_into(qtbot, field(w, "Note", QLineEdit), "paid at the desk")
        press(w, "Record payment")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")
    shown: list[str] = []

    def chooser(w: Any) -> None:
        type_into(qtbot, field(w, "Search", QLineEdit), name)
        press(w, "Open account")

    def account(w: Any) -> None:
        model = w.lines_model
        shown.extend(str(model.index(r, 1).data()) for r in range(model.rowCount()))
        press(w, "Print / Save PDF")
        assert "saved to" in w.status.text(), w.error.text()
        press(w, "Close")

    pdf = tmp_path / "account.pdf"
    with dialogs(chooser, account, save_as(pdf)):
        from_menu(window, "Accounts", "Client account")
    assert "Money received" in shown and "Payment" not in shown  # the window's What column
    text = _pdf_text(pdf)
    for said in ("Statement of account", "Statement for ", "Transactions", "Money received",
                 f"Appointment {sid} [bank transfer", "paid at the desk", "Printed "):  # fmt: skip
        assert said in text, f"{said} not in {text}"
    for english in ("Client account", "Account of", "Account lines", f"Session #{sid}",
                    "Generated"):  # fmt: skip
        assert english not in text, english
