"""Small pieces every lifecycle dialog shares: the error line, client pickers, message boxes,
the charge waiver, and the ending of a dialog whose one write finishes it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, FrontDeskError
from app.services.dto import BookingInfo
from app.ui.i18n import tr
from app.ui.lines import ALERT_STYLE, ERROR_STYLE, NOTE_STYLE, ErrorLine, banner
from app.ui.ops import Outcome
from app.ui.screen_fit import FormScroll

__all__ = ["ALERT_STYLE", "ERROR_STYLE", "NOTE_STYLE", "ErrorLine", "banner"]


class WriteDialog(QDialog):
    """A session dialog that one write finishes (its `OneCall` replies to `_on_reply`).

    Done, it closes accepted with the write's result (`result_`). Refused, the sentence stays on
    screen (`_refused`). Another desk changed the session since it was read: it closes with that
    sentence (`conflict`), so its opener says so and opens it again on the fresh session."""

    error: ErrorLine  # laid out where each dialog shows it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_: object = None
        self.conflict: str | None = None

    def _on_reply(self, outcome: Outcome[object]) -> None:
        if isinstance(outcome.error, ConflictError):
            self.conflict = outcome.error.message
            self.reject()
        elif outcome.error is not None:
            self._refused(outcome.error)
        else:
            self.result_ = outcome.value
            self.accept()

    def _refused(self, exc: FrontDeskError) -> None:
        """A refusal: its sentence under the form, the dialog kept as it was."""
        self.error.show_message(str(exc))


class ClientPicker(QWidget):
    """One check box per booked client; emits when the choice changes. A class's many clients
    scroll, so the dialog's buttons stay on a small screen."""

    changed = Signal()

    def __init__(self, clients: Sequence[BookingInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(FormScroll(inner, self))
        self.boxes: dict[int, QCheckBox] = {}
        for info in clients:
            box = QCheckBox(info.client_name, inner)
            box.setAccessibleName(info.client_name)
            box.toggled.connect(self.changed)
            layout.addWidget(box)
            self.boxes[info.booking_id] = box
        if len(self.boxes) == 1:
            next(iter(self.boxes.values())).setChecked(True)

    def chosen(self) -> list[int]:
        return [bid for bid, box in self.boxes.items() if box.isChecked()]

    def set_chosen(self, booking_ids: Sequence[int]) -> None:
        for bid, box in self.boxes.items():
            box.setChecked(bid in booking_ids)


class Waiver:
    """ "Waive the charge" and why: a cancellation's charge (the cancel wizard) or a no-show's
    (Did not attend). Greyed, saying why, for those who may not waive; the reason field opens
    when the box is ticked. The service checks both again (`cancel_checks.checked_waiver`)."""

    def __init__(self, can_waive: bool, parent: QWidget) -> None:
        self.box = QCheckBox(tr("cancel", "Waive the charge"), parent)
        self.box.setAccessibleName(tr("cancel", "Waive the charge"))
        self.reason = QLineEdit(parent)
        self.reason.setAccessibleName(tr("cancel", "Why the charge is waived"))
        self.reason.setPlaceholderText(tr("cancel", "Why the charge is waived"))
        self.reason.setMaxLength(255)
        self.box.toggled.connect(self.reason.setEnabled)
        self.reason.setEnabled(False)
        if not can_waive:
            self.box.setEnabled(False)
            self.box.setToolTip(tr("cancel", "Only a manager can waive a charge."))

    def set_visible(self, visible: bool) -> None:
        self.box.setVisible(visible)
        self.reason.setVisible(visible)

    def waived(self) -> bool:
        """Ticked (and shown): the charge is to be waived."""
        return self.box.isChecked() and self.box.isVisible()

    def why(self) -> str:
        return self.reason.text()
