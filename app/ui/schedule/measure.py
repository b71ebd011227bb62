"""The fonts and sizes the schedule view lays its blocks out with, measured from the view's font
and its workers' names: the line height and average character width, the worker column's width
(the longest name, or "88 sessions"), a start time's and a badge's width, the widest short day
heading, and the frozen worker column's and header's sizes that follow from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtGui import QFont, QFontMetricsF

from app.i18n import when_text
from app.services.schedule.dto import WorkerRow
from app.ui.i18n import tr
from app.ui.schedule import layout as lay
from app.ui.schedule.scene import Fonts

# What the sizes were measured from: the font's key, the sample count and the workers' names.
Key = tuple[str, str, tuple[str, ...]]
Measured = tuple[Key, Fonts, lay.Metrics]


def measure(font: QFont, workers: Sequence[WorkerRow], previous: Measured | None) -> Measured:
    """The fonts and sizes, measured again only when the font or the names change (else
    `previous`, as it is).

    The worker column is as wide as the longest name or "88 sessions"; a row's cancelled
    count goes on a line of its own when it does not fit beside that."""
    sample = tr("schedule", "{n} sessions").format(n=88)
    key = (font.key(), sample, tuple(w.name for w in workers))
    if previous is not None and previous[0] == key:
        return previous
    fm = QFontMetricsF(font)
    same_font = previous is not None and previous[0][0] == key[0]
    # The same font keeps its fonts, and with them the widths of texts measured in them.
    fonts = previous[1] if previous and same_font else Fonts.of(font)
    names = (QFontMetricsF(fonts.bold).horizontalAdvance(w.name) for w in workers)
    small = QFontMetricsF(fonts.small)
    widest = max(max(names, default=80.0), small.horizontalAdvance(sample))
    stamp = small.horizontalAdvance("00:00 ")
    badge = fonts.badge_metrics.horizontalAdvance("✓") + 8 + 3
    bold = QFontMetricsF(fonts.bold)
    monday = date(2024, 1, 1)
    short_day = max(
        bold.horizontalAdvance(when_text(monday + timedelta(days=n), "%a 28")) for n in range(7)
    )
    metrics = lay.Metrics(fm.height(), fm.averageCharWidth(), widest, stamp, badge, short_day)
    return (key, fonts, metrics)


def frame_size(m: lay.Metrics) -> tuple[float, float]:
    """The worker column's width and the header's height."""
    left = min(max(m.name_width + 24, m.char * 16), m.char * 32)
    header = m.line + 2 * m.pad + 8
    return left, header
