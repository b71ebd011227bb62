"""What a new layout of the same range changed on screen: only those blocks are painted again.

Another desk's change patches a session or two into the week; laid out again, every other
block keeps its place, so the region to paint is the changed blocks (where they were and where
they are) and their rows' cells in the worker column, whose counts they make. The new scene
takes over the old one's per-block caches for the blocks that did not change.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QRegion

from app.ui.schedule.layout import Laid, Layout
from app.ui.schedule.scene import Scene

# Beyond a block's rectangle: its selection outline (2 px wide) drawn on its edge.
MARGIN = 2


def changed_region(old: Scene, new: Scene) -> QRegion | None:
    """The viewport region to paint again (empty: nothing changed), or None: paint it all."""
    if not _same_frame(old, new):
        return None
    before, after = old.layout.by_id, new.layout.by_id
    changed = [i for i in before.keys() | after.keys() if _differs(before.get(i), after.get(i))]
    if len(changed) > len(after) // 4 + 8:
        return None  # most of the week: one paint of it all
    _carry_caches(old, new, set(changed))
    region = QRegion()
    rows: set[int] = set()
    for i in changed:
        for laid in (before.get(i), after.get(i)):
            if laid is not None:
                region += _on_screen(new, laid.rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
                rows.add(laid.row)
    for index in rows:
        row = new.layout.rows[index]
        cell = QRectF(-new.left, row.top, new.left, row.height)
        region += _on_screen(new, cell, scrolled_x=False)
    return region


def _same_frame(old: Scene, new: Scene) -> bool:
    """Everything but the blocks is where it was: rows, columns, scroll, time, fonts, colours."""
    a, b = old.layout, new.layout
    return (
        (old.now, old.left, old.header, old.dx, old.dy)
        == (new.now, new.left, new.header, new.dx, new.dy)
        and (old.selected, old.needle) == (new.selected, new.needle)
        and old.palette == new.palette
        and old.fonts == new.fonts
        and _same_grid(a, b)
    )


def _same_grid(a: Layout, b: Layout) -> bool:
    return (
        (a.mode, a.days, a.tz, a.metrics, a.compact) == (b.mode, b.days, b.tz, b.metrics, b.compact)
        and (a.col_lefts, a.col_width, a.first_hour) == (b.col_lefts, b.col_width, b.first_hour)
        and (a.width, a.height) == (b.width, b.height)
        and [(r.worker, r.top, r.height) for r in a.rows]
        == [(r.worker, r.top, r.height) for r in b.rows]
    )


def _differs(a: Laid | None, b: Laid | None) -> bool:
    if a is None or b is None:
        return True
    return (a.block, a.x, a.y, a.width, a.height, a.row) != (
        b.block,
        b.x,
        b.y,
        b.width,
        b.height,
        b.row,
    )


def _carry_caches(old: Scene, new: Scene, changed: set[int]) -> None:
    """The unchanged blocks' styles, texts and search matches, as the old scene worked them out."""
    new.styles.update((i, s) for i, s in old.styles.items() if i not in changed)
    new.matched.update((i, m) for i, m in old.matched.items() if i not in changed)
    new.elided.update((k, t) for k, t in old.elided.items() if k[0] not in changed)


def _on_screen(scene: Scene, rect: QRectF, *, scrolled_x: bool = True) -> QRegion:
    """A body rectangle in the viewport's coordinates (the worker column scrolls only down)."""
    dx = scene.left - scene.dx if scrolled_x else scene.left
    return QRegion(rect.translated(dx, scene.header - scene.dy).toAlignedRect())
