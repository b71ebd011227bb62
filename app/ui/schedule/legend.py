"""A key to the schedule's styles, drawn with the same style decision as the blocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.services.dto import BookingInfo, SessionBlock
from app.services.vocabulary import BookingStatus, SessionKind, SessionStatus
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.schedule.scene import NOW_COLOUR, Fonts
from app.ui.schedule.style import block_style

_NOW = datetime(2000, 1, 3, 12, tzinfo=UTC)
B, A, C, D = (
    BookingStatus.BOOKED,
    BookingStatus.ATTENDED,
    BookingStatus.CANCELLED,
    BookingStatus.DNA,
)
R, K, X = SessionStatus.ROSTERED, SessionStatus.COMPLETED, SessionStatus.CANCELLED
# (label, session status, booking statuses, hours from now)
SAMPLES = [
    (QT_TRANSLATE_NOOP("legend", "Booked (colour = service)"), R, (B,), 2),
    (QT_TRANSLATE_NOOP("legend", "Partly cancelled"), R, (B, C), 2),
    (QT_TRANSLATE_NOOP("legend", "Cancelled"), X, (C,), 2),
    (QT_TRANSLATE_NOOP("legend", "Completed"), K, (A,), -2),
    (QT_TRANSLATE_NOOP("legend", "Did not attend"), K, (D,), -2),
    (QT_TRANSLATE_NOOP("legend", "Started, not yet resolved"), R, (B,), -1),
]


def sample(status: SessionStatus, bookings: tuple[BookingStatus, ...], hours: int) -> SessionBlock:
    """A made-up session in the given state, for the key."""
    start = _NOW + timedelta(hours=hours)
    return SessionBlock(
        0, 1, 0, "", "", "", "#3b82c4", "", start, start + timedelta(hours=1), status,
        SessionKind.INDIVIDUAL, len(bookings), 0, None,
        tuple(BookingInfo(i, i, "", s, 1) for i, s in enumerate(bookings)),
    )  # fmt: skip


class StatusLegend(QWidget):
    """Small swatches with their meaning; sized from the font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLegend")
        self.setAccessibleName(tr("legend", "Schedule key"))
        self.setAccessibleDescription(", ".join(tr("legend", s[0]) for s in SAMPLES))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _row(self) -> float:
        return QFontMetricsF(self.font()).height() + 6

    def sizeHint(self) -> QSize:  # noqa: N802
        """Tall enough for every sample, at the widget's font."""
        return QSize(200, int(self._row() * (len(SAMPLES) + 1) + 8))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        try:
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        fonts = Fonts.of(self.font())
        row = self._row()
        swatch_w = QFontMetricsF(fonts.badge).horizontalAdvance("DNA") + 30
        for i, (label, status, bookings, hours) in enumerate(SAMPLES):
            style = block_style(sample(status, bookings, hours), _NOW, self.palette())
            box = QRectF(8, 4 + i * row, swatch_w, row - 5)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(style.fill)
            p.drawRoundedRect(box, 3, 3)
            if style.hatched:
                hatch = QColor(style.accent)
                hatch.setAlphaF(0.45)
                p.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                p.drawRoundedRect(box, 3, 3)
            p.setBrush(style.accent)
            p.drawRoundedRect(QRectF(box.left(), box.top(), 4, box.height()), 2, 2)
            if style.badges:
                badge = style.badges[0]
                fm = QFontMetricsF(fonts.badge)
                pill = QRectF(0, 0, fm.horizontalAdvance(badge.text) + 8, fm.height())
                pill.moveCenter(box.center() + QPointF(2, 0))
                p.setBrush(badge.colour)
                p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
                p.setPen(QColor("white"))
                p.setFont(fonts.badge)
                p.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge.text)
            p.setPen(self.palette().color(self.foregroundRole()))
            p.setFont(fonts.normal)
            text_box = QRectF(
                box.right() + 8, box.top(), self.width() - box.right() - 12, box.height()
            )
            p.drawText(text_box, Qt.AlignmentFlag.AlignVCenter, tr("legend", label))
        y = 4 + len(SAMPLES) * row + (row - 5) / 2
        p.setPen(QPen(NOW_COLOUR, 2))
        p.drawLine(QPointF(8, y), QPointF(8 + swatch_w, y))
        p.setPen(self.palette().color(self.foregroundRole()))
        p.drawText(
            QRectF(swatch_w + 16, y - row / 2, self.width(), row),
            Qt.AlignmentFlag.AlignVCenter,
            tr("legend", "Now"),
        )
