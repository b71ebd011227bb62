"""The schedule for screen readers: each session block is an accessible child of the view.

The schedule paints its blocks, so without help a screen reader sees one picture. Here the
view's accessible interface is a list whose items are the sessions it shows, in time order
(then by worker row), each named by its time, client(s), worker and status, with the actions
Press (open it, as Return does), ShowMenu (its context menu, as Shift+F10 does) and SetFocus.

Nothing here runs while painting. The item interfaces are made the first time a screen reader
(or a test) asks for them and registered with Qt's accessibility cache. Python owns them, so
`_REGISTERED` keeps each one alive exactly as long as it is in the cache: it leaves the cache
(and then the registry) when its session leaves the view or the view is destroyed, so Qt never
holds a freed item. Nothing that is kept refers to the view strongly, so a view is freed as
any widget is.
"""

from __future__ import annotations

import builtins
import weakref
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleTableModelChangeEvent,
    QColor,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget

from app.i18n import when_text
from app.services.schedule.dto import SessionBlock
from app.services.vocabulary import SessionKind
from app.ui.i18n import tr
from app.ui.schedule import text

if TYPE_CHECKING:
    from app.ui.schedule.view import ScheduleView

Action = QAccessibleActionInterface
Text = QAccessible.Text
_REGISTERED: dict[int, BlockAccessible] = {}  # Qt's cache id → the item it points to


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


class BlockTree:
    """The view's sessions in the order a screen reader lists them, and their item interfaces."""

    def __init__(self, view: ScheduleView) -> None:
        self._view = weakref.ref(view)
        self._order: list[int] | None = None
        self._index: dict[int, int] = {}
        self._items: dict[int, int] = {}  # session → its item's id in Qt's cache
        self._told: tuple[SessionBlock, ...] | None = None
        self._said: dict[int, tuple[SessionBlock, object, str]] = {}  # session → its last name
        items = self._items  # the handler holds only the ids: it keeps neither view nor tree
        view.destroyed.connect(lambda *_args: _release(items))

    @property
    def view(self) -> ScheduleView:
        """The view (only asked for while it lives)."""
        view = self._view()
        assert view is not None
        return view

    @property
    def alive(self) -> bool:
        """Whether the view is still there."""
        view = self._view()
        return view is not None and shiboken6.isValid(view)

    def order(self) -> list[int]:
        """The shown sessions by start, then worker row, then number (made once per change)."""
        if self._order is None:
            laid = self.view.layout_.by_id.values()
            ranked = sorted(laid, key=lambda b: (b.block.starts_at, b.row, b.block.id))
            self._order = [b.block.id for b in ranked]
            self._index = {sid: i for i, sid in enumerate(self._order)}
        return self._order

    def index_of(self, session_id: int) -> int:
        """The session's place in the list, or -1 when it is not shown."""
        self.order()
        return self._index.get(session_id, -1)

    def step(self, session_id: int, forward: bool) -> int | None:
        """The next (or previous) session in time order; the first (or last) from none."""
        order = self.order()
        if not order:
            return None
        at = self._index.get(session_id)
        if at is None:
            return order[0] if forward else order[-1]
        to = at + (1 if forward else -1)
        return order[to] if 0 <= to < len(order) else None

    def item(self, index: int) -> BlockAccessible | None:
        """The list item at `index`, made and registered the first time it is asked for."""
        order = self.order()
        if not 0 <= index < len(order) or not self.alive:
            return None
        sid = order[index]
        cache_id = self._items.get(sid)
        if cache_id is None:
            made = BlockAccessible(self, sid)
            cache_id = self._items[sid] = QAccessible.registerAccessibleInterface(made)
            _REGISTERED[cache_id] = made
        return _REGISTERED[cache_id]

    def name_of(self, block: SessionBlock) -> str:
        """The block's label, made again only when the block or the current time changed."""
        now = self.view.now
        found = self._said.get(block.id)
        if found is None or found[0] is not block or found[1] != now:
            found = self._said[block.id] = (block, now, label(block, self.view.tz, now))
        return found[2]

    def forget(self) -> None:
        """The view is to be laid out again: the order is made from that layout when asked."""
        self._order = None

    def changed(self) -> None:
        """The sessions or the worker filter changed: forget the order, drop the items of
        sessions no longer shown, and tell a listening screen reader the list changed."""
        self._order = None
        shown = self.view.layout_.by_id
        for sid in [s for s in self._items if s not in shown]:
            self._drop(sid)
        for sid in [s for s in self._said if s not in shown]:
            del self._said[sid]
        if not QAccessible.isActive():
            return
        blocks = tuple(laid.block for laid in shown.values())
        if blocks != self._told:
            self._told = blocks
            reset = QAccessibleTableModelChangeEvent(
                self.view, QAccessibleTableModelChangeEvent.ModelChangeType.ModelReset
            )
            QAccessible.updateAccessibility(reset)

    def focus_moved(self) -> None:
        """The selection moved: a screen reader following the focus says the new session."""
        if not QAccessible.isActive() or not self.view.hasFocus():
            return
        event = QAccessibleEvent(self.view, QAccessible.Event.Focus)
        ours = isinstance(QAccessible.queryAccessibleInterface(self.view), ScheduleAccessible)
        index = self.index_of(self.view.selected_id) if ours else -1
        if index >= 0:
            self.item(index)  # registered before Qt asks for it
            event.setChild(index)
        QAccessible.updateAccessibility(event)

    def _drop(self, session_id: int) -> None:
        cache_id = self._items.pop(session_id)
        QAccessible.deleteAccessibleInterface(cache_id)
        del _REGISTERED[cache_id]


def _release(items: dict[int, int]) -> None:
    """A view was destroyed: take its items out of Qt's cache, then let them go."""
    for cache_id in items.values():
        QAccessible.deleteAccessibleInterface(cache_id)
        _REGISTERED.pop(cache_id, None)
    items.clear()


def _factory(key: str, obj: object) -> QAccessibleInterface | None:
    """Qt asks once per object and class name; only the schedule view is ours."""
    if key != "ScheduleView":
        return None
    from app.ui.schedule.view import ScheduleView

    return ScheduleAccessible(obj) if isinstance(obj, ScheduleView) else None


_installed = False


def install() -> None:
    """Give every schedule view its list of sessions (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
