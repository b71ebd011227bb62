"""Reschedule a session, and give it to another worker (after a worker cancels)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import when_text
from app.services.dto import FreeWorker, SessionBlock, SlotProposal
from app.ui.dates import DateTimeField
from app.ui.i18n import tr
from app.ui.lines import wrapped
from app.ui.messages import ask
from app.ui.ops import OneCall, Outcome, Reply
from app.ui.screen_fit import free_area
from app.ui.sessions.common import ALERT_STYLE, ErrorLine, WriteDialog, banner
from app.ui.setup.widgets import inactive_name

ID_ROLE = 256


def fit_rows(view: QListWidget) -> None:
    """Wide enough for its longest row (up to most of the screen); longer rows wrap, never hide."""
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    metrics = view.fontMetrics()
    longest = max(
        (metrics.horizontalAdvance(view.item(i).text()) for i in range(view.count())), default=0
    )
    free = free_area(view)
    screen = free.width() if free is not None else 1366
    extra = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 16
    view.setMinimumWidth(min(longest + extra, int(screen * 0.8)))


@dataclass(frozen=True)
class RescheduleContext:
    session: SessionBlock
    tz: ZoneInfo
    workers: Sequence[tuple[int, str]]
    conflicts: Callable[[datetime, int, Reply], None]  # a read: list[str]
    reschedule: Callable[[datetime, int, Reply], None]
    proposals: Sequence[SlotProposal] = ()
    cancelled_by_worker: bool = False
    # The desk's clock ("tomorrow" and "mon" count from its today); the computer's without one.
    now: Callable[[], datetime] | None = None


class RescheduleDialog(WriteDialog):
    """The next free times to pick from, or a date, time and worker typed; clashes warned about."""

    def __init__(self, ctx: RescheduleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("move", "Reschedule session"))
        self._build_ui()
        self.proposals.currentRowChanged.connect(self._on_proposal_chosen)
        self.when.dateTimeChanged.connect(self._check)
        self.worker.currentIndexChanged.connect(self._check)
        self._load_state()
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())

    def _build_ui(self) -> None:
        ctx = self.ctx
        form = QFormLayout(self)
        now_at = ctx.session.starts_at.astimezone(ctx.tz)
        header = f"{ctx.session.service_name} — {ctx.session.client_names}\n" + tr(
            "move", "Now: {when} with {worker}"
        ).format(when=f"{when_text(now_at, '%a %d %b %H:%M')}", worker=ctx.session.worker_name)
        if ctx.cancelled_by_worker:
            header += "\n" + tr(
                "move", "{worker} cancelled it, so the times below are with others."
            ).format(worker=ctx.session.worker_name)
        form.addRow(wrapped(header, self))
        self.proposals = QListWidget(self)
        self.proposals.setAccessibleName(tr("move", "Suggested times"))
        self.proposals.setMinimumHeight(120)
        for p in ctx.proposals:
            item = QListWidgetItem(self._proposal_text(p))
            item.setData(ID_ROLE, p)
            self.proposals.addItem(item)
        fit_rows(self.proposals)
        form.addRow(tr("move", "Suggested:"), self.proposals)
        if not ctx.proposals:
            self.proposals.hide()
            form.labelForField(self.proposals).hide()
            form.addRow(
                QLabel(tr("move", "No free time in the next 14 days; type one below."), self)
            )
        clock = ctx.now or (lambda: datetime.now(ctx.tz))
        self.when = DateTimeField(self, now=lambda: clock().astimezone(ctx.tz))
        self.when.setAccessibleName(tr("move", "New start"))
        form.addRow(tr("move", "New start:"), self.when)
        self.worker = QComboBox(self)
        self.worker.setAccessibleName(tr("move", "Worker"))
        for wid, name in ctx.workers:
            self.worker.addItem(name, wid)
        if self.worker.findData(ctx.session.worker_id) < 0:  # made inactive since: still theirs
            self.worker.addItem(inactive_name(ctx.session.worker_name), ctx.session.worker_id)
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
        self.call = OneCall(self, self.buttons, self.error.show_message)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _proposal_text(self, p: SlotProposal) -> str:
        at = p.starts_at.astimezone(self.ctx.tz)
        return f"{when_text(at, '%a %d %b %H:%M')} — {p.worker_name}  ({p.why})"

    def _load_state(self) -> None:
        """Start on the first proposal; without one, on the old time (with someone else if the
        worker cancelled)."""
        if self.ctx.proposals:
            self.proposals.setCurrentRow(0)
            self.proposals.setFocus()  # the first thing a person does: pick a suggested time
            return
        start = self.ctx.session.starts_at.astimezone(self.ctx.tz)
        self.when.set_value(start)
        self.when.setFocus()  # nothing suggested: type the new start (typing replaces it)
        self.when.line_edit().selectAll()
        index = self.worker.findData(self.ctx.session.worker_id)
        if self.ctx.cancelled_by_worker:
            index = next((i for i in range(self.worker.count()) if i != index), max(0, index))
        self.worker.setCurrentIndex(max(0, index))
        self._check()

    def _on_proposal_chosen(self, row: int) -> None:
        item = self.proposals.item(row)
        if item is None:
            return
        p: SlotProposal = item.data(ID_ROLE)
        self.when.blockSignals(True)
        self.when.set_value(p.starts_at.astimezone(self.ctx.tz))
        self.when.blockSignals(False)
        self.worker.setCurrentIndex(max(0, self.worker.findData(p.worker_id)))
        self._check()

    def chosen_start(self) -> datetime:
        return self.when.value().replace(tzinfo=self.ctx.tz)

    def chosen_worker(self) -> int:
        return int(self.worker.currentData())

    def _check(self) -> None:
        start, worker = self.chosen_start(), self.chosen_worker()
        self._asked = getattr(self, "_asked", 0) + 1
        asked = self._asked
        self.ctx.conflicts(
            start, worker, lambda outcome: self._show_conflicts(asked, start, worker, outcome)
        )

    def _show_conflicts(
        self, asked: int, start: datetime, worker: int, outcome: Outcome[list[str]]
    ) -> None:
        if asked != self._asked:
            return  # the time or worker changed while it was read
        found = [str(outcome.error)] if outcome.error is not None else list(outcome.value or [])
        if (
            self.ctx.cancelled_by_worker
            and worker == self.ctx.session.worker_id
            and start == self.ctx.session.starts_at
        ):
            found.insert(
                0,
                tr("move", "{worker} cancelled this very slot.").format(
                    worker=self.ctx.session.worker_name
                ),
            )
        self.warnings.setText(tr("move", "Warning — ") + " ".join(found))
        self.warnings.setVisible(bool(found))
        self._sync_proposal(start, worker)

    def _sync_proposal(self, start: datetime, worker: int) -> None:
        """A time typed by hand is no longer the highlighted proposal."""
        item = self.proposals.currentItem()
        if item is None:
            return
        p: SlotProposal = item.data(ID_ROLE)
        if p.starts_at != start or p.worker_id != worker:
            self.proposals.blockSignals(True)
            self.proposals.setCurrentRow(-1)
            self.proposals.clearSelection()
            self.proposals.blockSignals(False)

    def _on_ok(self) -> None:
        if self.call.busy:  # the first click's call still runs
            return
        if not self.when.commit():  # typed but not a date: the field says why
            self.error.show_message(self.when.error_text())
            self.when.setFocus()
            return
        start, worker = self.chosen_start(), self.chosen_worker()
        # The buttons grey while it runs: a second click never reschedules twice.
        self.call.start(lambda reply: self.ctx.reschedule(start, worker, reply), self._on_reply)


@dataclass(frozen=True)
class ReplaceContext:
    label: str
    ranked: Sequence[FreeWorker]
    assign: Callable[[int, bool, Reply], None]  # (worker id, despite what they lack, reply)


class ReplaceWorkerDialog(WriteDialog):
    """Workers for the slot: skilled, free and rostered on first; the rest behind a check box."""

    def __init__(self, ctx: ReplaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("move", "Assign replacement worker"))
        self.suitable = [w for w in ctx.ranked if w.suitable]
        self.others = [w for w in ctx.ranked if not w.suitable]
        self._build_ui()
        self.show_all.toggled.connect(self._on_show_all_toggled)
        self.list.currentRowChanged.connect(lambda _r: self._update_ok())
        self._fill()
        self.list.setFocus()  # the first thing a person does: pick a worker
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(self.ctx.label, self))
        self.heading = QLabel(self)
        layout.addWidget(self.heading)
        self.none_banner = banner(
            tr(
                "move",
                "No worker has the skill, is free and is rostered on in this slot. "
                "Show all workers to see what each lacks, or reschedule instead.",
            ),
            ALERT_STYLE,
            self,
        )
        self.none_banner.setVisible(not self.suitable)
        layout.addWidget(self.none_banner)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("move", "Workers for this slot"))
        self.list.setMinimumHeight(160)
        layout.addWidget(self.list)
        self.show_all = QCheckBox(
            tr("move", "Show all workers ({n} more)").format(n=len(self.others)), self
        )
        self.show_all.setAccessibleName(tr("move", "Show all workers"))
        self.show_all.setEnabled(bool(self.others))
        layout.addWidget(self.show_all)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("move", "&Assign"))
        self.call = OneCall(self, self.buttons, self.error.show_message)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _fill(self) -> None:
        self.heading.setText(
            tr("move", "Everyone, best first; the greyed ones say what they lack:")
            if self.show_all.isChecked()
            else tr("move", "Has the skill, is free for the whole slot and rostered on:")
        )
        chosen = self.chosen_id()
        self.list.clear()
        shown = self.suitable + (self.others if self.show_all.isChecked() else [])
        for w in shown:
            item = QListWidgetItem(f"{w.name} — {w.why}")
            item.setData(ID_ROLE, w.worker_id)
            if not w.suitable:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
        fit_rows(self.list)
        ids = [w.worker_id for w in shown]
        if shown:
            self.list.setCurrentRow(ids.index(chosen) if chosen in ids else 0)
        self._update_ok()

    def _on_show_all_toggled(self, _checked: bool) -> None:
        self._fill()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.list.currentItem() is not None)

    def chosen_id(self) -> int | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def _chosen(self) -> FreeWorker | None:
        wid = self.chosen_id()
        return next((w for w in self.ctx.ranked if w.worker_id == wid), None)

    def _on_ok(self) -> None:
        if self.call.busy:  # the first click's call still runs
            return
        worker = self._chosen()
        if worker is None:
            self.error.show_message(tr("move", "Choose a worker from the list."))
            return
        anyway = not worker.suitable
        if anyway and not ask(
            self,
            tr("move", "Assign anyway?"),
            tr("move", "{name}: {why}.\n\nAssign {name} to this slot anyway?").format(
                name=worker.name, why=worker.why
            ),
        ):
            return
        wid = worker.worker_id  # the buttons grey while it runs: one replacement, however clicked
        self.call.start(lambda reply: self.ctx.assign(wid, anyway, reply), self._on_reply)
