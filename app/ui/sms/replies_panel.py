"""The Replies queue: clients' text replies that need a person, and the recent changes replies made
by themselves (which staff can undo). A dock beside the outbox, a status-bar badge with the count
and Tools ▸ Text replies…; every read and write through the window's `Ops`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.i18n import when_text
from app.services.dto import CancelResult, ChangeSet
from app.services.sms import reply_queue
from app.services.sms.reply_queue import CancelTarget, ReplyRow, UndoCheck
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.messages import Destructive, ask_destructive, say_result
from app.ui.models.table import (
    ROW_ROLE,
    SORT_ROLE,
    Column,
    DtoTableModel,
    SortProxy,
    with_table_rows,
)
from app.ui.ops import Ops
from app.ui.sessions.cancel_wizard import CancelPreset

BADGE_STYLE = (
    "QToolButton { color: #0b3050; background: #bfe0ff; border-radius: 8px; "
    "padding: 1px 8px; font-weight: bold; }"
)
OUTCOME_TEXT = {
    "queued": QT_TRANSLATE_NOOP("replies", "Needs you"),
    "cancelled": QT_TRANSLATE_NOOP("replies", "Cancelled by text"),
    "confirmed": QT_TRANSLATE_NOOP("replies", "Confirmed by text"),
    "accepted": QT_TRANSLATE_NOOP("replies", "Booked from an offer"),
    "opted_out": QT_TRANSLATE_NOOP("replies", "Opted out of texts"),
    "opted_in": QT_TRANSLATE_NOOP("replies", "Texts back on"),
}
HINT = QT_TRANSLATE_NOOP(
    "replies",
    "Text replies the desk could not act on by itself, then the last week's automatic changes. "
    "Open the booking, cancel it with the cancel wizard (the reply's time is the notice), mark "
    "the reply handled, or undo what a reply did by itself.",
)
MESSAGE = 3  # the column of the reply's text
# Changes after which the queue may look different.
TOPICS = frozenset({"replies", "cancel", "undo", "confirm", "offers", "clients"})


class CancelsForReplies(Protocol):
    """What the queue needs of the session dialogs: the cancel wizard, filled in."""

    def cancel_for_reply(
        self, session_id: int, preset: CancelPreset, done: Callable[[CancelResult], object]
    ) -> None: ...


@dataclass(frozen=True)
class RepliesSnapshot:
    rows: list[ReplyRow]
    queued: int


def _read(uow: Any) -> RepliesSnapshot:
    return RepliesSnapshot(reply_queue.list_replies(uow), reply_queue.queued_count(uow))


def columns(tz: Callable[[], ZoneInfo]) -> list[Column[ReplyRow]]:
    def when(moment: datetime) -> str:
        return when_text(moment.astimezone(tz()), "%a %d %b %H:%M")

    def col(title: str, text: Callable[[ReplyRow], str], sort: Any = None,
            tip: bool = False) -> Column[ReplyRow]:  # fmt: skip
        return Column(tr("replies", title), text, sort, text if tip else None, False)

    return [
        col(
            QT_TRANSLATE_NOOP("replies", "Received"),
            lambda r: when(r.received_at),
            lambda r: r.received_at,
        ),
        col(QT_TRANSLATE_NOOP("replies", "Number"), lambda r: r.from_number),
        col(QT_TRANSLATE_NOOP("replies", "Client"), lambda r: r.client_name or "—"),
        col(QT_TRANSLATE_NOOP("replies", "Message"), lambda r: r.body, tip=True),
        col(
            QT_TRANSLATE_NOOP("replies", "Status"),
            lambda r: tr("replies", OUTCOME_TEXT.get(r.outcome, r.outcome)),
        ),
        col(QT_TRANSLATE_NOOP("replies", "Note"), lambda r: r.note, tip=True),
    ]


class RepliesView(QWidget):
    """The table and its four buttons; each button says what it does to the selected reply."""

    open_requested = Signal(int)  # session id
    cancel_requested = Signal(int)  # reply id
    handled_requested = Signal(int)
    undo_requested = Signal(int)

    SHOWN_ROWS = 4  # the replies the panel asks room for under the schedule

    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.setObjectName("repliesView")
        self.model: DtoTableModel[ReplyRow] = DtoTableModel(columns(lambda: self.tz), self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("repliesTable")
        self.table.setAccessibleName(tr("replies", "Text replies"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        # On a short screen, as short as its header and a row (it scrolls): the hint keeps its lines.
        self.table.setMinimumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().defaultSectionSize()
        )
        self.hint = hint = QLabel(tr("replies", HINT), self)
        hint.setWordWrap(True)
        self.open_button = QPushButton(tr("replies", "&Open booking"), self)
        self.cancel_button = QPushButton(tr("replies", "&Cancel booking…"), self)
        self.handled_button = QPushButton(tr("replies", "&Mark handled"), self)
        self.undo_button = QPushButton(tr("replies", "&Undo"), self)
        # The chosen reply whole, however long: the table's cell shows its start.
        self.reading = QLabel(self)
        self.reading.setObjectName("repliesReading")
        self.reading.setAccessibleName(tr("replies", "Chosen reply"))
        self.reading.setWordWrap(True)
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reading.hide()
        self.error = QLabel(self)
        self.error.setObjectName("repliesError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a8071a;")
        self.error.hide()
        buttons = QHBoxLayout()
        for b in (self.open_button, self.cancel_button, self.handled_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reading)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _i: self._emit(self.open_requested, session=True))
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested, session=True))
        self.cancel_button.clicked.connect(lambda: self._emit(self.cancel_requested))
        self.handled_button.clicked.connect(lambda: self._emit(self.handled_requested))
        self.undo_button.clicked.connect(lambda: self._emit(self.undo_requested))

    def sizeHint(self) -> QSize:  # noqa: N802
        return with_table_rows(self, self.table, self.SHOWN_ROWS)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """The hint keeps every line at its new width: a dock gives its contents their least
        height, which for wrapped text Qt works out at another width."""
        super().resizeEvent(event)
        self.hint.setMinimumHeight(self.hint.heightForWidth(self.hint.width()))

    def set_rows(self, rows: list[ReplyRow]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        # A long message keeps to a third of the table, so its status and note stay in sight:
        # the line under the table reads it whole.
        widest = max(240, self.table.viewport().width() // 3)
        if self.table.columnWidth(MESSAGE) > widest:
            self.table.setColumnWidth(MESSAGE, widest)
        if chosen is not None:
            self.select_reply(chosen.id)
        self._on_selection()

    def selected(self) -> ReplyRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def select_reply(self, reply_id: int) -> bool:
        for i in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(i, 0), ROW_ROLE).id == reply_id:
                self.table.selectRow(i)
                return True
        return False

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _on_selection(self, *_args: object) -> None:
        row = self.selected()
        self.reading.setVisible(row is not None)
        if row is not None:
            who = row.client_name or row.from_number
            when = when_text(row.received_at.astimezone(self.tz), "%a %d %b %H:%M")
            self.reading.setText(
                tr("replies", "{who}, {when}: {body}").format(who=who, when=when, body=row.body)
            )
        queued = row is not None and row.outcome == "queued"
        self.open_button.setEnabled(row is not None and row.session_id is not None)
        self.cancel_button.setEnabled(queued and row is not None and row.booking_id is not None)
        self.handled_button.setEnabled(queued)
        self.undo_button.setEnabled(row is not None and row.can_undo)

    def _emit(self, signal: Any, *, session: bool = False) -> None:
        row = self.selected()
        if row is None:
            return
        self.show_error("")
        if session:
            if row.session_id is not None:
                signal.emit(row.session_id)
            return
        signal.emit(row.id)


class RepliesBadge(QToolButton):
    """Hidden while no reply waits; otherwise the count. A click opens the queue."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self.setObjectName("repliesBadge")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(BADGE_STYLE)
        self.setAccessibleName(tr("replies", "Text replies waiting"))
        self.clicked.connect(self.open_requested)
        self.hide()

    def count(self) -> int:
        return self._count

    def set_count(self, count: int) -> None:
        self._count = count
        self.setText(tr("replies", "✉ Replies: %n", "", count))
        tip = tr("replies", "%n text reply(s) need a person. Click to open them.", "", count)
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self.setVisible(count > 0)


class RepliesPanel(QObject):
    """Owns the queue's dock, badge and menu entry, and runs their actions through `Ops`."""

    def __init__(
        self,
        window: QMainWindow,
        ops: Ops,
        menu: QMenu,
        dialogs: CancelsForReplies | None,
        open_session: Callable[[int], object],
    ) -> None:
        super().__init__(window)
        self.window, self.ops, self.dialogs, self.open_session = window, ops, dialogs, open_session
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(window, q)
        zone = getattr(window, "tz", None)
        self.view = RepliesView(zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC"), window)
        self.dock = QDockWidget(tr("replies", "Text replies"), window)
        self.dock.setObjectName("repliesDock")
        self.dock.setAccessibleName(tr("replies", "Text replies"))
        self.dock.setWidget(self.view)
        if not window.restoreDockWidget(self.dock):
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            self.dock.hide()
        self.badge = RepliesBadge(window)
        window.statusBar().addPermanentWidget(self.badge)
        self.action = QAction(tr("replies", "Text &replies…"), window)
        self.action.setObjectName("repliesAction")
        menu.addAction(self.action)
        self.action.triggered.connect(lambda _checked=False: self.open_queue())
        self.badge.open_requested.connect(self.open_queue)
        self.view.open_requested.connect(self.open_session)
        self.view.cancel_requested.connect(self.cancel_booking)
        self.view.handled_requested.connect(self.mark_handled)
        self.view.undo_requested.connect(self.undo)
        self.dock.visibilityChanged.connect(self._on_dock_visibility)

    def _on_dock_visibility(self, shown: bool) -> None:
        if shown:
            self.refresh()

    def refresh(self) -> None:
        self.ops.read(_read, self._on_loaded, lambda exc: self.view.show_error(exc.message))

    def _on_loaded(self, snapshot: RepliesSnapshot) -> None:
        self.view.set_rows(snapshot.rows)
        self.badge.set_count(snapshot.queued)

    def on_changes(self, changes: ChangeSet) -> None:
        """A change fanned out (a reply handled, a booking cancelled or undone): read again."""
        if changes.topics & TOPICS:
            self.refresh()

    def on_tick(self, _report: object = None) -> None:
        """The outbox's background pass ended (replies may have come in, here or at another
        desk): the list when it shows, else the badge's count alone."""
        if self.dock.isVisible():
            self.refresh()
        else:
            self.ops.read(reply_queue.queued_count, self.badge.set_count, lambda _exc: None)

    def open_queue(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()

    # -- actions -----------------------------------------------------------------------------

    def _write(self, fn: Callable[[Any], Any], *, say: bool = False) -> None:
        """One write, then the queue read again; `say`: its sentence on the status bar first."""

        def done(result: object) -> None:
            if say:  # what an undo says, as after Undo cancellation… (a credit owed)
                say_result(self.window, result)
            self.refresh()

        self.ops.write(fn, done, self._refused)

    def _refused(self, exc: FrontDeskError) -> None:
        self.view.show_error(exc.message)

    def mark_handled(self, reply_id: int) -> None:
        self._write(lambda uow: reply_queue.mark_handled(uow, reply_id))

    def undo(self, reply_id: int) -> None:
        """Take back what the reply did, once asked (keeping it is the default); when the freed
        place was taken since, say so instead of asking. A returned class credit spent since is
        said in the question, as the Undo cancellation dialog says it; what the undo says after,
        as that dialog's does."""
        row = self.view.selected()

        def asked(check: UndoCheck) -> None:
            if check.refusal:
                self.view.show_error(check.refusal)
                return
            asked_of = row if row is not None and row.id == reply_id else None
            if asked_of is not None and self.ask(_undo_question(asked_of, check.spent)) is None:
                return
            self._write(lambda uow: reply_queue.undo_reply(uow, reply_id), say=True)

        self.ops.read(lambda uow: reply_queue.undo_check(uow, reply_id), asked, self._refused)

    def cancel_booking(self, reply_id: int) -> None:
        """The cancel wizard for the reply's booking, its notice from the reply's received time;
        once confirmed, the reply is marked handled."""
        if self.dialogs is None:
            self.view.show_error(tr("replies", "Cancelling is not available on this desk."))
            return
        dialogs = self.dialogs

        def opened(target: CancelTarget) -> None:
            preset = CancelPreset(target.booking_id, target.advised_at, target.note)
            dialogs.cancel_for_reply(target.session_id, preset,
                                     lambda _result: self.mark_handled(reply_id))  # fmt: skip

        self.ops.read(lambda uow: reply_queue.cancel_target(uow, reply_id), opened, self._refused)


def _undo_question(row: ReplyRow, spent: tuple[str, ...] = ()) -> Destructive:
    """What undoing a reply takes back, asked before it is done: first, a returned class credit
    spent since (the service's sentences, `UndoCheck.spent`)."""
    who = row.client_name or row.from_number
    if row.outcome == "cancelled":
        return Destructive(
            tr("replies", "Undo the cancellation?"),
            tr("replies", "Book {who} back into the session they cancelled by text?").format(who=who),
            tr("replies", "Undo cancellation"),
            tr("replies", "Keep it cancelled"),
            (*spent, tr("replies", "The charges the cancellation made are removed, and the other system is told.")),
        )  # fmt: skip
    return Destructive(
        tr("replies", "Take back the confirmation?"),
        tr("replies", "Take back {who}'s confirmation by text?").format(who=who),
        tr("replies", "Take back"),
        tr("replies", "Keep it confirmed"),
    )


def install_replies(
    window: QMainWindow,
    ops: Ops,
    menu: QMenu,
    dialogs: CancelsForReplies | None,
    open_session: Callable[[int], object],
) -> RepliesPanel:
    """Add the Replies queue (dock, badge, Tools ▸ Text replies…) and read it once."""
    panel = RepliesPanel(window, ops, menu, dialogs, open_session)
    panel.refresh()
    return panel
