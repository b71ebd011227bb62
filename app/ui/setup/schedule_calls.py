"""The set-up calls the schedule makes: new session, edit session, drag-to-move and the
waitlist offer after a cancellation.

`ScheduleCalls` holds them and what they share with the Practice menu (`SetupActions`, in
`app/ui/setup/install.py`, builds on it): `new_session(start, worker_id)` for a double-click or
drag on an empty slot (and Ctrl+N), `edit_session(session_id)`, `move_session(session_id,
new_start, worker_id)` for drag-to-move (same conflict checks, undoable with Ctrl+Z, the moves
written in turn) and `offer_waitlist(session_id)`. Every database call runs through `Ops` off
the GUI thread: a dialog opens when what it shows has been read, its checks are reads, its save
one write; each takes an optional `done` callback for whoever waits on the answer. Every change
is handed once to `fan_out(ChangeSet)` (the window's fan-out).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow

from app.errors import ConflictError, FrontDeskError
from app.services.desk import Desk
from app.services.dto import ChangeSet, OperationResult
from app.services.setup import editing, sessions
from app.services.setup.editing import EditableSession, Moved
from app.services.setup.sessions import CreatedSessions, SessionDraft
from app.ui import messages
from app.ui.i18n import tr
from app.ui.ops import Ops, Reply
from app.ui.setup.apis import DeskApis
from app.ui.setup.common import RunDialog
from app.ui.setup.session_dialog import SessionChoices, SessionContext, SessionDialog
from app.ui.setup.waitlist import offer_waitlist
from app.ui.setup.widgets import inactive_name
from app.ui.tasks import TaskRunner

T = TypeVar("T")


class InTurn:
    """Runs the moves one after another: each starts when the one before has answered, so an
    undo pressed while a move is still being written waits for it (and sees its version)."""

    def __init__(self) -> None:
        self.waiting: deque[Callable[[Callable[[], None]], None]] = deque()
        self.busy = False

    def run(self, start: Callable[[Callable[[], None]], None]) -> None:
        """`start(done)` now or after the ones queued; it must call `done()` when answered."""
        self.waiting.append(start)
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self.waiting:
            self.busy = False
            return
        self.busy = True
        self.waiting.popleft()(self._next)


class MoveCommand(QUndoCommand):
    """A session moved by dragging; undo moves it back (if nobody changed it meanwhile)."""

    def __init__(self, calls: ScheduleCalls, moved: Moved) -> None:
        super().__init__(tr("setup", "move session"))
        self.calls, self.moved, self.version = calls, moved, moved.version
        self.pushed = False
        self.dead = False  # refused once: it can't be repeated, nor undone

    def redo(self) -> None:
        """Move the session again (the first call is the push: already moved)."""
        if not self.pushed:  # QUndoStack.push calls redo: the move is already done
            self.pushed = True
            return
        self._go(self.moved.to_start, self.moved.to_worker_id)

    def undo(self) -> None:
        """Move the session back."""
        self._go(self.moved.from_start, self.moved.from_worker_id)

    def _go(self, start: datetime, worker_id: int) -> None:
        """One background write, in turn after any move still being written."""
        self.calls.moves.run(lambda done: self._write(start, worker_id, done))

    def _write(self, start: datetime, worker_id: int, done: Callable[[], None]) -> None:
        if self.dead:
            done()
            return
        sid, version = self.moved.session_id, self.version

        def moved(again: Moved) -> None:
            self.version = again.version
            self.calls.notify(again.result.changes)
            done()

        def refused(exc: FrontDeskError) -> None:
            self.dead = True
            self.setObsolete(True)  # the stack drops it: it can't be repeated
            self.calls.refuse(tr("setup", "Can't move the session back"), str(exc))
            done()

        self.calls.ops.write(lambda uow: editing.move_session(
            uow, sid, start, worker_id, expected_version=version, allow_conflicts=True),
            moved, refused)  # fmt: skip


class ScheduleCalls(QObject):
    """The set-up calls the schedule makes, and what they share with the Practice menu."""

    def __init__(
        self,
        window: QMainWindow,
        desk: Desk,
        runner: TaskRunner,
        fan_out: Callable[[ChangeSet], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.desk, self.runner = window, desk, runner
        self.fan_out = fan_out
        self.ops = Ops(desk, runner, self.notify, window)
        self.apis = DeskApis(desk, self.notify, self.ops)
        # Replaceable so tests drive dialogs and message boxes without a modal loop.
        self.run_dialog: RunDialog = lambda dialog: dialog.exec()
        self.ask: Callable[[str, str], bool] = lambda title, text: messages.ask(window, title, text)
        self.inform: Callable[[str, str], None] = lambda t, x: messages.inform(window, t, x)
        self.refuse: Callable[[str, str], None] = lambda t, x: messages.warn(window, t, x)
        # The day the schedule shows and the worker it points at (see `new_session_shown`);
        # given by the window's wiring, None: today and the first worker.
        self.shown: Callable[[], tuple[date, int | None]] | None = None
        self.undo_stack = QUndoStack(self)
        self.moves = InTurn()

    def notify(self, changes: ChangeSet) -> None:
        """Hand a change to the window, which refreshes every view."""
        if self.fan_out is not None:
            self.fan_out(changes)

    def status(self, text: str) -> None:
        """A message in the window's status bar."""
        self.window.statusBar().showMessage(text, 8000)

    def _aware(self, moment: datetime) -> datetime:
        """A naive time from the schedule is a practice-local wall time."""
        return moment if moment.utcoffset() is not None else moment.replace(tzinfo=self.apis.tz)

    def new_session_shown(self) -> None:
        """Practice ▸ New session… (Ctrl+N): on the day the schedule shows, with the worker it
        shows alone or whose session is selected (see `sessions.suggested_start` for the time)."""
        day, worker_id = self.shown() if self.shown is not None else (None, None)
        self.new_session(worker_id=worker_id, day=day)

    def new_session(
        self,
        start: datetime | None = None,
        worker_id: int | None = None,
        done: Callable[[CreatedSessions | None], None] | None = None,
        *,
        day: date | None = None,
    ) -> None:
        """The new-session dialog, filled with a slot's start and worker when given (without a
        start: on `day`, today by default); it opens when the choices have been read. `done`
        gets what was booked, or None."""
        finish = done or _ignore
        self.ops.read(self.apis.session_choices,
                      lambda choices: self._new_session(choices, start, worker_id, finish, day))  # fmt: skip

    def _new_session(
        self,
        choices: SessionChoices,
        start: datetime | None,
        worker_id: int | None,
        finish: Callable[[CreatedSessions | None], None],
        day: date | None = None,
    ) -> None:
        if not choices.workers or not choices.services:
            self.inform(tr("setup", "New session"), tr(
                "setup", "Add a worker and a service first (Practice ▸ Workers…, Services…)."))  # fmt: skip
            finish(None)
            return
        service = choices.services[0]
        worker = (
            worker_id if worker_id in {w for w, _n in choices.workers} else choices.workers[0][0]
        )
        now, tz = self.desk.now(), self.apis.tz
        first = self._aware(start) if start else sessions.suggested_start(
            day or now.astimezone(tz).date(), now, tz, worker, choices.hours)  # fmt: skip
        draft = SessionDraft(worker, service[0], first, service[2])

        def plan(d: SessionDraft, reply: Reply) -> None:
            self.ops.read_reply(lambda uow: sessions.plan_sessions(uow, d), reply)

        def save(d: SessionDraft, anyway: bool, reply: Reply) -> None:
            self.ops.write_reply(
                lambda uow: sessions.create_sessions(uow, d, allow_conflicts=anyway), reply
            )

        ctx = SessionContext(choices, draft, plan, save, self.desk.now)
        dialog = SessionDialog(ctx, self.window)
        self.run_dialog(dialog)
        result = dialog.result_
        if isinstance(result, CreatedSessions):
            self.status(result.message)
            finish(result)
        else:
            finish(None)

    def edit_session(
        self, session_id: int, done: Callable[[OperationResult | None], None] | None = None
    ) -> None:
        """The edit dialog for one rostered session that has not started, opened when it has
        been read; `done` gets what was saved, or None."""
        finish = done or _ignore

        def read(uow: Any) -> tuple[EditableSession, SessionChoices]:
            opened = editing.session_draft(uow, session_id)
            return opened, self.apis.session_choices(uow, opened.draft)

        def refused(exc: FrontDeskError) -> None:
            self.refuse(tr("setup", "Can't change the session"), str(exc))
            finish(None)

        self.ops.read(read, lambda got: self._edit_session(session_id, *got, finish), refused)

    def _edit_session(
        self,
        session_id: int,
        opened: EditableSession,
        choices: SessionChoices,
        finish: Callable[[OperationResult | None], None],
    ) -> None:
        names = dict(choices.clients)
        # A client made inactive since is no longer among the choices: named as inactive.
        kept = tuple(names.get(c) or inactive_name(n) for c, n in
                     zip(opened.kept_client_ids, opened.kept_names, strict=True))  # fmt: skip

        def plan(d: SessionDraft, reply: Reply) -> None:
            self.ops.read_reply(lambda uow: editing.plan_edit(
                uow, session_id, d, expected_version=opened.version), reply)  # fmt: skip

        def save(d: SessionDraft, anyway: bool, reply: Reply) -> None:
            self.ops.write_reply(lambda uow: editing.edit_session(
                uow, session_id, d, expected_version=opened.version, allow_conflicts=anyway), reply)  # fmt: skip

        ctx = SessionContext(choices, opened.draft, plan, save, self.desk.now, editing=True,
                             kept=kept)  # fmt: skip
        dialog = SessionDialog(ctx, self.window)
        self.run_dialog(dialog)
        if dialog.conflict is not None:  # saved nothing: say so, open it again as it now is
            self.notify(ChangeSet(frozenset({session_id})))
            self.inform(tr("setup", "Changed at another desk"), dialog.conflict)
            self.edit_session(session_id, finish)
            return
        result = dialog.result_
        if isinstance(result, OperationResult) and result.reminder:
            # A client added took a freed place (as booking it from the waitlist says), or a new
            # time, worker or service closed the waitlist offers that named the old.
            self.inform(tr("setup", "Session saved"), result.reminder)
        finish(result if isinstance(result, OperationResult) else None)

    def move_session(
        self,
        session_id: int,
        new_start: datetime,
        worker_id: int | None = None,
        done: Callable[[Moved | None], None] | None = None,
    ) -> None:
        """Drag-to-move: warn about clashes (the user may go ahead), move, and make it undoable.
        The clash check is a read, the move one write; `done` gets the move, or None."""
        new_start = self._aware(new_start)
        finish = done or _ignore

        def refused(exc: FrontDeskError) -> None:
            if isinstance(exc, ConflictError):
                self.notify(ChangeSet(frozenset({session_id})))
                self.inform(tr("setup", "Changed at another desk"), exc.message)
            else:
                self.refuse(tr("setup", "Can't move the session"), str(exc))
            finish(None)

        def moved(m: Moved) -> None:
            self.undo_stack.push(MoveCommand(self, m))
            self.notify(m.result.changes)
            self.status(tr("setup", "Session moved. Undo with Ctrl+Z."))
            if m.result.reminder:  # its texted waitlist offers named the old time and closed
                self.inform(tr("setup", "Session moved"), m.result.reminder)
            finish(m)

        def write(next_move: Callable[[], None]) -> None:
            self.ops.write(lambda uow: editing.move_session(
                uow, session_id, new_start, worker_id, allow_conflicts=True),
                lambda m: _then(moved, m, next_move), lambda e: _then(refused, e, next_move))  # fmt: skip

        def checked(clashes: list[str]) -> None:
            if clashes and not self.ask(tr("setup", "Move anyway?"), "\n".join(clashes)):
                finish(None)
                return
            self.moves.run(write)

        self.ops.read(
            lambda uow: editing.move_conflicts(uow, session_id, new_start, worker_id),
            checked, refused,
        )  # fmt: skip

    def offer_waitlist(
        self, session_id: int, done: Callable[[OperationResult | None], None] | None = None
    ) -> None:
        """After a cancellation: offer the freed place to matching waiting clients."""
        offer_waitlist(self.window, self.ops, session_id, run_dialog=self.run_dialog, done=done)


def _ignore(_result: object) -> None:
    """No one waits for the answer (the menu and the schedule don't)."""


def _then(first: Callable[[T], None], value: T, after: Callable[[], None]) -> None:
    try:
        first(value)
    finally:
        after()
