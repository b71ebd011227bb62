"""Painting the schedule: grid, header, worker column, blocks and the current-time mark.

Only what intersects the exposed rectangle is drawn; texts and styles are cached per block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from app.models.enums import SessionStatus
from app.ui.schedule import text
from app.ui.schedule.layout import Laid, Layout
from app.ui.schedule.range import ViewMode
from app.ui.schedule.style import BlockStyle, block_style, mix

tr = QCoreApplication.translate

NOW_COLOUR = QColor("#e53935")
Role = QPalette.ColorRole


@dataclass
class Fonts:
    """The widget's font and two variants, all relative to the user's size."""

    normal: QFont
    bold: QFont
    small: QFont
    badge: QFont

    @classmethod
    def of(cls, base: QFont) -> Fonts:
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.88)
        badge = QFont(small)
        badge.setBold(True)
        return cls(base, bold, small, badge)


@dataclass
class Scene:
    """The state one paint needs; owned by the view, caches cleared on data or palette change."""

    layout: Layout
    palette: QPalette
    fonts: Fonts
    now: datetime
    left: float
    header: float
    dx: float = 0.0
    dy: float = 0.0
    selected: int = 0
    needle: str = ""
    styles: dict[int, BlockStyle] = field(default_factory=dict)
    elided: dict[tuple[int, int, int], str] = field(default_factory=dict)
    matched: dict[int, bool] = field(default_factory=dict)

    def style(self, laid: Laid) -> BlockStyle:
        found = self.styles.get(laid.block.id)
        if found is None:
            found = self.styles[laid.block.id] = block_style(laid.block, self.now, self.palette)
        return found

    def is_match(self, laid: Laid) -> bool:
        found = self.matched.get(laid.block.id)
        if found is None:
            found = self.matched[laid.block.id] = text.matches(laid.block, self.needle)
        return found

    def elide(self, key: tuple[int, int], value: str, font: QFont, width: float) -> str:
        k = (key[0], key[1], int(width))
        found = self.elided.get(k)
        if found is None:
            fm = QFontMetricsF(font)
            found = self.elided[k] = fm.elidedText(value, Qt.TextElideMode.ElideRight, width)
        return found


def paint(scene: Scene, p: QPainter, exposed: QRectF, size: QRectF) -> None:
    """Body first (scrolled both ways), then the frozen header and worker column."""
    p.fillRect(exposed, scene.palette.color(Role.Base))
    body = QRectF(scene.left, scene.header, size.width() - scene.left, size.height() - scene.header)
    area = exposed.intersected(body)
    if not area.isEmpty():
        p.save()
        p.setClipRect(area)
        p.translate(scene.left - scene.dx, scene.header - scene.dy)
        local = area.translated(scene.dx - scene.left, scene.dy - scene.header)
        _grid(scene, p, local)
        for laid in scene.layout.in_rect(local):
            _block(scene, p, laid)
        _now_mark(scene, p, local)
        p.restore()
    _header(scene, p, size)
    _workers(scene, p, size)
    _corner(scene, p)


def _grid(scene: Scene, p: QPainter, area: QRectF) -> None:
    lay, pal = scene.layout, scene.palette
    line = mix(pal.color(Role.Base), pal.color(Role.Text), 0.12)
    faint = mix(pal.color(Role.Base), pal.color(Role.Text), 0.05)
    for i in lay.rows_between(area.top(), area.bottom()):
        row = lay.rows[i]
        if i % 2:
            p.fillRect(QRectF(area.left(), row.top, area.width(), row.height), _band(pal))
    if lay.mode is ViewMode.WEEK:
        _week_columns(scene, p, area, line)
    else:
        _hour_lines(scene, p, area, line, faint)
    p.setPen(QPen(line, 0))
    for i in lay.rows_between(area.top(), area.bottom()):
        y = lay.rows[i].top + lay.rows[i].height - 0.5
        p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))


def _band(pal: QPalette) -> QColor:
    return mix(pal.color(Role.Base), pal.color(Role.AlternateBase), 0.6)


def _week_columns(scene: Scene, p: QPainter, area: QRectF, line: QColor) -> None:
    lay, pal = scene.layout, scene.palette
    today = scene.now.astimezone(lay.tz).date()
    for left, width, day in zip(lay.col_lefts, lay.col_width, lay.days, strict=True):
        col = QRectF(left, area.top(), width, area.height())
        if day == today:
            p.fillRect(col, _tint(pal.color(Role.Highlight), 0.07))
        elif day.weekday() >= 5:
            p.fillRect(col, _tint(pal.color(Role.Text), 0.025))
        p.setPen(QPen(line, 0))
        p.drawLine(
            QPointF(left + width - 0.5, area.top()), QPointF(left + width - 0.5, area.bottom())
        )


def _hour_lines(scene: Scene, p: QPainter, area: QRectF, line: QColor, faint: QColor) -> None:
    for left, width in zip(scene.layout.col_lefts, scene.layout.col_width, strict=True):
        p.setPen(QPen(line, 0))
        p.drawLine(QPointF(left + 0.5, area.top()), QPointF(left + 0.5, area.bottom()))
        p.setPen(QPen(faint, 0, Qt.PenStyle.DotLine))
        half = left + width / 2 + 0.5
        p.drawLine(QPointF(half, area.top()), QPointF(half, area.bottom()))


def _tint(colour: QColor, alpha: float) -> QColor:
    out = QColor(colour)
    out.setAlphaF(alpha)
    return out


def _block(scene: Scene, p: QPainter, laid: Laid) -> None:
    style = scene.style(laid)
    rect = laid.rect
    dim = bool(scene.needle) and not scene.is_match(laid)
    p.save()
    if dim:
        p.setOpacity(0.28)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(style.fill)
    p.drawRoundedRect(rect, 3, 3)
    if style.hatched:
        p.setBrush(QBrush(_tint(style.accent, 0.45), Qt.BrushStyle.BDiagPattern))
        p.drawRoundedRect(rect, 3, 3)
    p.setBrush(style.accent)
    p.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)
    _outline(scene, p, laid, style)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    right = _badges(scene, p, rect, style)
    if scene.layout.mode is ViewMode.DAY:
        _day_text(scene, p, laid, style, right)
    else:
        _chip_text(scene, p, laid, style, right)
    p.restore()


def _outline(scene: Scene, p: QPainter, laid: Laid, style: BlockStyle) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    if laid.block.id == scene.selected:
        p.setPen(QPen(scene.palette.color(Role.Highlight), 2))
        p.drawRoundedRect(laid.rect.adjusted(1, 1, -1, -1), 3, 3)
    elif scene.needle and scene.is_match(laid):
        p.setPen(QPen(scene.palette.color(Role.Highlight), 1.5, Qt.PenStyle.DashLine))
        p.drawRoundedRect(laid.rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    else:
        pen = QPen(_tint(style.accent, 0.55), 1)
        if style.hatched:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRoundedRect(laid.rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)


def _badges(scene: Scene, p: QPainter, rect: QRectF, style: BlockStyle) -> float:
    """Pills at the top right; returns the x where text must stop."""
    fm = QFontMetricsF(scene.fonts.badge)
    x = rect.right() - 3
    h = min(fm.height() + 1, rect.height() - 4)
    p.setFont(scene.fonts.badge)
    for badge in reversed(style.badges):
        w = fm.horizontalAdvance(badge.text) + 8
        if x - w < rect.left() + 24:
            break
        pill = QRectF(x - w, rect.top() + 2, w, h)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(badge.colour)
        p.drawRoundedRect(pill, h / 2, h / 2)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(QColor("white"))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge.text)
        x -= w + 3
    return x


def _day_text(scene: Scene, p: QPainter, laid: Laid, style: BlockStyle, right: float) -> None:
    """Who in bold beside the badges, then when and what; a third line when there is room."""
    b, rect, m = laid.block, laid.rect, scene.layout.metrics
    first, second, third = text.day_lines(b, scene.layout.tz)
    fits_three = rect.height() >= 3 * m.line + m.pad
    if not fits_three:
        second = f"{second} · {third}"
    left, align = rect.left() + 8, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    bold = _struck(scene.fonts.bold, style.struck)
    p.setPen(style.text)
    p.setFont(bold)
    top = QRectF(left, rect.top() + m.pad, right - left - 2, m.line)
    p.drawText(top, align, scene.elide((b.id, 0), first, bold, top.width()))
    p.setFont(scene.fonts.small)
    row = QRectF(left, top.bottom(), rect.right() - left - 4, m.line)
    p.drawText(
        row, align, scene.elide((b.id, 1 + fits_three), second, scene.fonts.small, row.width())
    )
    if fits_three:
        p.setPen(mix(style.fill, style.text, 0.7))
        row.translate(0, m.line)
        p.drawText(row, align, scene.elide((b.id, 4), third, scene.fonts.small, row.width()))


def _chip_text(scene: Scene, p: QPainter, laid: Laid, style: BlockStyle, right: float) -> None:
    b, rect = laid.block, laid.rect
    left = rect.left() + 8
    font = _struck(scene.fonts.small, style.struck)
    p.setPen(style.text)
    p.setFont(font)
    area = QRectF(left, rect.top(), right - left - 2, rect.height())
    value = text.chip_text(b, scene.layout.tz)
    p.drawText(
        area,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        scene.elide((b.id, 9), value, font, area.width()),
    )


def _struck(font: QFont, struck: bool) -> QFont:
    if not struck:
        return font
    out = QFont(font)
    out.setStrikeOut(True)
    return out


def _now_mark(scene: Scene, p: QPainter, area: QRectF) -> None:
    lay = scene.layout
    col = lay.day_index(scene.now)
    if col is None:
        return
    p.setPen(QPen(NOW_COLOUR, 2))
    if lay.mode is ViewMode.DAY:
        x = lay.x_of(scene.now)
        if 0 <= x <= lay.width:
            p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
        return
    left, width = lay.col_lefts[col], lay.col_width[col]
    for i in lay.rows_between(area.top(), area.bottom()):
        y = _now_y(lay, i, col, scene.now)
        if y is not None:
            p.drawLine(QPointF(left + 2, y), QPointF(left + width - 2, y))
            p.setBrush(NOW_COLOUR)
            p.drawEllipse(QPointF(left + 3, y), 2.5, 2.5)


def _now_y(lay: Layout, row: int, col: int, now: datetime) -> float | None:
    """Week view: between the last chip that started before now and the next one."""
    left = lay.col_lefts[col]
    chips = [
        b
        for b in lay.rows[row].laid
        if b.rect.left() < left + lay.col_width[col] and b.rect.right() > left
    ]
    if not chips:
        return None
    later = [b for b in chips if b.block.starts_at >= now]
    if later:
        return later[0].rect.top() - 1.5
    return chips[-1].rect.bottom() + 1.5


def _header(scene: Scene, p: QPainter, size: QRectF) -> None:
    lay, pal = scene.layout, scene.palette
    band = QRectF(0, 0, size.width(), scene.header)
    p.fillRect(band, pal.color(Role.Window))
    p.save()
    p.setClipRect(QRectF(scene.left, 0, size.width() - scene.left, scene.header))
    p.translate(scene.left - scene.dx, 0)
    if lay.mode is ViewMode.WEEK:
        _day_labels(scene, p)
    else:
        _hour_labels(scene, p)
    p.restore()
    p.setPen(QPen(mix(pal.color(Role.Window), pal.color(Role.WindowText), 0.25), 0))
    p.drawLine(QPointF(0, scene.header - 0.5), QPointF(size.width(), scene.header - 0.5))


def _day_labels(scene: Scene, p: QPainter) -> None:
    lay, pal = scene.layout, scene.palette
    today = scene.now.astimezone(lay.tz).date()
    for left, width, day in zip(lay.col_lefts, lay.col_width, lay.days, strict=True):
        cell = QRectF(left, 0, width, scene.header)
        label = day.strftime("%a %d %b") if width > lay.metrics.char * 10 else day.strftime("%a %d")
        if day == today:
            p.setFont(scene.fonts.bold)
            pill = cell.adjusted(6, 5, -6, -5)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(pal.color(Role.Highlight))
            p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            p.setPen(pal.color(Role.HighlightedText))
        else:
            p.setFont(scene.fonts.normal)
            p.setPen(pal.color(Role.WindowText))
        p.drawText(cell, Qt.AlignmentFlag.AlignCenter, label)


def _hour_labels(scene: Scene, p: QPainter) -> None:
    lay, pal = scene.layout, scene.palette
    p.setFont(scene.fonts.small)
    p.setPen(pal.color(Role.WindowText))
    for i, left in enumerate(lay.col_lefts):
        cell = QRectF(left + 4, 0, lay.col_width[i] - 4, scene.header)
        p.drawText(
            cell,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{lay.first_hour + i:02d}:00",
        )
    if lay.day_index(scene.now) is not None:
        x = lay.x_of(scene.now)
        label = scene.now.astimezone(lay.tz).strftime("%H:%M")
        fm = QFontMetricsF(scene.fonts.badge)
        w = fm.horizontalAdvance(label) + 10
        pill = QRectF(x - w / 2, scene.header - fm.height() - 5, w, fm.height() + 3)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(NOW_COLOUR)
        p.drawRoundedRect(pill, 4, 4)
        p.setPen(QColor("white"))
        p.setFont(scene.fonts.badge)
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)


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
    for i in lay.rows_between(top, bottom):
        row = lay.rows[i]
        cell = QRectF(10, row.top + lay.metrics.pad, scene.left - 16, line)
        p.setFont(scene.fonts.bold)
        p.setPen(pal.color(Role.WindowText))
        p.drawText(
            cell,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            scene.elide((-row.worker.id, 0), row.worker.name, scene.fonts.bold, cell.width()),
        )
        if row.height >= 2 * line + lay.metrics.pad:
            p.setFont(scene.fonts.small)
            p.setPen(sub)
            p.drawText(
                cell.translated(0, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                summary(row.laid),
            )
        p.setPen(QPen(mix(pal.color(Role.Window), pal.color(Role.WindowText), 0.15), 0))
        y = row.top + row.height - 0.5
        p.drawLine(QPointF(0, y), QPointF(scene.left, y))
        p.setBrush(QColor(row.worker.colour))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRect(QRectF(0, row.top + 1, 4, row.height - 2))
    p.restore()
    p.setPen(QPen(mix(pal.color(Role.Window), pal.color(Role.WindowText), 0.25), 0))
    p.drawLine(QPointF(scene.left - 0.5, 0), QPointF(scene.left - 0.5, size.height()))


def summary(laid: list[Laid]) -> str:
    """Under a worker's name: how many sessions are shown, and how many are cancelled."""
    total = len(laid)
    cancelled = sum(1 for b in laid if b.block.status is SessionStatus.CANCELLED)
    words = tr("schedule", "1 session") if total == 1 else tr("schedule", "{n} sessions")
    words = words.format(n=total)
    if cancelled:
        words += " · " + tr("schedule", "{n} cancelled").format(n=cancelled)
    return words


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
