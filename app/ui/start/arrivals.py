"""What the main window does as its background reads arrive: the week's snapshot, a session's
details, the unresolved list, a failed load, the clock's tick — and which views read again
after a change made at this desk (app/ui/schedule/changes.py decides)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.db import UnitOfWork
from app.services import practice
from app.services.dto import ChangeSet, ScheduleSnapshot
from app.services.schedule.details import SessionDetails
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
    window.toolbar.set_workers(list(snapshot.workers), window.toolbar.hidden_workers)
    window.view.set_worker_filter(window.toolbar.shown_workers())
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
    """A read failed: the held loads go anyway, and the status bar says why."""
    window.first_paint.release()
    window.statusBar().showMessage(tr("main", "Could not load: {why}").format(why=message), 10_000)


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
        window.loader.load_bookings(*rng.bounds(list(window.bookings.days()), window.tz))
    if changed.touches_worklist(changes):
        window.loader.load_worklist()
    if changed.touches_details(changes, window.selected, window.details):
        window.loader.load_details(window.selected)
    if "settings" in changes.topics:  # a rename shows in the title at once
        window.ops.read(practice_name, window.show_practice_name)


def practice_name(uow: UnitOfWork) -> str:
    """The practice's name as saved."""
    return practice.settings(uow).name
