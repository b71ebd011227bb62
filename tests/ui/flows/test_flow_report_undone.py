"""Reports ▸ Cancellation report… with and without "Include undone cancellations", walked through
the real window by a manager who has just cancelled a session and undone it."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QCheckBox, QMenu
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Cancellation, Session
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_context_menu, from_menu, press, tick
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
