"""Practice ▸ New session… (Ctrl+N) with repeats, through the real window: the sessions booked
are on exactly the days chosen, on the practice's clock."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from app.bootstrap import AppContext
from app.models import Session
from tests.factory import SYD
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, press, shortcut, type_date
from tests.ui.flows.test_flow_off_gui_thread import _session_names, _tick_client


def _save(dialog: Any) -> None:
    """Save; when the form warns first (before working hours, say), save anyway."""
    press(dialog, "Save")
    if dialog.isVisible():
        press(dialog, "Save anyway")
    assert not dialog.isVisible(), dialog.error.text()


def test_a_last_date_typed_for_a_weekly_repeat_ends_the_series_on_that_day(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    worker, service, (_client_id, client) = _session_names(demo_ctx)
    window = open_window(demo_ctx, "reception")
    before = data.ids(demo_ctx, Session)

    def new_session(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), worker)
        choose(field(w, "Service", QComboBox), service)
        type_date(qtbot, field(w, "Start"), "2/4/2026 07:15")
        _tick_client(qtbot, w, client)
        choose(field(w, "Repeat", QComboBox), "Every week")
        type_date(qtbot, field(w, "Last date"), "23/4/2026")  # a Thursday: the last session
        _save(w)

    with dialogs(new_session):
        shortcut(qtbot, window, "Ctrl+N")
    made = sorted(data.new_rows(demo_ctx, Session, before), key=lambda s: s.starts_at)
    assert [f"{s.starts_at.astimezone(SYD):%a %d/%m %H:%M}" for s in made] == [
        "Thu 02/04 07:15", "Thu 09/04 07:15", "Thu 16/04 07:15", "Thu 23/04 07:15",
    ]  # fmt: skip
