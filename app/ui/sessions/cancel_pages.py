"""The cancel wizard's four pages: who cancelled, which clients (skipped when one is booked),
the details (when the client told us, the reason, a note, a waiver, the series scope), and the
review that shows the working and confirms; with the ids that give their order, and the
wizard's own buttons as push buttons. Each page reads and fills the wizard's `CancelDraft`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.services.dto import NOTE_LIMIT, SeriesScope
from app.services.vocabulary import CancelledBy
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.note_field import NoteField
from app.ui.ops import Reply
from app.ui.sessions.advised import AdvisedAtField
from app.ui.sessions.common import ALERT_STYLE, ClientPicker, ErrorLine, Waiver, banner
from app.ui.sessions.review_html import SCOPE_TEXT, review_html

if TYPE_CHECKING:
    from app.ui.sessions.cancel_wizard import CancelWizard

WHO_TEXT = {
    CancelledBy.CLIENT: QT_TRANSLATE_NOOP("cancel", "The client"),
    CancelledBy.WORKER: QT_TRANSLATE_NOOP("cancel", "The worker"),
    CancelledBy.PRACTICE: QT_TRANSLATE_NOOP("cancel", "The practice (closure, emergency)"),
}
PAGE_WHO, PAGE_CLIENTS, PAGE_DETAILS, PAGE_REVIEW = range(4)


class WhoPage(QWizardPage):
    """Page 1: who cancelled."""

    def __init__(self, wizard: CancelWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(tr("cancel", "Who cancelled?"))
        self.setSubTitle(wizard.session_label)
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[CancelledBy, QRadioButton] = {}
        for who, text in WHO_TEXT.items():
            button = QRadioButton(tr("cancel", text), self)
            button.setAccessibleName(tr("cancel", text))
            self.group.addButton(button)
            self.buttons[who] = button
            layout.addWidget(button)
        self.buttons[wizard.ctx.who or CancelledBy.CLIENT].setChecked(True)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.buttons[self.chosen()].setFocus()

    def chosen(self) -> CancelledBy:
        return next(who for who, b in self.buttons.items() if b.isChecked())

    def validatePage(self) -> bool:  # noqa: N802
        self.w.draft.who = self.chosen()
        return True

    def nextId(self) -> int:  # noqa: N802
        many = len(self.w.booked) > 1
        return PAGE_CLIENTS if self.chosen() == CancelledBy.CLIENT and many else PAGE_DETAILS


class ClientsPage(QWizardPage):
    """Page 2: which clients cancelled (skipped when only one is booked)."""

    def __init__(self, wizard: CancelWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(tr("cancel", "Which clients cancelled?"))
        self.setSubTitle(tr("cancel", "The others stay booked."))
        layout = QVBoxLayout(self)
        self.picker = ClientPicker(wizard.booked, self)
        self.error = ErrorLine(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.picker.changed.connect(self.completeChanged)

    def initializePage(self) -> None:  # noqa: N802
        boxes = list(self.picker.boxes.values())
        if boxes:
            boxes[0].setFocus()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.picker.chosen())

    def validatePage(self) -> bool:  # noqa: N802
        self.w.draft.booking_ids = self.picker.chosen()
        return True

    def nextId(self) -> int:  # noqa: N802
        return PAGE_DETAILS


class DetailsPage(QWizardPage):
    """Page 3: when the client told us, why, a note, an optional waiver, the series scope."""

    def __init__(self, wizard: CancelWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(tr("cancel", "Cancellation details"))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # the rows keep their height; the space left goes below them
        self.advised = AdvisedAtField(self, tz=wizard.ctx.tz, now=wizard.ctx.local_now)
        form.addRow(tr("cancel", "Advised at:"), self.advised)
        self.reason = QComboBox(self)
        self.reason.setAccessibleName(tr("cancel", "Reason"))
        form.addRow(tr("cancel", "Reason:"), self.reason)
        self.note = NoteField(parent=self)
        self.note.setAccessibleName(tr("cancel", "Note"))
        self.note.setPlaceholderText(
            tr("cancel", "Optional, up to {limit} characters").format(limit=NOTE_LIMIT)
        )
        self.note.setMaximumHeight(90)
        self.counter = QLabel(self)
        self.counter.setAccessibleName(tr("cancel", "Characters used"))
        form.addRow(tr("cancel", "Note:"), self.note)
        form.addRow("", self.counter)
        self.waiver = Waiver(wizard.ctx.can_waive, self)
        form.addRow(self.waiver.box, self.waiver.reason)
        self.scope = QComboBox(self)
        self.scope.setAccessibleName(tr("cancel", "Which sessions of the series"))
        for scope, text in SCOPE_TEXT.items():
            self.scope.addItem(tr("cancel", text), scope)
        if wizard.ctx.session.series_id is not None:
            form.addRow(tr("cancel", "Recurring:"), self.scope)
        else:
            self.scope.hide()
        self.error = ErrorLine(self)
        form.addRow(self.error)
        self.note.textChanged.connect(self._on_note_changed)
        preset = wizard.ctx.preset
        if preset is not None:
            self.advised.set_value(preset.advised_at)
            self.note.setPlainText(preset.note)
        self._on_note_changed()
        self.reason.currentIndexChanged.connect(self.advised.notice_changed)

    def initializePage(self) -> None:  # noqa: N802
        current = self.reason.currentData()
        self.reason.clear()
        for rid, label in self.w.ctx.reasons.get(self.w.draft.who, []):
            self.reason.addItem(label, rid)
        index = self.reason.findData(current)
        self.reason.setCurrentIndex(max(0, index))
        self.waiver.set_visible(self.w.draft.who == CancelledBy.CLIENT)
        self.error.clear_message()
        self.advised.start(self._ask_notice)
        # The first thing a person fills: when they were told. Typing replaces the value shown.
        self.advised.start_typing()

    def _ask_notice(self, advised_at: datetime, reply: Reply) -> bool:
        """The notice and fee this advised time gives with the reason chosen (before a waiver)."""
        if self.reason.currentData() is None:
            return False
        draft = replace(
            self.w.draft,
            advised_at=advised_at,
            reason_id=self.reason.currentData(),
            note="",
            waive=False,  # the fee before any waiver; the review shows the waiver
            waiver_reason="",
            scope=SeriesScope.THIS,
        )
        self.w.ctx.preview(draft.request(self.w.ctx.session), reply)
        return True

    def _on_note_changed(self) -> None:
        text = self.note.toPlainText()
        if len(text) > NOTE_LIMIT:  # the character past the limit is refused, where it was typed
            cursor = self.note.textCursor()
            position = min(cursor.position(), NOTE_LIMIT)
            self.note.blockSignals(True)
            self.note.setPlainText(text[:NOTE_LIMIT])
            self.note.blockSignals(False)
            cursor = self.note.textCursor()
            cursor.setPosition(position)
            self.note.setTextCursor(cursor)
            self.error.show_message(
                tr("cancel", "The note is limited to {limit} characters.").format(limit=NOTE_LIMIT)
            )
        used = len(self.note.toPlainText())
        self.counter.setText(tr("cancel", "{used} / {limit}").format(used=used, limit=NOTE_LIMIT))

    def validatePage(self) -> bool:  # noqa: N802
        if not self.advised.commit():  # what was typed is not a date: say so, stay here
            self.advised.setFocus()
            return False
        draft = self.w.draft
        draft.advised_at = self.advised.value()
        draft.reason_id = self.reason.currentData()
        draft.note = self.note.toPlainText()
        draft.waive = self.waiver.waived()
        draft.waiver_reason = self.waiver.why()
        in_series = self.w.ctx.session.series_id is not None
        draft.scope = (
            self.scope.currentData() if in_series else SeriesScope.THIS
        )  # coerced by the request
        return self.w.run_preview()


def push_button(wizard: QWizard, which: QWizard.WizardButton) -> QPushButton:
    """One of the wizard's own buttons (push buttons in every wizard style)."""
    return cast(QPushButton, wizard.button(which))


class ReviewPage(QWizardPage):
    """Page 4: the notice and its working, each client's charge, messages, the integration effect."""

    def __init__(self, wizard: CancelWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(tr("cancel", "Review and confirm"))
        layout = QVBoxLayout(self)
        self.alert = banner("", ALERT_STYLE, self)
        self.alert.setAccessibleName(tr("cancel", "Manual update required"))
        # Read-only rich text that wraps and scrolls itself: a long series or many clients stay
        # inside the page and the buttons stay on screen.
        self.body = QTextBrowser(self)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setOpenLinks(False)
        self.body.viewport().setAutoFillBackground(False)
        self.body.setAccessibleName(tr("cancel", "Review"))
        self.error = ErrorLine(self)
        layout.addWidget(self.alert)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("cancel", "&Confirm cancellation"))

    def initializePage(self) -> None:  # noqa: N802
        # Confirming can't be taken back here: Enter, pressed once too often on the way through,
        # goes back to the details instead; the cancellation takes a click on Confirm.
        self.w.setOption(QWizard.WizardOption.NoDefaultButton, True)
        push_button(self.w, QWizard.WizardButton.BackButton).setDefault(True)
        preview = self.w.preview
        if preview is None:
            return
        self.alert.setText("⚠ " + escape(preview.integration_effect))
        self.alert.setVisible(preview.manual_update_required)
        self.body.setHtml(review_html(preview, self.w.ctx.tz))
        self.error.clear_message()

    def cleanupPage(self) -> None:  # noqa: N802
        push_button(self.w, QWizard.WizardButton.BackButton).setDefault(False)
        self.w.setOption(QWizard.WizardOption.NoDefaultButton, False)  # Next the default again

    def validatePage(self) -> bool:  # noqa: N802
        return self.w.run_confirm()
