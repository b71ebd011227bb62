"""The schedule for screen readers: each session block is an accessible child of the view.

The schedule paints its blocks, so without help a screen reader sees one picture. Here the
view's accessible interface is a list whose items are the sessions it shows, in time order
(then by worker row), each named by its time, client(s), worker and status, with the actions
Press (open it, as Return does), ShowMenu (its context menu, as Shift+F10 does) and SetFocus
(the interfaces themselves: `accessible_items`, loaded the first time a screen reader or a test
asks, so a start without one never pays for them).

Nothing here runs while painting. The item interfaces are made the first time a screen reader
(or a test) asks for them and registered with Qt's accessibility cache. Python owns them, so
`_REGISTERED` keeps each one alive exactly as long as it is in the cache: it leaves the cache
(and then the registry) when its session leaves the view or the view is destroyed, so Qt never
holds a freed item. Nothing that is kept refers to the view strongly, so a view is freed as
any widget is.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleInterface

from app.services.schedule.dto import SessionBlock

if TYPE_CHECKING:
    from app.ui.schedule.accessible_items import BlockAccessible
    from app.ui.schedule.view import ScheduleView

_REGISTERED: dict[int, BlockAccessible] = {}  # Qt's cache id → the item it points to


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
            from app.ui.schedule.accessible_items import BlockAccessible

            made = BlockAccessible(self, sid)
            cache_id = self._items[sid] = QAccessible.registerAccessibleInterface(made)
            _REGISTERED[cache_id] = made
        return _REGISTERED[cache_id]

    def name_of(self, block: SessionBlock) -> str:
        """The block's label, made again only when the block or the current time changed."""
        now = self.view.now
        found = self._said.get(block.id)
        if found is None or found[0] is not block or found[1] != now:
            from app.ui.schedule.accessible_items import label

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
            from PySide6.QtGui import QAccessibleTableModelChangeEvent

            reset = QAccessibleTableModelChangeEvent(
                self.view, QAccessibleTableModelChangeEvent.ModelChangeType.ModelReset
            )
            QAccessible.updateAccessibility(reset)

    def focus_moved(self) -> None:
        """The selection moved: a screen reader following the focus says the new session."""
        if not QAccessible.isActive() or not self.view.hasFocus():
            return
        from PySide6.QtGui import QAccessibleEvent

        from app.ui.schedule.accessible_items import ScheduleAccessible

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
    from app.ui.schedule.accessible_items import ScheduleAccessible
    from app.ui.schedule.view import ScheduleView

    return ScheduleAccessible(obj) if isinstance(obj, ScheduleView) else None


_installed = False


def install() -> None:
    """Give every schedule view its list of sessions (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
