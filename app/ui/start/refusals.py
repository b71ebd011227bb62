"""Pressing the shortcut of a greyed action says why, instead of nothing.

Qt takes a disabled QAction's shortcut out of its shortcut map, so the key press simply vanishes
(reception presses Ctrl+Del and nothing happens). Keeping the actions enabled and refusing on
trigger would lose the greyed menu entries with their reasons; an event filter would have to
re-implement Qt's shortcut matching (contexts, focus, multi-key sequences). Instead each watched
action gets stand-in QShortcuts with the same keys and context that are enabled exactly while
the action is disabled: the two are never enabled together, so Qt never sees an ambiguous
shortcut, and the menus still show the action greyed with its shortcut. The sentence shown is
the action's tooltip, where every greyed action already says why (from the service's own check).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QWidget

from app.ui.i18n import tr


def plain_text(action: QAction) -> str:
    """The action's label as a person reads it (no mnemonic, no ellipsis)."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("….")


def reason_of(action: QAction) -> str:
    """Why the action is greyed: its tooltip, or a plain sentence when it has none of its own."""
    tip = action.toolTip().strip()
    name = plain_text(action)
    if tip and tip.rstrip("….") != name:
        return tip
    return tr("refusals", "“{name}” is not available now.").format(name=name)


class RefusedShortcuts(QObject):
    """Stand-ins for the shortcuts of greyed actions; `refused` carries the sentence why."""

    refused = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.stand_ins: dict[QAction, list[QShortcut]] = {}

    def watch(self, actions: Iterable[QAction]) -> None:
        """Explain these actions' shortcuts whenever the actions are greyed."""
        for action in actions:
            if action in self.stand_ins or not action.shortcuts():
                continue
            shortcuts = []
            for keys in action.shortcuts():
                stand_in = QShortcut(keys, self.window)
                stand_in.setContext(action.shortcutContext())
                stand_in.setAutoRepeat(False)
                stand_in.activated.connect(lambda a=action: self.refused.emit(reason_of(a)))
                shortcuts.append(stand_in)
            self.stand_ins[action] = shortcuts
            # `changed` fires on every enable/disable (and on text or tooltip changes).
            action.changed.connect(lambda a=action: self._sync(a))
            self._sync(action)

    def _sync(self, action: QAction) -> None:
        for stand_in in self.stand_ins.get(action, []):
            stand_in.setEnabled(not action.isEnabled())
