"""Where the schedule's layout meets its view's viewport: the session block, worker slot or drop
target under a viewport position, the frozen header's and worker column's words in full there,
where a block is drawn and whether it shows, and the scrolling (the scroll bars' ranges and
steps, a block scrolled into view, the painted pixels moved as the view scrolls). The header
stays put as the view scrolls down, the worker column as it scrolls across; the body between
them is the laid-out schedule, offset by the scroll bars.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, time

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea

from app.i18n import when_text
from app.services.schedule.dto import SessionBlock
from app.ui.schedule import frame
from app.ui.schedule.range import ViewMode
from app.ui.schedule.scene import Scene


def block_under(scene: Scene, pos: QPoint) -> SessionBlock | None:
    """The session drawn at a viewport position (None over the header or the worker column)."""
    s = scene
    if pos.x() < s.left or pos.y() < s.header:
        return None
    laid = s.layout.at(pos.x() - s.left + s.dx, pos.y() - s.header + s.dy)
    return laid.block if laid else None


def frame_tip(scene: Scene, pos: QPoint) -> str:
    """The header's and worker column's words in full: a day's date, or a worker's name
    with their sessions and cancellations (both may be shortened to fit)."""
    s = scene
    if pos.y() < s.header and pos.x() >= s.left and s.layout.mode == ViewMode.WEEK:
        x = pos.x() - s.left + s.dx
        column = bisect_right(s.layout.col_lefts, x) - 1
        if 0 <= column < len(s.layout.days) and x < s.layout.width:
            return when_text(s.layout.days[column], "%A %d %B %Y")
    if pos.x() < s.left and pos.y() >= s.header:
        row = s.layout.row_at(pos.y() - s.header + s.dy)
        if row is not None:
            found = s.layout.rows[row]
            return f"{found.worker.name}\n{frame.summary(found.laid)}"
    return ""


def slot_at(scene: Scene, pos: QPoint, keep: time | None = None) -> tuple[int, datetime] | None:
    """The worker and start under a viewport position (None outside the body)."""
    s = scene
    if pos.x() < s.left or pos.y() < s.header:
        return None
    return s.layout.slot_at(pos.x() - s.left + s.dx, pos.y() - s.header + s.dy, keep)


def drop_at(
    scene: Scene, block: SessionBlock, grabbed: QPoint, dropped: QPoint
) -> tuple[int, datetime] | None:
    """The worker and start a block dragged from `grabbed` to `dropped` (viewport positions)
    lands on; None outside the body or back where it was."""
    s = scene
    if dropped.x() < s.left or dropped.y() < s.header:
        return None
    travelled = dropped.x() - grabbed.x()
    return s.layout.drop_at(
        block, travelled, dropped.x() - s.left + s.dx, dropped.y() - s.header + s.dy
    )


def block_rect(scene: Scene, session_id: int) -> QRect | None:
    """Where a session is drawn, in viewport coordinates (None when not laid out)."""
    laid = scene.layout.by_id.get(session_id)
    if laid is None:
        return None
    offset = (scene.left - scene.dx, scene.header - scene.dy)
    return laid.rect.translated(*offset).toAlignedRect()


def is_block_in_view(view: QAbstractScrollArea, scene: Scene, session_id: int) -> bool:
    """Whether any of the session's block shows between the header and the worker column."""
    rect = block_rect(scene, session_id)
    s = scene
    vp = view.viewport()
    body = QRect(int(s.left), int(s.header), vp.width() - int(s.left), vp.height() - int(s.header))
    return rect is not None and rect.intersects(body)


def ensure_visible(view: QAbstractScrollArea, scene: Scene, session_id: int) -> None:
    """Scroll so the session's block is in view."""
    laid = scene.layout.by_id.get(session_id)
    if laid is None:
        return
    body_w = view.viewport().width() - scene.left
    body_h = view.viewport().height() - scene.header
    for bar, lo, hi, size in (
        (view.horizontalScrollBar(), laid.rect.left(), laid.rect.right(), body_w),
        (view.verticalScrollBar(), laid.rect.top(), laid.rect.bottom(), body_h),
    ):
        if lo < bar.value():
            bar.setValue(int(lo) - 8)
        elif hi > bar.value() + size:
            bar.setValue(int(min(lo - 8, hi - size + 8)))


def fit_scroll_bars(view: QAbstractScrollArea, scene: Scene) -> None:
    """The scroll bars' ranges and steps for the scene's layout; the scene takes their values."""
    s = scene
    body_w = int(view.viewport().width() - s.left)
    body_h = int(view.viewport().height() - s.header)
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    h.setRange(0, max(0, int(s.layout.width - body_w)))
    h.setPageStep(max(1, body_w))
    h.setSingleStep(max(1, int(s.layout.metrics.char * 4)))
    v.setRange(0, max(0, int(s.layout.height - body_h)))
    v.setPageStep(max(1, body_h))
    v.setSingleStep(max(1, int(s.layout.metrics.line * 2)))
    s.dx, s.dy = h.value(), v.value()


def scroll_contents(view: QAbstractScrollArea, scene: Scene, dx: int, dy: int) -> None:
    """Move the painted pixels and repaint only the strip that scrolled into view."""
    s, vp = scene, view.viewport()
    s.dx = view.horizontalScrollBar().value()
    s.dy = view.verticalScrollBar().value()
    if dx and dy:
        vp.update()
    elif dy:  # the header stays; the worker column and the body move
        vp.scroll(0, dy, QRect(0, int(s.header), vp.width(), vp.height() - int(s.header)))
    elif dx:  # the worker column stays; the header and the body move
        vp.scroll(dx, 0, QRect(int(s.left), 0, vp.width() - int(s.left), vp.height()))
