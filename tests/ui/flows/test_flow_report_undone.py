"""Reports ▸ Cancellation report… with and without "Include undone cancellations", walked through
the real window by a manager who has just cancelled a session and undone it; and for one of two
clients of the same name, told apart in the Client list."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QCheckBox, QComboBox, QMenu
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Cancellation, Client, Session
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    entries,
    field,
    from_context_menu,
    from_menu,
    press,
    tick,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_typed_dates import type_date
from tests.ui.flows.test_flow_undo_dna import undo_with

SYDNEY = ZoneInfo("Australia/Sydney")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_undone_cancellations_are_listed_only_when_the_box_is_ticked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    with dialogs(undo_with(qtbot, "Rang back, coming after all")):
        from_context_menu(window, sid, "Undo cancellation…")
    day = data.read(
        demo_ctx,
        lambda orm: orm.get(Session, sid).starts_at.astimezone(SYDNEY),  # type: ignore[union-attr]
    )
    assert data.read(
        demo_ctx,
        lambda orm: orm.scalar(
            select(Cancellation.undone_at).where(Cancellation.session_id == sid)
        ),
    )

    from_menu(window, "Reports", "Cancellation report…")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    type_date(qtbot, field(report, "From date"), f"{day:%d/%m/%Y}")
    type_date(qtbot, field(report, "To date"), f"{day:%d/%m/%Y}")
    box = report.findChild(QCheckBox, "reportIncludeUndone")
    assert box.isVisible() and not box.isChecked()  # off unless asked
    left_out = tmp_path / "left-out.csv"
    with dialogs(save_as(left_out)):
        press(report, "Save CSV…")
    qtbot.waitUntil(left_out.exists, timeout=5000)
    assert str(sid) not in {r["Session"] for r in _rows(left_out)}
    assert "1 cancellation later undone is not shown." in report.status.text()

    tick(box)
    listed = tmp_path / "listed.csv"
    with dialogs(save_as(listed)):
        press(report, "Save CSV…")
    qtbot.waitUntil(listed.exists, timeout=5000)
    mine = [r for r in _rows(listed) if r["Session"] == str(sid)]
    assert [(r["Undone"], r["Reason"], r["SD"]) for r in mine] == [("yes", "Health", "")]
    assert "later undone" not in report.status.text()
    assert len(_rows(listed)) == len(_rows(left_out)) + 1


def test_two_clients_of_one_name_are_told_apart_and_the_report_is_the_one_picked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    sid = data.future_individual(demo_ctx)

    def twins(orm: Any) -> tuple[int, int, Any]:
        session = orm.get(Session, sid)
        cancelling = session.bookings[0].client
        other = orm.scalars(select(Client).where(Client.id != cancelling.id)).first()
        for c in (cancelling, other):
            c.first_name, c.last_name = "Sam", "Leeson"
        orm.commit()
        return cancelling.id, other.id, session.starts_at.astimezone(SYDNEY)

    cancelling, other, day = data.read(demo_ctx, twins)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")

    from_menu(window, "Reports", "Cancellation report…")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    type_date(qtbot, field(report, "From date"), f"{day:%d/%m/%Y}")
    type_date(qtbot, field(report, "To date"), f"{day:%d/%m/%Y}")
    client = field(report, "Client", QComboBox)
    assert {f"Sam Leeson (#{cancelling})", f"Sam Leeson (#{other})"} <= set(entries(client))
    saved = {}
    for twin in (cancelling, other):
        choose(client, f"Sam Leeson (#{twin})")
        saved[twin] = tmp_path / f"client-{twin}.csv"
        with dialogs(save_as(saved[twin])):
            press(report, "Save CSV…")
        qtbot.waitUntil(saved[twin].exists, timeout=5000)
    assert [(r["Session"], r["Client ID"]) for r in _rows(saved[cancelling])] == [
        (str(sid), str(cancelling))
    ]
    assert _rows(saved[other]) == []
    report.close()
