"""What a family of session dialogs needs of the dialogs controller, and nothing more.

Each opener (`ui/sessions/`: `cancel_opener.py`, `attendance_opener.py`, `move_opener.py`,
`delete_opener.py`; and `ui/records/opener.py`) is handed the controller
(`ui/sessions/controller.py`) as a `Dialogs`: the desk and its `Ops`, the practice's time zone,
the window the dialogs open over, and the helpers they share. Typed against this protocol, the
openers never import the controller: no circle, and the records folder needs nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QWidget

from app.services.desk import Desk
from app.services.schedule.details import SessionDetails
from app.ui.ops import Ops, Reply

Loaded = Callable[[Any], None]


class Dialogs(Protocol):
    """The dialogs controller as its openers see it."""

    desk: Desk
    ops: Ops
    tz: ZoneInfo
    parent_widget: QWidget | None
    run_dialog: Callable[[QDialog], int]
    # After a client cancellation frees a place: offer it to the waitlist (set by the wiring).
    offer_place: Callable[[int], object] | None

    def handle(self, action_value: str, session_id: int) -> None:
        """Open the dialog of another action (a follow-up, a details panel link)."""

    def load(self, session_id: int, fn: Callable[[Any], Any], then: Loaded) -> None:
        """Read what a dialog shows in the background; open it when the read arrives."""

    def load_details(self, session_id: int, then: Callable[[SessionDetails], None]) -> None:
        """The session's details, read in the background, handed to `then`."""

    def session_label(self, details: SessionDetails) -> str:
        """The session as dialogs name it."""

    def confirm(self, fn: Callable[[Any], Any]) -> Callable[[Reply], None]:
        """A dialog's confirm: one write whose outcome goes to the dialog's reply."""

    def reloaded(self, session_id: int, message: str) -> None:
        """Another desk changed the session: reload it and say so."""

    def run_fresh(self, dialog: QDialog, session_id: int, again: Callable[[], None]) -> bool:
        """Run the dialog; when another desk changed the session meanwhile (its `conflict`),
        say so and open it again on the fresh session (`again`). True when it was."""

    def inform(self, title: str, text: str) -> None:
        """A message box over the window."""

    def warn(self, title: str, text: str) -> None:
        """A warning box over the window."""
