"""Reports ▸ Cancellation report… after a charged place of a group was refilled from the
waitlist: the charge was withdrawn in the booking's transaction (no SD is left), so the report's
row and its total charge nothing, and the row's note says why."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QComboBox, QMenu, QTableView
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, Cancellation, CancellationLine, ServiceDelivered, Session
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    entries,
    field,
    from_context_menu,
    from_menu,
    press,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_client_cancel import _wait_for_any_place, client_cancel
from tests.ui.flows.test_flow_report_undone import _rows
from tests.ui.flows.test_flow_typed_dates import type_date

SYDNEY = ZoneInfo("Australia/Sydney")


def test_a_charge_withdrawn_for_a_refilled_place_is_not_reported_as_charged(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    sid = data.full_group(demo_ctx)
    leaving = list(data.booking_statuses(demo_ctx, sid))[0]
    waiting = _wait_for_any_place(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    seen: list[str] = []

    def offer(w: Any) -> None:
        field(w, "Waiting clients who fit", QTableView).selectRow(0)
        press(w, "Book selected client")

    def refilled(box: Any) -> None:
        assert "was withdrawn" in box.text()
        press(box, "OK")

    with dialogs(client_cancel(qtbot, "Health", clients=(leaving,), seen=seen), offer, refilled):
        from_context_menu(window, sid, "Cancel…")
    assert "$" in seen[0]  # short notice: the review showed a charge

    def recorded(orm: Any) -> tuple[int, int, Any]:
        line = orm.scalar(select(CancellationLine).join(Cancellation)
                          .where(Cancellation.session_id == sid))  # fmt: skip
        assert line is not None and line.withdrawn_at is not None and line.charge_cents > 0
        sds = orm.scalar(select(func.coalesce(func.sum(ServiceDelivered.amount_cents), 0))
                         .where(ServiceDelivered.session_id == sid))  # fmt: skip
        client = orm.get(Booking, line.booking_id).client_id
        return int(sds), client, orm.get(Session, sid).starts_at.astimezone(SYDNEY)

    charged_in_db, client_id, day = data.read(demo_ctx, recorded)
    assert charged_in_db == 0  # the database holds no charge for the session

    from_menu(window, "Reports", "Cancellation report…")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    type_date(qtbot, field(report, "From date"), f"{day:%d/%m/%Y}")
    type_date(qtbot, field(report, "To date"), f"{day:%d/%m/%Y}")
    client = field(report, "Client", QComboBox)
    label = leaving if leaving in entries(client) else f"{leaving} (#{client_id})"
    choose(client, label)
    saved = tmp_path / "refilled.csv"
    with dialogs(save_as(saved)):
        press(report, "Save CSV…")
    qtbot.waitUntil(saved.exists, timeout=5000)
    mine = [r for r in _rows(saved) if r["Session"] == str(sid)]
    assert [(r["Client"], r["Charge"], r["SD"]) for r in mine] == [(leaving, "0.00", "")]
    assert f"The freed place was refilled by {waiting}" in mine[0]["Note"]
    assert "charges $0.00." in report.status.text(), report.status.text()
    report.close()
