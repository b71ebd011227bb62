"""Summary charts drawn with reportlab.graphics: bars by reason and worker, notice, weekly trend."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color

from app.i18n import translate
from app.services.reports.model import Count
from app.services.reports.pdf_base import INK, MUTED, RULE, SERIES, Fonts, fit

MAX_BARS = 8
TITLE_SIZE = 9.5
LABEL_SIZE = 7


def _step(top: int) -> int:
    """A whole-number axis step giving about five gridlines."""
    raw = max(1, ceil(top / 5))
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if nice >= raw:
            return nice
    return raw


def _frame(title: str, width: float, height: float, fonts: Fonts) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(String(0, height - TITLE_SIZE, title, fontName=fonts.bold, fontSize=TITLE_SIZE))
    drawing.contents[-1].fillColor = INK
    return drawing


def _empty(drawing: Drawing, fonts: Fonts) -> Drawing:
    note = String(
        drawing.width / 2,
        drawing.height / 2,
        translate("report", "Nothing to show for this period"),
        fontName=fonts.regular,
        fontSize=8,
        textAnchor="middle",
    )
    note.fillColor = MUTED
    drawing.add(note)
    return drawing


def _top(counts: Sequence[Count]) -> list[Count]:
    """The biggest bars; the rest folded into "Other" so long lists stay legible."""
    if len(counts) <= MAX_BARS:
        return list(counts)
    head = list(counts[: MAX_BARS - 1])
    rest = counts[MAX_BARS - 1 :]
    return [
        *head,
        Count(
            translate("report", "Other ({count})").format(count=len(rest)),
            sum(c.count for c in rest),
        ),
    ]


def _style_value_axis(axis: object, top: int, fonts: Fonts) -> None:
    step = _step(top)
    axis.valueMin = 0  # type: ignore[attr-defined]
    # Headroom above the tallest bar so its count label stays clear of the frame.
    axis.valueMax = max(step, ceil(top * 1.12 / step) * step)  # type: ignore[attr-defined]
    axis.valueStep = step  # type: ignore[attr-defined]
    axis.labels.fontName = fonts.regular  # type: ignore[attr-defined]
    axis.labels.fontSize = LABEL_SIZE  # type: ignore[attr-defined]
    axis.labels.fillColor = MUTED  # type: ignore[attr-defined]
    axis.strokeColor = RULE  # type: ignore[attr-defined]
    axis.visibleGrid = True  # type: ignore[attr-defined]
    axis.gridStrokeColor = RULE  # type: ignore[attr-defined]
    axis.gridStrokeWidth = 0.4  # type: ignore[attr-defined]
    axis.labelTextFormat = "%d"  # type: ignore[attr-defined]


def hbar(
    title: str, counts: Sequence[Count], width: float, height: float, colour: Color, fonts: Fonts
) -> Drawing:
    """Horizontal bars, biggest on top, each labelled with its count."""
    drawing = _frame(title, width, height, fonts)
    bars = _top(counts)
    if not bars:
        return _empty(drawing, fonts)
    label_width = min(110.0, width * 0.42)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 14
    chart.width, chart.height = width - label_width - 22, height - TITLE_SIZE - 26
    ordered = list(reversed(bars))  # reportlab draws the first category at the bottom
    chart.data = [[c.count for c in ordered]]
    chart.categoryAxis.categoryNames = [
        fit(c.label, label_width - 8, fonts.regular, LABEL_SIZE) for c in ordered
    ]
    _style_bars(chart, colour, fonts)
    _style_value_axis(chart.valueAxis, max(c.count for c in bars), fonts)
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.textAnchor = "end"
    chart.barLabels.dx = 8
    drawing.add(chart)
    return drawing


def _style_bars(chart: HorizontalBarChart | VerticalBarChart, colour: Color, fonts: Fonts) -> None:
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barWidth = 8
    chart.groupSpacing = 6
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = RULE
    if isinstance(chart, HorizontalBarChart):
        chart.categoryAxis.tickLeft = 0
    else:
        chart.categoryAxis.tickDown = 0
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.fillColor = MUTED


def vbar(
    title: str,
    labels: Sequence[str],
    series: Sequence[Sequence[int]],
    names: Sequence[str],
    width: float,
    height: float,
    fonts: Fonts,
    *,
    stacked: bool = False,
) -> Drawing:
    """Vertical bars per category, one colour per series, with a legend when there are several."""
    drawing = _frame(title, width, height, fonts)
    if not labels or not any(any(s) for s in series):
        return _empty(drawing, fonts)
    chart = VerticalBarChart()
    slanted = len(labels) > 6
    bottom = 30 if slanted else 16
    chart.x, chart.y = 24, bottom
    chart.width, chart.height = width - 30, height - TITLE_SIZE - bottom - 14
    chart.data = [list(s) for s in series]
    chart.categoryAxis.categoryNames = list(labels)
    if slanted:
        chart.categoryAxis.labels.angle = 40
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx = 4
    _style_bars(chart, SERIES[0], fonts)
    for i in range(len(series)):
        chart.bars[i].fillColor = SERIES[i % len(SERIES)]
        chart.bars[i].strokeColor = None
    chart.barWidth = 10
    chart.barSpacing = 1
    chart.categoryAxis.labels.dy = -3
    chart.barLabels.nudge = 7
    if stacked:
        chart.categoryAxis.style = "stacked"
        chart.barLabelFormat = None
    top = max(sum(col) for col in zip(*series, strict=True)) if stacked else max(map(max, series))
    _style_value_axis(chart.valueAxis, top, fonts)
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(_legend(names, fonts, width, height - 1))
    return drawing


def _legend(names: Sequence[str], fonts: Fonts, x: float, y: float) -> Legend:
    """A one-line legend whose top-right corner is at (x, y): beside the chart's title."""
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 72
    legend.dxTextSpace = 4
    legend.dx = legend.dy = 6
    legend.fontName = fonts.regular
    legend.fontSize = LABEL_SIZE
    legend.fillColor = INK
    legend.strokeColor = None
    legend.boxAnchor = "ne"
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], n) for i, n in enumerate(names)]
    return legend
