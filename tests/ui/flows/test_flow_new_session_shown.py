"""Practice ▸ New session… (Ctrl+N) through the real window opens where the receptionist is
looking: on the day the schedule shows (the next hour when that is today, else the worker's
first working hour that day, else 9:00) and with the worker the schedule shows alone or whose
session is selected."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Session, Worker, WorkingHours
from tests.factory import SYD
from tests.ui.flows import data
from tests.ui.flows.driver import (
    click_session,
    dialogs,
    field,
    plain,
    press,
    shortcut,
    type_date,
)
from tests.ui.flows.test_flow_off_gui_thread import _session_names, _tick_client

TUESDAY = 1  # weekday number


def _workers(ctx: AppContext) -> list[tuple[int, str]]:
    """The active workers (id, name), as the form lists them (by name)."""
    return data.read(ctx, lambda orm: [(w.id, w.name) for w in orm.scalars(
        select(Worker).where(Worker.active.is_(True)).order_by(Worker.name, Worker.id))])  # fmt: skip


def _starts_tuesdays_at(ctx: AppContext, worker_id: int, minute: int) -> None:
    """The worker's Tuesday hours begin at `minute` past midnight (the others keep 08:00)."""

    def change(orm: Any) -> None:
        for h in orm.scalars(select(WorkingHours).where(
                WorkingHours.worker_id == worker_id, WorkingHours.weekday == TUESDAY)):  # fmt: skip
            h.start_minute = minute
        orm.commit()

    data.read(ctx, change)


def _show_only(window: Any, name: str) -> None:
    """Untick every other worker in the toolbar's worker filter, as clicking each entry does."""
    for action in window.toolbar.workers_menu.actions():
        if action.isCheckable() and action.isChecked() != (plain(action.text()) == name):
            action.trigger()
    assert window.toolbar.workers_button.text().startswith("1 of ")


def _book_as_offered(qtbot: Any, ctx: AppContext, seen: dict[str, str]) -> Any:
    """The form's handler: note the worker and start it opened with, book one client, save."""
    _worker, _service, (_cid, client) = _session_names(ctx)

    def handle(w: Any) -> None:
        assert w.windowTitle() == "New session"
        seen["worker"] = field(w, "Worker", QComboBox).currentText()
        _tick_client(qtbot, w, client)
        press(w, "Save")
        if w.isVisible():  # the form warns first (a clash, outside hours): save anyway
            press(w, "Save anyway")
        assert not w.isVisible(), f"the new session was not saved: {w.error.text()}"

    return handle


def _made(ctx: AppContext, before: set[int]) -> tuple[int, datetime]:
    (made,) = data.new_rows(ctx, Session, before)
    return made.worker_id, made.starts_at.astimezone(SYD)


def test_ctrl_n_on_a_day_ahead_with_one_worker_shown_opens_that_day_at_their_first_hour(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    worker_id, name = _workers(demo_ctx)[-1]  # not the one the form offers first
    _starts_tuesdays_at(demo_ctx, worker_id, 10 * 60 + 30)
    window = open_window(demo_ctx, "reception")
    type_date(qtbot, field(window, "Go to date"), "7/4/2026")  # next Tuesday (today: Wed 1/4)
    _show_only(window, name)
    before = data.ids(demo_ctx, Session)
    seen: dict[str, str] = {}
    with dialogs(_book_as_offered(qtbot, demo_ctx, seen)):
        shortcut(qtbot, window, "Ctrl+N")
    assert seen["worker"] == name, seen
    made_by, starts = _made(demo_ctx, before)
    assert (made_by, f"{starts:%a %d/%m/%Y %H:%M}") == (worker_id, "Tue 07/04/2026 10:30")


def test_ctrl_n_today_with_a_session_selected_opens_at_the_next_hour_with_its_worker(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    first = _workers(demo_ctx)[0][0]
    picked = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Session).where(Session.worker_id != first, Session.starts_at > demo_ctx.db.clock())
        .order_by(Session.starts_at, Session.id)).first())  # fmt: skip
    assert picked.starts_at.astimezone(SYD).date().isoformat() == "2026-04-01"
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, picked.id)
    before = data.ids(demo_ctx, Session)
    with dialogs(_book_as_offered(qtbot, demo_ctx, {})):
        shortcut(qtbot, window, "Ctrl+N")
    made_by, starts = _made(demo_ctx, before)
    # The demo's now is Wednesday 1 April, 10:00 in Sydney: the next whole hour is 11:00.
    assert (made_by, f"{starts:%a %d/%m/%Y %H:%M}") == (picked.worker_id, "Wed 01/04/2026 11:00")


def test_ctrl_n_on_a_day_nobody_works_opens_at_nine_with_the_first_worker(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    first = _workers(demo_ctx)[0][0]
    window = open_window(demo_ctx, "reception")
    type_date(qtbot, field(window, "Go to date"), "12/4/2026")  # a Sunday: nobody works
    before = data.ids(demo_ctx, Session)
    with dialogs(_book_as_offered(qtbot, demo_ctx, {})):
        shortcut(qtbot, window, "Ctrl+N")
    made_by, starts = _made(demo_ctx, before)
    assert (made_by, f"{starts:%a %d/%m/%Y %H:%M}") == (first, "Sun 12/04/2026 09:00")


def test_session_menu_offers_new_session_first_and_books_on_the_day_shown(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    from tests.ui.flows.driver import from_menu, main_menu_action

    window = open_window(demo_ctx, "reception")
    # Where a receptionist looks to book: the Session menu, above what the selected session
    # offers (the same entry as Practice ▸ New session…).
    entries = [plain(a.text()) for a in main_menu_action(window, "Session").menu().actions()]
    assert entries[:2] == ["New session", ""], entries
    type_date(qtbot, field(window, "Go to date"), "7/4/2026")
    before = data.ids(demo_ctx, Session)
    with dialogs(_book_as_offered(qtbot, demo_ctx, {})):
        from_menu(window, "Session", "New session")
    _made_by, starts = _made(demo_ctx, before)
    assert f"{starts:%a %d/%m/%Y}" == "Tue 07/04/2026"
