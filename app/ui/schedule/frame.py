"""Painting the schedule's frozen parts: the day or hour header and the worker column."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from app.i18n import when_text
from app.services.vocabulary import SessionStatus
from app.ui.i18n import tr
from app.ui.schedule.layout import Laid, Row
from app.ui.schedule.range import ViewMode
from app.ui.schedule.scene import LEFT, NOW_COLOUR, WHITE, Role, Scene, draw_line, fitted
from app.ui.schedule.style import mix


def paint_frame(scene: Scene, p: QPainter, size: QRectF) -> None:
    """The header, the worker column and their corner, over the scrolled body."""
    _header(scene, p, size)
    _workers(scene, p, size)
    _corner(scene, p)


def _header(scene: Scene, p: QPainter, size: QRectF) -> None:
    lay, pal = scene.layout, scene.palette
    band = QRectF(0, 0, size.width(), scene.header)
    p.fillRect(band, pal.color(Role.Window))
    p.save()
    p.setClipRect(QRectF(scene.left, 0, size.width() - scene.left, scene.header))
    p.translate(scene.left - scene.dx, 0)
    if lay.mode == ViewMode.WEEK:
        _day_labels(scene, p)
    else:
        _hour_labels(scene, p)
    p.restore()
    p.setPen(QPen(mix(pal.color(Role.Window), pal.color(Role.WindowText), 0.25), 0))
    p.drawLine(QPointF(0, scene.header - 0.5), QPointF(size.width(), scene.header - 0.5))


def _day_labels(scene: Scene, p: QPainter) -> None:
    lay, pal = scene.layout, scene.palette
    today = scene.now.astimezone(lay.tz).date()
    labels = day_labels(lay.days, lay.col_width, today, scene.fonts.normal, scene.fonts.bold)
    for left, width, day, label in zip(lay.col_lefts, lay.col_width, lay.days, labels, strict=True):
        cell = QRectF(left, 0, width, scene.header)
        if day == today:
            p.setFont(scene.fonts.bold)
            pill = cell.adjusted(PILL_INSET, 5, -PILL_INSET, -5)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(pal.color(Role.Highlight))
            p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            p.setPen(pal.color(Role.HighlightedText))
        else:
            p.setFont(scene.fonts.normal)
            p.setPen(pal.color(Role.WindowText))
        p.drawText(cell, Qt.AlignmentFlag.AlignCenter, label)


DAY_FORMATS = ("%a %d %b", "%a %d", "%d")  # "Wed 01 Apr", "Wed 01", "01"
PILL_INSET = 6  # today's pill inside its cell, and its text inside the pill
TEXT_INSET = 4  # another day's text inside its cell


def day_labels(
    days: list[date], widths: list[float], today: date, normal: QFont, bold: QFont
) -> list[str]:
    """The days' headings, as long as their measured widths allow: "Wed 01 Apr", else
    "Wed 01", else "01"; days as wide as each other shortened alike (the tooltip has it all)."""
    plain, strong = QFontMetricsF(normal), QFontMetricsF(bold)
    levels: list[int] = []
    for day, width in zip(days, widths, strict=True):
        fm, room = (
            (strong, width - 4 * PILL_INSET) if day == today else (plain, width - 2 * TEXT_INSET)
        )
        fits = (
            i for i, f in enumerate(DAY_FORMATS) if fm.horizontalAdvance(when_text(day, f)) <= room
        )
        levels.append(next(fits, len(DAY_FORMATS) - 1))
    alike: dict[int, int] = {}
    for width, level in zip(widths, levels, strict=True):
        alike[round(width)] = max(level, alike.get(round(width), 0))
    out = []
    for day, width in zip(days, widths, strict=True):
        fm, room = (
            (strong, width - 4 * PILL_INSET) if day == today else (plain, width - 2 * TEXT_INSET)
        )
        out.append(fitted([when_text(day, DAY_FORMATS[alike[round(width)]])], fm, room))
    return out


def _hour_labels(scene: Scene, p: QPainter) -> None:
    """Hour labels on the hour lines; the current time in a red pill that hides the one below."""
    lay = scene.layout
    pill = _now_pill(scene)
    p.setFont(scene.fonts.small)
    p.setPen(scene.palette.color(Role.WindowText))
    fm = QFontMetricsF(scene.fonts.small)
    for i, left in enumerate(lay.col_lefts):
        label = f"{lay.first_hour + i:02d}:00"
        cell = QRectF(left + 4, 0, fm.horizontalAdvance(label) + 2, scene.header)
        if pill is None or not cell.intersects(pill.adjusted(-4, -scene.header, 4, scene.header)):
            p.drawText(cell, LEFT, label)
    if pill is not None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(NOW_COLOUR)
        p.drawRoundedRect(pill, 4, 4)
        p.setPen(WHITE)
        p.setFont(scene.fonts.badge)
        p.drawText(
            pill, Qt.AlignmentFlag.AlignCenter, scene.now.astimezone(lay.tz).strftime("%H:%M")
        )


def _now_pill(scene: Scene) -> QRectF | None:
    lay = scene.layout
    if lay.day_index(scene.now) is None:
        return None
    fm = scene.fonts.badge_metrics
    w = fm.horizontalAdvance("00:00") + 10
    h = fm.height() + 4
    return QRectF(lay.x_of(scene.now) - w / 2, (scene.header - h) / 2, w, h)


def _workers(scene: Scene, p: QPainter, size: QRectF) -> None:
    lay, pal = scene.layout, scene.palette
    column = QRectF(0, scene.header, scene.left, size.height() - scene.header)
    p.fillRect(column, pal.color(Role.Window))
    p.save()
    p.setClipRect(column)
    p.translate(0, scene.header - scene.dy)
    top, bottom = scene.dy, scene.dy + column.height()
    line = lay.metrics.line
    sub = mix(pal.color(Role.Window), pal.color(Role.WindowText), 0.6)
    small = QFontMetricsF(scene.fonts.small)
    # The names and counts drawn laid out once (the same names every week).
    ltr = p.layoutDirection() != Qt.LayoutDirection.RightToLeft
    names = scene.fonts.laidout(scene.fonts.bold) if ltr else None
    counts = scene.fonts.laidout(scene.fonts.small) if ltr else None
    for i in lay.rows_between(top, bottom):
        row = lay.rows[i]
        cell = worker_cell(scene, row)
        x, y, w, h = cell.x(), cell.y(), cell.width(), cell.height()
        p.setFont(scene.fonts.bold)
        p.setPen(pal.color(Role.WindowText))
        name = row.worker.name
        words = scene.elide((-row.worker.id, 0), partial(str, name), scene.fonts.bold, w)
        draw_line(p, names, x, y, w, h, words)
        p.setFont(scene.fonts.small)
        p.setPen(sub)
        for k, words in enumerate(summary_lines(row, line, lay.metrics.pad, small, w)):
            draw_line(p, counts, x, y + (k + 1) * line, w, h, words)
        p.setPen(QPen(mix(pal.color(Role.Window), pal.color(Role.WindowText), 0.15), 0))
        y = row.top + row.height - 0.5
        p.drawLine(QPointF(0, y), QPointF(scene.left, y))
        p.setBrush(QColor(row.worker.colour))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRect(QRectF(0, row.top + 1, 4, row.height - 2))
    p.restore()
    p.setPen(QPen(mix(pal.color(Role.Window), pal.color(Role.WindowText), 0.25), 0))
    p.drawLine(QPointF(scene.left - 0.5, 0), QPointF(scene.left - 0.5, size.height()))


def worker_cell(scene: Scene, row: Row) -> QRectF:
    """Where a worker's name is written in the worker column (body y)."""
    return QRectF(
        10, row.top + scene.layout.metrics.pad, scene.left - 16, scene.layout.metrics.line
    )


def summary_lines(row: Row, line: float, pad: float, fm: QFontMetricsF, width: float) -> list[str]:
    """The lines under a worker's name, as many as the row has room for: "23 sessions ·
    3 cancelled" on one line when it fits, else over two, else elided (the tooltip has it)."""
    room = int((row.height - pad) // line) - 1
    if room <= 0:
        return []
    parts = summary_parts(row.laid)
    whole = " · ".join(parts)
    if fm.horizontalAdvance(whole) <= width or len(parts) == 1:
        return [fitted([whole], fm, width)]
    if room >= 2:
        return [fitted([p], fm, width) for p in parts]
    return [fitted([whole], fm, width)]


def summary(laid: list[Laid]) -> str:
    """Under a worker's name: how many sessions are shown, and how many are cancelled."""
    return " · ".join(summary_parts(laid))


def summary_parts(laid: list[Laid]) -> list[str]:
    """How many sessions are shown, then how many are cancelled (when any)."""
    total = len(laid)
    cancelled = sum(1 for b in laid if b.block.status == SessionStatus.CANCELLED)
    words = tr("schedule", "1 session") if total == 1 else tr("schedule", "{n} sessions")
    parts = [words.format(n=total)]
    if cancelled:
        parts.append(tr("schedule", "{n} cancelled").format(n=cancelled))
    return parts


def _corner(scene: Scene, p: QPainter) -> None:
    corner = QRectF(0, 0, scene.left, scene.header)
    p.fillRect(corner, scene.palette.color(Role.Window))
    p.setFont(scene.fonts.small)
    p.setPen(mix(scene.palette.color(Role.Window), scene.palette.color(Role.WindowText), 0.6))
    p.drawText(
        corner.adjusted(10, 0, -6, 0),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        tr("schedule", "Worker"),
    )
