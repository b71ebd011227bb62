"""File ▸ Print day sheet… (Ctrl+P) through the real window: the day shown, printed or saved.

The print preview is modal: `open_modal` is replaced so the flow looks at what it drew (one
page a worker) and presses its Print with the printer writing a PDF file here.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QComboBox
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Session, Worker
from app.models.enums import BookingStatus
from app.ui.printing import preview as preview_mod
from app.ui.printing.day_sheet_dialog import DaySheetDialog
from tests.factory import SYD
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    shortcut,
    type_date,
)
from tests.ui.flows.test_flow_off_gui_thread import GuiThreadCalls, gui_db_calls  # noqa: F401

TODAY = date(2026, 4, 1)  # the demo's today in Sydney


def _workers_on(ctx: AppContext, day: date) -> list[str]:
    start = datetime.combine(day, time.min, SYD)
    end = start + timedelta(days=1)
    return data.read(
        ctx,
        lambda orm: sorted(
            orm.scalars(
                select(Worker.name)
                .join(Session, Session.worker_id == Worker.id)
                .where(Session.starts_at >= start, Session.starts_at < end)
                .distinct()
            )
        ),
    )


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    state: dict[str, Any] = {"drawn": [], "printed": [], "titles": []}

    def look(dialog: preview_mod.PrintPreview) -> int:
        state["titles"].append(dialog.windowTitle())
        widget = dialog.preview_widget()
        widget.updatePreview()
        state["drawn"].append(widget.pageCount())
        out = tmp_path / "printed.pdf"
        dialog.printer().setResolution(100)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        widget.print_()  # what the preview's Print does once the print dialog says OK
        state["printed"].append(len(PdfReader(str(out)).pages))
        return 0

    monkeypatch.setattr(preview_mod, "open_modal", look)
    return state


def _day_sheet(window: Any) -> DaySheetDialog:
    """The day sheet open over `window`."""
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, DaySheetDialog) and w.parent() is window and w.isVisible()
    ]
    assert len(found) == 1, "the day sheet did not open"
    return found[0]


def test_ctrl_p_prints_the_day_shown_one_page_a_worker_off_the_gui_thread(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    printed: dict[str, Any],
    gui_db_calls: GuiThreadCalls,  # noqa: F811
) -> None:
    window = open_window(demo_ctx, "reception")
    gui_db_calls.armed = True
    workers = _workers_on(demo_ctx, TODAY)
    assert len(workers) >= 3
    shortcut(qtbot, window, "Ctrl+P")
    dialog = _day_sheet(window)
    assert dialog.day_edit.date().toPython() == TODAY
    assert dialog.windowTitle() == "Day sheet"
    press(dialog, "Print…")
    assert printed["drawn"] == [len(workers)] and printed["printed"] == [len(workers)]
    assert printed["titles"] == ["Print preview — Day sheet Wed 1 Apr 2026"]
    assert dialog.status.text() == f"Print preview: {len(workers)} pages."
    # One worker: one page.
    choose(field(dialog, "Worker", QComboBox), workers[0])
    press(dialog, "Print…")
    assert printed["drawn"][-1] == 1 and printed["printed"][-1] == 1
    assert gui_db_calls.calls == []


def test_the_menu_opens_the_day_the_schedule_shows_and_saves_it(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = open_window(demo_ctx, "reception")
    window.go_to(TODAY + timedelta(days=1))
    from_menu(window, "File", "Print day sheet…")
    dialog = _day_sheet(window)
    assert dialog.day_edit.date().toPython() == TODAY + timedelta(days=1)
    monkeypatch.setattr(
        "app.ui.printing.day_sheet_dialog.choose_save_path",
        lambda _p, _t, suggested, _f: tmp_path / suggested.name,
    )
    press(dialog, "Save CSV…")
    out = tmp_path / "day-sheet-2026-04-02.csv"
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    start = datetime.combine(TODAY + timedelta(days=1), time.min, SYD)
    expected = data.read(
        demo_ctx,
        lambda orm: orm.scalar(
            select(func.count(Session.id)).where(
                Session.starts_at >= start, Session.starts_at < start + timedelta(days=1)
            )
        ),
    )
    assert len(rows) == expected > 0
    assert {r["Date"] for r in rows} == {"2026-04-02"}
    assert "Saved the CSV" in dialog.status.text()


def test_a_session_whose_client_did_not_attend_prints_as_did_not_attend_not_completed(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    sid = data.started_unresolved(demo_ctx)
    window = open_window(demo_ctx, "reception")
    with dialogs(lambda w: press(w, "Mark did not attend")):
        from_context_menu(window, sid, "Did not attend…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.DNA}
    monkeypatch.setattr(
        "app.ui.printing.day_sheet_dialog.choose_save_path",
        lambda _p, _t, suggested, _f: tmp_path / suggested.name,
    )
    shortcut(qtbot, window, "Ctrl+P")
    press(_day_sheet(window), "Save CSV…")
    with open(tmp_path / "day-sheet-2026-04-01.csv", encoding="utf-8-sig", newline="") as f:
        (row,) = [r for r in csv.DictReader(f) if r["Session"] == str(sid)]
    assert row["Status"] == "Did not attend"


def test_a_session_that_began_the_evening_before_prints_the_day_it_began(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    worker, _sid = data.overnight(demo_ctx)
    window = open_window(demo_ctx, "reception")
    window.go_to(TODAY + timedelta(days=1))  # Thursday: the session ends at 00:30 on it
    shortcut(qtbot, window, "Ctrl+P")
    dialog = _day_sheet(window)
    choose(field(dialog, "Worker", QComboBox), worker.name)
    monkeypatch.setattr(
        "app.ui.printing.day_sheet_dialog.choose_save_path",
        lambda _p, _t, suggested, _f: tmp_path / suggested.name,
    )
    press(dialog, "Save PDF…")
    (saved,) = tmp_path.glob("*.pdf")
    text = PdfReader(str(saved)).pages[0].extract_text()
    assert "Thursday 2 April 2026" in text
    assert "Wed 23:00–00:30" in text, text
    assert "sessions, Wed 23:00 to " in text, text
    dialog.close()


def test_the_csv_dates_an_overnight_session_on_the_day_it_began_and_its_end_on_the_next(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The printed sheet names the day an overnight session started ("Wed 23:00–00:30");
    the CSV's Date says the same day, on Wednesday's sheet and on Thursday's, and its End
    carries Thursday's date, as the Date column writes days, since the session ends then.
    A session that ends on the day it starts keeps a bare time."""
    worker, overnight = data.overnight(demo_ctx)
    window = open_window(demo_ctx, "reception")
    monkeypatch.setattr(
        "app.ui.printing.day_sheet_dialog.choose_save_path",
        lambda _p, _t, suggested, _f: tmp_path / suggested.name,
    )
    for shown in ("1/4/2026", "2/4/2026"):
        type_date(qtbot, field(window, "Go to date"), shown)
        shortcut(qtbot, window, "Ctrl+P")
        dialog = _day_sheet(window)
        choose(field(dialog, "Worker", QComboBox), worker.name)
        press(dialog, "Save CSV…")
        dialog.close()
    ends = ("2026-04-01", "23:00", "2026-04-02 00:30")
    with open(tmp_path / "day-sheet-2026-04-02.csv", encoding="utf-8-sig", newline="") as f:
        thursday = list(csv.DictReader(f))
    (row,) = [r for r in thursday if r["Session"] == str(overnight)]
    assert (row["Date"], row["Start"], row["End"]) == ends, row
    others = [r for r in thursday if r["Session"] != str(overnight)]
    assert {r["Date"] for r in others} <= {"2026-04-02"}, others  # Thursday's keep Thursday
    with open(tmp_path / "day-sheet-2026-04-01.csv", encoding="utf-8-sig", newline="") as f:
        wednesday = list(csv.DictReader(f))
    (row,) = [r for r in wednesday if r["Session"] == str(overnight)]
    assert (row["Date"], row["Start"], row["End"]) == ends, row
    same_day = [r["End"] for r in wednesday + thursday if r["Session"] != str(overnight)]
    assert same_day and all(len(end) == 5 and end[2] == ":" for end in same_day), same_day
