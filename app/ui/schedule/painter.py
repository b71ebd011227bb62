"""Painting the schedule's body: grid, blocks and the current-time mark.

Only what intersects the exposed rectangle is drawn; texts and styles are cached per block.
The frozen header and worker column are drawn by `frame`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from math import ceil

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QPixmap

from app.ui import format as fmt
from app.ui.schedule import frame, text
from app.ui.schedule.layout import Laid, Layout
from app.ui.schedule.range import ViewMode
from app.ui.schedule.scene import (
    LEFT,
    NOW_COLOUR,
    WHITE,
    Fonts,
    Laidout,
    Role,
    Scene,
    draw_line,
)
from app.ui.schedule.style import BlockStyle, mix


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
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if scene.layout.mode == ViewMode.WEEK and not scene.needle:
            _week_blocks(scene, p, scene.layout.in_rect(local))
        else:
            for laid in scene.layout.in_rect(local):
                _block(scene, p, laid)
        _now_mark(scene, p, local)
        p.restore()
    frame.paint_frame(scene, p, size)


def _grid(scene: Scene, p: QPainter, area: QRectF) -> None:
    lay, pal = scene.layout, scene.palette
    line = mix(pal.color(Role.Base), pal.color(Role.Text), 0.12)
    faint = mix(pal.color(Role.Base), pal.color(Role.Text), 0.05)
    for i in lay.rows_between(area.top(), area.bottom()):
        row = lay.rows[i]
        if i % 2:
            p.fillRect(QRectF(area.left(), row.top, area.width(), row.height), _band(pal))
    if lay.mode == ViewMode.WEEK:
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
    """Fill and outline in one shape, hatching when cancelled, the service stripe, text, badges."""
    style = scene.style(laid)
    rect = laid.rect
    dim = bool(scene.needle) and not scene.is_match(laid)
    if dim:
        p.setOpacity(0.28)
    outline = _outline(scene, laid, style)
    dpr = p.device().devicePixelRatioF()
    p.drawPixmap(rect.topLeft(), _background(style, outline, rect.width(), rect.height(), dpr))
    if scene.layout.mode == ViewMode.DAY:
        _day_text(scene, p, laid, style)
    elif scene.layout.compact:
        stop = rect.left() + 8 + scene.layout.metrics.stamp  # never over the start time
        _two_line_text(scene, p, laid, style, _badges(scene, p, rect, style, rect.top() + 2, stop))
    else:
        _chip_text(scene, p, laid, style, _badges(scene, p, rect, style, rect.top() + 2))
    if dim:
        p.setOpacity(1.0)


def _week_blocks(scene: Scene, p: QPainter, shown: Iterable[Laid]) -> None:
    """The week's blocks without a search: what _block draws for each, in the same order,
    with what is the same for every block worked out once per paint (a week paints a hundred
    blocks or more at once)."""
    lay, fonts, elided, fit = scene.layout, scene.fonts, scene.elided, scene.fitted
    m, tz, compact, selected = lay.metrics, lay.tz, lay.compact, scene.selected
    line, half_pad, stamp = m.line, m.pad / 2, m.stamp
    badge_h = fonts.badge_metrics.height() + 1
    badge_font, badge_width = fonts.badge, fonts.badge_width
    times: dict[datetime, str] = {}
    dpr = p.device().devicePixelRatioF()
    plain, badges = _laid_out(fonts, p)
    for laid in shown:
        style = scene.style(laid)
        b = laid.block
        x, y, height = laid.x, laid.y, laid.height
        outline = QPen(scene.highlight, 2) if b.id == selected else _pen(style)
        p.drawPixmap(QPointF(x, y), _background(style, outline, laid.width, height, dpr))
        # _badges: pills at the right from the block's top + 2, none left of `stop`
        right = (x + laid.width) - 3
        if style.badges:
            h = min(badge_h, height - 4)
            p.setFont(badge_font)
            stop = x + 8 + stamp if compact else x + 24
            for badge in reversed(style.badges):
                w = badge_width(badge.text) + 8
                if right - w < stop:
                    break
                p.setPen(NO_PEN)
                p.setBrush(badge.colour)
                p.drawRoundedRect(QRectF(right - w, y + 2, w, h), h / 2, h / 2)
                p.setPen(WHITE)
                draw_line(p, badges, right - w, y + 2, w, h, badge.text, True)
                right -= w + 3
        font = fonts.small_struck if style.struck else fonts.small
        p.setPen(style.text)
        p.setFont(font)
        laidout = None if style.struck else plain
        left = x + 8
        if (at := times.get(b.starts_at)) is None:
            at = times[b.starts_at] = fmt.hm(b.starts_at, tz)
        if compact:  # _two_line_text
            top = y + half_pad
            key = (b.id, 10, 1000000)
            if (words := elided.get(key)) is None:
                words = elided[key] = fit((at,), font, 1e6)
            draw_line(p, laidout, left, top, max(0.0, right - left - 2), line, words)
            width = (x + laid.width) - left - 4
            key = (b.id, 11, int(width))
            if (words := elided.get(key)) is None:
                words = elided[key] = fit(text.name_options(b), font, width)
            draw_line(p, laidout, left, top + line, width, line, words)
        else:  # _chip_text
            width = right - left - 2
            key = (b.id, 9, int(width))
            if (words := elided.get(key)) is None:
                words = elided[key] = fit(text.chip_options(b, tz, at), font, width)
            draw_line(p, laidout, left, y, width, height, words)


def _laid_out(fonts: Fonts, p: QPainter) -> tuple[Laidout | None, Laidout | None]:
    """The small and badge fonts' laid-out texts (draw_line), for a left-to-right paint. A
    struck-through text is drawn without: Qt draws a laid-out text's strike where the text was
    drawn before."""
    if p.layoutDirection() == RTL:
        return None, None
    return fonts.laidout(fonts.small), fonts.laidout(fonts.badge)


def _background(
    style: BlockStyle, outline: QPen, width: float, height: float, dpr: float
) -> QPixmap:
    """A block's fill, outline, hatching and service stripe, painted once for every block of
    the same style, outline and size (a week's ~100 blocks on screen share a few dozen) and
    then copied: a copy costs a fraction of painting the rounded shapes again."""
    key = (id(style), outline.color().rgba(), outline.widthF(), outline.style(), round(width, 2),
           round(height, 2), dpr)  # fmt: skip
    found = _BACKGROUNDS.get(key)
    if found is not None and found[0] is style:
        return found[1]
    if len(_BACKGROUNDS) > 2048:
        _BACKGROUNDS.clear()
    pixmap = QPixmap(max(1, ceil(width * dpr)), max(1, ceil(height * dpr)))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    q = QPainter(pixmap)
    q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    q.setPen(outline)
    q.setBrush(style.fill)
    inner = QRectF(0.5, 0.5, width - 1, height - 1)
    q.drawRoundedRect(inner, 3, 3)
    if style.hatched:
        q.setPen(NO_PEN)
        q.setBrush(QBrush(_tint(style.accent, 0.45), Qt.BrushStyle.BDiagPattern))
        q.drawRoundedRect(inner, 3, 3)
    q.fillRect(QRectF(0.5, 1, 3.5, height - 2), style.accent)
    q.end()
    _BACKGROUNDS[key] = (style, pixmap)
    return pixmap


# (style, outline, size, device pixel ratio) → the block's background; the style is kept with
# its picture, so its id names it (styles are shared: style.block_style).
_BACKGROUNDS: dict[tuple[object, ...], tuple[BlockStyle, QPixmap]] = {}


NO_PEN = Qt.PenStyle.NoPen
RTL = Qt.LayoutDirection.RightToLeft


def _outline(scene: Scene, laid: Laid, style: BlockStyle) -> QPen:
    if laid.block.id == scene.selected:
        return QPen(scene.highlight, 2)
    if scene.needle and scene.is_match(laid):
        return QPen(scene.highlight, 1.5, Qt.PenStyle.DashLine)
    return _pen(style)


def _pen(style: BlockStyle) -> QPen:
    """A block's outline in its style."""
    found = _PENS.get(id(style))
    if found is None or found[0] is not style:
        if len(_PENS) > 4096:
            _PENS.clear()
        pen = QPen(_tint(style.accent, 0.55), 1)
        if style.hatched:
            pen.setStyle(Qt.PenStyle.DashLine)
        found = _PENS[id(style)] = (style, pen)
    return found[1]


# A style's outline, made once: blocks share their styles (style.block_style). The style is
# kept with its pen, so its id names it.
_PENS: dict[int, tuple[BlockStyle, QPen]] = {}


def _badges(
    scene: Scene,
    p: QPainter,
    rect: QRectF,
    style: BlockStyle,
    top: float,
    stop: float | None = None,
) -> float:
    """Pills at the right, from `top`, none left of `stop`; returns the x where text beside
    them must stop."""
    x = rect.right() - 3
    if not style.badges:
        return x
    fm = scene.fonts.badge_metrics
    h = min(fm.height() + 1, rect.height() - 4)
    p.setFont(scene.fonts.badge)
    stop = rect.left() + 24 if stop is None else stop
    for badge in reversed(style.badges):
        w = scene.fonts.badge_width(badge.text) + 8
        if x - w < stop:
            break
        pill = QRectF(x - w, top, w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(badge.colour)
        p.drawRoundedRect(pill, h / 2, h / 2)
        p.setPen(WHITE)
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge.text)
        x -= w + 3
    return x


def _day_text(scene: Scene, p: QPainter, laid: Laid, style: BlockStyle) -> None:
    """Who in bold, then when, then what; the badges share the last line, so names stay whole."""
    b, rect, m, tz = laid.block, laid.rect, scene.layout.metrics, scene.layout.tz
    three = rect.height() >= 3 * m.line + m.pad
    left, small = rect.left() + 8, scene.fonts.small
    rows = [
        QRectF(left, rect.top() + m.pad + k * m.line, rect.right() - left - 4, m.line)
        for k in range(3 if three else 2)
    ]
    badge_top = rows[-1].top() + (m.line - scene.fonts.badge_metrics.height()) / 2
    rows[-1].setRight(_badges(scene, p, rect, style, badge_top) - 2)
    bold = scene.fonts.bold_struck if style.struck else scene.fonts.bold
    p.setPen(style.text)
    p.setFont(bold)
    first = scene.fit((b.id, 0), lambda: text.day_first_options(b), bold, rows[0].width())
    p.drawText(rows[0], LEFT, first)
    p.setFont(small)
    if not three:
        both = scene.elide(
            (b.id, 1), lambda: " · ".join(text.day_lines(b, tz)[1:]), small, rows[1].width()
        )
        p.drawText(rows[1], LEFT, both)
        return
    when = scene.elide((b.id, 2), lambda: text.day_lines(b, tz)[1], small, rows[1].width())
    p.drawText(rows[1], LEFT, when)
    p.setPen(mix(style.fill, style.text, 0.7))
    what = scene.elide((b.id, 3), lambda: text.day_lines(b, tz)[2], small, rows[2].width())
    p.drawText(rows[2], LEFT, what)


def _chip_text(scene: Scene, p: QPainter, laid: Laid, style: BlockStyle, right: float) -> None:
    """One line: the time and the name in full, else with an initial, else by surname."""
    b, rect = laid.block, laid.rect
    left = rect.left() + 8
    font = scene.fonts.small_struck if style.struck else scene.fonts.small
    p.setPen(style.text)
    p.setFont(font)
    area = QRectF(left, rect.top(), right - left - 2, rect.height())
    value = scene.fit((b.id, 9), lambda: text.chip_options(b, scene.layout.tz), font, area.width())
    p.drawText(area, LEFT, value)


def _two_line_text(scene: Scene, p: QPainter, laid: Laid, style: BlockStyle, right: float) -> None:
    """A compact week's block: the time beside the badges, then the name below (in full,
    with an initial or by surname, whichever fits; a group's fill)."""
    b, rect, m = laid.block, laid.rect, scene.layout.metrics
    left, top = rect.left() + 8, rect.top() + m.pad / 2
    font = scene.fonts.small_struck if style.struck else scene.fonts.small
    p.setPen(style.text)
    p.setFont(font)
    when = QRectF(left, top, max(0.0, right - left - 2), m.line)
    at = scene.fit((b.id, 10), lambda: (fmt.hm(b.starts_at, scene.layout.tz),), font, 1e6)
    p.drawText(when, LEFT, at)
    who = QRectF(left, top + m.line, rect.right() - left - 4, m.line)
    p.drawText(who, LEFT, scene.fit((b.id, 11), lambda: text.name_options(b), font, who.width()))


def _now_mark(scene: Scene, p: QPainter, area: QRectF) -> None:
    lay = scene.layout
    col = lay.day_index(scene.now)
    if col is None:
        return
    p.setPen(QPen(NOW_COLOUR, 2))
    if lay.mode == ViewMode.DAY:
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
    right = left + lay.col_width[col]
    chips = [b for b in lay.rows[row].laid if b.x < right and b.x + b.width > left]
    if not chips:
        return None
    later = [b for b in chips if b.block.starts_at >= now]
    if later:
        return later[0].y - 1.5
    return chips[-1].y + chips[-1].height + 1.5
