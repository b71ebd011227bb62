"""The window's font: text is drawn as wide as it is measured."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from app.ui.start.qapp import use_desk_font


def test_a_label_with_a_shortcut_letter_is_measured_as_wide_as_it_is_drawn(
    qapp: QApplication,
) -> None:
    before = qapp.font()
    try:
        use_desk_font(qapp)
        for text in ("&To", "&Year", "&Worker", "A&V"):
            label = QLabel(text)
            field = QLineEdit()
            label.setBuddy(field)  # as a form's label: the shortcut letter underlined
            metrics = label.fontMetrics()
            # Drawn with the shortcut letter underlined, the letters are set one by one.
            drawn = sum(metrics.horizontalAdvance(ch) for ch in text.replace("&", ""))
            assert label.sizeHint().width() >= drawn, text
    finally:
        qapp.setFont(before)
