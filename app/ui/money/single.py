"""One account window and one pack sale at a time, whichever way they are opened.

Accounts ▸ Client account…, Accounts ▸ Sell a class pack…, a client's Account… button and the
details panel's link all read in the background before their dialog opens, so a double click
or a second trigger used to start two reads and open two dialogs, one over the other. Each
opening now goes through here: while a dialog of its kind is on screen a second one is not made,
the open one is brought to the front instead (as the set-up screens and reports do).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QDialog

ACCOUNT, PACK = "account", "pack"

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


def run_single(kind: str, dialog: QDialog) -> int:
    """Run `dialog` (modal) as the one of its kind until it closes."""
    _showing[kind] = dialog
    try:
        return dialog.exec()
    finally:
        if _showing.get(kind) is dialog:
            del _showing[kind]
