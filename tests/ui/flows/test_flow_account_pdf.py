"""A client's account saved as a PDF from the window reads cleanly: a long practice name beside
the client's name in the page header, and a note holding a web address with no spaces, are kept
in their own room instead of being printed over the next words."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Client, PracticeSettings
from app.services.reports.pdf_base import MARGIN
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    click_session,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    type_into,
)
from tests.ui.flows.test_flow_bulk import save_as

PRACTICE = "Harbourside Allied Health & Paediatric Therapy Services Pty Ltd"
CLIENT = ("Maria-Concepcion", "Fernandez-Villanueva")
LINK = "https://pay.example.com.au/receipts/2026/04/01/INV-000123456789-ABCDEFGHIJ"

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def _words(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Every word poppler finds on the pages, as its box (x0, y0, x1, y1)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return [tuple(float(v) for v in m.groups()) for m in WORD.finditer(out)]  # type: ignore[misc]


def _overlapping(words: list[tuple[float, float, float, float]]) -> list[tuple[Any, Any]]:
    hits = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                hits.append((a, b))
    return hits


def test_an_account_pdf_never_prints_the_header_or_a_long_note_over_other_words(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves

    def rename(orm: Any) -> str:
        orm.get(PracticeSettings, 1).name = PRACTICE
        client = orm.get(
            Client, orm.scalar(select(Booking.client_id).where(Booking.session_id == sid))
        )
        client.first_name, client.last_name = CLIENT
        orm.commit()
        return str(client.display_name)

    name = data.read(demo_ctx, rename)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)

    def take_payment(w: Any) -> None:
        choose(field(w, "Method", QComboBox), "Bank transfer")
        type_into(qtbot, field(w, "Amount", QLineEdit), "95")
        type_into(qtbot, field(w, "Note", QLineEdit), LINK)
        press(w, "Record payment")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")

    def chooser(w: Any) -> None:
        type_into(qtbot, field(w, "Search", QLineEdit), "Villanueva")
        press(w, "Open account")

    def account(w: Any) -> None:
        press(w, "Print / Save PDF")
        assert "saved to" in w.status.text(), w.error.text()
        press(w, "Close")

    pdf = tmp_path / "account.pdf"
    with dialogs(chooser, account, save_as(pdf)):
        from_menu(window, "Accounts", "Client account")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    assert "Harbourside Allied Health" in text and name in text and "pay.example" in text
    words = _words(pdf)
    assert _overlapping(words) == []
    width = float(PdfReader(pdf).pages[0].mediabox.width)
    assert max(w[2] for w in words) <= width - MARGIN + 0.5  # nothing runs past the margin
    details = 0.37 * (width - 2 * MARGIN)  # the widest column of the lines' table
    too_wide = [w for w in words if w[3] - w[1] < 10 and w[2] - w[0] > details]
    assert too_wide == [], "a word of a table cell runs into the next column"
