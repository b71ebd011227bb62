"""Reschedule, replace the worker, and the follow-up offered after a worker cancels."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import FreeWorker, SessionBlock
from app.services.errors import FrontDeskError
from app.ui.dialogs.common import ALERT_STYLE, ErrorLine, banner, tr


@dataclass(frozen=True)
class RescheduleContext:
    session: SessionBlock
    tz: ZoneInfo
    workers: Sequence[tuple[int, str]]
    conflicts: Callable[[datetime, int], list[str]]
    reschedule: Callable[[datetime, int], object]


class RescheduleDialog(QDialog):
    """A new date, time and worker, with clashes warned about before confirming."""

    def __init__(self, ctx: RescheduleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_: object = None
        self.setWindowTitle(tr("move", "Reschedule session"))
        form = QFormLayout(self)
        now_at = ctx.session.starts_at.astimezone(ctx.tz)
        form.addRow(
            QLabel(
                f"{ctx.session.service_name} — {ctx.session.client_names}\n"
                + tr("move", "Now: {when} with {worker}").format(
                    when=f"{now_at:%a %d %b %H:%M}", worker=ctx.session.worker_name
                ),
                self,
            )
        )
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd dd MMM yyyy  HH:mm")
        self.when.setAccessibleName(tr("move", "New start"))
        start = ctx.session.starts_at.astimezone(ctx.tz)
        self.when.setDateTime(QDateTime(start.date(), start.time()))
        form.addRow(tr("move", "New start:"), self.when)
        self.worker = QComboBox(self)
        self.worker.setAccessibleName(tr("move", "Worker"))
        for wid, name in ctx.workers:
            self.worker.addItem(name, wid)
        self.worker.setCurrentIndex(max(0, self.worker.findData(ctx.session.worker_id)))
        form.addRow(tr("move", "Worker:"), self.worker)
        self.warnings = banner("", ALERT_STYLE, self)
        self.warnings.setAccessibleName(tr("move", "Conflicts"))
        self.warnings.hide()
        form.addRow(self.warnings)
        self.error = ErrorLine(self)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("move", "&Reschedule"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.when.dateTimeChanged.connect(self._check)
        self.worker.currentIndexChanged.connect(self._check)
        self._check()

    def chosen_start(self) -> datetime:
        qdt = self.when.dateTime()
        d, t = qdt.date(), qdt.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.ctx.tz)

    def _check(self) -> None:
        try:
            found = self.ctx.conflicts(self.chosen_start(), int(self.worker.currentData()))
        except FrontDeskError as exc:
            found = [str(exc)]
        self.warnings.setText(tr("move", "Warning — ") + " ".join(found))
        self.warnings.setVisible(bool(found))

    def _on_ok(self) -> None:
        try:
            self.result_ = self.ctx.reschedule(self.chosen_start(), int(self.worker.currentData()))
        except FrontDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


@dataclass(frozen=True)
class ReplaceContext:
    label: str
    free: Sequence[FreeWorker]
    assign: Callable[[int], object]


class ReplaceWorkerDialog(QDialog):
    """Pick one of the workers free in the slot; a new linked session is booked."""

    def __init__(self, ctx: ReplaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_: object = None
        self.setWindowTitle(tr("move", "Assign replacement worker"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(ctx.label, self))
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("move", "Free workers"))
        for w in ctx.free:
            item = QListWidgetItem(f"{w.name}" + (f" — {w.skills}" if w.skills else ""))
            item.setData(256, w.worker_id)
            self.list.addItem(item)
        if not ctx.free:
            layout.addWidget(
                banner(
                    tr(
                        "move",
                        "No worker is free and rostered on in this slot. Reschedule instead.",
                    ),
                    ALERT_STYLE,
                    self,
                )
            )
        layout.addWidget(self.list)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("move", "&Assign"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if ctx.free:
            self.list.setCurrentRow(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(ctx.free))

    def _on_ok(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.error.show_message(tr("move", "Choose a worker from the list."))
            return
        try:
            self.result_ = self.ctx.assign(int(item.data(256)))
        except FrontDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


class FollowUp(Enum):
    REPLACE = "replace"
    RESCHEDULE = "reschedule"
    LEAVE = "leave"


class WorkerFollowUpDialog(QDialog):
    """After a worker cancels: assign a replacement, reschedule, or leave it cancelled."""

    def __init__(self, label: str, free_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = FollowUp.LEAVE
        self.setWindowTitle(tr("move", "The worker cancelled — what next?"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label, self))
        layout.addWidget(
            QLabel(tr("move", "{n} worker(s) are free in this slot.").format(n=free_count), self)
        )
        for choice, text in (
            (FollowUp.REPLACE, tr("move", "Assign &replacement worker…")),
            (FollowUp.RESCHEDULE, tr("move", "Re&schedule…")),
            (FollowUp.LEAVE, tr("move", "&Leave cancelled")),
        ):
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)

    def _choose(self, choice: FollowUp) -> None:
        self.choice = choice
        self.accept()
