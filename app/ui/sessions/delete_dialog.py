"""Delete: permanently (a session entered in error) or apply a cancellation; blockers listed with the cure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import BlockedError, FrontDeskError
from app.services.dto import NOTE_LIMIT, CancellationPreview
from app.services.sessions.deletion import Blocker, DeleteCheck
from app.services.vocabulary import format_money
from app.ui.i18n import tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.ops import OneCall, Outcome, Reply
from app.ui.sessions.advised import AdvisedAtField, notice_sentence
from app.ui.sessions.common import ALERT_STYLE, ErrorLine, WriteDialog, banner


@dataclass(frozen=True)
class DeleteContext:
    label: str
    check: DeleteCheck
    reasons: list[tuple[int, str]]
    can_remove_money: bool
    # Remove a payment/adjustment with the reason given, and get a fresh check.
    remove: Callable[[Blocker, str, Reply], None]  # replies with the fresh DeleteCheck
    delete: Callable[[Reply], None]
    # What applying a cancellation with the reason, note and advised time would charge
    # (a read: CancellationPreview), and applying it (a write).
    preview_apply: Callable[[int, str, datetime, Reply], None]
    apply_cancellation: Callable[[int, str, datetime, Reply], None]
    tz: ZoneInfo
    now: Callable[[], datetime]  # the desk's clock: Now, and a typed "today"
    apply_blocked: str | None = (
        None  # why a cancellation can't apply (e.g. the session has started)
    )
    # A fresh delete check (replies with the DeleteCheck): what blocks a delete now, when
    # something came since the dialog opened (a payment taken at another desk).
    recheck: Callable[[Reply], None] | None = None


class DeleteDialog(WriteDialog):
    """Two choices in one dialog, as staff know it."""

    def __init__(self, ctx: DeleteContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.check = ctx.check
        # The destructive questions (replaceable in tests that drive the dialog without a loop).
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.setWindowTitle(tr("delete", "Delete or cancel session"))
        self._build_ui()
        self._connect_signals()
        self._load_state()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.ctx.label, self))
        self._build_choices(layout)
        self.blocker_box = QVBoxLayout()
        layout.addLayout(self.blocker_box)
        layout.addWidget(self._build_details())
        self._build_banners(layout)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout.addWidget(self.buttons)
        # One write at a time: the buttons grey while it runs, a second click is ignored.
        self.call = OneCall(self, self.buttons, self.error.show_message)

    def _build_choices(self, layout: QVBoxLayout) -> None:
        """Delete permanently or apply a cancellation: one of two."""
        self.group = QButtonGroup(self)
        self.permanent = QRadioButton(
            tr("delete", "&Permanently delete — only for a session entered in error"), self
        )
        self.apply = QRadioButton(
            tr("delete", "&Apply cancellation — the session and its money stay"), self
        )
        for b in (self.permanent, self.apply):
            b.setAccessibleName(b.text().replace("&", ""))
            self.group.addButton(b)
            layout.addWidget(b)

    def _build_details(self) -> QWidget:
        """The reason, advised time and note a cancellation applies with."""
        self.reason = QComboBox(self)
        self.reason.setAccessibleName(tr("delete", "Cancellation reason"))
        # No reason is taken for granted: it says who cancelled and whether a fee applies.
        self.reason.addItem(tr("delete", "Choose a reason…"), None)
        for rid, label in self.ctx.reasons:
            self.reason.addItem(label, rid)
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(tr("delete", "Note (optional)"))
        self.note.setAccessibleName(tr("delete", "Note"))
        # When the client told the practice, as in the cancel wizard: the notice and fee follow it.
        self.advised = AdvisedAtField(self, tz=self.ctx.tz, now=self.ctx.now)
        # Labelled as the wizard labels them, and greyed with them while deleting is chosen.
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("delete", "Reason:"), self.reason)
        form.addRow(tr("delete", "Advised at:"), self.advised)
        form.addRow(tr("delete", "Note:"), self.note)
        return self.details

    def _build_banners(self, layout: QVBoxLayout) -> None:
        """Why a cancellation can't apply, and the addendum to remember, when there are."""
        if self.ctx.apply_blocked:
            self.apply.setToolTip(self.ctx.apply_blocked)
            layout.addWidget(
                banner(
                    tr("delete", "Apply cancellation is not possible: ") + self.ctx.apply_blocked,
                    parent=self,
                )
            )
        if self.ctx.check.addendum_reminder:
            layout.addWidget(banner(self.ctx.check.addendum_reminder, ALERT_STYLE, self))

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.group.buttonToggled.connect(lambda *_: self._sync())
        self.reason.currentIndexChanged.connect(self.advised.notice_changed)
        self.advised.shown.connect(self._fit_height)

    def _load_state(self) -> None:
        self._show_blockers()
        permanent = not self.check.blockers or self.ctx.apply_blocked
        (self.permanent if permanent else self.apply).setChecked(True)
        self._sync()
        self.advised.start(self._ask_notice)

    def _fit_height(self) -> None:
        """Grow to show the notice's working whole: it arrives after the dialog is shown, and
        its lines wrap to the dialog's width."""
        layout = self.layout()
        if layout is None:
            return
        # The labels' new heights, worked out now rather than on the next event: the form's
        # first (a form layout learns its rows wrap only when asked its size).
        form = self.details.layout()
        if form is not None:
            form.invalidate()
            form.sizeHint()
        layout.invalidate()
        layout.activate()
        if not layout.hasHeightForWidth():
            return
        need = layout.totalHeightForWidth(self.width())
        if need > self.height():
            self.resize(self.width(), need)

    def _ask_notice(self, advised_at: datetime, reply: Reply) -> bool:
        """The notice and fee applying the chosen reason at this advised time gives."""
        if not self.apply.isChecked() or self.reason.currentData() is None:
            return False
        self.ctx.preview_apply(int(self.reason.currentData()), "", advised_at, reply)
        return True

    def _show_blockers(self) -> None:
        while self.blocker_box.count():
            item = self.blocker_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from sight now, not when the event loop deletes it
                widget.deleteLater()
        if not self.check.blockers:
            return
        self.blocker_box.addWidget(
            QLabel(tr("delete", "<b>Permanent delete is blocked by:</b>"), self)
        )
        for blocker in self.check.blockers:
            self.blocker_box.addWidget(self._blocker_row(blocker))

    def _blocker_row(self, blocker: Blocker) -> QWidget:
        row = QWidget(self)
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        text = QLabel(f"• {blocker.text} {blocker.how_to_clear}", row)
        text.setWordWrap(True)
        h.addWidget(text, 1)
        if blocker.removable:
            button = QPushButton(tr("delete", "Remove"), row)
            button.setAccessibleName(tr("delete", "Remove {what}").format(what=blocker.kind))
            button.setEnabled(self.ctx.can_remove_money)
            if not self.ctx.can_remove_money:
                button.setToolTip(
                    tr("delete", "Only a manager can remove payments and adjustments.")
                )
            button.clicked.connect(lambda _=False, b=blocker: self._remove(b))
            h.addWidget(button)
        return row

    def _remove(self, blocker: Blocker) -> None:
        what = blocker.kind
        reason = self.ask(
            Destructive(
                tr("delete", "Remove {what}").format(what=what),
                tr("delete", "Remove this {what} from the session?").format(what=what),
                tr("delete", "Remove {what}").format(what=what),
                tr("delete", "Keep {what}").format(what=what),
                (
                    blocker.text,
                    tr("delete", "The audit log keeps what was removed, by whom and why."),
                ),
                tr("delete", "Why is it being removed? (required)"),
            )
        )
        if reason is None:
            return
        self.ctx.remove(blocker, reason, self._on_removed)

    def _on_removed(self, outcome: Outcome[DeleteCheck]) -> None:
        if outcome.error is not None or outcome.value is None:
            self.error.show_message(str(outcome.error))
            return
        self.check = outcome.value
        self.error.clear_message()
        self._show_blockers()
        self._sync()

    def _sync(self) -> None:
        blocked = bool(self.check.blockers)
        self.permanent.setEnabled(not blocked)
        self.apply.setEnabled(self.ctx.apply_blocked is None)
        if blocked and self.permanent.isChecked() and self.apply.isEnabled():
            self.apply.setChecked(True)
        applying = self.apply.isChecked()
        self.details.setEnabled(applying)
        self.advised.notice_changed()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        chosen = self.apply if applying else self.permanent
        ok.setEnabled(chosen.isEnabled())
        ok.setText(
            tr("delete", "Apply &cancellation") if applying else tr("delete", "&Delete permanently")
        )

    def _on_ok(self) -> None:
        if self.call.busy:  # the first click's call still runs
            return
        if self.apply.isChecked():
            if self.reason.currentData() is None:
                self.error.show_message(
                    tr(
                        "delete",
                        "Choose the cancellation reason first: it says who cancelled and whether a fee applies.",
                    )
                )
                self.reason.setFocus()
            elif not self.advised.commit():  # what was typed is not a date: say so, stay here
                self.advised.setFocus()
            else:
                reason, note, advised = (
                    int(self.reason.currentData()),
                    self.note.text(),
                    self.advised.value(),
                )
                self.call.start(
                    lambda reply: self.ctx.preview_apply(reason, note, advised, reply),
                    lambda outcome: self._on_apply_previewed(reason, note, advised, outcome),
                )
        elif self._confirm_delete():
            self.call.start(self.ctx.delete, self._on_reply)
        # else kept: the dialog stays as it was

    def _refused(self, exc: FrontDeskError) -> None:
        """A refusal as its sentence; a blocker that came meanwhile is listed with its cure."""
        super()._refused(exc)
        if isinstance(exc, BlockedError) and self.ctx.recheck is not None:
            self.ctx.recheck(lambda fresh: self._on_rechecked(exc.message, fresh))

    def _on_rechecked(self, message: str, outcome: Outcome[DeleteCheck]) -> None:
        self._on_removed(outcome)
        if outcome.error is None:
            self.error.show_message(message)

    def _on_apply_previewed(
        self, reason: int, note: str, advised: datetime, outcome: Outcome[CancellationPreview]
    ) -> None:
        if outcome.error is not None:  # refused, or changed at another desk meanwhile
            self._on_reply(Outcome(error=outcome.error))
            if outcome.error.field == "advised_at":
                self.advised.setFocus()
            return
        if outcome.value is None:
            return
        if self._confirm_apply(outcome.value):
            self.call.start(
                lambda reply: self.ctx.apply_cancellation(reason, note, advised, reply),
                self._on_reply,
            )

    def _confirm_apply(self, preview: CancellationPreview) -> bool:
        """Ask before cancelling everyone still booked, saying what each client is charged;
        "Keep session" is the default."""
        charges = tuple(
            tr("delete", "{client} is charged {money}.").format(
                client=c.client_name, money=format_money(c.charge_cents)
            )
            for c in preview.charges
            if c.charge_cents > 0
        )
        answer = self.ask(
            Destructive(
                tr("delete", "Apply cancellation?"),
                tr("delete", "Cancel this session for everyone still booked?"),
                tr("delete", "Apply cancellation"),
                tr("delete", "Keep session"),
                (
                    tr("delete", "Reason: {reason}").format(reason=self.reason.currentText()),
                    tr("delete", "Advised at: {when}").format(when=self.advised.field.text()),
                    notice_sentence(preview),
                    *charges,
                    tr(
                        "delete",
                        "A manager can undo it later, unless its billing has been extracted.",
                    ),
                ),
            )
        )
        return answer is not None

    def _confirm_delete(self) -> bool:
        """Ask before a permanent delete, listing what goes; "Keep session" is the default."""
        answer = self.ask(
            Destructive(
                tr("delete", "Delete permanently?"),
                tr("delete", "Permanently delete this session? This can't be undone."),
                tr("delete", "Delete permanently"),
                tr("delete", "Keep session"),
                self.check.removes,
            )
        )
        return answer is not None
