"""The one translation function of the window, and the marker lupdate looks for."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

tr = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a literal for translation; it is translated where it is shown, with `tr`."""
    return text
