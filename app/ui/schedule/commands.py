"""What the window does with a session action it handles itself: copy, complete, the menu facts."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.errors import FrontDeskError
from app.services.dto import OperationResult, SessionBlock
from app.services.sessions import attendance
from app.services.vocabulary import SessionFacts
from app.ui import messages
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.schedule import text


class SessionCommands:
    """Runs the actions that need no dialog; the dialogs' actions go through the window's seam."""

    def __init__(self, ops: Ops, tz: ZoneInfo, parent: QWidget) -> None:
        self.ops = ops
        self.desk = ops.desk
        self.tz = tz
        self.parent = parent
        self._facts: dict[int, tuple[int, SessionFacts]] = {}  # id -> (version, facts)

    def remember_facts(self, session_id: int, version: int, facts: SessionFacts) -> None:
        """Keep the guards' facts of a session version for the next menu."""
        self._facts[session_id] = (version, facts)

    def known_facts(self, block: SessionBlock) -> SessionFacts | None:
        """The guards' facts of this version of the session, if its details were read."""
        cached = self._facts.get(block.id)
        return cached[1] if cached is not None and cached[0] == block.version else None

    def copy(self, block: SessionBlock) -> str:
        """Put the session's essentials on the clipboard."""
        value = text.copy_text(block, self.tz, self.desk.now())
        QGuiApplication.clipboard().setText(value)
        return value

    def complete(
        self,
        block: SessionBlock,
        done: Callable[[OperationResult], None],
        failed: Callable[[], None],
    ) -> None:
        """Ask, then complete in one transaction off the GUI thread; refusals become a message."""
        names = block.client_names
        question = tr(
            "commands",
            "Complete {service} at {time} with {worker}?\n\n"
            "Booked clients ({names}) will be marked attended and a delivered SD created for each.",
        ).format(
            service=block.service_name,
            time=text.span(block, self.tz),
            worker=block.worker_name,
            names=names,
        )
        if not messages.ask(self.parent, tr("commands", "Complete session"), question):
            return
        sid, version = block.id, block.version

        def on_error(exc: FrontDeskError) -> None:
            messages.warn(self.parent, tr("commands", "Session not completed"), exc.message)
            failed()

        self.ops.write(
            lambda uow: attendance.complete_session(uow, sid, expected_version=version),
            done,
            on_error,
        )
