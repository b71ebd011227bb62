"""The reasons editor's "Try it" box: what the rule in the form (even unsaved) charges for a real
session cancelled at a chosen time, with the working (the service: app/services/setup/trial.py).

The box reads the upcoming sessions and runs the rule in the background through the calls it
is given (`TrialCalls`; the reasons screen's `ReasonsApi` provides them); a try that an edit
overtook is dropped when its answer comes back late.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.setup.reasons import ReasonDraft
from app.services.setup.trial import SessionChoice, TryResult
from app.services.vocabulary import format_money
from app.ui.dates import DateTimeField, practice_clock
from app.ui.i18n import tr
from app.ui.ops import Outcome, Reply
from app.ui.setup.common import accessible
from app.ui.setup.widgets import from_qt, qt_datetime


class TrialCalls(Protocol):
    """What the Try-it box needs from its screen's API: the practice clock and two calls."""

    @property
    def tz(self) -> ZoneInfo: ...

    @property
    def now(self) -> Callable[[], datetime]: ...

    @property
    def sessions(self) -> Callable[[Callable[[list[SessionChoice]], None]], None]: ...

    @property
    def try_rule(self) -> Callable[[ReasonDraft, int, datetime, Reply], None]: ...


class TryBox(QGroupBox):
    """Choose a session and an advised time; shows the charge and the working."""

    try_requested = Signal()
    tried = Signal(object)  # the TryResult of the newest try, or None (nothing to show)

    def __init__(self, api: TrialCalls, parent: QWidget | None = None) -> None:
        super().__init__(tr("setup", "Try it"), parent)
        self.api = api
        self._asked = 0  # the newest try; an older answer arriving late is dropped
        self.session = QComboBox(self)
        accessible(self.session, tr("setup", "Session to try"))
        # A long session label must not widen the panel past the window: it is elided instead.
        self.session.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.session.setMinimumContentsLength(24)
        self.clock = practice_clock(api.now, api.tz)
        self.advised = DateTimeField(self, now=self.clock)
        accessible(self.advised, tr("setup", "Advised at"))
        now_button = QPushButton(tr("setup", "&Now"), self)
        accessible(now_button, tr("setup", "Now"))
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setMinimumHeight(64)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        accessible(self.result, tr("setup", "What the rule charges"))
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("setup", "Advised:"), self))
        row.addWidget(self.advised, 1)
        row.addWidget(now_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.session)
        layout.addLayout(row)
        layout.addWidget(self.result)
        now_button.clicked.connect(self.set_now)
        self.session.currentIndexChanged.connect(lambda _i: self.try_requested.emit())
        self.advised.dateTimeChanged.connect(lambda _t: self.try_requested.emit())
        self.reload_sessions()
        self.set_now()

    def reload_sessions(self) -> None:
        """The upcoming sessions to try the rule on, read in the background."""
        self.api.sessions(self._show_sessions)

    def _show_sessions(self, sessions: list[SessionChoice]) -> None:
        keep = self.session.currentData()
        self.session.blockSignals(True)
        self.session.clear()
        for choice in sessions:
            self.session.addItem(choice.label, choice.id)
        if not self.session.count():
            self.session.addItem(
                tr("setup", "No upcoming sessions — book one to try the rule"), None
            )
        if keep is not None and self.session.findData(keep) >= 0:
            self.session.setCurrentIndex(self.session.findData(keep))
        self.session.blockSignals(False)
        self.try_requested.emit()

    def set_now(self) -> None:
        """Set the advised time to now (to the minute)."""
        self.advised.setDateTime(qt_datetime(self.clock()))

    def advised_at(self) -> datetime:
        """The advised time on the practice clock."""
        return from_qt(self.advised.dateTime(), self.api.tz)

    def show_result(self, draft: ReasonDraft) -> None:
        """Run the rule in the background; `tried` says what it charges (None: nothing).

        A refusal (an incomplete rule) is shown in place of the result.
        """
        self._asked += 1
        asked = self._asked
        session_id = self.session.currentData()
        if session_id is None:
            self.result.setText(tr("setup", "Choose a session to try the rule on."))
            self.tried.emit(None)
            return
        self.api.try_rule(
            draft, int(session_id), self.advised_at(), lambda got: self._on_tried(asked, got)
        )

    def _on_tried(self, asked: int, outcome: Outcome[TryResult]) -> None:
        if asked != self._asked:
            return  # the form changed since: a newer try is on its way
        if outcome.error is not None or outcome.value is None:
            self.result.setText(f"<i>{escape(str(outcome.error))}</i>")
            self.tried.emit(None)
            return
        tried = outcome.value
        d = tried.decision
        head = (tr("setup", "Charge: {amount}").format(amount=format_money(d.charge_cents))
                if d.chargeable else tr("setup", "No charge"))  # fmt: skip
        why = f"<br>{escape(d.not_charged_because)}" if d.not_charged_because else ""
        price = tr("setup", "session price {p}").format(p=format_money(tried.price_cents))
        self.result.setText(f"<b>{escape(head)}</b> ({escape(price)}){why}<br>"
                            f"{escape(d.explanation)}")  # fmt: skip
        self.tried.emit(tried)
