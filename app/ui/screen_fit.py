"""The screen a window opens on, a window's opening size kept inside it, and a form that scrolls
when the window is too short for it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room left around a window for the title bar and frame its window manager adds.
FRAME_WIDTH, FRAME_HEIGHT = 40, 60


def free_area(widget: QWidget) -> QRect | None:
    """The free area (task bars left out) of the screen `widget` opens on: its parent window's,
    or the one at its own window's centre, else the primary screen; None without a screen.

    Asked of the application, not of the widget: a wizard asking its own `screen()` while it
    was being built left a screen dangling that a later window crashed on (PySide6 6.11).
    """
    anchor = widget.parentWidget() or widget
    centre = anchor.window().frameGeometry().center()
    screen = QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def open_size(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width×height, or smaller to stay inside the screen's free area (a
    1366×768 screen at 125 % lays out 1093×614); never below what its layout needs."""
    free = free_area(widget)
    if free is not None:
        width = min(width, free.width() - FRAME_WIDTH)
        height = min(height, free.height() - FRAME_HEIGHT)
    widget.resize(width, height)


class FormScroll(QScrollArea):
    """A form that scrolls up and down only when the window is too short for it: it asks for
    the form's whole height and width (room for the scroll bar included), and can shrink to a
    few rows."""

    def __init__(self, form: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # Not a stop of its own for Tab: the focus goes to the fields, which it scrolls into view.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)

    def _inner(self, size: QSize) -> QSize:
        return QSize(size.width() + self.verticalScrollBar().sizeHint().width(), size.height())

    def sizeHint(self) -> QSize:  # noqa: D102 - Qt's
        form = self.widget()
        return super().sizeHint() if form is None else self._inner(form.sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: D102 - Qt's
        form = self.widget()
        if form is None:
            return super().minimumSizeHint()
        least = form.minimumSizeHint()
        return self._inner(QSize(least.width(), min(least.height(), FEW_ROWS)))


# The height a scrolling form keeps at the least: a few rows of fields.
FEW_ROWS = 120
