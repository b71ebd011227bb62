"""Every read the window makes, off the GUI thread, plus the live-refresh poll.

Each kind of load carries a generation number: a reply that arrives after a newer request
(the user moved on) is dropped, so a slow answer never overwrites a fresh one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import FrontDeskError
from app.services.desk import Desk
from app.services.dto import ScheduleSnapshot
from app.services.schedule import changes_since as feed
from app.services.schedule import details as queries
from app.services.schedule import queries as schedule_queries
from app.services.sessions import attendance
from app.ui.i18n import tr
from app.ui.ops import failure_sentence
from app.ui.tasks import TaskRunner

# How often a desk looks for other desks' changes: a read of the audit trail's newest keys.
POLL_MS = 1000


class ScheduleLoader(QObject):
    """Loads snapshots, details, bookings and the worklist; polls for other desks' changes."""

    snapshot_loaded = Signal(object)  # ScheduleSnapshot
    details_loaded = Signal(object)  # SessionDetails
    details_missing = Signal(int, str)  # session id, why (deleted at another desk)
    bookings_loaded = Signal(object)  # list[SessionBlock]
    worklist_loaded = Signal(object)  # list[UnresolvedSession]
    changed_elsewhere = Signal(object)  # ChangeFeed: what the other desks' changes touched
    blocks_loaded = Signal(object, object)  # the session ids asked for, their blocks
    load_failed = Signal(str)  # the sentence the status bar shows

    def __init__(
        self, desk: Desk, runner: TaskRunner, parent: QObject | None = None, poll_ms: int = POLL_MS
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.marker = -1  # the change marker of the data on screen
        self._generation: dict[str, int] = {}
        self._polling = False
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.poll)

    def _submit(self, kind: str, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        generation = self._generation.get(kind, 0) + 1
        self._generation[kind] = generation

        def deliver(result: Any) -> None:
            if self._generation.get(kind) == generation:
                done(result)

        def fail(exc: Exception) -> None:
            if self._generation.get(kind) == generation:
                self._on_failed(kind, exc)

        self.runner.submit(fn, deliver, fail)

    def _on_failed(self, _kind: str, exc: Exception) -> None:
        if isinstance(exc, FrontDeskError):
            self.load_failed.emit(tr("main", "Could not load: {why}").format(why=exc.message))
            return
        failed = tr("main", "The schedule could not be read; File ▸ Refresh now tries again.")
        self.load_failed.emit(failure_sentence(exc, failed))

    # -- loads -----------------------------------------------------------------------------

    def load_snapshot(self, start: datetime, end: datetime) -> None:
        """Workers, blocks and change marker of [start, end), in the background."""
        self._submit(
            "snapshot",
            lambda: self.desk.read(lambda uow: schedule_queries.load_snapshot(uow, start, end)),
            self._on_snapshot,
        )

    def deliver_snapshot(self, snapshot: ScheduleSnapshot) -> None:
        """A snapshot read before the window was built (the start's first week), as if loaded."""
        self._generation["snapshot"] = self._generation.get("snapshot", 0) + 1  # drop older
        self._on_snapshot(snapshot)

    def _on_snapshot(self, snapshot: ScheduleSnapshot) -> None:
        self.marker = max(self.marker, snapshot.marker)
        self.snapshot_loaded.emit(snapshot)

    def load_details(self, session_id: int) -> None:
        """One session's details; a deleted session is reported, not raised."""

        def fetch() -> object:
            try:
                return self.desk.read(lambda uow: queries.session_details(uow, session_id))
            except FrontDeskError as exc:  # NotFoundError: deleted at another desk
                return exc

        def done(result: object) -> None:
            if isinstance(result, FrontDeskError):
                self.details_missing.emit(session_id, str(result))
            else:
                self.details_loaded.emit(result)

        self._submit("details", fetch, done)

    def forget_details(self) -> None:
        """Nothing selected: drop any details reply still on its way."""
        self._generation["details"] = self._generation.get("details", 0) + 1

    def load_bookings(self, start: datetime, end: datetime) -> None:
        """Every session of the Bookings tab's range."""
        self._submit("bookings", lambda: self.desk.schedule(start, end), self.bookings_loaded.emit)

    def load_blocks(self, session_ids: frozenset[int]) -> None:
        """Only these sessions' blocks (another desk changed them): patched into the week."""
        ids = sorted(session_ids)
        self._submit(
            "blocks",
            lambda: self.desk.read(lambda uow: feed.load_blocks(uow, ids)),
            lambda blocks: self.blocks_loaded.emit(session_ids, blocks),
        )

    def load_worklist(self) -> None:
        """The unresolved past sessions."""
        self._submit(
            "worklist",
            lambda: self.desk.read(attendance.list_unresolved_past_sessions),
            self.worklist_loaded.emit,
        )

    # -- live refresh ----------------------------------------------------------------------

    def start_polling(self) -> None:
        """Start watching for other desks' changes."""
        self.poll_timer.start()

    def stop_polling(self) -> None:
        """Stop watching (the window is closing)."""
        self.poll_timer.stop()

    def poll(self) -> None:
        """Ask what changed after the marker on screen; anything new is handed on, summed up."""
        if self._polling or self.marker < 0:  # busy, or nothing on screen to compare with yet
            return
        self._polling = True
        marker = self.marker
        self.runner.submit(
            lambda: self.desk.read(lambda uow: feed.changes_since(uow, marker, self.desk.now())),
            self._on_feed,
            self._on_poll_failed,
        )

    def _on_feed(self, news: feed.ChangeFeed) -> None:
        self._polling = False
        if news.marker > self.marker:
            self.marker = news.marker
            self.changed_elsewhere.emit(news)

    def _on_poll_failed(self, _exc: Exception) -> None:
        self._polling = False  # the database is busy or away; the next tick tries again
