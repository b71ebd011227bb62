"""One dialog of a kind on screen at a time, whichever way it is opened.

Most dialogs read in the background before they open, so a double click or a second trigger
used to start two reads and open two dialogs, one over the other (two payments taken, two packs
sold). Each opening goes through here: while a dialog of its kind is on screen a second one is
not made, the open one is brought to the front instead (as the set-up screens and reports do).
Kinds: a client's account and a pack sale (`ui/money/`), and a session's dialogs (`SESSION`:
cancel, undo, attendance, move, delete, payments and records — `ui/sessions/controller.py`).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QDialog

ACCOUNT, PACK, SESSION = "account", "pack", "session"

_showing: dict[str, QDialog] = {}


def to_front(kind: str) -> bool:
    """Bring the dialog of `kind` on screen to the front; False when there is none."""
    dialog = _showing.get(kind)
    if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
        _showing.pop(kind, None)
        return False
    dialog.raise_()
    dialog.activateWindow()
    return True


def run_single(
    kind: str, dialog: QDialog, run: Callable[[QDialog], int] = lambda d: d.exec()
) -> int:
    """Run `dialog` (modal) as the one of its kind until it closes."""
    _showing[kind] = dialog
    try:
        return run(dialog)
    finally:
        if _showing.get(kind) is dialog:
            del _showing[kind]
