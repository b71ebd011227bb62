"""Light and dark palettes: Fusion, following the system's colour scheme as it changes."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

DARK = {
    Role.Window: "#2b2d31",
    Role.WindowText: "#e6e6e6",
    Role.Base: "#1f2023",
    Role.AlternateBase: "#2a2c30",
    Role.ToolTipBase: "#3a3d42",
    Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#8c8f94",
    Role.Text: "#e6e6e6",
    Role.Button: "#33363b",
    Role.ButtonText: "#e6e6e6",
    Role.BrightText: "#ff6b6b",
    Role.Highlight: "#3d7fd6",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#6ea8ff",
    Role.Mid: "#45484e",
    Role.Dark: "#18191b",
    Role.Light: "#4a4d53",
}


def dark_palette() -> QPalette:
    """FrontDesk's dark palette for Fusion."""
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#7b7e84"))
    return palette


def wants_dark() -> bool:
    """The system scheme, unless FRONTDESK_COLOR_SCHEME=light|dark says otherwise."""
    forced = os.environ.get("FRONTDESK_COLOR_SCHEME", "").lower()
    if forced in ("light", "dark"):
        return forced == "dark"
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_scheme(app: QApplication) -> None:
    """Fusion with the light or dark palette the system (or the override) asks for."""
    app.setStyle("Fusion")
    dark = wants_dark()
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    settings = QSettings()
    if settings.value(_saved_key(dark)) != app.palette():  # unchanged: the file is not rewritten
        settings.setValue(_saved_key(dark), app.palette())


def apply_saved_scheme(app: QApplication) -> bool:
    """The palette apply_scheme last gave this scheme, without asking the style for it.

    For the start's first paint: to hand the style back, PySide6 first builds the Python enums
    of every style class (~9 ms). False when this desk has none saved for the current scheme;
    the window applies the scheme itself once it is built.
    """
    saved = QSettings().value(_saved_key(wants_dark()))
    if not isinstance(saved, QPalette):
        return False
    app.setPalette(saved)
    return True


def _saved_key(dark: bool) -> str:
    return "palette/dark" if dark else "palette/light"


def follow_system_scheme(app: QApplication) -> None:
    """Apply the scheme now and whenever the system switches between light and dark."""
    apply_scheme(app)
    if not app.property("frontdeskFollowsScheme"):
        app.setProperty("frontdeskFollowsScheme", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_scheme(app))
