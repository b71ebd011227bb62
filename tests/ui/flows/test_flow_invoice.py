"""A plan-managed participant's invoice, made from their account as a receptionist makes it
(Accounts ▸ Client account…, Invoice…, the days typed, Save invoice PDF…): the PDF is addressed
to the plan manager and lists the late cancellation's charge with its support item and claim;
a period with nothing of theirs to pay is refused with a sentence and writes no file."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QCheckBox, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import OutboxMessage, Payment, PracticeSettings, ServiceDelivered, Session
from app.models.enums import SdKind
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    errors,
    field,
    from_context_menu,
    from_menu,
    press,
    tick,
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


@dataclass(frozen=True)
class LateCharge:
    """A plan-managed participant's late cancellation, charged, as the window made it."""

    window: Any
    session_id: int
    client_id: int
    name: str
    day: str  # the session's practice day, typed as a person types it (31/03/2026)
    sd: ServiceDelivered


def plan_managed_late_charge(
    qtbot: Any, ctx: AppContext, open_window: Any, manager: tuple[str, str] | None = None
) -> LateCharge:
    """A participant made plan-managed in their form (with `manager` typed, when given), then
    their upcoming session cancelled by them for Family at the reception desk: charged."""
    sid = data.future_individual(ctx)
    data.client_funded(ctx, sid, ndis=True)
    client_id, name, starts = data.read(ctx, lambda orm: (
        orm.get(Session, sid).bookings[0].client_id,
        orm.get(Session, sid).bookings[0].client.display_name,
        orm.get(Session, sid).starts_at))  # fmt: skip
    tz = data.read(ctx, lambda orm: ZoneInfo(orm.get(PracticeSettings, 1).time_zone))
    window = open_window(ctx, "reception")
    paid_by(qtbot, window, client_id, PLAN_MANAGED, manager)
    with dialogs(client_cancel(qtbot, "Family")):
        from_context_menu(window, sid, "Cancel…")
    (sd,) = data.read(ctx, lambda orm: list(orm.scalars(select(ServiceDelivered).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION))))  # fmt: skip
    return LateCharge(window, sid, client_id, name, starts.astimezone(tz).strftime("%d/%m/%Y"), sd)


def test_a_plan_managed_participants_invoice_is_saved_from_their_account(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    late = plan_managed_late_charge(qtbot, demo_ctx, open_window)
    window, name, day, sd = late.window, late.name, late.day, late.sd
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
        tick(field(w, "E-mail it to the address it names", QCheckBox), True)
        press(w, "Save invoice PDF")
        qtbot.waitUntil(lambda: "was saved to" in w.status.text() or w.error.text(), timeout=10000)
        assert not w.error.text(), w.error.text()
        said.append(w.status.text())
        press(w, "Record a payment of it…")  # the plan manager paid it
        said.append(w.status.text())
        press(w, "Close")

    def pay(w: Any) -> None:
        type_into(qtbot, field(w, "Amount", QLineEdit), "9999.00")
        press(w, "Record payment")
        qtbot.waitUntil(lambda: bool(errors(w)), timeout=5000)
        said.extend(errors(w))
        due = f"{sd.amount_cents // 100}.{sd.amount_cents % 100:02d}"
        type_into(qtbot, field(w, "Amount", QLineEdit), due)
        type_into(qtbot, field(w, "Reference", QLineEdit), "REM-7")
        press(w, "Record payment")

    def account(w: Any) -> None:
        press(w, "Invoice…")
        # The payment recorded from the invoice shows in the account at once, with its note.
        qtbot.waitUntil(lambda: w.account.paid_cents == late.sd.amount_cents, timeout=5000)
        assert any("Invoice FD-INV-" in line.details for line in w.account.lines)
        press(w, "Close")

    empty = tmp_path / "nothing.pdf"
    with dialogs(_account(qtbot, name), account, invoice, save_as(empty), save_as(pdf), pay):
        from_menu(window, "Accounts", "Client account")
    assert said[0].startswith("Nothing to invoice: no session of") and not empty.exists()
    assert "due $" in said[1] and "ABN is not set" not in said[1]  # the demo practice has one
    assert f"{name}'s record does not name their plan manager" in said[1]
    assert said[1].endswith(f"Not e-mailed: {name}: no e-mail address to send it to (add the "
                            "plan manager's, or the client's).")  # fmt: skip
    assert not data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(OutboxMessage).where(OutboxMessage.topic == "invoice"))))  # fmt: skip
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())  # fmt: skip
    assert f"To: The plan manager of {name}" in text
    assert "late cancellation charge" in text
    assert sd.support_item in text and f"CANC {sd.reason_code}" in text
    number = f"FD-INV-{late.client_id}-{day[6:]}{day[3:5]}{day[:2]}-{day[6:]}{day[3:5]}{day[:2]}"
    assert said[2].startswith("$9,999.00 is more than the") and number in said[2]
    assert said[3].startswith(f"Recorded ${sd.amount_cents / 100:,.2f} against invoice {number}")
    assert said[3].endswith("$0.00 is still due on it.")
    paid = data.read(demo_ctx, lambda orm: [(p.session_id, p.amount_cents, p.note, p.reference)
                                            for p in orm.scalars(select(Payment).where(
                                                Payment.client_id == late.client_id))])  # fmt: skip
    assert paid == [(late.session_id, sd.amount_cents, f"Invoice {number}", "REM-7")]
