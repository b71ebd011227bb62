"""How `frontdesk` opens the window: the first week first, whenever this desk can paint it.

On a desk that opens straight onto the schedule, the week is read with plain sqlite3
(app/services/schedule/quick_week.py) and painted (app/ui/start/first_week.py) before the
database side (SQLAlchemy, the services) has loaded; the main window takes it over later. On a
desk where everyone signs in, the sign-in dialog paints first the same way
(app/ui/start/quick_sign_in.py). Any other desk loads the database side first, before PySide6
(see app/ui/start/startup.py). So this
module imports neither PySide6 nor SQLAlchemy until it knows which start it is.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from app.services.schedule.quick_week import QuickStart, ReadAhead

    Opened = tuple[sqlite3.Connection, QuickStart]


def launch(url: str | None, data_dir: Path | None, *, demo_if_empty: bool = False) -> int:
    """Open the desk's window (the first week first, when it can) and run until it closes."""
    # The window runs the cycle collector on its own timer (app.ui.qt_compat). Until it shows,
    # the start only makes long-lived objects (modules, classes, reference data), so automatic
    # collections would walk them all for nothing: about 50 ms of every start.
    gc.disable()
    found = open_first_week(url, data_dir)
    first = early = None
    if found is not None:
        from app.ui.start.first_week import show_week

        first = show_week(*found)
    else:  # a desk where everyone signs in: the dialog first, the database side meanwhile
        from app.ui.start.quick_sign_in import load_while_typing, show_sign_in

        early = show_sign_in(url, data_dir)
        if early is not None:
            load_while_typing(early)  # what follows loads while the dialog takes keys
    from app.ui.start.application import run_gui
    from app.ui.start.unexpected import install

    install()  # an error nobody caught: the details to the log, one sentence on the screen
    return run_gui(url, data_dir, demo_if_empty=demo_if_empty, first=first, early=early)


def open_first_week(
    url: str | None, data_dir: Path | None, clock: Callable[[], datetime] | None = None
) -> tuple[Opened, Callable[[], datetime] | None, ReadAhead | None] | None:
    """The desk's file, when it opens straight onto the schedule (quick_week.connect_url), with
    today's week already being read on a thread (quick_week.ReadAhead) while the window's
    modules load; what first_week.show_week takes. None: any other start."""
    from app.services.schedule import quick_week

    opened = quick_week.connect_url(url, data_dir)
    if opened is None:
        return None
    return opened, clock, _read_ahead(opened, clock or (lambda: datetime.now(UTC)))


def _read_ahead(opened: Opened, clock: Callable[[], datetime]) -> ReadAhead | None:
    """Today's week in week view: what a desk opens on unless it was left on another day or on
    the day view earlier today (first_week then reads its range itself)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from app.services.schedule.quick_week import ReadAhead
    from app.ui.schedule import range as rng

    conn, facts = opened
    try:
        tz = ZoneInfo(facts.time_zone)
    except (ValueError, ZoneInfoNotFoundError):
        return None  # (first_week gives up on the quick path for the same reason)
    days = rng.visible_days(clock().astimezone(tz).date(), rng.ViewMode.WEEK)
    return ReadAhead(conn, *rng.bounds(days, tz))
