"""The one QApplication: the names QSettings and the platform need, and its style."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.paths import APP_AUTHOR, APP_NAME, resources_dir

# Should a first paint not come (a hidden or minimised window), the start goes on after this.
PAINT_WAIT_MS = 1000
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE = "frontdesk"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names QSettings and the platform need."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_AUTHOR)
    QApplication.setApplicationVersion(__version__)
    # Fusion follows the system's light or dark scheme on every platform. Chosen on the command
    # line Qt reads, not with setStyle(): that hands back the style object, and PySide6 finds its
    # Python type by initialising every style class it knows (~8 ms ahead of the first paint).
    app = QApplication([*(argv or sys.argv), "-style", "Fusion"])
    use_desk_font(app)
    app.setWindowIcon(window_icon())
    # Wayland shows no window icon of its own: the desktop finds ours (and the entry in its
    # menu) through the desktop entry of this name, packaging/frontdesk.desktop.
    app.setDesktopFileName(DESKTOP_FILE)
    return app


def use_desk_font(app: QApplication) -> None:
    """The system's font without kerning, so text is drawn as wide as it is measured: a label
    drawn with its shortcut letter underlined loses its kerning, and a kerned "&To" showed as
    "Tc" in the width measured for it."""
    font = app.font()
    font.setKerning(False)
    app.setFont(font)


def window_icon() -> QIcon:
    """FrontDesk's icon at every drawn size (title bar, task bar, Alt+Tab); each loads when shown."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"frontdesk-{size}.png"), QSize(size, size))
    return icon


class _PaintWatch(QObject):
    """Ends a local event loop once its widget has been painted."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.loop.quit)  # after the paint has ended
        return False


def wait_for_paint(widget: QWidget) -> None:
    """Let a shown widget paint before the start goes on loading on this thread."""
    loop = QEventLoop()
    watch = _PaintWatch(loop)
    widget.installEventFilter(watch)
    QTimer.singleShot(PAINT_WAIT_MS, loop.quit)
    loop.exec()
    widget.removeEventFilter(watch)
