"""What a person would see cut off: text a label, button or header cannot show, a widget squeezed
below the size it needs, a window larger than the screen, a form that scrolls on it.

`problems(top)` lists each as a sentence naming the widget; `walk.py` opens every window, dialog
and wizard page through the real menus and runs it on each.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QToolButton,
    QWidget,
)

from app.ui.screen_fit import FormScroll

SLACK = 1  # a pixel of rounding is not a clip
TITLE_BUTTONS = 120  # close, maximise and minimise beside a title, and its margins


def name_of(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QTabBar):
        text = " | ".join(widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    shown = f" “{text[:40]}”" if text else ""
    obj = f" #{widget.objectName()}" if widget.objectName() else ""
    return f"{type(widget).__name__}{obj}{shown}"


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Widgets inside a scroll area may be larger than what shows: the area scrolls to them."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text):
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + SLACK:
                return f"shows {label.height()} px of the {need} px its text needs"
        return None
    contents = label.contentsRect()
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + SLACK:
            return f"shows {label.height()} px of the {need} px its wrapped text needs"
        return None
    if label.buddy() is not None or label.hasSelectedText() is False:
        text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    metrics = QFontMetrics(label.font())
    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if widest > contents.width() + SLACK:
        return f"is {contents.width()} px wide for text {widest} px wide"
    return None


def _button(button: QAbstractButton) -> str | None:
    if (
        not button.text()
        or isinstance(button, QToolButton)
        and isinstance(button.parent(), QTabBar)
    ):
        return None
    need = button.sizeHint().width()
    if isinstance(button, QPushButton | QCheckBox | QRadioButton) and button.width() + SLACK < need:
        return f"is {button.width()} px wide for a label that needs {need} px"
    return None


def _header(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    out = []
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) <= 0:
            continue
        text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text or header.orientation() == Qt.Orientation.Vertical:
            continue
        # What Qt itself needs to draw the heading whole (text, margins, sort arrow).
        need = max(header.sectionSizeHint(section), metrics.horizontalAdvance(str(text)))
        if header.sectionSize(section) + SLACK < need and header.isVisible():
            visible_to = header.viewport().width() + header.offset()
            if header.sectionPosition(section) < visible_to:
                out.append(f"column “{text}” is {header.sectionSize(section)} px for {need} px")
    return out


def problems(top: QWidget, *, may_scroll: bool = False) -> list[str]:
    """Every clipped text or squeezed widget in `top` (visible ones only), and every form that
    scrolls (unless `may_scroll`), as sentences."""
    out: list[str] = []
    screen = (top.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = top.frameGeometry()
    if frame.width() > screen.width() + SLACK or frame.height() > screen.height() + SLACK:
        out.append(
            f"{top.windowTitle() or name_of(top)} is {frame.width()}×{frame.height()} on a "
            f"{screen.width()}×{screen.height()} screen"
        )
    title = top.windowTitle()
    if title and top.isWindow() and top.parentWidget() is not None or isinstance(top, QDialog):
        # A window manager draws the title beside its buttons (about 120 px of them): a dialog
        # narrower than that shows "Sign in … ontDesk".
        need = QFontMetrics(QApplication.font("QMdiSubWindowTitleBar")).horizontalAdvance(title)
        if frame.width() < need + TITLE_BUTTONS:
            out.append(
                f"{title}: the window is {frame.width()} px, its title needs {need + TITLE_BUTTONS} px"
            )
    for form in top.findChildren(FormScroll):
        hidden = form.verticalScrollBar().maximum()
        if form.isVisible() and form.window() is top and hidden > 0 and not may_scroll:
            out.append(
                f"{top.windowTitle() or name_of(top)}: the form scrolls, {hidden} px below the fold"
            )
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top or isinstance(widget, QMenuBar):
            continue
        if _inside_scroll_area(widget, top) and not isinstance(widget, QHeaderView):
            continue
        why: str | None = None
        if isinstance(widget, QLabel):
            why = _label(widget)
        elif isinstance(widget, QAbstractButton):
            why = _button(widget)
        elif isinstance(widget, QHeaderView):
            out.extend(f"{top.windowTitle()}: {p}" for p in _header(widget))
            continue
        elif isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # the spin box sizes its own edit: the spin box itself is checked below
        elif isinstance(widget, QComboBox | QLineEdit):
            hint = widget.minimumSizeHint()
            if widget.width() + SLACK < hint.width():
                why = f"is {widget.width()} px wide, needs at least {hint.width()} px"
        elif not isinstance(widget, QAbstractScrollArea | QAbstractItemView):
            hint = widget.minimumSizeHint()
            policy = widget.sizePolicy()
            squeezable = policy.horizontalPolicy() == policy.Policy.Ignored
            if (
                hint.isValid()
                and not squeezable
                and (
                    widget.width() + SLACK < hint.width() or widget.height() + SLACK < hint.height()
                )
            ):
                why = (
                    f"is {widget.width()}×{widget.height()}, smaller than the "
                    f"{hint.width()}×{hint.height()} it needs"
                )
        if why:
            out.append(f"{top.windowTitle() or name_of(top)}: {name_of(widget)} {why}")
    return out
