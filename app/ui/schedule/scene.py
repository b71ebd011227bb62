"""What one paint of the schedule needs: fonts, palette, layout, scroll offsets and caches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from unicodedata import bidirectional

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QStaticText,
    QTextLayout,
)

from app.ui.schedule import text
from app.ui.schedule.layout import Laid, Layout
from app.ui.schedule.style import BlockStyle, block_style

NOW_COLOUR = QColor("#e53935")
WHITE = QColor("white")
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
Role = QPalette.ColorRole


class Advances(dict[str, float]):
    """Texts' widths in one font, each measured once: a week's start times and clients' names
    come back week after week. Read as `widths[words]`."""

    __slots__ = ("_fm",)
    LIMIT = 20_000  # names seen over the months: never grows unbounded

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self._fm = QFontMetricsF(font)

    def __missing__(self, words: str) -> float:
        if len(self) > self.LIMIT:
            self.clear()
        found = self[words] = self._fm.horizontalAdvance(words)
        return found


class Laidout(dict[str, "Line | None"]):
    """Texts laid out once in one font, to be drawn at a point: a week's start times and
    clients' names come back week after week, and drawing a laid-out text skips shaping it
    again. Each with its line's natural width, advance and height (ascent and descent, as
    Qt places a line in a rectangle); None for an empty, unprintable or right-to-left text,
    drawn in its rectangle.
    Read as `laidout[words]`."""

    __slots__ = ("_font",)
    LIMIT = 4_000  # some weeks' texts (about 2 KB each): never grows unbounded

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self._font = font

    def __missing__(self, words: str) -> Line | None:
        if len(self) > self.LIMIT:
            self.clear()
        found: Line | None = None
        # Printable only: drawText breaks a text's lines at line separators.
        if words.isprintable() and not any(bidirectional(c) in _RIGHT_TO_LEFT for c in words):
            layout = QTextLayout(words, self._font)
            layout.beginLayout()
            line = layout.createLine()
            layout.endLayout()
            laid = QStaticText(words)
            laid.setTextFormat(Qt.TextFormat.PlainText)
            found = (
                laid,
                line.naturalTextWidth(),
                line.horizontalAdvance(),
                line.ascent() + line.descent(),
            )
        self[words] = found
        return found


# A laid-out text, its line's natural width and advance, and its line's height.
Line = tuple[QStaticText, float, float, float]
_RIGHT_TO_LEFT = frozenset(("R", "AL", "RLE", "RLO", "RLI"))


def draw_line(
    p: QPainter,
    laidout: Laidout | None,
    left: float,
    top: float,
    width: float,
    height: float,
    words: str,
    centre: bool = False,
) -> None:
    """drawText(QRectF(left, top, width, height), LEFT or CENTER, words), the text laid out
    once when it is in `laidout` and fits: drawn at the point drawText draws its line at.

    That is Qt's own arithmetic (qt_format_text): the line centred on its height (and, with
    `centre`, its advance), the rectangle clipped when the line's natural width and height do
    not fit, and the point cut to 1/64 of a pixel before the painter's translation is added;
    so the glyphs land on the same pixels."""
    found = None if laidout is None else laidout[words]
    if found is not None:
        laid, natural, advance, tall = found
        y = top + (height - tall) / 2
        x = left + (width - natural) / 2 if centre else left
        inside = width and height and natural and left <= x and x + natural <= left + width
        if inside and top <= y and y + tall <= top + height:
            x = left + (width - advance) / 2 if centre else left
            p.drawStaticText(QPointF(int(x * 64) / 64, int(y * 64) / 64), laid)
            return
    p.drawText(QRectF(left, top, width, height), CENTER if centre else LEFT, words)


class Fonts:
    """The widget's font and its bold, small, badge and struck variants, all relative to it.

    Fonts and Scene are plain classes, as Layout (layout.py says why).
    """

    __slots__ = (
        "_advances", "_badge_widths", "_laidout", "badge", "badge_metrics", "bold",
        "bold_struck", "normal", "small", "small_struck",
    )  # fmt: skip

    def __init__(
        self,
        normal: QFont,
        bold: QFont,
        small: QFont,
        badge: QFont,
        bold_struck: QFont,
        small_struck: QFont,
        badge_metrics: QFontMetricsF,
    ) -> None:
        self.normal = normal
        self.bold = bold
        self.small = small
        self.badge = badge
        self.bold_struck = bold_struck
        self.small_struck = small_struck
        self.badge_metrics = badge_metrics
        self._badge_widths: dict[str, float] = {}
        self._advances: dict[int, Advances] = {}
        self._laidout: dict[int, Laidout] = {}

    @classmethod
    def of(cls, base: QFont) -> Fonts:
        """The variants of `base`, so sizes follow the user's font and DPI."""
        bold = _variant(base, bold=True)
        small = _variant(base, scale=0.88)
        badge = _variant(small, bold=True)
        return cls(
            base,
            bold,
            small,
            badge,
            _variant(bold, struck=True),
            _variant(small, struck=True),
            QFontMetricsF(badge),
        )

    def badge_width(self, words: str) -> float:
        """A badge's text width, measured once per font: a week paints a hundred "✓"."""
        found = self._badge_widths.get(words)
        if found is None:
            found = self._badge_widths[words] = self.badge_metrics.horizontalAdvance(words)
        return found

    def advances(self, font: QFont) -> Advances:
        """The widths of texts in one of these fonts, kept as long as the fonts are."""
        found = self._advances.get(id(font))
        if found is None:
            found = self._advances[id(font)] = Advances(font)
        return found

    def laidout(self, font: QFont) -> Laidout:
        """Texts laid out in one of these fonts, kept as long as the fonts are."""
        found = self._laidout.get(id(font))
        if found is None:
            found = self._laidout[id(font)] = Laidout(font)
        return found


def _variant(base: QFont, *, bold: bool = False, scale: float = 1.0, struck: bool = False) -> QFont:
    font = QFont(base)
    if bold:
        font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(base.pointSizeF() * scale)
    if struck:
        font.setStrikeOut(True)
    return font


class Scene:
    """The state one paint needs; owned by the view, caches cleared on data or palette change."""

    __slots__ = (
        "_alike", "_metrics", "dx", "dy", "elided", "fonts", "header", "highlight", "layout",
        "left", "matched", "needle", "now", "palette", "selected", "styles",
    )  # fmt: skip

    def __init__(
        self,
        layout: Layout,
        palette: QPalette,
        fonts: Fonts,
        now: datetime,
        left: float,
        header: float,
        *,
        selected: int = 0,
        needle: str = "",
    ) -> None:
        self.layout = layout
        self.palette = palette
        self.fonts = fonts
        self.now = now
        self.left = left
        self.header = header
        self.dx = 0.0
        self.dy = 0.0
        self.selected = selected
        self.needle = needle
        self.styles: dict[int, BlockStyle] = {}
        self.elided: dict[tuple[int, int, int], str] = {}
        self.matched: dict[int, bool] = {}
        self._metrics: dict[int, QFontMetricsF] = {}
        self._alike: dict[tuple[object, ...], BlockStyle] = {}
        self.highlight: QColor = palette.color(Role.Highlight)

    def style(self, laid: Laid) -> BlockStyle:
        """The block's style, computed once per scene."""
        b = laid.block
        found = self.styles.get(b.id)
        if found is None:
            # Blocks alike in all block_style reads share one: a week has a few dozen.
            alike = (b.status, b.colour, b.starts_at <= self.now, *[c.status for c in b.clients])
            found = self._alike.get(alike)
            if found is None:
                found = self._alike[alike] = block_style(b, self.now, self.palette)
            self.styles[b.id] = found
        return found

    def is_match(self, laid: Laid) -> bool:
        """Whether the block matches the search, computed once per search."""
        found = self.matched.get(laid.block.id)
        if found is None:
            found = self.matched[laid.block.id] = text.matches(laid.block, self.needle)
        return found

    def elide(
        self, key: tuple[int, int], make: Callable[[], str], font: QFont, width: float
    ) -> str:
        """The text `make()` gives, elided to `width`; cached, so `make` runs once per block."""
        k = (key[0], key[1], int(width))
        found = self.elided.get(k)
        if found is None:
            fm = self.metrics(font)
            found = self.elided[k] = fm.elidedText(make(), Qt.TextElideMode.ElideRight, width)
        return found

    def fit(
        self, key: tuple[int, int], make: Callable[[], Sequence[str]], font: QFont, width: float
    ) -> str:
        """The first of the texts `make()` gives (longest first) that fits `width` by its
        measured width, else the last elided; cached, so `make` runs once per block."""
        k = (key[0], key[1], int(width))
        found = self.elided.get(k)
        if found is None:
            found = self.elided[k] = self.fitted(make(), font, width)
        return found

    def fitted(self, options: Sequence[str], font: QFont, width: float) -> str:
        """fitted() in one of the scene's fonts, with the widths it measures kept."""
        widths = self.fonts.advances(font)
        for option in options:
            if widths[option] <= width:
                return option
        return self.metrics(font).elidedText(options[-1], Qt.TextElideMode.ElideRight, width)

    def metrics(self, font: QFont) -> QFontMetricsF:
        """The font's metrics, made once per scene (the scene's fonts live as long as it)."""
        found = self._metrics.get(id(font))
        if found is None:
            found = self._metrics[id(font)] = QFontMetricsF(font)
        return found


def fitted(options: Sequence[str], fm: QFontMetricsF, width: float) -> str:
    """The first option whose measured width fits, else the last one elided."""
    for option in options:
        if fm.horizontalAdvance(option) <= width:
            return option
    return fm.elidedText(options[-1], Qt.TextElideMode.ElideRight, width)
