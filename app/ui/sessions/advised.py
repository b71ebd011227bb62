"""When the client told the practice: the advised-time field, its Now button, and the notice and
fee that time gives, worked out live by the cancellation preview. The cancel wizard and the
delete dialog's Apply cancellation both ask with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import FrontDeskError
from app.services.dto import CancellationPreview
from app.services.vocabulary import format_money
from app.ui.dates import DateTimeField
from app.ui.i18n import tr
from app.ui.ops import Outcome, Reply

NOTICE_DELAY_MS = 150  # arrows held down ask once they pause
NOTICE_STYLE = "color: palette(text); font-weight: bold;"
WORKING_STYLE = "color: palette(placeholder-text);"
# Asks the preview for an advised time; False when there is nothing to ask yet (no reason).
Ask = Callable[[datetime, Reply], bool]


def notice_sentence(preview: CancellationPreview) -> str:
    """One line: the notice given and whether a fee applies ("Notice: 1 day 3 hours — short
    notice: a fee of $96.00 applies")."""
    notice = tr("cancel", "Notice: {given}").format(given=preview.notice_text)
    charged = [c for c in preview.charges if c.charge_cents > 0]
    short = [c for c in preview.charges if c.short_notice]
    if charged:
        fee = sum(c.charge_cents for c in charged)
        verdict = tr("cancel", "short notice: a fee of {money} applies").format(
            money=format_money(fee)
        )
    elif short:
        why = short[0].not_charged_because or ""
        verdict = tr("cancel", "short notice, but no fee: {why}").format(why=why.rstrip("."))
    else:
        verdict = tr("cancel", "enough notice: no fee")
    return f"{notice} — {verdict}"


class AdvisedAtField(QWidget):
    """The advised time with Now (default: now), and below it the notice and fee it gives, live."""

    changed = Signal()  # the advised time changed (typed, stepped, picked or Now)
    shown = Signal()  # a new notice and its working are on show (their height may have grown)

    def __init__(
        self, parent: QWidget | None, *, tz: ZoneInfo, now: Callable[[], datetime]
    ) -> None:
        super().__init__(parent)
        self.tz, self.now = tz, now
        self.ask: Ask | None = None
        self._asked = 0
        self._ready = False  # the caller says when its reasons are loaded
        self._build_ui()
        self._connect_signals()
        self.set_now()

    def _build_ui(self) -> None:
        self.field = DateTimeField(self, now=self.now)
        self.field.setCalendarPopup(True)
        self.field.setDisplayFormat("ddd dd MMM yyyy  HH:mm")
        self.field.setAccessibleName(tr("cancel", "Advised at"))
        # Alt+O: Alt+N is the wizard's Next.
        self.now_button = QPushButton(tr("cancel", "N&ow"), self)
        self.now_button.setAccessibleName(tr("cancel", "Set advised time to now"))
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.now_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        # The notice the advised time gives, and whether a fee applies, as it changes: read by the
        # same preview the confirmation shows, so an arrow key's step is never unseen.
        self.notice = QLabel(self)
        self.notice.setObjectName("liveNotice")
        self.notice.setAccessibleName(tr("cancel", "Notice given"))
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.working = QLabel(self)
        self.working.setAccessibleName(tr("cancel", "How the notice is worked out"))
        self.working.setWordWrap(True)
        self.working.setStyleSheet(WORKING_STYLE)
        self.working.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.notice)
        column.addWidget(self.working)
        self._say("", "")  # nothing to say until the first notice is worked out
        self.setFocusProxy(self.field)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_DELAY_MS)

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.ask_now)
        self.now_button.clicked.connect(self.set_now)
        self.field.dateTimeChanged.connect(self.changed)
        self.field.dateTimeChanged.connect(self.notice_changed)

    # -- the value ----------------------------------------------------------------------------

    def set_now(self) -> None:
        self.field.set_value(self.now().astimezone(self.tz))

    def set_value(self, advised_at: datetime) -> None:
        self.field.set_value(advised_at.astimezone(self.tz))

    def value(self) -> datetime:
        """The advised time shown, on the practice's wall clock."""
        qdt = self.field.dateTime()
        d, t = qdt.date(), qdt.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.tz)

    def commit(self) -> bool:
        """Read what was typed; False (with the sentence shown) when it is not a date."""
        return self.field.commit()

    def start_typing(self) -> None:
        """The focus in the field, its value selected: typing replaces it."""
        self.field.setFocus()
        self.field.line_edit().selectAll()

    # -- the notice, live ---------------------------------------------------------------------

    def start(self, ask: Ask) -> None:
        """From now on the notice follows the advised time (and whatever `ask` also reads)."""
        self.ask = ask
        self._ready = True
        self.ask_now()

    def notice_changed(self) -> None:
        """The advised time (or what else the preview reads) changed: ask once the keys pause."""
        if self._ready:
            self._timer.start()

    def ask_now(self) -> None:
        self._timer.stop()
        if self.ask is None or self.field.error_text():
            return
        self._asked += 1
        asked = self._asked
        try:
            if not self.ask(self.value(), lambda outcome: self._show(asked, outcome)):
                self.clear_notice()
        except FrontDeskError as exc:  # a value the request refuses (checked at the boundary)
            self._show(asked, Outcome(error=exc))

    def clear_notice(self) -> None:
        self._asked += 1  # a reply still on its way is no longer wanted
        self._say("", "")

    def _say(self, notice: str, working: str) -> None:
        """The two lines, each shown only with something to say (empty, they kept a gap)."""
        for label, text in ((self.notice, notice), (self.working, working)):
            label.setText(text)
            label.setVisible(bool(text))

    def _show(self, asked: int, outcome: Outcome[CancellationPreview]) -> None:
        if asked != self._asked or not shiboken6.isValid(self.notice):
            return  # a newer time was asked for, or the dialog is gone
        preview = outcome.value
        if outcome.error is not None or preview is None:
            why = outcome.error.message if outcome.error is not None else ""
            self._say(tr("cancel", "Notice: not worked out — {why}").format(why=why), "")
            self.shown.emit()
            return
        working = preview.charges[0].explanation if len(preview.charges) == 1 else preview.working
        self._say(notice_sentence(preview), working)
        self.shown.emit()
