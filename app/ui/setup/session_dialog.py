"""New / edit session: worker, service, location, start, length, kind and places, clients, repeats,
and how each client's place is paid (on invoice, with a class credit, or as a single-class
purchase), the client's credits shown beside the choice (app/ui/setup/place_payments.py).

Save first asks the service for the warnings (a worker or client double-booked, outside working
hours, in the past, a clock-change note); when there are any they are shown and the button
becomes "Save anyway", so the desk decides knowingly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError
from app.i18n import when_text
from app.services.setup.recurrence import MAX_OCCURRENCES, Recurrence
from app.services.setup.sessions import SessionDraft, SessionPlan
from app.services.setup.workers import HoursWindow
from app.services.vocabulary import SessionKind
from app.ui.dates import DateTimeField, practice_clock
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.ops import Outcome, Reply
from app.ui.screen_fit import FormScroll, open_size
from app.ui.sessions.common import ALERT_STYLE, NOTE_STYLE, ErrorLine, banner
from app.ui.setup.common import GuardedDialog, Unsaved, accessible, ask_before_leaving
from app.ui.setup.place_payments import PaymentRows
from app.ui.setup.widgets import CheckList, combo_id, from_qt, qt_datetime, record_combo

W = TypeVar("W", bound=QWidget)
KIND_TEXT = {SessionKind.INDIVIDUAL: QT_TRANSLATE_NOOP("setup", "Individual"), SessionKind.GROUP: QT_TRANSLATE_NOOP("setup", "Group"),
             SessionKind.CLASS: QT_TRANSLATE_NOOP("setup", "Class")}  # fmt: skip
REPEAT_TEXT = {
    0: QT_TRANSLATE_NOOP("setup", "Does not repeat"),
    1: QT_TRANSLATE_NOOP("setup", "Every week"),
    2: QT_TRANSLATE_NOOP("setup", "Every fortnight"),
}


@dataclass(frozen=True)
class SessionChoices:
    """The records a session can be made of: (id, name) pairs; services with their length."""

    tz: ZoneInfo
    workers: Sequence[tuple[int, str]]
    services: Sequence[tuple[int, str, int]]
    locations: Sequence[tuple[int, str]]
    clients: Sequence[tuple[int, str]]
    credits: Mapping[int, int] = field(default_factory=dict)  # client id → credits left today
    # worker id → working windows (active workers): where Ctrl+N's start falls on another day
    hours: Mapping[int, Sequence[HoursWindow]] = field(default_factory=dict)
    # client id → phone: the client list's search finds a client by it too
    phones: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SessionContext:
    """What the dialog needs; `plan` (a read) and `save` (one write, its flag: save anyway) run
    the services in the background and hand their `Outcome` to the reply they are given."""

    choices: SessionChoices
    draft: SessionDraft
    plan: Callable[[SessionDraft, Reply], None]  # an Outcome of SessionPlan
    save: Callable[[SessionDraft, bool, Reply], None]  # an Outcome of what was saved
    clock: Callable[[], datetime]  # the desk's: a typed "tomorrow 9am" is the practice's
    editing: bool = False
    kept: tuple[str, ...] = field(default_factory=tuple)


class SessionDialog(GuardedDialog):
    """Fills a SessionDraft; the injected callables check and save it."""

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_: object = None
        # Another desk changed the session being edited: the sentence, and the form closes so
        # its opener says so and opens it again on the session as it now is.
        self.conflict: str | None = None
        self.confirmed = False
        self.busy = False  # a check or a save is running in the background
        self.edits = 0  # counts the changes, so a reply about an older form is set aside
        self.unsaved = Unsaved(self.draft)  # closing with changes made asks first
        self.setWindowTitle(
            tr("setup", "Edit session") if ctx.editing else tr("setup", "New session")
        )
        self._build_ui()
        self._connect_signals()
        self._load_state()
        open_size(self, self.sizeHint().width(), self.sizeHint().height())  # within the screen

    def _build_ui(self) -> None:
        c, d = self.ctx.choices, self.ctx.draft
        # The form scrolls when the screen is too short for it (a class's clients, each with how
        # they pay); the warnings and the buttons below it stay in view.
        body = QWidget(self)
        self.form = QFormLayout(body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.worker = self._row(
            QT_TRANSLATE_NOOP("setup", "Worker:"), record_combo(c.workers, d.worker_id, self)
        )
        self.service = self._row(QT_TRANSLATE_NOOP("setup", "Service:"), record_combo([(i, n) for i, n, _m in c.services],
                                                          d.service_id, self))  # fmt: skip
        self.location = self._row(QT_TRANSLATE_NOOP("setup", "Location:"), record_combo(c.locations, d.location_id, self,
                                                            tr("setup", "(none)")))  # fmt: skip
        self.clock = practice_clock(self.ctx.clock, c.tz)
        start = DateTimeField(self, now=self.clock)
        self.start = self._row(QT_TRANSLATE_NOOP("setup", "Start:"), start)
        self.minutes = self._row(QT_TRANSLATE_NOOP("setup", "Length:"), QSpinBox(self))
        self.minutes.setRange(5, 720)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(tr("setup", " minutes"))
        self.kind = self._row(QT_TRANSLATE_NOOP("setup", "Kind:"), QComboBox(self))
        for kind, text in KIND_TEXT.items():
            self.kind.addItem(tr("setup", text), kind)
        self.capacity = self._row(QT_TRANSLATE_NOOP("setup", "Places:"), QSpinBox(self))
        self.capacity.setRange(1, 100)
        self.clients = self._row(
            QT_TRANSLATE_NOOP("setup", "Clients:"),
            CheckList(c.clients, d.client_ids, self, also=c.phones),
        )
        self.paid = self._row(
            QT_TRANSLATE_NOOP("setup", "Paid with:"), PaymentRows(c.clients, c.credits, d, self)
        )
        self.repeat = self._row(QT_TRANSLATE_NOOP("setup", "Repeat:"), QComboBox(self))
        for weeks, text in REPEAT_TEXT.items():
            self.repeat.addItem(tr("setup", text), weeks)
        self.ends = self._ends_row()
        self.summary = banner("", NOTE_STYLE, self)
        self.summary.hide()
        self.warnings = banner("", ALERT_STYLE, self)
        accessible(self.warnings, tr("setup", "Warnings"))
        self.warnings.hide()
        self.error = ErrorLine(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(FormScroll(body, self), 1)
        if self.ctx.kept:
            kept = tr("setup", "Also on this session (cancelled or attended): {names}")
            layout.addWidget(banner(kept.format(names=", ".join(self.ctx.kept)), NOTE_STYLE, self))
        for w in (self.summary, self.warnings, self.error, self.buttons):
            layout.addWidget(w)
        self.setMinimumWidth(520)

    def _row(self, label: str, widget: W) -> W:
        text = tr("setup", label)
        accessible(widget, text)
        self.form.addRow(text, widget)
        return widget

    def _ends_row(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.by_count = QRadioButton(tr("setup", "after"), row)
        self.count = QSpinBox(row)
        self.count.setRange(2, MAX_OCCURRENCES)
        self.count.setValue(10)
        self.by_date = QRadioButton(tr("setup", "sessions, or until"), row)
        self.until = DateTimeField(row, mode="date", now=self.clock)
        for w, name in (
            (self.by_count, QT_TRANSLATE_NOOP("setup", "End after a number of sessions")),
            (self.count, QT_TRANSLATE_NOOP("setup", "Number of sessions")),
            (self.by_date, QT_TRANSLATE_NOOP("setup", "End on a date")),
            (self.until, QT_TRANSLATE_NOOP("setup", "Last date")),
        ):
            accessible(w, tr("setup", name))
            layout.addWidget(w)
        layout.addStretch(1)
        self.by_count.setChecked(True)
        self.form.addRow(tr("setup", "Ends:"), row)
        return row

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.cancel)
        self.service.currentIndexChanged.connect(self._on_service_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.repeat.currentIndexChanged.connect(self._on_repeat_changed)
        for signal in (self.worker.currentIndexChanged, self.location.currentIndexChanged,
                       self.start.dateTimeChanged, self.minutes.valueChanged,
                       self.capacity.valueChanged, self.clients.changed, self.repeat.currentIndexChanged,
                       self.count.valueChanged, self.until.dateChanged, self.by_count.toggled,
                       self.paid.changed):  # fmt: skip
            signal.connect(self._on_edited)
        self.clients.changed.connect(self._on_clients_changed)
        # A last date typed or picked (or a number of sessions) is the end the desk chose.
        self.until.dateChanged.connect(lambda _d: self.by_date.setChecked(True))
        self.until.line_edit().textEdited.connect(lambda _t: self.by_date.setChecked(True))
        self.count.valueChanged.connect(lambda _n: self.by_count.setChecked(True))

    def _load_state(self) -> None:
        d = self.ctx.draft
        local = d.starts_at.astimezone(self.ctx.choices.tz)
        self.start.setDateTime(qt_datetime(local))
        self.until.setDate(QDate(local.year, local.month, local.day).addDays(7 * 12))
        self.by_count.setChecked(True)  # the last date above is a suggestion, not a choice
        self.minutes.setValue(d.minutes)
        self.kind.setCurrentIndex(self.kind.findData(d.kind))
        self.capacity.setValue(d.capacity)
        self._on_kind_changed()
        self.capacity.setValue(d.capacity)
        self.repeat.setVisible(not self.ctx.editing)
        self.form.labelForField(self.repeat).setVisible(not self.ctx.editing)
        self._on_repeat_changed()
        self._on_clients_changed()
        self._on_edited()
        self.unsaved.mark()

    def may_close(self) -> bool:
        """Cancel, Escape or the close button: with changes made, ask Save / Discard / Cancel."""
        if self.busy:
            return False  # a check or save is running; its answer closes the form or stays on it
        name = tr("setup", "this session") if self.ctx.editing else tr("setup", "the new session")
        return ask_before_leaving(self, name, self.unsaved, self._on_save)

    def _on_service_changed(self) -> None:
        sid = combo_id(self.service)
        minutes = next((m for i, _n, m in self.ctx.choices.services if i == sid), None)
        if minutes:
            self.minutes.setValue(minutes)

    def _on_kind_changed(self) -> None:
        individual = SessionKind(self.kind.currentData()) == SessionKind.INDIVIDUAL
        self.capacity.setMinimum(1 if individual else 2)
        if individual:
            self.capacity.setValue(1)
        elif self.capacity.value() < 2:
            self.capacity.setValue(max(4, len(self.clients.chosen())))
        self.capacity.setEnabled(not individual)

    def _on_clients_changed(self) -> None:
        chosen = self.clients.chosen()
        self.paid.show_clients(chosen)
        self.paid.setVisible(bool(chosen))
        self.form.labelForField(self.paid).setVisible(bool(chosen))
        # A client's "Paid with" row is made when they are ticked: Tab reaches it after the
        # client list, where it is shown, not after the buttons.
        chain = [self.clients.list, *self.paid.fields(chosen), self.repeat]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _on_repeat_changed(self) -> None:
        repeating = bool(self.repeat.currentData()) and not self.ctx.editing
        self.ends.setVisible(repeating)
        self.form.labelForField(self.ends).setVisible(repeating)

    def _on_edited(self, *_args: object) -> None:
        """Any change means the warnings shown are stale: check again on Save."""
        self.confirmed = False
        self.edits += 1
        self.warnings.hide()
        self.summary.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("setup", "&Save"))

    def recurrence(self) -> Recurrence | None:
        """The repeat chosen, or None for a single session."""
        weeks = int(self.repeat.currentData() or 0)
        if not weeks or self.ctx.editing:
            return None
        if self.by_count.isChecked():
            return Recurrence(weeks, count=self.count.value())
        q = self.until.date()
        return Recurrence(weeks, until=date(q.year(), q.month(), q.day()))

    def draft(self) -> SessionDraft:
        """The form as a draft (checked by the service, not here)."""
        return SessionDraft(
            combo_id(self.worker), combo_id(self.service),
            from_qt(self.start.dateTime(), self.ctx.choices.tz), self.minutes.value(),
            self.clients.chosen(), combo_id(self.location), SessionKind(self.kind.currentData()),
            self.capacity.value(), self.recurrence(), self.ctx.draft.title,
            self.paid.payments(self.clients.chosen()),
        )  # fmt: skip

    def _on_save(self) -> None:
        """Check the form first (a read), then save it (one write); both run in the background."""
        if self.busy:
            return
        draft, edits = self.draft(), self.edits
        self._set_busy(True)
        if self.confirmed:
            self.ctx.save(draft, True, self._on_saved)
        else:
            self.ctx.plan(draft, lambda outcome: self._on_planned(draft, edits, outcome))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)

    def _on_planned(self, draft: SessionDraft, edits: int, outcome: Outcome[SessionPlan]) -> None:
        if edits != self.edits:  # the form changed while it was checked: Save checks it again
            self._set_busy(False)
            return
        if self._conflicted(outcome):
            return
        if outcome.error is not None or outcome.value is None:
            self._set_busy(False)
            self.error.show_message(str(outcome.error))
            return
        if self._warned(outcome.value):
            self._set_busy(False)
            return
        self.ctx.save(draft, False, self._on_saved)

    def _on_saved(self, outcome: Outcome[object]) -> None:
        self._set_busy(False)
        if self._conflicted(outcome):
            return
        if outcome.error is not None:
            self.error.show_message(str(outcome.error))  # a refusal stays on the form
            return
        self.result_ = outcome.value
        self.accept()

    def _conflicted(self, outcome: Outcome[object] | Outcome[SessionPlan]) -> bool:
        """Another desk changed the session being edited: close with its sentence (`conflict`)
        for the opener to say and open the form again; True when it did."""
        if not (isinstance(outcome.error, ConflictError) and self.ctx.editing):
            return False
        self._set_busy(False)
        self.conflict = outcome.error.message
        self.reject()
        return True

    def _warned(self, plan: SessionPlan) -> bool:
        """Show what the service warns about; True when the user must confirm first."""
        self.error.clear_message()
        if len(plan.starts) > 1:
            tz = self.ctx.choices.tz
            first, last = (s.astimezone(tz) for s in (plan.starts[0], plan.starts[-1]))
            text = tr("setup", "Books {n} sessions: {first} to {last}.")
            self.summary.setText(text.format(n=len(plan.starts), first=f"{when_text(first, '%a %d %b %Y')}",
                                             last=f"{when_text(last, '%a %d %b %Y')}"))  # fmt: skip
            self.summary.show()
        if not plan.warnings:
            return False
        self.warnings.setText(
            tr("setup", "Check before saving:") + "\n• " + "\n• ".join(plan.warnings)
        )
        self.warnings.show()
        self.confirmed = True
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            tr("setup", "Save &anyway")
        )
        return True


__all__ = ["SessionChoices", "SessionContext", "SessionDialog"]
