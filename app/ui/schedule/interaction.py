"""How the schedule view answers the mouse and the keyboard, and what lies under a point of it.

A press selects the block under it and may start a drag, which drops the session on the worker
and time it is let go over; a double-click opens a block, or asks for a booking in an empty
slot; the context menu opens at the pointer or at the selected block; the arrows move the
selection between blocks, Tab and Shift+Tab step through the sessions in time order, Return
opens the selected one, Escape lets go of it; a tooltip gives a block's details, or the frozen
header's and worker column's words in full (what lies where is geometry.py's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from app.services.schedule.dto import SessionBlock
from app.ui.schedule import text
from app.ui.schedule.geometry import block_under, drop_at, frame_tip, slot_at
from app.ui.schedule.layout import Layout

if TYPE_CHECKING:
    from app.ui.schedule.view import ScheduleView

ARROWS = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
}


class Interaction:
    """A view's answers to the mouse and the keyboard, and what they remember between events.

    The view hands itself to each call (nothing here keeps it alive); each answer is the view's
    own event handler's, which goes on to Qt's where it did before.
    """

    def __init__(self) -> None:
        self._press: tuple[SessionBlock, QPoint] | None = None  # on a block: a drag may start
        self._dragging = False
        self.let_go = False  # Escape let go of the selection: Tab leaves the schedule

    def pressed(self, view: ScheduleView, event: QMouseEvent) -> None:
        """Select the block pressed, or nothing; a left press on a block may start a drag."""
        hit = block_under(view.scene, event.position().toPoint())
        view.select(hit.id if hit else 0, ensure_visible=False)
        left = event.button() == Qt.MouseButton.LeftButton
        self._press = (hit, event.position().toPoint()) if hit is not None and left else None
        self._dragging = False

    def moved(self, view: ScheduleView, event: QMouseEvent) -> None:
        """A press that has moved far enough becomes a drag."""
        press = self._press
        if press is not None and not self._dragging:
            moved = (event.position().toPoint() - press[1]).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._dragging = True
                view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def released(self, view: ScheduleView, event: QMouseEvent) -> None:
        """A drag let go over a new worker or time asks for the session to move there."""
        press, dragging = self._press, self._dragging
        self._press, self._dragging = None, False
        view.viewport().unsetCursor()
        if press is not None and dragging:
            slot = drop_at(view.scene, press[0], press[1], event.position().toPoint())
            if slot is not None:
                view.session_dropped.emit(press[0].id, slot[0], slot[1])

    def double_clicked(self, view: ScheduleView, event: QMouseEvent) -> None:
        """Open the block double-clicked, or ask for a booking in the empty slot."""
        pos = event.position().toPoint()
        hit = block_under(view.scene, pos)
        if hit is not None:
            view.select(hit.id, ensure_visible=False)
            view.session_activated.emit(hit.id)
            return
        slot = slot_at(view.scene, pos)
        if slot is not None:
            view.slot_activated.emit(slot[0], slot[1])

    def context_menu(self, view: ScheduleView, event: QContextMenuEvent) -> None:
        """The menu of the block under the mouse, or (from the keyboard) of the selected one."""
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            hit = block_under(view.scene, event.pos())
            if hit is None:
                return
            view.select(hit.id, ensure_visible=False)
            view.context_menu_requested.emit(hit.id, event.globalPos())
            return
        view.menu_for_block(view.selected_id)

    def tabbed(self, view: ScheduleView, forward: bool) -> bool:
        """Tab and Shift+Tab go from session to session in time order (from none selected,
        to the first or the last); past the end, or after Escape let go, they move on (False).
        Qt also asks when it hides the view while it has the focus (as when the start's first
        week moves into the main window): that moves the focus on and selects nothing."""
        if view.hasFocus() and view.isVisible() and not self.let_go:
            target = view.accessible_tree.step(view.selected_id, forward)
            if target is not None:
                view.select(target)
                return True
        self.let_go = False
        return False

    def key_pressed(self, view: ScheduleView, event: QKeyEvent) -> bool:
        """The arrows, Return, Shift+F10 and Escape; False for a key left to Qt."""
        key = Qt.Key(event.key())
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in ARROWS:
            self._move(view, ARROWS[key])
            return True
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and view.selected_id:
            view.session_activated.emit(view.selected_id)
            return True
        mods = event.modifiers()
        if key == Qt.Key.Key_F10 and mods == Qt.KeyboardModifier.ShiftModifier:
            view.menu_for_block(view.selected_id)
            return True
        if plain and key == Qt.Key.Key_Escape and view.selected_id:
            view.select(0)
            self.let_go = True  # the next Tab leaves the schedule
            return True
        return False

    def _move(self, view: ScheduleView, direction: str) -> None:
        layout = view.scene.layout
        selected = view.selected_id
        if not selected or selected not in layout.by_id:
            first = next((r.laid[0] for r in layout.rows if r.laid), None)
            if first is not None:
                view.select(first.block.id)
            return
        target = neighbour(layout, selected, direction)
        if target is not None:
            view.select(target)

    def tooltip(self, view: ScheduleView, event: QHelpEvent) -> None:
        """A block's details, the frame's words in full, or no tooltip."""
        hit = block_under(view.scene, event.pos())
        tip = (
            text.tooltip_html(hit, view.tz, view.now) if hit else frame_tip(view.scene, event.pos())
        )
        if not tip:
            QToolTip.hideText()
            event.ignore()
        else:
            QToolTip.showText(event.globalPos(), tip, view.viewport())


def neighbour(layout: Layout, block_id: int, key: str) -> int | None:
    """The session an arrow key moves to: along the row (Left/Right) or to the next row."""
    laid = layout.by_id.get(block_id)
    if laid is None:
        return None
    if key in ("left", "right"):
        group = sorted(layout.rows[laid.row].laid, key=lambda b: (b.block.starts_at, b.block.id))
        i = group.index(laid) + (1 if key == "right" else -1)
        return group[i].block.id if 0 <= i < len(group) else None
    step = 1 if key == "down" else -1
    r = laid.row + step
    while 0 <= r < len(layout.rows):
        candidates = layout.rows[r].laid
        if candidates:
            target = laid.block.starts_at
            best = min(candidates, key=lambda b: abs((b.block.starts_at - target).total_seconds()))
            return best.block.id
        r += step
    return None
