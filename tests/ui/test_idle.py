"""Automatic sign-out after idle time, and input that keeps the desk awake."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.start.idle import IdleWatcher


def test_idle_time_signs_out_and_input_keeps_the_desk_awake(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [1000.0]
    watcher = IdleWatcher(15, clock=lambda: now[0])
    app = QApplication.instance()
    watcher.start(app)
    fired: list[int] = []
    watcher.idle.connect(lambda: fired.append(1))
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    now[0] += 14 * 60
    assert watcher.check() is False
    QApplication.sendEvent(
        widget,
        QMouseEvent(
            QEvent.Type.MouseButtonPress,
            QPointF(1, 1),
            QPointF(1, 1),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    now[0] += 14 * 60
    assert watcher.check() is False  # the click reset the clock
    now[0] += 2 * 60
    assert watcher.check() is True and fired == [1]
    assert IdleWatcher(0, clock=lambda: now[0] + 10**6).check() is False  # 0 minutes: never
    app.removeEventFilter(watcher)
