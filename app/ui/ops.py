"""Operations, as Anki runs them: every read and write off the GUI thread, changes fanned out once.

`ops.read(fn, on_done)` runs `fn(uow)` in a read transaction on the task runner and hands the
result to `on_done` on the GUI thread; `ops.write(fn, on_done)` does the same in one write
transaction and then passes the result's `ChangeSet` to the window's single fan-out, so each view
refreshes only what it shows. A refusal reaches `on_error` (or a message box) as its sentence.

Dialogs that wait on a reply while they stay open (a preview, a confirm) take an `Outcome`
through a `Reply`; `Pending` lets a synchronous Qt hook such as `QWizardPage.validatePage` wait
for one. With a synchronous runner (tests) every reply arrives before the call returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QDialog, QWidget

from app import logs
from app.errors import AccountChangedError, FrontDeskError
from app.services.desk import Desk
from app.services.dto import ChangeSet
from app.ui import messages
from app.ui.i18n import tr
from app.ui.tasks import TaskRunner

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a background call gave: its value, or the refusal the service raised."""

    value: T | None = None
    error: FrontDeskError | None = None


Reply = Callable[[Outcome[Any]], None]
OnError = Callable[[FrontDeskError], None]


def sentence(exc: BaseException, failed: str = "") -> str:
    """What a person reads about a failure: the service's sentence, never a stack trace.

    Anything else is `failed` (what could not be done and what to do now; by default "That
    could not be finished. Try again."), and where the details are."""
    if isinstance(exc, FrontDeskError):
        return exc.message
    return tr(
        "ops",
        "{failed} If it keeps happening, tell the practice's administrator; "
        "the details are in the log (Help ▸ Open log folder).",
    ).format(failed=failed or tr("ops", "That could not be finished. Try again."))


def failure_sentence(exc: BaseException, failed: str) -> str:
    """`sentence(exc, failed)`, the details of anything but a refusal written to the log first."""
    if not isinstance(exc, FrontDeskError):
        log.error("Shown to the person: %s", logs.Said(failed), exc_info=exc)
    return sentence(exc, failed)


class Ops:
    """Runs the window's service calls on the task runner; writes fan their changes out once."""

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        fan_out: Callable[[ChangeSet], None],
        parent: QWidget | None = None,
    ) -> None:
        self.desk = desk
        self.runner = runner
        self.fan_out = fan_out
        self.parent = parent

    def read(
        self, fn: Callable[[Any], T], on_done: Callable[[T], None], on_error: OnError | None = None
    ) -> None:
        """`fn(uow)` in a read transaction (never the write lock); `on_done(result)` after."""
        self.runner.submit(lambda: self.desk.read(fn), on_done, self._failed(on_error))

    def write(
        self, fn: Callable[[Any], T], on_done: Callable[[T], None], on_error: OnError | None = None
    ) -> None:
        """`fn(uow)` in one write transaction; its change set fans out, then `on_done(result)`."""

        def done(result: T) -> None:
            changes = getattr(result, "changes", None)
            if isinstance(changes, ChangeSet):
                self.fan_out(changes)
            on_done(result)

        self.runner.submit(lambda: self.desk.write(fn), done, self._failed(on_error))

    def background(
        self,
        work: Callable[[Desk], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[Exception], None],
    ) -> None:
        """`work(desk)` on the task runner when it opens its own transactions (the outbox
        sender's pass claims, sends over the network, then records each result); every failure,
        refusal or not, goes to `on_failed` (a pass that runs every few seconds shows no box)."""

        def failed(exc: Exception) -> None:
            self.account_changed(exc)  # the window follows; the pass still hears of it
            on_failed(exc)

        self.runner.submit(lambda: work(self.desk), on_done, failed)

    def read_reply(self, fn: Callable[[Any], Any], reply: Reply) -> None:
        """A read whose value or refusal goes to `reply` as an Outcome (a dialog that stays open)."""
        self.read(fn, lambda value: reply(Outcome(value)), lambda exc: reply(Outcome(error=exc)))

    def write_reply(self, fn: Callable[[Any], Any], reply: Reply) -> None:
        """A write whose value or refusal goes to `reply` as an Outcome; its changes fan out."""
        self.write(fn, lambda value: reply(Outcome(value)), lambda exc: reply(Outcome(error=exc)))

    def own_reply(self, work: Callable[[Desk], Any], reply: Reply) -> None:
        """`work(desk)` when the service opens its own transaction (one that saves something
        before it refuses: a wrong password counted toward the lockout); its value or refusal
        goes to `reply` as an Outcome, as `write_reply`'s do."""
        self.runner.submit(
            lambda: work(self.desk),
            lambda value: reply(Outcome(value)),
            self._failed(lambda exc: reply(Outcome(error=exc))),
        )

    def account_changed(self, exc: Exception) -> bool:
        """An administrator changed this desk's account at another desk: the window follows at
        once (`Desk.on_account_changed`). True when it says so itself (it signs out, and what
        was open closes unsaved), so the caller shows nothing; else the caller shows the
        refusal as usual (once)."""
        hook = self.desk.on_account_changed
        return isinstance(exc, AccountChangedError) and hook is not None and hook(exc)

    def _failed(self, on_error: OnError | None) -> Callable[[Exception], None]:
        def failed(exc: Exception) -> None:
            if self.account_changed(exc):
                return
            if isinstance(exc, FrontDeskError):
                if on_error is not None:
                    on_error(exc)
                else:
                    messages.warn(self.parent, tr("ops", "Not possible"), exc.message)
                return
            if self.runner.synchronous:
                raise exc  # inline (tests): a bug fails loudly where it happened
            log.error("background operation failed", exc_info=exc)
            messages.warn(self.parent, tr("ops", "Not finished"), sentence(exc))

        return failed


def ops_for(desk: Desk, parent: QWidget | None, runner: TaskRunner | None = None) -> Ops:
    """The window's `Ops` when a dialog opens over it (its writes fan out there); otherwise one
    of the dialog's own on `runner` (a background runner when none is given)."""
    found = getattr(parent, "ops", None)
    if isinstance(found, Ops) and found.desk is desk:
        return found
    return Ops(desk, runner or TaskRunner(parent), lambda _changes: None, parent)


class OneCall:
    """A dialog's one background call at a time: its buttons grey while the call runs, a
    second click is ignored; a refusal stays on the dialog as its sentence, a value closes it
    (`dialog.result_` holds it) — or, for a step such as a check before a confirm, the reply
    goes to `then` with the dialog left open."""

    def __init__(
        self, dialog: QDialog, buttons: QWidget, show_error: Callable[[str], None]
    ) -> None:
        self.dialog, self.buttons, self.show_error = dialog, buttons, show_error
        self.busy = False

    def start(self, call: Callable[[Reply], None], then: Reply | None = None) -> None:
        """Run `call(reply)` unless one is still running; its reply to `then` when given."""
        if self.busy:
            return
        self.busy = True
        self.buttons.setEnabled(False)
        call(lambda outcome: self._on_reply(outcome, then))

    def _on_reply(self, outcome: Outcome[Any], then: Reply | None = None) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if then is not None:
            then(outcome)
            return
        if outcome.error is not None:
            self.show_error(str(outcome.error))
            return
        self.dialog.result_ = outcome.value  # type: ignore[attr-defined]
        self.dialog.accept()


class Pending:
    """Lets a synchronous Qt hook (`validatePage`, `done`) wait for a background reply.

    `take(start, resume)` starts the call the first time and returns None; when the reply comes
    later, `resume()` runs the hook again and `take` then returns it. A reply that arrives at
    once (a synchronous runner) is returned by the same call.
    """

    def __init__(self) -> None:
        self._outcome: Outcome[Any] | None = None
        self._waiting = False
        self._inline = False

    @property
    def waiting(self) -> bool:
        return self._waiting

    def take(
        self, start: Callable[[Reply], None], resume: Callable[[], None]
    ) -> Outcome[Any] | None:
        """The reply if it is in, else start the call (once) and say None for now."""
        if self._outcome is not None:
            outcome, self._outcome = self._outcome, None
            return outcome
        if self._waiting:
            return None  # a second click while the first call runs

        def reply(outcome: Outcome[Any]) -> None:
            self._outcome, self._waiting = outcome, False
            if not self._inline:
                resume()

        self._waiting, self._inline = True, True
        try:
            start(reply)
        except BaseException:
            self._waiting = False
            raise
        finally:
            self._inline = False
        if self._outcome is not None:
            outcome, self._outcome = self._outcome, None
            return outcome
        return None
