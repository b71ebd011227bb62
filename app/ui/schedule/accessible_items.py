"""The schedule's accessible interfaces (app/ui/schedule/accessible.py says how they are
used): the view as a list of its sessions, each session an item with its name, description and
actions, and the words a screen reader says for a session.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleInterface,
    QColor,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget

from app.i18n import when_text
from app.services.schedule.dto import SessionBlock
from app.services.vocabulary import SessionKind
from app.ui.i18n import tr
from app.ui.schedule import text
from app.ui.schedule.accessible import BlockTree

if TYPE_CHECKING:
    from app.ui.schedule.view import ScheduleView

Action = QAccessibleActionInterface
Text = QAccessible.Text


def label(block: SessionBlock, tz: object, now: object) -> str:
    """A session as a screen reader says it: "Wednesday 01 April, 09:00–10:00, Jane Citizen,
    with Sam Worker, Cancelled"; a group or class by its service, fill and clients."""
    start = block.starts_at.astimezone(tz)  # type: ignore[arg-type]
    when = f"{when_text(start, '%A %d %B')}, {text.span(block, tz)}"  # type: ignore[arg-type]
    if block.kind == SessionKind.INDIVIDUAL:
        who = block.client_names
    else:
        who = f"{block.service_name}, {text.who(block)}: {block.client_names}"
    worker = tr("schedule", "with {name}").format(name=block.worker_name)
    return f"{when}, {who}, {worker}, {text.status_text(block, now)}"  # type: ignore[arg-type]


def described(block: SessionBlock, tz: object, now: object) -> str:
    """The rest of what Copy details gives: service, location, each client's booking."""
    lines = text.copy_text(block, tz, now).split("\n")  # type: ignore[arg-type]
    split = len(lines) - len(block.clients)  # the heading lines end with "Clients:"
    clients = ", ".join(line.strip() for line in lines[split:])
    return "; ".join(lines[: split - 1] + [f"{lines[split - 1]} {clients}".strip()])


class BlockActions(QAccessibleActionInterface):
    """Press opens the session, ShowMenu opens its context menu, SetFocus selects it."""

    def __init__(self, item: BlockAccessible) -> None:
        super().__init__()
        self._item = item

    def actionNames(self) -> list[str]:  # noqa: N802
        return [Action.pressAction(), Action.showMenuAction(), Action.setFocusAction()]

    def localizedActionDescription(self, name: str) -> str:  # noqa: N802
        if name == Action.pressAction():
            return tr("schedule", "Open the session in the details panel")
        if name == Action.showMenuAction():
            return tr("schedule", "Show the session's menu")
        if name == Action.setFocusAction():
            return tr("schedule", "Select the session")
        return ""

    def keyBindingsForAction(self, name: str) -> list[str]:  # noqa: N802
        if name == Action.pressAction():
            return ["Return"]
        if name == Action.showMenuAction():
            return ["Shift+F10"]
        return []

    def doAction(self, name: str) -> None:  # noqa: N802
        if not self._item.isValid():
            return
        view, sid = self._item.tree.view, self._item.session_id
        if name == Action.setFocusAction():
            view.setFocus()
            view.select(sid)
        elif name == Action.pressAction():
            view.open_block(sid)
        elif name == Action.showMenuAction():
            view.menu_for_block(sid)


class BlockAccessible(QAccessibleInterface):
    """One session block as a list item of the schedule.

    Where Qt takes a null pointer (no object, no child), PySide6's stubs promise an object, and
    a pointer they type as a number: those overrides are marked `type: ignore[override]`.
    """

    def __init__(self, tree: BlockTree, session_id: int) -> None:
        super().__init__()
        self.tree = tree
        self.session_id = session_id
        self._actions = BlockActions(self)

    def _block(self) -> SessionBlock | None:
        return self.tree.view.block(self.session_id) if self.tree.alive else None

    def isValid(self) -> bool:  # noqa: N802
        return self.tree.alive and self.session_id in self.tree.view.layout_.by_id

    def object(self) -> None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self.tree.view.window().windowHandle() if self.tree.alive else None

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return QAccessible.queryAccessibleInterface(self.tree.view) if self.tree.alive else None

    def child(self, index: int) -> None:  # type: ignore[override]
        return None

    def childCount(self) -> int:  # noqa: N802
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        return -1

    def childAt(self, x: int, y: int) -> None:  # type: ignore[override]  # noqa: N802
        return None

    def focusChild(self) -> None:  # type: ignore[override]  # noqa: N802
        return None

    def relations(
        self, match: builtins.object = None
    ) -> list[tuple[QAccessibleInterface, QAccessible.RelationFlag]]:
        return []

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def text(self, t: QAccessible.Text) -> str:
        block = self._block()
        if block is None:
            return ""
        view = self.tree.view
        if t == Text.Name:
            return self.tree.name_of(block)
        if t == Text.Description:
            return described(block, view.tz, view.now)
        return ""

    def setText(self, t: QAccessible.Text, words: str) -> None:  # noqa: N802
        return None

    def rect(self) -> QRect:
        """The block's rectangle on screen."""
        if not self.tree.alive:
            return QRect()
        view = self.tree.view
        found = view.block_rect(self.session_id)
        if found is None:
            return QRect()
        return QRect(view.viewport().mapToGlobal(found.topLeft()), found.size())

    def state(self) -> QAccessible.State:
        s = QAccessible.State()
        s.focusable = True
        s.selectable = True
        if not self.tree.alive:
            s.invalid = True
            return s
        view = self.tree.view
        if view.selected_id == self.session_id:
            s.selected = True
            s.focused = view.hasFocus()
        if not view.is_block_in_view(self.session_id):
            s.offscreen = True
        return s

    def backgroundColor(self) -> QColor:  # noqa: N802
        return QColor()

    def foregroundColor(self) -> QColor:  # noqa: N802
        return QColor()

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        """Qt asks for the action interface by pointer (actionInterface() is not virtual).
        "None" must be a null VoidPtr: a plain None or 0 crashes the bridge asking for it."""
        if kind == QAccessible.InterfaceType.ActionInterface:
            return shiboken6.VoidPtr(self._actions)  # type: ignore[arg-type]
        return shiboken6.VoidPtr(0)

    def actionInterface(self) -> QAccessibleActionInterface:  # noqa: N802
        return self._actions


class ScheduleAccessible(QAccessibleWidget):
    """The schedule view as a list of its sessions (its scroll bars are left out, as Qt
    leaves them out of a table view's children)."""

    def __init__(self, view: ScheduleView) -> None:
        super().__init__(view, QAccessible.Role.List)

    @property
    def _view(self) -> ScheduleView:
        return self.object()  # type: ignore[return-value]

    def _tree(self) -> BlockTree | None:
        view = self.object()
        tree = getattr(view, "accessible_tree", None) if view is not None else None
        return tree if isinstance(tree, BlockTree) and tree.alive else None

    def childCount(self) -> int:  # noqa: N802
        tree = self._tree()
        return len(tree.order()) if tree else 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        tree = self._tree()
        return tree.item(index) if tree else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        tree = self._tree()
        if tree is None or not isinstance(child, BlockAccessible):
            return -1
        return tree.index_of(child.session_id)

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        tree = self._tree()
        if tree is None:
            return None
        found = self._view.block_at(self._view.viewport().mapFromGlobal(QPoint(x, y)))
        index = tree.index_of(found) if found else -1
        return tree.item(index) if index >= 0 else None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        tree = self._tree()
        if tree is None or not self._view.hasFocus():
            return None
        index = tree.index_of(self._view.selected_id)
        return tree.item(index) if index >= 0 else None
