"""The week and the day across the end of daylight saving in the practice's time zone (Sydney's
clocks go back an hour at 03:00 on Sun 5 Apr 2026): a session late on the Sunday stays on that
Sunday in the week and at its own hour in the day view, and the next Monday's first session
opens the next week, never the one before."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.bootstrap import AppContext
from app.models import Client, Service, Worker
from app.services.desk import open_desk
from app.services.sessions.scheduling import NewSession, add_session
from tests.ui.flows import data
from tests.ui.flows.driver import field, shortcut, type_date

SYDNEY = ZoneInfo("Australia/Sydney")


def _book(ctx: AppContext, *starts: datetime) -> list[int]:
    """One-client sessions of the first worker at these Sydney times (as another desk books)."""
    worker, service, client = data.read(ctx, lambda orm: (
        orm.query(Worker.id).order_by(Worker.id).first()[0],
        orm.query(Service.id).order_by(Service.id).first()[0],
        orm.query(Client.id).order_by(Client.id.desc()).first()[0]))  # fmt: skip
    desk = open_desk(ctx.db, "manager")
    return [desk.write(lambda uow, s=s: add_session(uow, NewSession(
        worker, service, s, 30, (client,))).id) for s in starts]  # fmt: skip


def test_a_late_sunday_session_after_the_clocks_go_back_shows_on_its_sunday_and_hour(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    saturday, sunday, monday = _book(
        demo_ctx,
        datetime(2026, 4, 4, 23, 30, tzinfo=SYDNEY),  # daylight time
        datetime(2026, 4, 5, 23, 30, tzinfo=SYDNEY),  # standard time, the clocks back since 03:00
        datetime(2026, 4, 6, 0, 15, tzinfo=SYDNEY),
    )
    window = open_window(demo_ctx, "reception")
    view = window.view
    shortcut(qtbot, window, "Ctrl+2")  # the week of Mon 30 Mar – Sun 5 Apr
    qtbot.waitUntil(lambda: view.block(sunday) is not None, timeout=5000)
    layout = view.layout_
    assert layout.day_index(view.block(saturday).starts_at) == 5
    assert layout.day_index(view.block(sunday).starts_at) == 6
    assert view.block(monday) is None

    shortcut(qtbot, window, "Alt+Right")  # the week of Mon 6 Apr
    qtbot.waitUntil(lambda: view.block(monday) is not None, timeout=5000)
    assert view.layout_.day_index(view.block(monday).starts_at) == 0
    assert view.block(sunday) is None and view.block(saturday) is None

    shortcut(qtbot, window, "Ctrl+1")
    type_date(qtbot, field(window, "Go to date"), "05/04/2026")  # the day the clocks change
    qtbot.waitUntil(lambda: view.block(sunday) is not None and view.block(monday) is None,
                    timeout=5000)  # fmt: skip
    day = view.layout_
    hour = day.col_width[0]
    assert round(day.x_of(view.block(sunday).starts_at) / hour + day.first_hour, 2) == 23.5
    assert view.block(saturday) is None  # the Saturday's session ends on its own day
