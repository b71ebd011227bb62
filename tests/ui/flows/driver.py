"""Drive the real window as a person does: menus and shortcuts, typing, combo entries by their
text, real buttons; every modal dialog the action opens is answered by the next handler.

A flow test never fills a draft or calls a service: it asserts the database and the outbox after.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
    QWizard,
)

Handler = Callable[[QWidget], None]


def plain(text: str) -> str:
    """A label as a person reads it: no mnemonic ampersands, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


# -- modal dialogs ---------------------------------------------------------------------------


@dataclass
class _Answering:
    handlers: list[Handler]
    seen: list[QWidget] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    busy: set[int] = field(default_factory=set)
    finished: dict[int, float] = field(default_factory=dict)  # a dialog → when its handler ended


# How long a dialog may stay open once its handler has returned (it may close itself when the
# work it started ends) before the flow fails instead of waiting for it for ever.
LEFT_OPEN_S = 15.0


def describe(widget: QWidget) -> str:
    if isinstance(widget, QMessageBox):
        return f"message box “{widget.windowTitle()}”: {widget.text()}"
    return f"{type(widget).__name__} “{widget.windowTitle()}”"


@contextmanager
def dialogs(
    *handlers: Handler, poll_ms: int = 15, left_open_s: float = LEFT_OPEN_S
) -> Iterator[list[QWidget]]:
    """Answer each modal dialog opened inside the block with the next handler, in order.

    A handler gets the dialog and must close it (press a real button). A dialog nobody expected
    is closed and fails the test, and so is one still open `left_open_s` after its handler
    returned or raised, so a flow never hangs on a forgotten box.
    """
    state = _Answering(list(handlers))
    timer = QTimer()
    timer.setInterval(poll_ms)

    def run(widget: QWidget, handler: Handler) -> None:
        try:
            handler(widget)
        except BaseException as exc:  # noqa: BLE001 - reported after the action returns
            state.errors.append(exc)
            _close(widget)
        finally:
            state.busy.discard(id(widget))
            state.finished[id(widget)] = time.monotonic()

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or id(widget) in state.busy:
            return
        if any(w is widget for w in state.seen):
            ended = state.finished.get(id(widget))
            if ended is not None and time.monotonic() - ended > left_open_s:
                del state.finished[id(widget)]
                state.errors.append(
                    AssertionError(f"{describe(widget)} stayed open after its handler")
                )
                _force_close(widget)
            return
        state.seen.append(widget)
        if not state.handlers:
            state.unexpected.append(describe(widget))
            _close(widget)
            return
        state.busy.add(id(widget))
        handler = state.handlers.pop(0)
        # Run outside this timer's slot, so a nested dialog the handler opens is answered too.
        QTimer.singleShot(0, lambda: run(widget, handler))

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield state.seen
    finally:
        timer.stop()
    if state.errors:
        raise state.errors[0]
    assert not state.unexpected, f"unexpected dialogs: {state.unexpected}"
    assert not state.handlers, f"{len(state.handlers)} expected dialog(s) never opened"


def _close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


def _force_close(widget: QWidget) -> None:
    """Close a dialog whatever its own reject would do (ask first, refuse to close)."""
    if isinstance(widget, QDialog):
        QDialog.done(widget, QDialog.DialogCode.Rejected)
    else:
        widget.hide()


def wait_modal_gone(qtbot: Any) -> None:
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)


# -- finding and pressing ----------------------------------------------------------------------


def button(parent: QWidget, text: str) -> QAbstractButton:
    """The visible button whose label reads `text` (ampersands and ellipsis ignored)."""
    found = [
        b
        for b in parent.findChildren(QAbstractButton)
        if plain(b.text()) == plain(text) and b.isVisible()
    ]
    assert found, f"no button “{text}” in {describe(parent)}: " + ", ".join(
        sorted({plain(b.text()) for b in parent.findChildren(QAbstractButton) if b.isVisible()})
    )
    return found[0]


def press(parent: QWidget, text: str) -> None:
    """Click the real button labelled `text`; it must be enabled."""
    b = button(parent, text)
    assert b.isEnabled(), f"“{text}” is greyed: {b.toolTip()}"
    if isinstance(b, QCheckBox | QRadioButton):  # a wide box reacts on its mark and label only
        QTest.mouseClick(b, Qt.MouseButton.LeftButton, pos=QPoint(6, b.height() // 2))
    else:
        QTest.mouseClick(b, Qt.MouseButton.LeftButton)


def unsaved_question(answer: str, asks: str = "Save the changes to ") -> Handler:
    """Answer “Save the changes to …?” (or another question starting with `asks`) with Save,
    Discard or Cancel, checking that Cancel (keep the form) is its default button."""

    def handle(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), describe(box)
        assert box.text().startswith(asks), box.text()
        default = box.defaultButton()
        assert default is not None and plain(default.text()) == "Cancel", (
            "Cancel is not the default"
        )
        press(box, answer)

    return handle


def confirm_question(answer: str, asks: str = "") -> Handler:
    """Answer a “can't be taken back” question (ConfirmDialog) by clicking `answer`; its text
    must contain `asks`."""

    def handle(dialog: QWidget) -> None:
        question = dialog.findChild(QLabel, "confirmQuestion")
        assert question is not None, describe(dialog)
        assert asks in question.text(), question.text()
        press(dialog, answer)

    return handle


def press_default(dialog: QWidget) -> None:
    """Press Enter, as a person accepting whatever the dialog offers as its default."""
    QTest.keyClick(dialog, Qt.Key.Key_Return)


def next_page(wizard: QWizard) -> None:
    before = wizard.currentId()
    QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() != before, f"the wizard stayed on page {before}: {errors(wizard)}"


def finish(wizard: QWizard) -> None:
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def errors(widget: QWidget) -> list[str]:
    """The error lines a dialog shows (visible labels named like an error)."""
    from PySide6.QtWidgets import QLabel

    return [
        lbl.text()
        for lbl in widget.findChildren(QLabel)
        if lbl.isVisible() and lbl.text() and "rror" in (lbl.objectName() + type(lbl).__name__)
    ]


def field(parent: QWidget, accessible_name: str, kind: type[QWidget] = QWidget) -> Any:
    """The control a screen reader would announce as `accessible_name`."""
    found = [
        w
        for w in parent.findChildren(kind)
        if w.accessibleName() == accessible_name and w.isVisible()
    ]
    assert found, f"no visible {kind.__name__} named “{accessible_name}” in {describe(parent)}"
    return found[0]


def choose(combo: QComboBox, text: str) -> None:
    """Open the combo's list and click the entry that reads `text`."""
    index = combo.findText(text, Qt.MatchFlag.MatchExactly)
    assert index >= 0, f"“{text}” is not offered; the entries are {entries(combo)}"
    combo.showPopup()
    view = combo.view()
    view.scrollTo(view.model().index(index, combo.modelColumn()))
    rect = view.visualRect(view.model().index(index, combo.modelColumn()))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if combo.view().isVisible():  # a platform that needs a release inside the popup
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert combo.currentText() == text, f"chose “{combo.currentText()}” instead of “{text}”"


def tick(box: Any, on: bool = True) -> None:
    """Click a check box on its box (where a person clicks) until it reads `on`."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert box.isEnabled(), f"“{plain(box.text())}” is greyed: {box.toolTip()}"
    if box.isChecked() != on:
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center())
    assert box.isChecked() == on, (
        f"“{plain(box.text())}” did not become {'ticked' if on else 'clear'}"
    )


def open_tab(tabs: Any, text: str) -> None:
    """Click the tab whose title reads `text` (a count in brackets after it is ignored)."""
    bar = tabs.tabBar()
    titles = [plain(bar.tabText(i)).split(" (")[0] for i in range(bar.count())]
    assert plain(text) in titles, f"no tab “{text}”: {titles}"
    index = titles.index(plain(text))
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index, f"the tab “{text}” did not open"


def entries(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Replace what the field holds by typing `text`, then leave it (Tab) as a person would."""
    widget.setFocus()
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(widget, Qt.Key.Key_Delete)
    elif isinstance(widget, QPlainTextEdit):
        widget.selectAll()
        QTest.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def type_any_script(edit: QLineEdit, text: str) -> None:
    """Replace the field's text by typing `text`, one key at a time, as a keyboard set to that
    script sends it (QTest's own typing knows Latin-1 only)."""
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                   Qt.KeyboardModifier.NoModifier, ch))  # fmt: skip


def type_date(qtbot: Any, edit: QWidget, text: str) -> None:
    """Type a date (and time) into a date field the way a receptionist types it, then Tab away."""
    line = getattr(edit, "line_edit", None)  # the window's date field types into its line edit
    target: QWidget = line() if callable(line) else edit
    type_into(qtbot, target, text)
    QTest.keyClick(target, Qt.Key.Key_Tab)


# -- the window ------------------------------------------------------------------------------


def menu_action(window: Any, session_id: int, text: str) -> QAction:
    """Open the session's context menu as a right-click does and return the entry `text`."""
    menu: QMenu = window.session_menu(session_id)
    found = [a for a in menu.actions() if plain(a.text()) == plain(text)]
    assert found, f"no “{text}” in the session menu: {[plain(a.text()) for a in menu.actions()]}"
    return found[0]


def from_context_menu(window: Any, session_id: int, text: str) -> None:
    """Right-click the session and choose `text` (it must be enabled)."""
    action = menu_action(window, session_id, text)
    assert action.isEnabled(), f"“{text}” is greyed: {action.toolTip()}"
    action.trigger()


def main_menu_action(window: Any, *path: str) -> QAction:
    """The menu bar entry at `path` (e.g. "File", "Sign out"), found by its visible text."""
    actions = window.menuBar().actions()
    action: QAction | None = None
    for step in path:
        found = [a for a in actions if plain(a.text()) == plain(step)]
        assert found, f"no “{step}” among {[plain(a.text()) for a in actions if a.text()]}"
        action = found[0]
        menu = action.menu()
        actions = menu.actions() if menu is not None else []
    assert action is not None
    return action


def from_menu(window: Any, *path: str) -> None:
    action = main_menu_action(window, *path)
    assert action.isEnabled(), f"“{' ▸ '.join(path)}” is greyed: {action.toolTip()}"
    action.trigger()


def shortcut(qtbot: Any, window: Any, keys: str) -> None:
    """Press a key sequence (e.g. "Del", "Ctrl+Shift+Z") where the user's focus is."""
    from PySide6.QtGui import QKeySequence

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    combo = QKeySequence(keys)[0]
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def click_session(qtbot: Any, window: Any, session_id: int) -> None:
    """Select the session on the schedule as a click does."""
    window.select_session(session_id)
    qtbot.waitUntil(lambda: window.details is not None, timeout=3000)
    assert window.details is not None and window.details.block.id == session_id


def point_of(widget: QWidget) -> QPoint:
    return widget.rect().center()


# -- the keyboard alone ------------------------------------------------------------------------


def focused() -> QWidget:
    """The widget the keyboard types into now (a dialog's field, the schedule, …)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus is nowhere: no widget takes the keys"
    return widget


def keys(*sequences: str) -> None:
    """Press each key sequence (e.g. "Tab", "Return", "Alt+C", "Space") where the focus is now,
    as a person does, without touching the mouse or moving the focus first."""
    from PySide6.QtGui import QKeySequence

    for sequence in sequences:
        combo = QKeySequence(sequence)[0]
        QTest.keyClick(focused(), combo.key(), combo.keyboardModifiers())


def tab_to(accessible_name: str, limit: int = 20) -> QWidget:
    """Press Tab until the focus reaches the control a screen reader names `accessible_name`."""
    passed: list[str] = []
    for _ in range(limit):
        if focused().accessibleName() == accessible_name:
            return focused()
        passed.append(focused().accessibleName() or type(focused()).__name__)
        keys("Tab")
    raise AssertionError(f"Tab never reached “{accessible_name}”; it went {passed}")
