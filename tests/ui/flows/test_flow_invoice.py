"""A plan-managed participant's invoice, made from their account as a receptionist makes it
(Accounts ▸ Client account…, Invoice…, the days typed, Save invoice PDF…): the PDF is addressed
to the plan manager and lists the late cancellation's charge with its support item and claim;
a period with nothing of theirs to pay is refused with a sentence and writes no file."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import PracticeSettings, ServiceDelivered, Session
from app.models.enums import SdKind
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_payment_more_than_owed import PLAN_MANAGED, paid_by


def _account(qtbot: Any, name: str) -> Any:
    def chooser(w: Any) -> None:
        type_into(qtbot, field(w, "Search", QLineEdit), name)
        press(w, "Open account")

    return chooser


def test_a_plan_managed_participants_invoice_is_saved_from_their_account(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=True)
    client_id, name, starts = data.read(demo_ctx, lambda orm: (
        orm.get(Session, sid).bookings[0].client_id,
        orm.get(Session, sid).bookings[0].client.display_name,
        orm.get(Session, sid).starts_at))  # fmt: skip
    tz = data.read(demo_ctx, lambda orm: ZoneInfo(orm.get(PracticeSettings, 1).time_zone))
    day = starts.astimezone(tz).strftime("%d/%m/%Y")
    window = open_window(demo_ctx, "reception")
    paid_by(qtbot, window, client_id, PLAN_MANAGED)
    with dialogs(client_cancel(qtbot, "Family")):
        from_context_menu(window, sid, "Cancel…")
    (sd,) = data.read(demo_ctx, lambda orm: list(orm.scalars(select(ServiceDelivered).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION))))  # fmt: skip
    pdf = tmp_path / "invoice.pdf"
    said: list[str] = []

    def invoice(w: Any) -> None:
        type_date(qtbot, field(w, "From date"), "01/01/2020")  # nothing of theirs to pay then
        type_date(qtbot, field(w, "To date"), "31/01/2020")
        press(w, "Save invoice PDF")
        qtbot.waitUntil(lambda: bool(w.error.text()), timeout=5000)
        said.append(w.error.text())
        type_date(qtbot, field(w, "From date"), day)
        type_date(qtbot, field(w, "To date"), day)
        press(w, "Save invoice PDF")
        qtbot.waitUntil(lambda: "was saved to" in w.status.text() or w.error.text(), timeout=10000)
        assert not w.error.text(), w.error.text()
        said.append(w.status.text())
        press(w, "Close")

    def account(w: Any) -> None:
        press(w, "Invoice…")
        press(w, "Close")

    empty = tmp_path / "nothing.pdf"
    with dialogs(_account(qtbot, name), account, invoice, save_as(empty), save_as(pdf)):
        from_menu(window, "Accounts", "Client account")
    assert said[0].startswith("Nothing to invoice: no session of") and not empty.exists()
    assert "due $" in said[1] and "ABN is not set" not in said[1]  # the demo practice has one
    assert f"{name}'s record does not name their plan manager" in said[1]
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())  # fmt: skip
    assert f"To: The plan manager of {name}" in text
    assert "late cancellation charge" in text
    assert sd.support_item in text and f"CANC {sd.reason_code}" in text
