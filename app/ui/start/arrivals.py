"""What the main window does as its background reads arrive: the week's snapshot, a session's
details, the unresolved list, a failed load, the clock's tick — and which views read again
after a change made at this desk (app/ui/schedule/changes.py decides)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from app.db import UnitOfWork
from app.services import practice
from app.services.dto import ChangeSet, ScheduleSnapshot
from app.services.schedule.changes_since import ChangeFeed
from app.services.schedule.details import SessionDetails
from app.services.schedule.dto import SessionBlock
from app.ui.i18n import tr
from app.ui.schedule import changes as changed
from app.ui.schedule import range as rng
from app.ui.start import selection

if TYPE_CHECKING:
    from app.ui.start.window_base import WindowBase


def on_snapshot_loaded(window: WindowBase, snapshot: ScheduleSnapshot) -> None:
    """Show the week (unless the user moved on while it loaded); the held loads go then."""
    if (snapshot.start, snapshot.end) != window.visible_range():
        return
    show_snapshot(window, snapshot)
    window.first_paint.release()


def show_snapshot(window: WindowBase, snapshot: ScheduleSnapshot) -> None:
    """The schedule, its workers and the selection; the status bar says when it was read."""
    shown = window.snapshot
    if shown is None or shown.workers != snapshot.workers:  # the rows changed: menu and filter
        window.toolbar.set_workers(list(snapshot.workers), window.toolbar.hidden_workers)
        window.view.set_worker_filter(window.toolbar.shown_workers(), relayout=False)
    window.snapshot = snapshot
    window.view.set_snapshot(snapshot, window.mode, window.visible_days())
    window.now = window.desk.now()
    window.view.set_now(window.now)
    if window.selected and window.view.block(window.selected):
        reveal = window.revealing == window.selected
        window.view.select(window.selected, ensure_visible=reveal, notify=False)
        window.revealing = 0
    stamp = window.desk.now().astimezone(window.tz).strftime("%H:%M:%S")
    window.live_label.setText(tr("main", "Live · updated {time}").format(time=stamp))


def on_details_loaded(window: WindowBase, details: SessionDetails) -> None:
    """The selected session's panel and actions; a session being opened brings its day."""
    b = details.block
    window.commands.remember_facts(b.id, b.version, details.facts)
    if b.id != window.selected:
        return
    window.details = details
    window.details_panel.show_details(details, window.now)
    window.actions_.update_for(details.facts, window.desk.actor, window.now)
    if window.revealing == b.id and window.view.block(b.id) is None:
        window.anchor = b.starts_at.astimezone(window.tz).date()
        window.range_changed()


def on_details_missing(window: WindowBase, session_id: int, why: str) -> None:
    """The selected session is gone (deleted at another desk): nothing selected, and why."""
    if session_id == window.selected:
        selection.select(window, 0)
        window.details_panel.show_message(why)


def on_worklist_loaded(window: WindowBase, rows: list[object]) -> None:
    """The unresolved sessions, counted on their tab."""
    window.worklist.set_rows(rows, window.now)  # type: ignore[arg-type]
    window.tabs.setTabText(2, tr("main", "&Unresolved ({n})").format(n=len(rows)))


def on_load_failed(window: WindowBase, message: str) -> None:
    """A read failed: the held loads go anyway, and the status bar says why (a sentence)."""
    window.first_paint.release()
    window.statusBar().showMessage(message, 10_000)


def on_clock_tick(window: WindowBase) -> None:
    """The now line moves; the actions that depend on the time follow."""
    window.now = window.desk.now()
    window.view.set_now(window.now)
    details = window.details
    if details is not None and details.block.id == window.selected:
        window.actions_.update_for(details.facts, window.desk.actor, window.now)


def on_changes_applied(window: WindowBase, changes: ChangeSet) -> None:
    """A change made at this desk: each view reads again only if it shows what changed."""
    if changed.touches_schedule(changes):
        window.reload_schedule()
        load_bookings(window)
    if changed.touches_worklist(changes):
        window.loader.load_worklist()
    if changed.touches_details(changes, window.selected, window.details):
        window.loader.load_details(window.selected)
    if "settings" in changes.topics:  # a rename shows in the title at once; a new zone is said
        window.ops.read(practice_identity, partial(on_practice_read, window))


def on_changed_elsewhere(window: WindowBase, news: ChangeFeed) -> None:
    """Another desk's changes: only what they touched is read again. Sessions of the week are
    patched in (their blocks alone are read); the unresolved list only when a touched session
    had started; the Bookings tab when it is next shown."""
    changes = news.changes
    if changed.unknown(changes):
        window.reload()
        return
    if changed.touches_schedule(changes):
        if changes.topics & changed.SCHEDULE_TOPICS <= {"sessions"} and window.snapshot:
            window.loader.load_blocks(changes.sessions)
        else:  # a renamed worker, service or client: every block may show it
            window.reload_schedule()
        load_bookings(window)
    if news.touches_past:
        window.loader.load_worklist()
    if changed.touches_details(changes, window.selected, window.details):
        window.loader.load_details(window.selected)
    if "settings" in changes.topics:  # a rename shows in the title at once; a new zone is said
        window.ops.read(practice_identity, partial(on_practice_read, window))


def on_blocks_loaded(
    window: WindowBase, session_ids: frozenset[int], blocks: list[SessionBlock]
) -> None:
    """Some sessions read again: the week shown takes them in place of what it had."""
    shown = window.snapshot
    if shown is None or (shown.start, shown.end) != window.visible_range():
        return  # the user moved on: the new range's load has the sessions as they are now
    rows = {w.id for w in shown.workers}
    fresh = [b for b in blocks if b.starts_at < shown.end and b.ends_at > shown.start]
    if any(b.worker_id not in rows for b in fresh):  # a former worker's row appears
        window.reload_schedule()
        return
    kept = [b for b in shown.blocks if b.id not in session_ids]
    merged = sorted(kept + fresh, key=lambda b: (b.starts_at, b.id))
    show_snapshot(window, shown._replace(blocks=tuple(merged)))


def load_bookings(window: WindowBase) -> None:
    """The Bookings tab's range, read now when the tab is shown, else when it is next shown."""
    if window.tabs.currentWidget() is window.bookings:
        window.bookings_stale = False
        window.loader.load_bookings(*rng.bounds(list(window.bookings.days()), window.tz))
    else:
        window.bookings_stale = True


def on_tab_shown(window: WindowBase) -> None:
    """A tab brought forward: the Bookings tab reads what changed while it was behind."""
    if window.bookings_stale and window.tabs.currentWidget() is window.bookings:
        load_bookings(window)


def practice_identity(uow: UnitOfWork) -> tuple[str, str]:
    """The practice's name and time zone as saved."""
    row = practice.settings(uow)
    return row.name, row.time_zone


def on_practice_read(window: WindowBase, identity: tuple[str, str]) -> None:
    """The practice's settings changed (here or at another desk): the title takes a new name;
    a new time zone is said, since the times shown stay in the zone the window started with."""
    name, zone = identity
    window.show_practice_name(name)
    window.show_time_zone(zone)
