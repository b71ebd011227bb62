"""What the settings dialogs of an outside service share (the calendar server, the SMS gateway,
e-mail and the integration): a saved secret left empty to keep it, the line that says how a
save or a test went, and a dialog that saves and sends its test off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from app.errors import FrontDeskError
from app.services.desk import Desk
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.ops import Ops, failure_sentence
from app.ui.setup.common import GuardedDialog, Unsaved, ask_before_leaving

# The placeholder of a secret that is saved: the field shows empty and keeps it unless typed over.
KEEP = QT_TRANSLATE_NOOP("dialogs", "saved — leave empty to keep it")
OK_STYLE = "color: #1b5e20;"
BAD_STYLE = "color: #b3261e;"

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """The widget, with the name a screen reader says for it."""
    widget.setAccessibleName(name)
    return widget


def outcome_line(parent: QWidget, name: str) -> QLabel:
    """The line under a service's fields that says how the last save or test went."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


def say(label: QLabel, text: str, ok: bool) -> None:
    """`text` on the outcome line, green when it went well, red when not."""
    label.setText(text)
    label.setStyleSheet(OK_STYLE if ok else BAD_STYLE)


class ServiceDialog(GuardedDialog):
    """A service's settings with Save, Cancel and "Send test"; the subclass builds its fields,
    `outcome`, `buttons`, `save_button` and `test_button`, says which errors of its test are
    sentences already (the rest are put in words by `sentence`), connects Cancel to `cancel`
    and calls `unsaved.mark()` once its fields are filled: Cancel, Escape or the close button
    with changes made asks Save / Discard / Cancel, naming `subject`."""

    outcome: QLabel
    buttons: QDialogButtonBox
    save_button: QPushButton
    test_button: QPushButton
    test_errors: tuple[type[Exception], ...] = (FrontDeskError,)

    def __init__(self, ops: Ops, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.subject = subject
        self.unsaved = Unsaved(self.draft)
        self._saving = False

    def draft(self) -> object:
        """The fields as the service's draft."""
        raise NotImplementedError

    def save(self) -> None:
        """Check and save the draft (the subclass's `_save` call)."""
        raise NotImplementedError

    def may_close(self) -> bool:
        """Cancel, Escape or the close button: with changes made, ask first."""
        if self._saving:
            return False  # its answer closes the dialog or shows the refusal
        return ask_before_leaving(self, self.subject, self.unsaved, self.save)

    def _say(self, text: str, ok: bool) -> None:
        say(self.outcome, text, ok)

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.test_button.setEnabled(not busy)

    def _save(self, check: Callable[[], object], write: Callable[[Any], str]) -> None:
        """Check the draft here (a refusal is said on the dialog, which stays open), then
        save it off the GUI thread; the dialog closes once it is saved."""
        try:
            check()
        except FrontDeskError as exc:
            self._say(exc.message, False)
            return
        self._busy(True)
        self._saving = True
        self.ops.write(write, self._saved, self._refused)

    def _saved(self, said: str) -> None:
        self._busy(False)
        self._saving = False
        bar = getattr(self.parentWidget(), "statusBar", None)
        if callable(bar):
            bar().showMessage(said, 10_000)
        self.accept()

    def _refused(self, exc: FrontDeskError) -> None:
        self._busy(False)
        self._saving = False
        self._say(exc.message, False)

    def _test(self, sending: str, work: Callable[[Desk], str]) -> None:
        """Run the test in the background, saying `sending` meanwhile and then how it went."""
        self._say(sending, True)
        self._busy(True)
        self.ops.background(work, self._tested, self._test_failed)

    def _tested(self, text: Any) -> None:
        self._busy(False)
        self._say(str(text), True)

    def _test_failed(self, exc: Exception) -> None:
        self._busy(False)
        if isinstance(exc, self.test_errors):
            self._say(str(exc), False)
            return
        failed = tr("dialogs", "The test could not be run. Check the settings and try again.")
        self._say(failure_sentence(exc, failed), False)
