"""The live schedule: a painted scroll area with frozen header and worker column."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from app.services.schedule.dto import ScheduleSnapshot, SessionBlock, WorkerRow
from app.ui import qt_compat
from app.ui.i18n import tr
from app.ui.schedule import accessible, geometry, interaction, measure, painter, repaint, text
from app.ui.schedule import layout as lay
from app.ui.schedule.range import ViewMode
from app.ui.schedule.scene import Fonts, Scene
from app.ui.schedule.style import BlockStyle, block_style


class ScheduleView(QAbstractScrollArea):
    """Workers as rows; time (day) or days (week) across; sessions as painted blocks."""

    session_selected = Signal(int)  # 0 when nothing is selected
    session_activated = Signal(int)  # double-click or Return
    context_menu_requested = Signal(int, QPoint)  # session, global position
    slot_activated = Signal(int, object)  # worker id, local start: double-click on an empty slot
    session_dropped = Signal(int, int, object)  # session, worker id, new local start: a drag

    def __init__(self, tz: ZoneInfo, now: datetime, parent: QWidget | None = None) -> None:
        qt_compat.protect_none()  # painting makes thousands of Qt calls; see qt_compat
        accessible.install()  # before Qt first asks for the view's accessible interface
        super().__init__(parent)
        self.tz = tz
        self._now = now
        self._mode = ViewMode.WEEK
        self._days: list[date] = [now.astimezone(tz).date()]
        self._workers: tuple[WorkerRow, ...] = ()
        self._blocks: tuple[SessionBlock, ...] = ()
        self._by_id: dict[int, SessionBlock] = {}
        self._filter: set[int] | None = None
        self._needle = ""
        self._selected = 0
        self._input = interaction.Interaction()  # the mouse's and the keyboard's answers
        self.paints = 0  # paint count and last exposed rectangle, for tests and benchmarks
        self.layouts = 0  # how many times the blocks were laid out (tests)
        self.last_exposed = QRect()
        self._measured: measure.Measured | None = None
        # The week shown before: its blocks, layout and caches are let go once the new week is
        # painted (freeing a week's thousands of objects is not work the user waits for).
        self._retired: list[object] = []
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(0)
        self._release.timeout.connect(self._retired.clear)
        self.setObjectName("scheduleView")
        self.setAccessibleName(tr("schedule", "Schedule"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        # A viewport made from Python: the one Qt makes has no Python wrapper yet, and PySide6
        # finds its type the first time by initialising every QWidget subclass it knows (~18 ms
        # of the start, ahead of the first paint).
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        self.setViewport(viewport)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # we fill every pixel
        self._current = self._new_scene()
        self._stale = False  # the blocks wait to be laid out (see _relayout)
        # Screen readers: each session an item of the view's accessible list (accessible.py).
        self.accessible_tree = accessible.BlockTree(self)
        self._empty_hint = self._make_empty_hint()

    def _make_empty_hint(self) -> QLabel:
        """What a practice with no workers yet sees in place of the rows: what to do first."""
        said = tr("schedule", "No workers yet. Add them in Practice ▸ Workers… (or from the "
                              "Set up your practice checklist): each worker gets a row here, "
                              "and the sessions you book show on it.")  # fmt: skip
        hint = QLabel(said, self.viewport())
        hint.setObjectName("emptyScheduleHint")
        hint.setAccessibleName(said)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # On a plain card of its own: the day columns' lines never run through the words.
        hint.setAutoFillBackground(True)
        hint.setBackgroundRole(QPalette.ColorRole.Base)
        hint.setMargin(12)
        hint.hide()
        return hint

    def _place_empty_hint(self) -> None:
        """Shown, in the middle of the rows' area, while the practice has no worker at all."""
        hint = self._empty_hint
        hint.setVisible(not self._workers)
        if hint.isHidden():
            return
        area = self.viewport().rect()
        width = max(120, min(area.width() - 40, 420))
        height = hint.heightForWidth(width)
        hint.setGeometry(
            (area.width() - width) // 2, max(0, (area.height() - height) // 2), width, height
        )

    # -- data in ---------------------------------------------------------------------------

    def set_snapshot(self, snapshot: ScheduleSnapshot, mode: ViewMode, days: list[date]) -> None:
        """New data for the range; the selection and scroll position survive when they can."""
        self._retire(self._blocks, self._by_id)
        self._blocks = snapshot.blocks
        self._by_id = {b.id: b for b in snapshot.blocks}
        self._workers = snapshot.workers
        changed_range = (mode, days) != (self._mode, self._days)
        self._mode, self._days = mode, days
        if self._selected not in self._by_id:
            self._set_selected(0)
        self._relayout(keep=not changed_range)
        if changed_range:
            self.horizontalScrollBar().setValue(0)
        self._place_empty_hint()

    def set_worker_filter(self, worker_ids: set[int] | None, *, relayout: bool = True) -> None:
        """Show only these workers' rows (None: everyone); `relayout=False` when new data
        follows at once (its layout takes the filter in)."""
        self._filter = worker_ids
        if relayout:
            self._relayout()

    def set_search(self, needle: str) -> None:
        """Fade the sessions that do not match."""
        self._needle = needle.strip()
        self._current.needle = self._needle  # (a scene laid out later takes the view's)
        self._current.matched.clear()
        self.viewport().update()

    def set_now(self, now: datetime) -> None:
        """Move the current-time mark; styles that depend on it follow. A week whose day and
        chips the new time leaves as they were (no session started in between) looks the same:
        nothing is painted again."""
        before = self._now
        self._now = self._current.now = now
        if self._mode == ViewMode.WEEK and self._looks_alike(before, now):
            return
        self._current.styles.clear()
        self.viewport().update()

    def _looks_alike(self, a: datetime, b: datetime) -> bool:
        """Whether the week shows the times alike: the same day, no session starting between."""
        if a == b:
            return True
        if a.astimezone(self.tz).date() != b.astimezone(self.tz).date():
            return False
        lo, hi = min(a, b), max(a, b)
        return not any(lo <= block.starts_at <= hi for block in self._blocks)

    def refresh_style(self) -> None:
        """Palette or font changed: recompute metrics, styles and layout."""
        self._relayout()

    # -- data out --------------------------------------------------------------------------

    @property
    def mode(self) -> ViewMode:
        """Day or week."""
        return self._mode

    @property
    def days(self) -> list[date]:
        """The local days shown."""
        return list(self._days)

    @property
    def now(self) -> datetime:
        """The current time the styles and statuses are judged by."""
        return self._now

    @property
    def selected_id(self) -> int:
        """The selected session, or 0."""
        return self._selected

    @property
    def layout_(self) -> lay.Layout:
        """The current geometry (read-only; tests and navigation)."""
        return self.scene.layout

    def block(self, session_id: int) -> SessionBlock | None:
        """The loaded block of a session, if shown."""
        return self._by_id.get(session_id)

    def blocks(self) -> tuple[SessionBlock, ...]:
        """Every loaded block of the range (including filtered-out workers)."""
        return self._blocks

    def visible_workers(self) -> list[WorkerRow]:
        """The rows shown, after the worker filter."""
        return [w for w in self._workers if self._filter is None or w.id in self._filter]

    def matches(self) -> list[int]:
        """Shown sessions matching the search, in row then time order."""
        if not self._needle:
            return []
        rows = self.scene.layout.rows
        found = [b for r in rows for b in sorted(r.laid, key=lambda b: b.block.starts_at)]
        return [b.block.id for b in found if text.matches(b.block, self._needle)]

    def style_for(self, session_id: int) -> BlockStyle | None:
        """How a loaded session is drawn now."""
        b = self._by_id.get(session_id)
        return None if b is None else block_style(b, self._now, self.palette())

    def block_rect(self, session_id: int) -> QRect | None:
        """Where a session is drawn, in viewport coordinates (None when not laid out)."""
        return geometry.block_rect(self.scene, session_id)

    def is_block_in_view(self, session_id: int) -> bool:
        """Whether any of the session's block shows between the header and the worker column."""
        return geometry.is_block_in_view(self, self.scene, session_id)

    def block_at(self, pos: QPoint) -> int:
        """The session drawn at a viewport position, or 0."""
        hit = geometry.block_under(self.scene, pos)
        return hit.id if hit else 0

    def drawn_text(self, session_id: int) -> list[str]:
        """The words last painted on a session's block, line by line (empty until painted)."""
        found = [(k[1], v) for k, v in self.scene.elided.items() if k[0] == session_id]
        return [words for _slot, words in sorted(found)]

    # -- selection -------------------------------------------------------------------------

    def select(self, session_id: int, *, ensure_visible: bool = True, notify: bool = True) -> None:
        """Select a shown session (0 or one not shown clears); `notify` emits session_selected."""
        self._set_selected(session_id if session_id in self._by_id else 0, notify)
        if ensure_visible and self._selected:
            self.ensure_visible(self._selected)

    def _set_selected(self, session_id: int, notify: bool = True) -> None:
        if session_id == self._selected:
            return
        self._selected = self._current.selected = session_id
        self._input.let_go = False
        block = self._by_id.get(session_id)
        self.setAccessibleDescription(
            text.copy_text(block, self.tz, self._now).replace("\n", "; ") if block else ""
        )
        self.viewport().update()
        self.accessible_tree.focus_moved()
        if notify:
            self.session_selected.emit(session_id)

    def ensure_visible(self, session_id: int) -> None:
        """Scroll so the session's block is in view."""
        geometry.ensure_visible(self, self.scene, session_id)

    # -- layout ----------------------------------------------------------------------------

    def _metrics(self) -> tuple[Fonts, lay.Metrics]:
        """The fonts and sizes, measured again only when the font or the names change."""
        self._measured = measure.measure(self.font(), self._workers, self._measured)
        return self._measured[1], self._measured[2]

    def _new_scene(self) -> Scene:
        fonts, m = self._metrics()
        left, header = measure.frame_size(m)
        empty = lay.build(self._mode, self._days, self.tz, [], [], m, 100.0)
        return Scene(
            empty,
            self.palette(),
            fonts,
            self._now,
            left,
            header,
            selected=self._selected,
            needle=self._needle,
        )

    @property
    def scene(self) -> Scene:
        """What is painted: the blocks laid out for the view's size and data as they are now."""
        if self._stale:
            self._lay_out()
        return self._current

    def _relayout(self, *, keep: bool = False) -> None:
        """Lay the blocks out again.

        New data for the same range (`keep`) is laid out at once, so that only the blocks that
        changed are painted again when everything else kept its place. Anything else (another
        range, a new width, a filter, a font) repaints the whole view, so its layout waits for
        that paint, or for whatever asks for the layout first: the sizes a window goes through
        as it opens maximised, or as it is dragged wider, are laid out once, at the size that is
        painted.
        """
        if keep and not self._stale:
            self._lay_out(keep=True)
        else:
            self._stale = True
            self.viewport().update()
            self.accessible_tree.forget()

    def _lay_out(self, *, keep: bool = False, painting: bool = False) -> None:
        """_relayout's work, now; `painting`: within a paint of the whole view."""
        self._stale = False
        self.layouts += 1
        previous = self._current
        scene = self._new_scene()
        width = self.viewport().width() - scene.left
        height = self.viewport().height() - scene.header
        scene.layout = lay.build(
            self._mode,
            self._days,
            self.tz,
            self.visible_workers(),
            self._blocks,
            scene.layout.metrics,
            width,
            height,
            # A week block's texts in its font, each measured once (and again by the painter).
            scene.fonts.advances(scene.fonts.small).__getitem__,
        )
        self._retire(previous)
        self._current = scene
        geometry.fit_scroll_bars(self, scene)
        dirty = repaint.changed_region(previous, scene) if keep else None
        if dirty is None and not painting:  # (a paint under way covers the whole view)
            self.viewport().update()
        elif dirty is not None and not dirty.isEmpty():
            self.viewport().update(dirty)
        self.accessible_tree.changed()

    def _retire(self, *old: object) -> None:
        """Keep what the view no longer shows until the event loop is idle again."""
        self._retired.extend(old)
        if not self._release.isActive():
            self._release.start()

    # -- Qt events -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.paints += 1
        self.last_exposed = event.rect()
        if self._stale:
            whole = event.rect().contains(self.viewport().rect())
            self._lay_out(painting=whole)  # else the rest of the view is painted again after
        p = QPainter(self.viewport())
        try:
            painter.paint(self.scene, p, QRectF(event.rect()), QRectF(self.viewport().rect()))
        finally:
            p.end()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        geometry.scroll_contents(self, self.scene, dx, dy)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_empty_hint()
        resized = event.size().width() != event.oldSize().width()
        if resized or (self._mode == ViewMode.DAY and event.size() != event.oldSize()):
            self._relayout()
        elif not self._stale:  # (a layout to come sets the scroll bars)
            geometry.fit_scroll_bars(self, self.scene)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._relayout()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._input.pressed(self, event)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._input.moved(self, event)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._input.released(self, event)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._input.double_clicked(self, event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self._input.context_menu(self, event)

    def open_block(self, session_id: int) -> None:
        """Open a shown session as Return or a double-click does."""
        if session_id in self._by_id:
            self.select(session_id)
            self.session_activated.emit(session_id)

    def menu_for_block(self, session_id: int) -> None:
        """A shown session's context menu, at its block (the Menu key, Shift+F10)."""
        if session_id not in self._by_id:
            return
        self.select(session_id)
        rect = self.block_rect(session_id)
        if rect is not None:
            self.context_menu_requested.emit(session_id, self.viewport().mapToGlobal(rect.center()))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802
        """Tab and Shift+Tab step through the sessions first (Interaction.tabbed)."""
        return self._input.tabbed(self, next) or super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._input.let_go = False
        self.accessible_tree.focus_moved()  # a screen reader says the selected session

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._input.key_pressed(self, event):
            super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._input.tooltip(self, event)
            return True
        return super().viewportEvent(event)
