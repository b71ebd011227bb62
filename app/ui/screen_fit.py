"""A window's opening size, kept inside the screen it opens on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left around a window for the title bar and frame its window manager adds.
FRAME_WIDTH, FRAME_HEIGHT = 40, 60


def open_size(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width×height, or smaller to stay inside the free area of the screen
    it opens on (its parent window's; a 1366×768 screen at 125 % lays out 1093×614)."""
    parent = widget.parentWidget()
    # Asked of the application, not of the widget being built: a wizard asking its own
    # `screen()` there left a screen dangling that a later window crashed on (PySide6 6.11).
    screen = None
    if parent is not None:
        screen = QGuiApplication.screenAt(parent.window().frameGeometry().center())
    screen = screen or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - FRAME_WIDTH)
        height = min(height, free.height() - FRAME_HEIGHT)
    widget.resize(width, height)
