"""The calendar feed dialog: clients' names on workers' calendars, the CalDAV server, each
worker's calendar, "Send test" and "Publish now". Every read, write and test runs off the GUI
thread through the window's operations."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.services.auth import Permission
from app.services.calendar_feed import settings as feed
from app.services.desk import Desk
from app.services.outbox.dto import DeliveryError
from app.services.reports.ical import NAME_CHOICES
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.screen_fit import free_area
from app.ui.service_dialog import KEEP, ServiceDialog, outcome_line
from app.ui.service_dialog import named as _named


def open_calendar_feed(parent: QWidget, ops: Ops) -> None:
    """Read the saved settings off the GUI thread, then show the dialog (window-modal)."""

    def show(saved: feed.FeedSettings) -> None:
        dialog = CalendarFeedDialog(saved, ops, parent)
        dialog.open()

    ops.read(feed.feed_settings, show)


class CalendarFeedDialog(ServiceDialog):
    """Fills a FeedDraft from its fields; saving, testing and publishing go through `ops`."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.SETTINGS

    test_errors = (FrontDeskError, DeliveryError)

    def __init__(self, saved: feed.FeedSettings, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, tr("calendar", "the calendar feed settings"), parent)
        self.saved = saved
        self.setObjectName("calendarFeedDialog")
        self.setWindowTitle(tr("calendar", "Calendar feed"))
        self.paths: dict[int, QLineEdit] = {}
        self._build_ui()
        self._load_state()
        self.unsaved.mark()
        self._connect_signals()

    # -- building ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        # The two boxes scroll, the result and the buttons stay: at 150 % on a 1366×768
        # screen the boxes alone are taller than the screen.
        body = QWidget(self)
        boxes = QVBoxLayout(body)
        boxes.setContentsMargins(0, 0, 0, 0)
        boxes.addWidget(self._names_box())
        boxes.addWidget(self._feed_box(), 1)
        self.body = QScrollArea(self)
        self.body.setObjectName("calendarFeedBody")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidgetResizable(True)
        self.body.setWidget(body)
        layout.addWidget(self.body, 1)
        self.outcome = outcome_line(self, tr("calendar", "Result"))
        layout.addWidget(self.outcome)
        self.buttons = QDialogButtonBox(self)
        self.publish = self.buttons.addButton(
            tr("calendar", "&Publish now"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.publish.setToolTip(
            tr("calendar", "Send the last week's and the next eight weeks' sessions to the "
                           "calendars (after turning the feed on).")
        )  # fmt: skip
        self.save_button = self.buttons.addButton(
            tr("calendar", "&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)
        # As tall as its contents want (large fonts), never taller than the screen.
        hint = self.sizeHint()
        wanted = hint.height() - self.body.sizeHint().height() + body.sizeHint().height()
        width = max(620, hint.width(), body.sizeHint().width() + layout.spacing() * 4)
        screen = free_area(self)
        tallest = screen.height() - 60 if screen else wanted
        self.resize(width, min(max(600, wanted), tallest))

    def _names_box(self) -> QGroupBox:
        box = QGroupBox(tr("calendar", "On workers' calendars"), self)
        form = QFormLayout(box)
        self.names = QComboBox(box)
        for value, text in NAME_CHOICES.items():
            self.names.addItem(tr("calendar", text), value)
        _named(self.names, tr("calendar", "Clients shown as"))
        form.addRow(tr("calendar", "Clients shown &as"), self.names)
        note = QLabel(
            tr("calendar", "For the exported .ics files and the live feed. Phones and shared "
                           "calendars show these names to anyone who sees the calendar."),
            box,
        )  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)
        return box

    def _feed_box(self) -> QGroupBox:
        box = QGroupBox(tr("calendar", "Live feed (CalDAV: Nextcloud, Radicale, iCloud…)"), self)
        form = QFormLayout(box)
        self.enabled = QCheckBox(
            tr("calendar", "&Publish each worker's schedule to the calendar server"), box
        )
        form.addRow(self.enabled)
        self.base_url = QLineEdit(box)
        self.base_url.setPlaceholderText(
            "https://cloud.example.com/remote.php/dav/calendars/frontdesk/"
        )
        _named(self.base_url, tr("calendar", "Server address"))
        form.addRow(tr("calendar", "Server &address"), self.base_url)
        self.username = QLineEdit(box)
        _named(self.username, tr("calendar", "User name"))
        form.addRow(tr("calendar", "&User name"), self.username)
        self.password = QLineEdit(box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        _named(self.password, tr("calendar", "Password"))
        form.addRow(tr("calendar", "Pass&word"), self.password)
        form.addRow(self._workers_area(box))
        test = QHBoxLayout()
        self.test_worker = QComboBox(box)
        for wid, name in self.saved.workers:
            self.test_worker.addItem(name, wid)
        _named(self.test_worker, tr("calendar", "Test with the calendar of"))
        self.test_button = QPushButton(tr("calendar", "Send &test"), box)
        test.addWidget(self.test_worker, 1)
        test.addWidget(self.test_button)
        form.addRow(tr("calendar", "Test with"), test)
        return box

    def _workers_area(self, parent: QWidget) -> QWidget:
        inner = QWidget(parent)
        form = QFormLayout(inner)
        for wid, name in self.saved.workers:
            edit = QLineEdit(inner)
            edit.setPlaceholderText(f"worker-{wid}")
            _named(edit, tr("calendar", "Calendar of {name}").format(name=name))
            form.addRow(name, edit)
            self.paths[wid] = edit
        if not self.saved.workers:
            form.addRow(QLabel(tr("calendar", "No workers yet."), inner))
        area = QScrollArea(parent)
        area.setWidgetResizable(True)
        area.setWidget(inner)
        area.setMinimumHeight(120)
        holder = QGroupBox(
            tr(
                "calendar", "Each worker's calendar: a folder under the address, or a whole address"
            ),
            parent,
        )
        QVBoxLayout(holder).addWidget(area)
        return holder

    def _load_state(self) -> None:
        d = self.saved.draft
        self.names.setCurrentIndex(max(0, self.names.findData(d.names)))
        self.enabled.setChecked(d.enabled)
        self.base_url.setText(d.base_url)
        self.username.setText(d.username)
        if self.saved.password_saved:
            self.password.setPlaceholderText(tr("dialogs", KEEP))
        for wid, edit in self.paths.items():
            edit.setText(d.paths.get(wid, ""))
        if self.saved.problem:
            self._say(self.saved.problem, False)

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        self.test_button.clicked.connect(self.send_test)
        self.publish.clicked.connect(self.publish_now)

    # -- what it does -----------------------------------------------------------------------

    def draft(self) -> feed.FeedDraft:
        typed = self.password.text()
        return feed.FeedDraft(
            names=str(self.names.currentData()),
            enabled=self.enabled.isChecked(),
            base_url=self.base_url.text(),
            username=self.username.text(),
            password=typed if typed else None,
            paths={wid: edit.text() for wid, edit in self.paths.items()},
        )

    def save(self) -> None:
        draft = self.draft()
        self._save(lambda: feed.check_feed(draft), lambda uow: feed.save_feed_settings(uow, draft))

    def send_test(self) -> None:
        draft, worker = self.draft(), self.test_worker.currentData()
        if worker is None:
            self._say(tr("calendar", "Add a worker first: the test goes to a worker's calendar."),
                      False)  # fmt: skip
            return

        def work(desk: Desk) -> str:
            test = desk.read(lambda uow: feed.prepare_feed_test(uow, draft, int(worker)))
            return feed.run_feed_test(test, desk.now())

        self._test(tr("calendar", "Sending a test event…"), work)

    def publish_now(self) -> None:
        self._busy(True)
        self.ops.write(feed.publish_now, self._published, self._refused)

    def _published(self, count: Any) -> None:
        self._busy(False)
        self._say(
            tr("calendar", "{n} sessions queued for the calendars; the outbox sends them.").format(
                n=count
            ),
            True,
        )
