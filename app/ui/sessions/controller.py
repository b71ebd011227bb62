"""Opens the right dialog for a requested action, runs its one service, and reports the changes.

Every database call goes through `Ops`, off the GUI thread: a dialog opens when the read of what
it shows arrives; its previews read; its confirm writes, and the write's changes fan out once.
Each family of dialogs has an opener of its own — cancel and undo (`cancel_opener.py`), did not
attend and complete (`attendance_opener.py`), reschedule and replace the worker
(`move_opener.py`), delete (`delete_opener.py`) — and sees this controller as a `Dialogs`
(`ui/opening.py`). A session's money and records (`ui/records/opener.py`) is one more such
opener, which the wiring adds with `add_handlers`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.errors import ConflictError, FrontDeskError
from app.services import practice
from app.services.desk import Desk
from app.services.dto import CancelResult, ChangeSet
from app.services.schedule import details as queries
from app.services.schedule.details import SessionDetails
from app.services.vocabulary import Action, CancelledBy
from app.ui.format import session_label
from app.ui.i18n import tr
from app.ui.messages import inform, warn
from app.ui.opening import Loaded
from app.ui.ops import Ops, Reply
from app.ui.sessions.attendance_opener import AttendanceOpener
from app.ui.sessions.cancel_opener import CancelOpener
from app.ui.sessions.cancel_wizard import CancelPreset
from app.ui.sessions.delete_opener import DeleteOpener
from app.ui.sessions.move_opener import MoveOpener
from app.ui.single import SESSION, run_single, to_front
from app.ui.tasks import TaskRunner

READ_HOLD_SECONDS = 5.0


class Host(Protocol):
    """What the controller needs of the main window."""

    def notify_changed(self, changes: ChangeSet) -> None: ...


class DialogController(QObject):
    """The one place dialogs are opened from; `run_dialog` is replaceable so tests can drive them."""

    def __init__(
        self, desk: Desk, host: Host, parent: QWidget | None = None, *, ops: Ops | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.host = host
        self.parent_widget = parent
        # Without the window's operations (a dialog tested alone) calls run inline.
        self.ops = ops or Ops(desk, TaskRunner(self, synchronous=True), host.notify_changed, parent)
        # The practice's zone as the window read it at start-up; else read in the background.
        zone = getattr(parent, "tz", None)
        self.tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC")
        if not isinstance(zone, ZoneInfo):
            self.ops.read(practice.time_zone, self._on_time_zone)
        # One session dialog on screen at a time: a second trigger, or its read arriving while
        # the first dialog is open, brings that one to the front (ui/single.py).
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: run_single(SESSION, dialog)
        # When a session dialog's read went out (None: none on its way). A read that fails
        # without a sentence holds later triggers for READ_HOLD_SECONDS at most.
        self._reading_since: float | None = None
        # After a client cancellation frees a place: offer it to the waitlist (set by the wiring).
        self.offer_place: Callable[[int], object] | None = None
        self.cancels = CancelOpener(self)
        self.attendance = AttendanceOpener(self)
        self.moves = MoveOpener(self)
        self.deletes = DeleteOpener(self)
        self._handlers: dict[Action, Callable[[int], None]] = {
            Action.CANCEL: self.cancel,
            Action.UNDO: self.undo,
            Action.DNA: self.did_not_attend,
            Action.UNDO_DNA: self.take_back_did_not_attend,
            Action.COMPLETE: self.complete,
            Action.RESCHEDULE: self.reschedule,
            Action.REPLACE_WORKER: self.replace_worker,
            Action.DELETE: self.delete,
        }

    def _on_time_zone(self, tz: ZoneInfo) -> None:
        self.tz = tz

    def add_handlers(self, handlers: dict[Action, Callable[[int], None]]) -> None:
        """Another family of dialogs, opened for its actions (the money and records)."""
        self._handlers.update(handlers)

    def handle(self, action_value: str, session_id: int) -> None:
        """Slot for the main window's `action_requested(action, session_id)`."""
        handler = self._handlers.get(Action(action_value))
        if handler is not None and not to_front(SESSION):
            handler(session_id)

    # -- the actions -----------------------------------------------------------------------

    def cancel(self, session_id: int, who: CancelledBy | None = None, attempt: int = 1) -> None:
        """The cancel wizard; a conflict reloads and reopens it on fresh data."""
        self.cancels.cancel(session_id, who, attempt)

    def cancel_for_reply(
        self, session_id: int, preset: CancelPreset, done: Callable[[CancelResult], object]
    ) -> None:
        """The cancel wizard for a client's booking, filled in from their text reply."""
        self.cancels.cancel(session_id, CancelledBy.CLIENT, preset=preset, done=done)

    def undo(self, session_id: int) -> None:
        """The undo dialog for the session's latest open cancellation."""
        self.cancels.undo(session_id)

    def did_not_attend(self, session_id: int) -> None:
        """Which clients did not come, with what the no-show rule charges."""
        self.attendance.did_not_attend(session_id)

    def take_back_did_not_attend(self, session_id: int) -> None:
        """Book again a client marked did-not-attend by mistake."""
        self.attendance.take_back_did_not_attend(session_id)

    def complete(self, session_id: int) -> None:
        """Confirm, then complete the session."""
        self.attendance.complete(session_id)

    def reschedule(self, session_id: int) -> None:
        """Proposed free times, or a time and worker typed; clashes warned about."""
        self.moves.reschedule(session_id)

    def replace_worker(self, session_id: int) -> None:
        """The workers free for the slot, best first."""
        self.moves.replace_worker(session_id)

    def delete(self, session_id: int) -> None:
        """Permanently delete, or apply a cancellation; what blocks a delete is listed."""
        self.deletes.delete(session_id)

    # -- what the openers share ------------------------------------------------------------

    def load(self, session_id: int, fn: Callable[[Any], Any], then: Loaded) -> None:
        """Read what a dialog shows in the background; open it when the read arrives."""

        since = self._reading_since
        if since is not None and time.monotonic() - since < READ_HOLD_SECONDS:
            return  # a second trigger while the first dialog's read is on its way: one dialog

        def arrived(value: Any) -> None:
            self._reading_since = None
            if not to_front(SESSION):  # else a second trigger's read: the first dialog is open
                then(value)

        def refused(exc: FrontDeskError) -> None:
            self._reading_since = None
            self._refused(session_id, exc)

        self._reading_since = time.monotonic()
        try:
            self.ops.read(fn, arrived, refused)
        except BaseException:
            self._reading_since = None
            raise

    def load_details(self, session_id: int, then: Callable[[SessionDetails], None]) -> None:
        """The session's details, read in the background, handed to `then`."""
        self.load(session_id, lambda uow: queries.session_details(uow, session_id), then)

    def session_label(self, details: SessionDetails) -> str:
        """The session as dialogs name it."""
        return session_label(details.block, self.tz)

    def confirm(self, fn: Callable[[Any], Any]) -> Callable[[Reply], None]:
        """A dialog's confirm: one write whose outcome goes to the dialog's reply."""
        return lambda reply: self.ops.write_reply(fn, reply)

    def reloaded(self, session_id: int, message: str) -> None:
        """Another desk changed the session: reload it and say so."""
        self.host.notify_changed(ChangeSet(frozenset({session_id})))
        self.inform(tr("dialogs", "Changed at another desk"), message)

    def run_fresh(self, dialog: QDialog, session_id: int, again: Callable[[], None]) -> bool:
        """Run the dialog; when another desk changed the session meanwhile (its `conflict`),
        say so and open it again on the fresh session (`again`). True when it was."""
        self.run_dialog(dialog)
        conflict: str | None = getattr(dialog, "conflict", None)
        if conflict is None:
            return False
        self.reloaded(session_id, conflict)
        again()
        return True

    def inform(self, title: str, text: str) -> None:
        """A message box over the window."""
        inform(self.parent_widget, title, text)

    def warn(self, title: str, text: str) -> None:
        """A warning box over the window."""
        warn(self.parent_widget, title, text)

    def _refused(self, session_id: int, exc: FrontDeskError) -> None:
        if isinstance(exc, ConflictError):
            self.reloaded(session_id, exc.message)
        else:
            self.warn(tr("dialogs", "Not possible"), exc.message)
