"""The main window opens offscreen on the demo database and shows today's sessions."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.bootstrap import AppContext
from app.services.desk import open_desk
from app.ui.main_window import MainWindow


def test_main_window_opens_on_the_demo_database_and_shows_todays_sessions(
    qtbot, demo_ctx: AppContext
) -> None:  # type: ignore[no-untyped-def]
    desk = open_desk(demo_ctx.db)
    window = MainWindow(desk, demo_ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.title.text() == "Harbourside Allied Health"
    tz = ZoneInfo("Australia/Sydney")
    day = desk.now().astimezone(tz).date()
    start = datetime.combine(day, time.min, tz)
    expected = desk.schedule(start, start + timedelta(days=1))
    assert len(expected) > 5
    assert window.today_model.rowCount() == len(expected)
    shown = {window.today_model.row(i).id for i in range(window.today_model.rowCount())}
    assert shown == {s.id for s in expected}
    assert "Wednesday 01 April 2026" in window.day_label.text()
