"""Schedule ▸ Bulk cancel…: pick the sessions of a range, a reason, and where the CSV audit goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.auth import Permission
from app.services.bulk.plan import BulkCandidate, BulkPreview, FilterChoices
from app.services.dto import NOTE_LIMIT
from app.ui.bulk.candidates import CandidateModel, candidate_columns, refund_text
from app.ui.dates import DateTimeField
from app.ui.i18n import tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.models.table import fit_columns
from app.ui.ops import Outcome, Reply
from app.ui.screen_fit import open_size
from app.ui.sessions.common import ErrorLine

# Both answer through a Reply (an Outcome of list[BulkCandidate] / BulkPreview), off the GUI thread.
Planner = Callable[[date, date, list[int], list[int], list[int], Reply], None]
Previewer = Callable[[list[int], Reply], None]


@dataclass(frozen=True)
class BulkDraft:
    """What the dialog hands its caller: one service call queues the job."""

    session_ids: list[int]
    reason_id: int
    note: str
    csv_path: Path
    first: date
    last: date


def no_reason_sentence() -> str:
    """Why nothing can be cancelled in bulk while no practice or worker reason is active."""
    return tr(
        "bulk",
        "There is no practice or worker cancellation reason to choose, so nothing can be "
        "cancelled in bulk. Ask an administrator to make one active in Practice ▸ Cancellation "
        "reasons & billing rules, then open Bulk cancel again.",
    )


def _still_reading() -> str:
    return tr(
        "bulk",
        "The sessions of the new range are still being read. Wait until the list shows them, "
        "then tick the ones to cancel.",
    )


def this_week(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


class BulkCancelDialog(QDialog):
    """Lists the rostered sessions of the range; the caller queues the job from `draft`."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.BULK_CANCEL

    def __init__(
        self,
        choices: FilterChoices,
        plan: Planner,
        today: date,
        tz: ZoneInfo,
        default_folder: Path,
        parent: QWidget | None = None,
        *,
        preview: Previewer,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan, self.tz, self.default_folder = plan, tz, default_folder
        # "tomorrow" or "mon" typed into From or To counts from the practice's today.
        self.now = now or (lambda: datetime.combine(today, datetime.now(tz).time()))
        self.preview = preview
        self.draft: BulkDraft | None = None
        self._asked = 0  # the latest plan asked for: an older answer is dropped
        self._answered = 0
        self._refused = ""  # why the latest range listed nothing (an end before the start)
        # The final question (replaceable in tests that drive the dialog without a loop).
        self.confirm: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.setWindowTitle(tr("bulk", "Bulk cancel sessions"))
        self.setObjectName("bulkCancelDialog")
        self._build_ui(choices, today)
        self._connect_signals()
        self._load_state()

    def _combo(self, name: str, everyone: str, items: list[tuple[int, str]]) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        # A long service name makes the list wider, not the dialog wider than the screen.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(len(everyone))
        box.addItem(everyone, 0)
        for key, label in items:
            box.addItem(label, key)
        box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)  # the list reads whole
        return box

    def _build_ui(self, choices: FilterChoices, today: date) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters(choices, today))
        self._build_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_selection())
        layout.addLayout(self._build_reason(choices))
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        layout.addLayout(self._build_buttons())
        if not choices.reasons:  # said at once, before anyone ticks or picks a file
            self.error.show_message(no_reason_sentence())
            self.go.setToolTip(no_reason_sentence())
        open_size(self, 980, 620)

    def _build_filters(self, choices: FilterChoices, today: date) -> QHBoxLayout:
        """The range, then the worker, service and location the sessions are limited to."""
        top = QHBoxLayout()
        first, last = this_week(today)
        self.first = DateTimeField(self, mode="date", value=first, now=self.now)
        self.last = DateTimeField(self, mode="date", value=last, now=self.now)
        for edit, name, label in (
            (self.first, tr("bulk", "From"), tr("bulk", "From:")),
            (self.last, tr("bulk", "To"), tr("bulk", "To:")),
        ):
            edit.setAccessibleName(name)
            top.addWidget(QLabel(label, self))
            top.addWidget(edit)
        self.worker = self._combo(tr("bulk", "Worker"), tr("bulk", "All workers"), choices.workers)
        self.service = self._combo(
            tr("bulk", "Service"), tr("bulk", "All services"), choices.services
        )
        self.location = self._combo(
            tr("bulk", "Location"), tr("bulk", "All locations"), choices.locations
        )
        for box in (self.worker, self.service, self.location):
            top.addWidget(box)
        return top

    def _build_table(self) -> None:
        self.model = CandidateModel(candidate_columns(self.tz), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("bulk", "Sessions to cancel"))
        fit_columns(self.table, stretch=3)  # the clients take the room left
        self.table.verticalHeader().hide()

    def _build_selection(self) -> QHBoxLayout:
        """Select all, Select none, and what the ticks add up to."""
        row = QHBoxLayout()
        self.all_button = QPushButton(tr("bulk", "Select &all"), self)
        self.none_button = QPushButton(tr("bulk", "Select &none"), self)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(tr("bulk", "Selection summary"))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        row.addWidget(self.summary)
        return row

    def _build_reason(self, choices: FilterChoices) -> QFormLayout:
        form = QFormLayout()
        self.reason = QComboBox(self)
        self.reason.setAccessibleName(tr("bulk", "Reason"))
        for rid, label in choices.reasons:
            self.reason.addItem(label, rid)
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setAccessibleName(tr("bulk", "Note"))
        form.addRow(tr("bulk", "Reason:"), self.reason)
        form.addRow(tr("bulk", "Note:"), self.note)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.go = QPushButton(tr("bulk", "Cancel selected && export CSV…"), self)
        self.go.setAccessibleName(tr("bulk", "Cancel selected and export CSV"))
        self.close_button = QPushButton(tr("bulk", "Close"), self)
        buttons.addWidget(self.go)
        buttons.addWidget(self.close_button)
        return buttons

    def _connect_signals(self) -> None:
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self.reload)
        for box in (self.worker, self.service, self.location):
            box.currentIndexChanged.connect(self.reload)
        self.all_button.clicked.connect(lambda: self._tick(True))
        self.none_button.clicked.connect(lambda: self._tick(False))
        self.model.dataChanged.connect(self._summarise)
        self.go.clicked.connect(self._on_go)
        self.close_button.clicked.connect(self.reject)

    def _load_state(self) -> None:
        # The first thing a person fills: the range. Typing replaces the day shown.
        self.first.setFocus()
        self.first.line_edit().selectAll()
        self.reload()

    def _range(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]

    @property
    def loading(self) -> bool:
        """True while the sessions of the latest range are being read."""
        return self._answered != self._asked

    def reload(self) -> None:
        first, last = self._range()
        ids = [int(b.currentData()) for b in (self.worker, self.service, self.location)]
        self._asked += 1
        asked = self._asked
        # The ticks shown belong to the range before: nothing is cancelled until the new
        # range's sessions are in the list.
        self.go.setEnabled(False)
        workers, services, locations = ([i] if i else [] for i in ids)
        self.plan(first, last, workers, services, locations, lambda o: self._planned(asked, o))

    def _planned(self, asked: int, outcome: Outcome[list[BulkCandidate]]) -> None:
        if asked != self._asked:
            return  # the range changed since: a newer answer is on its way
        self._answered = asked
        if outcome.error is not None:
            self.error.show_message(str(outcome.error))
        elif self.error.text() in (_still_reading(), self._refused):
            self.error.clear_message()  # the list now shows the range asked for
        self._refused = str(outcome.error) if outcome.error is not None else ""
        self.model.set_rows(outcome.value or [])
        self.table.resizeColumnsToContents()
        self._summarise()

    def _tick(self, on: bool) -> None:
        self.model.set_all(on)
        self._summarise()

    def _summarise(self, *_args: object) -> None:
        chosen = self.model.chosen()
        bookings = sum(len(c.lines) for c in chosen)
        self.summary.setText(
            tr("bulk", "{n} session(s), {b} booking(s) — refunds {r}").format(
                n=len(chosen),
                b=bookings,
                r=refund_text(
                    sum(c.refund_cents for c in chosen), sum(c.refund_credits for c in chosen)
                ),
            )
        )
        self.go.setEnabled(bool(chosen) and self.reason.count() > 0 and not self.loading)

    def ask_csv_path(self, suggested: Path) -> Path | None:
        """Where to save the CSV audit (a file dialog; tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(
            self, tr("bulk", "Save the CSV audit"), str(suggested), "CSV (*.csv)"
        )
        return Path(name) if name else None

    def _on_go(self) -> None:
        if self.loading:
            self.error.show_message(_still_reading())
            return
        chosen = self.model.chosen()
        if not chosen:
            self.error.show_message(tr("bulk", "Tick at least one session to cancel."))
            return
        if self.reason.currentData() is None:
            self.error.show_message(no_reason_sentence())
            return
        first, last = self._range()
        path = self.ask_csv_path(
            self.default_folder / f"bulk-cancel-{first:%Y%m%d}-{last:%Y%m%d}.csv"
        )
        if path is None:
            return  # Back: the choices stay as they were
        ids = [c.session_id for c in chosen]
        draft = BulkDraft(ids, int(self.reason.currentData()), self.note.text(), path, first, last)
        self.go.setEnabled(False)  # one question at a time while the counts are read
        self.preview(ids, lambda outcome: self._previewed(draft, outcome))

    def _previewed(self, draft: BulkDraft, outcome: Outcome[BulkPreview]) -> None:
        self._summarise()
        if outcome.error is not None or outcome.value is None:
            self.error.show_message(str(outcome.error))
            return
        if self._confirmed(outcome.value, draft.csv_path):
            self.draft = draft
            self.accept()
        # Back: the choices stay as they were

    def _confirmed(self, counts: BulkPreview, path: Path) -> bool:
        """The final step: what will happen, counted by the service; "Back" is the default."""
        details = (
            tr(
                "bulk", "{n} booking(s) are cancelled, the reason “{reason}”; nobody is charged."
            ).format(n=counts.bookings, reason=self.reason.currentText()),
            tr("bulk", "Refunds: {r}.").format(
                r=refund_text(counts.refund_cents, counts.refund_credits)
            ),
            tr(
                "bulk", "{n} client e-mail(s) go out; clients without consent or address get none."
            ).format(n=counts.emails),
            tr("bulk", "The CSV audit is saved to {path} first.").format(path=path),
            tr("bulk", "The cancelling runs in the background; you can keep working."),
        )
        question = Destructive(
            tr("bulk", "Cancel sessions?"),
            counts.question(),
            tr("bulk", "Cancel sessions"),
            tr("bulk", "Back"),
            details,
        )
        return self.confirm(question) is not None
