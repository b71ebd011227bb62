"""A window's opening size, kept inside the screen it opens on."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# Room left around a window for the title bar and frame its window manager adds.
FRAME_WIDTH, FRAME_HEIGHT = 40, 60


def open_size(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width×height, or smaller to stay inside the screen's free area (a
    1366×768 screen at 125 % lays out 1093×614); never below what its layout needs."""
    screen = widget.screen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - FRAME_WIDTH)
        height = min(height, free.height() - FRAME_HEIGHT)
    widget.resize(width, height)
