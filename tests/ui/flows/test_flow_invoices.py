"""A period's invoices at once, as the practice manager makes them at the month's end
(Accounts ▸ Invoices for a period…, the days typed, whose chosen by its text, Save invoices
to a folder…, the folder typed in the folder dialog): one PDF for the plan-managed participant
with a late cancellation charge, addressed to the plan manager their record names, and the CSV
list of them with where each goes; a choice with nobody to invoice is refused with a sentence
and writes nothing. The client form keeps the plan manager only for a plan-managed plan."""

from __future__ import annotations

import csv
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client, OutboxMessage, Session
from app.ui.money.invoices_dialog import InvoicesDialog
from tests.integration.outbox_helpers import SmtpSink
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    errors,
    field,
    from_menu,
    press,
    tick,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_invoice import plan_managed_late_charge
from tests.ui.flows.test_flow_payment_more_than_owed import PLAN_MANAGED
from tests.ui.flows.test_flow_series_one_email import _send_after_grace

MANAGER = ("Harbour Plan Partners", "invoices@harbourplan.example")


def into_folder(path: Path) -> Any:
    """A handler for the folder dialog: type the folder and press Choose."""
    return save_as(path, "Choose")


def _participants_form(qtbot: Any, ctx: AppContext, open_window: Any) -> tuple[int, Any]:
    """An NDIS participant with an upcoming session, and the Clients screen on them."""
    from tests.ui.flows.test_flow_setup_clients import _client_picked

    sid = data.future_individual(ctx)
    data.client_funded(ctx, sid, ndis=True)
    client_id = data.read(ctx, lambda orm: orm.get(Session, sid).bookings[0].client_id)
    return client_id, _client_picked(qtbot, open_window(ctx, "admin"), client_id)


def _plan_manager(ctx: AppContext, client_id: int) -> tuple[str, str]:
    """The plan manager and its address as the client's record keeps them."""
    return data.read(ctx, lambda orm: (orm.get(Client, client_id).plan_manager,
                                       orm.get(Client, client_id).plan_manager_email))  # fmt: skip


def test_the_months_invoices_go_to_the_plan_managers_one_pdf_each(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path, sink: SmtpSink
) -> None:
    late = plan_managed_late_charge(qtbot, demo_ctx, open_window, MANAGER)
    window, client_id, name, sd = late.window, late.client_id, late.name, late.sd
    day = datetime.strptime(late.day, "%d/%m/%Y")

    from_menu(window, "Accounts", "Invoices for a period")
    dialog = window.findChild(InvoicesDialog, "invoicesDialog")
    assert dialog is not None and dialog.isVisible()
    type_date(qtbot, field(dialog, "From date"), late.day)
    type_date(qtbot, field(dialog, "To date"), late.day)

    nobody = tmp_path / "nobody"
    nobody.mkdir()
    choose(field(dialog, "Whose invoices", QComboBox), "Self-managed NDIS participants")
    with dialogs(into_folder(nobody)):
        press(dialog, "Save invoices to a folder…")
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=10000)
    assert dialog.error.text().startswith(
        "Nothing to invoice: no session of any self-managed NDIS participant from"
    ), dialog.error.text()
    assert list(nobody.iterdir()) == []

    folder = tmp_path / "invoices"
    folder.mkdir()
    choose(field(dialog, "Whose invoices", QComboBox),
           "Plan-managed NDIS participants (to their plan managers)")  # fmt: skip
    tick(field(dialog, "E-mail each to the address it names", QCheckBox), True)
    with dialogs(into_folder(folder)):
        press(dialog, "Save invoices to a folder…")
    qtbot.waitUntil(lambda: "Saved 1 invoice" in dialog.status.text() or dialog.error.text(),
                    timeout=15000)  # fmt: skip
    assert not dialog.error.text(), dialog.error.text()
    assert "is not set" not in dialog.status.text()  # the demo practice has its ABN and payment
    assert "1 invoice e-mail(s) wait in the outbox" in dialog.status.text()
    assert dialog.open_file.isVisible() and dialog.open_folder.isVisible()

    stamp = f"{day:%Y%m%d}"
    number = f"FD-INV-{client_id}-{stamp}-{stamp}"
    (pdf,) = sorted(folder.glob("*.pdf"))
    assert pdf.name.startswith(number)
    with (folder / f"invoices-plan-managed-{stamp}-{stamp}.csv").open(
        encoding="utf-8-sig"
    ) as listing:
        rows = list(csv.DictReader(listing))
    assert [(r["Invoice"], r["Client"], r["E-mail"], r["File"]) for r in rows] == [
        (number, name, MANAGER[1], pdf.name)
    ]
    assert rows[0]["Due"] == rows[0]["Total"] != "$0.00"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())  # fmt: skip
    assert f"To: {MANAGER[0]}, plan manager of {name} (NDIS participant" in text
    assert f"E-mail: {MANAGER[1]}" in text

    # The outbox sends it to the plan manager, the saved PDF attached.
    queued = data.read(demo_ctx, lambda orm: list(orm.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == "invoice"))))  # fmt: skip
    _send_after_grace(demo_ctx, window, queued)
    [mail] = [m for m in sink.messages if number in str(m["Subject"])]
    assert mail["To"] == MANAGER[1]
    [attached] = list(mail.iter_attachments())
    assert (attached.get_filename(), attached.get_content()) == (pdf.name, pdf.read_bytes())
    assert sd.support_item in text and f"CANC {sd.reason_code}" in text
    dialog.close()


def test_the_plan_managers_fields_are_for_a_plan_managed_participant(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Greyed while the plan is agency-managed; chosen plan-managed, a wrong e-mail is refused
    with a sentence and the form stays open; the right one is saved; made agency-managed again,
    the plan manager is no longer kept."""
    client_id, screen = _participants_form(qtbot, demo_ctx, open_window)
    said: list[str] = []

    def form(w: Any) -> None:
        manager = field(w, "Plan manager", QLineEdit)
        assert not manager.isEnabled()  # agency-managed: claimed from the NDIA
        choose(field(w, "Paid by", QComboBox), PLAN_MANAGED)
        assert manager.isEnabled()
        type_into(qtbot, manager, MANAGER[0])
        type_into(qtbot, field(w, "Plan manager's email", QLineEdit), "invoices at hpp")
        press(w, "Save")
        qtbot.waitUntil(lambda: bool(errors(w)), timeout=3000)
        said.extend(errors(w))
        assert w.isVisible()
        type_into(qtbot, field(w, "Plan manager's email", QLineEdit), MANAGER[1])
        press(w, "Save")

    with dialogs(form):
        press(screen, "Edit…")
    assert said == ["“invoices at hpp” is not an e-mail address; type it like name@example.com."]
    assert _plan_manager(demo_ctx, client_id) == MANAGER

    def agency(w: Any) -> None:
        choose(field(w, "Paid by", QComboBox), "NDIS plan, agency-managed (claimed from the NDIA)")
        assert not field(w, "Plan manager", QLineEdit).isEnabled()
        press(w, "Save")

    with dialogs(agency):
        press(screen, "Edit…")
    screen.close()
    assert _plan_manager(demo_ctx, client_id) == ("", "")


def test_a_plan_manager_another_record_names_is_offered_with_its_address(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The demo's Chloe Clarke is plan-managed by Harbour Plan Partners: typing “harb” in another
    participant's Plan manager offers it, and choosing it fills in the address it takes
    invoices at."""
    client_id, screen = _participants_form(qtbot, demo_ctx, open_window)

    def form(w: Any) -> None:
        choose(field(w, "Paid by", QComboBox), PLAN_MANAGED)
        manager = field(w, "Plan manager", QLineEdit)
        manager.setFocus()
        QTest.keyClicks(manager, "harb")
        popup = manager.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=3000)
        offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        assert offered == ["Harbour Plan Partners"]
        rect = popup.visualRect(popup.model().index(0, 0))
        QTest.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert manager.text() == "Harbour Plan Partners"
        assert field(w, "Plan manager's email", QLineEdit).text() == "invoices@harbourplan.example"
        press(w, "Save")

    with dialogs(form):
        press(screen, "Edit…")
    screen.close()
    assert _plan_manager(demo_ctx, client_id) == MANAGER
