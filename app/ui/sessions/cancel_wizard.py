"""The cancel wizard: who cancelled, which clients, the details, then a review that shows the working."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from html import escape
from typing import cast
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import ConflictError, FrontDeskError
from app.services.dto import (
    NOTE_LIMIT,
    CancellationPreview,
    CancelRequest,
    CancelResult,
    SeriesScope,
    SessionBlock,
)
from app.services.vocabulary import BookingStatus, CancelledBy
from app.ui.format import session_label
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.ops import Pending, Reply
from app.ui.screen_fit import open_size
from app.ui.sessions.advised import AdvisedAtField
from app.ui.sessions.common import ALERT_STYLE, ClientPicker, ErrorLine, banner
from app.ui.sessions.review_html import SCOPE_TEXT, review_html

WHO_TEXT = {
    CancelledBy.CLIENT: QT_TRANSLATE_NOOP("cancel", "The client"),
    CancelledBy.WORKER: QT_TRANSLATE_NOOP("cancel", "The worker"),
    CancelledBy.PRACTICE: QT_TRANSLATE_NOOP("cancel", "The practice (closure, emergency)"),
}
PAGE_WHO, PAGE_CLIENTS, PAGE_DETAILS, PAGE_REVIEW = range(4)
DETAIL_FIELDS = {"advised_at", "reason", "note", "waiver_reason", "scope"}


@dataclass
class CancelContext:
    """What the wizard needs, loaded by its caller; the callables run the services."""

    session: SessionBlock
    tz: ZoneInfo
    now: datetime
    reasons: dict[CancelledBy, list[tuple[int, str]]]
    can_waive: bool
    # Each runs off the GUI thread and answers through the Reply: the preview reads, confirm writes.
    preview: Callable[[CancelRequest, Reply], None]
    confirm: Callable[[CancelRequest, Reply], None]
    who: CancelledBy | None = None
    # The desk's clock, read when Now is pressed or "today" typed; without one, `now` stays put.
    clock: Callable[[], datetime] | None = None
    # Filled in beforehand (a client's text reply): who, when they told us, and the note.
    preset: CancelPreset | None = None

    def local_now(self) -> datetime:
        return (self.clock() if self.clock is not None else self.now).astimezone(self.tz)


@dataclass(frozen=True)
class CancelPreset:
    """A client cancellation already known in part: the booking, when they told us, a note."""

    booking_id: int
    advised_at: datetime
    note: str = ""


@dataclass
class CancelDraft:
    """What the pages have collected so far."""

    who: CancelledBy = CancelledBy.CLIENT
    booking_ids: list[int] = field(default_factory=list)
    advised_at: datetime | None = None
    reason_id: int | None = None
    note: str = ""
    waive: bool = False
    waiver_reason: str = ""
    scope: SeriesScope | str = SeriesScope.THIS  # as the combo hands it back

    def request(self, session: SessionBlock) -> CancelRequest:
        assert self.advised_at is not None
        return CancelRequest(
            session_id=session.id,
            cancelled_by=self.who,
            advised_at=self.advised_at,
            reason_id=self.reason_id or 0,
            booking_ids=tuple(self.booking_ids) if self.who == CancelledBy.CLIENT else (),
            note=self.note,
            waive=self.waive,
            waiver_reason=self.waiver_reason,
            expected_version=session.version,
            # The combo's value as it is: the request refuses, with a sentence, what is not one.
            scope=cast(SeriesScope, self.scope),
        )


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
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(tr("cancel", "Note"))
        self.note.setPlaceholderText(
            tr("cancel", "Optional, up to {limit} characters").format(limit=NOTE_LIMIT)
        )
        self.note.setMaximumHeight(90)
        self.counter = QLabel(self)
        self.counter.setAccessibleName(tr("cancel", "Characters used"))
        form.addRow(tr("cancel", "Note:"), self.note)
        form.addRow("", self.counter)
        self.waive = QCheckBox(tr("cancel", "Waive the charge"), self)
        self.waive.setAccessibleName(tr("cancel", "Waive the charge"))
        self.waiver_reason = QLineEdit(self)
        self.waiver_reason.setAccessibleName(tr("cancel", "Why the charge is waived"))
        self.waiver_reason.setPlaceholderText(tr("cancel", "Why the charge is waived"))
        self.waiver_reason.setMaxLength(255)
        form.addRow(self.waive, self.waiver_reason)
        if not wizard.ctx.can_waive:
            self.waive.setEnabled(False)
            self.waive.setToolTip(tr("cancel", "Only a manager can waive a charge."))
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
        self.waive.toggled.connect(self.waiver_reason.setEnabled)
        self.waiver_reason.setEnabled(False)
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
        self.waive.setVisible(self.w.draft.who == CancelledBy.CLIENT)
        self.waiver_reason.setVisible(self.w.draft.who == CancelledBy.CLIENT)
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
        draft.waive = self.waive.isChecked() and self.waive.isVisible()
        draft.waiver_reason = self.waiver_reason.text()
        in_series = self.w.ctx.session.series_id is not None
        draft.scope = (
            self.scope.currentData() if in_series else SeriesScope.THIS
        )  # coerced by the request
        return self.w.run_preview()


def _push(wizard: QWizard, which: QWizard.WizardButton) -> QPushButton:
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
        _push(self.w, QWizard.WizardButton.BackButton).setDefault(True)
        preview = self.w.preview
        if preview is None:
            return
        self.alert.setText("⚠ " + escape(preview.integration_effect))
        self.alert.setVisible(preview.manual_update_required)
        self.body.setHtml(review_html(preview, self.w.ctx.tz))
        self.error.clear_message()

    def cleanupPage(self) -> None:  # noqa: N802
        _push(self.w, QWizard.WizardButton.BackButton).setDefault(False)
        self.w.setOption(QWizard.WizardOption.NoDefaultButton, False)  # Next the default again

    def validatePage(self) -> bool:  # noqa: N802
        return self.w.run_confirm()


class CancelWizard(QWizard):
    """Collects a cancellation; confirming runs the one cancel service through `ctx.confirm`."""

    def __init__(self, ctx: CancelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft = CancelDraft(who=ctx.who or CancelledBy.CLIENT)
        self.booked = [c for c in ctx.session.clients if c.status == BookingStatus.BOOKED]
        self.draft.booking_ids = (
            [c.booking_id for c in self.booked] if len(self.booked) == 1 else []
        )
        preset = ctx.preset
        if preset is not None and any(c.booking_id == preset.booking_id for c in self.booked):
            self.draft.booking_ids = [preset.booking_id]
        self.preview: CancellationPreview | None = None
        self.result_: CancelResult | None = None
        self.conflict: str | None = None
        self._previewing, self._confirming = Pending(), Pending()
        self.session_label = session_label(ctx.session, ctx.tz)
        self.setWindowTitle(tr("cancel", "Cancel session"))
        self.setObjectName("cancelWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.who_page = WhoPage(self)
        self.clients_page = ClientsPage(self)
        self.details_page = DetailsPage(self)
        self.review_page = ReviewPage(self)
        for page_id, page in enumerate(
            (self.who_page, self.clients_page, self.details_page, self.review_page)
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_WHO)
        # Enter on Confirm, when it has the focus, goes to the default (Back) as anywhere else
        # on the review: only a click (or its shortcut) confirms.
        _push(self, QWizard.WizardButton.FinishButton).setAutoDefault(False)
        if ctx.preset is not None:
            self.clients_page.picker.set_chosen(self.draft.booking_ids)
        open_size(self, 640, 560)

    def _error_page(self, exc: FrontDeskError) -> ErrorLine:
        if exc.field == "clients":
            return self.clients_page.error
        if exc.field in DETAIL_FIELDS:
            return self.details_page.error
        return (
            self.review_page.error if self.currentId() == PAGE_REVIEW else self.details_page.error
        )

    def _request(self) -> CancelRequest:
        if self.draft.who == CancelledBy.CLIENT and not self.draft.booking_ids:
            self.draft.booking_ids = (
                [c.booking_id for c in self.booked][:1] if len(self.booked) == 1 else []
            )
        return self.draft.request(self.ctx.session)

    def run_preview(self) -> bool:
        """Ask the service what would happen; its refusal is shown where the field is.

        The page waits for the reply (read off the GUI thread) and moves on when it comes.
        """
        try:
            request = self._request()
        except FrontDeskError as exc:  # a value the request refuses (checked at the boundary)
            return self._preview_refused(exc)
        outcome = self._previewing.take(lambda reply: self.ctx.preview(request, reply), self.next)
        if outcome is None:
            return False
        if outcome.error is not None:
            return self._preview_refused(outcome.error)
        self.preview = outcome.value
        self.details_page.error.clear_message()
        return True

    def _preview_refused(self, exc: FrontDeskError) -> bool:
        if isinstance(exc, ConflictError):
            self._conflict(exc)
            return False
        self._error_page(exc).show_message(exc.message)
        if exc.field == "clients":
            self.back()
        return False

    def run_confirm(self) -> bool:
        """Run the cancellation; the wizard closes when its reply says it is done."""
        try:
            request = self._request()
        except FrontDeskError as refused:
            self.review_page.error.show_message(refused.message)
            return False
        outcome = self._confirming.take(lambda reply: self.ctx.confirm(request, reply), self.accept)
        if outcome is None:
            return False
        exc = outcome.error
        if isinstance(exc, ConflictError):
            self._conflict(exc)
            return False
        if exc is not None:
            self.review_page.error.show_message(exc.message)
            return False
        self.result_ = outcome.value
        return True

    def _conflict(self, exc: ConflictError) -> None:
        self.conflict = exc.message
        self.reject()
