"""While the sign-in dialog waits for a person: what the window needs whoever signs in.

A receptionist takes seconds to type a user name and a password. Once the database side is
open, and before the dialog takes the keyboard (app/ui/start/startup.py), the start loads the
main window's modules and the day and month names its schedule measures, reads the week the
window opens on and builds its frame, as the quick path paints it (app/ui/start/first_week.py),
without showing it. Once the password is checked (argon2, as strong as ever) the frame shows
and paints the week; the main window then takes it over. The week carries its change marker: a
change made meanwhile at another desk shows at the window's first poll; a week read longer ago
than FirstWeek.FRESH_SECONDS is not shown, and the window reads its own.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from app.bootstrap import AppContext
from app.i18n import weekday_name
from app.services.schedule import queries
from app.ui.schedule import range as rng
from app.ui.schedule import state
from app.ui.start.first_week import SCHEDULE_TAB, FirstWeek, framed_week

log = logging.getLogger(__name__)


def read_ahead(ctx: AppContext, practice_name: str, time_zone: str) -> FirstWeek | None:
    """The week the window will open on, in its frame, not shown (None: the window opens on
    another tab, or the read failed: the window reads its week itself, and says so if that
    fails too)."""
    # isort: split
    from app.ui.start import main_window, window_state, wiring  # noqa: F401 - the window's modules

    weekday_name(0)  # the practice's day and month names (babel's data): the schedule measures them
    try:
        return _week(ctx, practice_name, ZoneInfo(time_zone))
    except Exception as exc:  # noqa: BLE001 - only a head start: the window reads it again
        log.warning("The first week was not read ahead: %r", exc)
        return None


def _week(ctx: AppContext, practice_name: str, tz: ZoneInfo) -> FirstWeek | None:
    now = ctx.db.clock()
    today = now.astimezone(tz).date()
    saved = state.read(today)
    if saved.tab != SCHEDULE_TAB:
        return None
    anchor = saved.anchor or today
    start, end = rng.bounds(rng.visible_days(anchor, saved.mode), tz)
    with ctx.db.read() as uow:
        snapshot = queries.load_snapshot(uow, start, end)
    return framed_week(snapshot, saved, anchor, tz, now, practice_name)
