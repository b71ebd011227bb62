"""The schedule's toolbar: Today, previous/next, date, Day/Week, workers, search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStyle,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.services.dto import WorkerRow
from app.ui.dates import Clock, DateTimeField
from app.ui.i18n import tr
from app.ui.schedule.range import ViewMode


class ScheduleToolBar(QToolBar):
    """Navigation and filters; it only emits requests, the main window moves the schedule."""

    today_requested = Signal()
    step_requested = Signal(int)  # -1 previous, +1 next
    date_chosen = Signal(object)  # datetime.date
    mode_chosen = Signal(str)  # a ViewMode value
    workers_changed = Signal(object)  # set of shown worker ids, or None for all
    search_changed = Signal(str)
    search_next_requested = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(tr("toolbar", "Schedule"), parent)
        self.clock = clock  # the practice's: a typed "today" or "fri" is its day
        self.setObjectName("scheduleToolBar")
        self.setAccessibleName(tr("toolbar", "Schedule toolbar"))
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._workers: list[WorkerRow] = []
        self._hidden: set[int] = set()
        self._build_navigation()
        self._build_mode()
        self._build_filters()

    def _action(
        self, text: str, keys: str, tip: str, icon: QStyle.StandardPixmap | None
    ) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            tip = f"{tip} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_navigation(self) -> None:
        sp = QStyle.StandardPixmap
        self.today_action = self._action(
            tr("toolbar", "&Today"), "Ctrl+T", tr("toolbar", "Go to today"), None
        )
        self.prev_action = self._action(
            tr("toolbar", "&Previous"),
            "Alt+Left",
            tr("toolbar", "Previous day or week"),
            sp.SP_ArrowBack,
        )
        self.next_action = self._action(
            tr("toolbar", "&Next"),
            "Alt+Right",
            tr("toolbar", "Next day or week"),
            sp.SP_ArrowForward,
        )
        for a in (self.prev_action, self.next_action):
            self.widgetForAction(a).setAccessibleName(a.iconText())
        self.prev_action.setPriority(QAction.Priority.LowPriority)
        self.next_action.setPriority(QAction.Priority.LowPriority)
        self.date_edit = DateTimeField(self, mode="date", inline_errors=False, now=self.clock)
        self.date_edit.setObjectName("goToDate")
        self.date_edit.setAccessibleName(tr("toolbar", "Go to date"))
        self.date_edit.setToolTip(tr("toolbar", "Go to date"))
        self.addWidget(self.date_edit)
        self.title = QLabel(self)
        self.title.setObjectName("rangeTitle")
        self.title.setAccessibleName(tr("toolbar", "Shown range"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setContentsMargins(12, 0, 12, 0)
        self.addWidget(self.title)
        self.today_action.triggered.connect(self.today_requested)
        self.prev_action.triggered.connect(lambda: self.step_requested.emit(-1))
        self.next_action.triggered.connect(lambda: self.step_requested.emit(1))
        self.date_edit.dateChanged.connect(self._on_date_edit_changed)

    def _build_mode(self) -> None:
        self.addSeparator()
        group = QActionGroup(self)
        group.setExclusive(True)
        self.day_action = self._action(
            tr("toolbar", "&Day"), "Ctrl+1", tr("toolbar", "Day view"), None
        )
        self.week_action = self._action(
            tr("toolbar", "&Week"), "Ctrl+2", tr("toolbar", "Week view"), None
        )
        for action, mode in ((self.day_action, ViewMode.DAY), (self.week_action, ViewMode.WEEK)):
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, m=mode: self.mode_chosen.emit(m.value))
            self.widgetForAction(action).setAccessibleName(action.text().replace("&", ""))

    def _build_filters(self) -> None:
        self.addSeparator()
        self.workers_button = QToolButton(self)
        self.workers_button.setObjectName("workerFilter")
        self.workers_button.setAccessibleName(tr("toolbar", "Worker filter"))
        self.workers_button.setToolTip(tr("toolbar", "Choose which workers' rows are shown"))
        self.workers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.workers_menu = QMenu(self.workers_button)
        self.workers_button.setMenu(self.workers_menu)
        self.addWidget(self.workers_button)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.search = QLineEdit(self)
        self.search.setObjectName("scheduleSearch")
        self.search.setAccessibleName(tr("toolbar", "Search the schedule"))
        self.search.setPlaceholderText(
            tr("toolbar", "Search client, worker, service, #id  (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 38)
        self.addWidget(self.search)
        self.search_action = QAction(tr("toolbar", "&Search"), self)
        self.search_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.search_action.triggered.connect(self.focus_search)  # the window adds it
        self.search.textChanged.connect(self.search_changed)
        self.search.returnPressed.connect(self.search_next_requested)
        self._update_workers_text()

    # -- public ----------------------------------------------------------------------------

    def show_range(self, anchor: date, mode: ViewMode, title: str) -> None:
        """Reflect the window's range without re-emitting."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(anchor.year, anchor.month, anchor.day))
        self.date_edit.blockSignals(False)
        (self.day_action if mode == ViewMode.DAY else self.week_action).setChecked(True)
        self.title.setText(title)

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_workers(self, workers: list[WorkerRow], hidden: set[int]) -> None:
        """The worker list changed (or first load, or a rename): rebuild the menu, keep the
        choice."""
        named = [(w.id, w.name) for w in workers]
        if named == [(w.id, w.name) for w in self._workers] and hidden == self._hidden:
            return
        self._workers, self._hidden = list(workers), set(hidden)
        self.workers_menu.clear()
        every = self.workers_menu.addAction(tr("toolbar", "Show all workers"))
        every.triggered.connect(self._show_all)
        self.workers_menu.addSeparator()
        for w in workers:
            action = self.workers_menu.addAction(w.name)
            action.setCheckable(True)
            action.setChecked(w.id not in self._hidden)
            action.toggled.connect(lambda on, wid=w.id: self._toggle(wid, on))
        self._update_workers_text()

    def shown_workers(self) -> set[int] | None:
        """The worker ids whose rows are shown, or None for every worker."""
        if not self._hidden:
            return None
        return {w.id for w in self._workers if w.id not in self._hidden}

    @property
    def hidden_workers(self) -> set[int]:
        """The worker ids the user unticked (remembered per desk)."""
        return set(self._hidden)

    # -- slots -----------------------------------------------------------------------------

    def _toggle(self, worker_id: int, on: bool) -> None:
        (self._hidden.discard if on else self._hidden.add)(worker_id)
        self._update_workers_text()
        self.workers_changed.emit(self.shown_workers())

    def _show_all(self) -> None:
        self._hidden.clear()
        for action in self.workers_menu.actions():
            if action.isCheckable():
                action.blockSignals(True)
                action.setChecked(True)
                action.blockSignals(False)
        self._update_workers_text()
        self.workers_changed.emit(None)

    def _update_workers_text(self) -> None:
        total = len(self._workers)
        shown = total - len(self._hidden & {w.id for w in self._workers})
        if shown == total:
            self.workers_button.setText(tr("toolbar", "All workers"))
        else:
            self.workers_button.setText(
                tr("toolbar", "{n} of {total} workers").format(n=shown, total=total)
            )

    def _on_date_edit_changed(self, value: QDate) -> None:
        day = value.toPython()
        if isinstance(day, date):
            self.date_chosen.emit(day)
