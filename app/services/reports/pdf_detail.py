"""The detail table: plain strings, fixed widths and heights, packed one table per page.

Speed matters here (10,000 rows): every cell is a plain string (no Paragraph), column widths
and row heights are known up front so reportlab never measures, and rows are packed into
page-sized tables so reportlab never has to split a long table page after page (splitting
re-walks the remaining rows each time). Each page's table repeats the header row; if a
packed table ever overflows, reportlab splits it with repeatRows=1 and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from app.models.money import format_money
from app.services.reports.formatting import notice_text
from app.services.reports.model import DetailRow, RowKind
from app.services.reports.pdf_base import INK, MUTED, Fonts, fit, grid_style, wrap
from app.services.reports.summary import WHO_LABELS

FONT_SIZE = 7.0
LEADING = 8.6
PAD = 3.2  # top + bottom padding of a row
NOTE_LINES = 3


@dataclass(frozen=True)
class _Col:
    title: str
    weight: float
    right: bool = False
    fit: bool = False


COLUMNS = (
    _Col("Date", 50),
    _Col("Time", 26),
    _Col("Session", 120, fit=True),
    _Col("Client", 82, fit=True),
    _Col("Worker", 74, fit=True),
    _Col("By", 42),
    _Col("Advised", 56),
    _Col("Notice", 36),
    _Col("Reason", 86, fit=True),
    _Col("Note", 98),
    _Col("Charge", 46, right=True),
    _Col("SD", 30, right=True),
    _Col("Undone", 34),
)
NOTE_COL = 9


def column_widths(width: float) -> list[float]:
    """The columns scaled to the frame width (landscape A4 or Letter)."""
    total = sum(c.weight for c in COLUMNS)
    return [width * c.weight / total for c in COLUMNS]


def _who(row: DetailRow) -> str:
    return "No-show" if row.kind == RowKind.NO_SHOW else WHO_LABELS[row.cancelled_by]


def _charge(row: DetailRow) -> str:
    if row.waived:
        return "waived"
    # Marked: charged to the client, whose funder pays no cancellation fees (see the note).
    return format_money(row.charge_cents) + (" *" if row.bill_to == "client" else "")


class _Formatter:
    """Turns detail rows into cell strings cut to their column widths."""

    def __init__(self, widths: Sequence[float], fonts: Fonts, tz: ZoneInfo) -> None:
        self.room = [w - 6.4 for w in widths]  # minus left and right padding
        self.font = fonts.regular
        self.tz = tz

    def cells(self, row: DetailRow) -> list[str]:
        start = row.starts_at.astimezone(self.tz)
        advised = row.advised_at.astimezone(self.tz) if row.advised_at else None
        raw = [
            f"{start.day:02d} {start:%b %Y}",
            f"{start:%H:%M}",
            f"#{row.session_id} {row.service_name}",
            row.client_name,
            row.worker_name,
            _who(row),
            f"{advised.day:02d} {advised:%b %H:%M}" if advised else "–",
            notice_text(row) or "–",
            row.reason,
            row.note,
            _charge(row),
            str(row.sd_id) if row.sd_id else "",
            "Yes" if row.undone else "",
        ]
        for i, col in enumerate(COLUMNS):
            if col.fit:
                raw[i] = fit(raw[i], self.room[i], self.font, FONT_SIZE)
        if raw[NOTE_COL]:
            raw[NOTE_COL] = wrap(
                " ".join(raw[NOTE_COL].split()),
                self.room[NOTE_COL],
                self.font,
                FONT_SIZE,
                NOTE_LINES,
            )
        return raw


def row_height(cells: Sequence[str]) -> float:
    return (cells[NOTE_COL].count("\n") + 1) * LEADING + PAD


HEADER_HEIGHT = LEADING + PAD + 1


def _pages(heights: Sequence[float], first_room: float, room: float) -> Iterator[tuple[int, int]]:
    """(start, stop) row ranges that fill each page, the first page having less room."""
    start, used, limit = 0, HEADER_HEIGHT, first_room
    for i, h in enumerate(heights):
        if used + h > limit and i > start:
            yield start, i
            start, used, limit = i, HEADER_HEIGHT, room
        used += h
    if start < len(heights) or not heights:
        yield start, len(heights)


def _style_row(fonts: Fonts, font: str, colour: Color) -> list[CellStyle]:
    """One shared cell style per column: set once instead of per cell by TableStyle commands."""
    row = []
    for i, col in enumerate(COLUMNS):
        style = CellStyle(f"detail-{i}")
        style.fontname, style.fontsize, style.leading = font, FONT_SIZE, LEADING
        style.leftPadding = style.rightPadding = 3.2
        style.topPadding = style.bottomPadding = PAD / 2
        style.color = colour
        style.alignment = "RIGHT" if col.right else "LEFT"
        style.valign = "TOP"
        row.append(style)
    return row


def _frame_style() -> TableStyle:
    """What is not per cell: header shading, zebra rows, rules."""
    commands = [
        c
        for c in grid_style(Fonts("Helvetica", "Helvetica-Bold"), FONT_SIZE)
        if c[0] in ("BACKGROUND", "ROWBACKGROUNDS", "LINEBELOW")
    ]
    return TableStyle(commands)


def detail_tables(
    rows: Sequence[DetailRow],
    fonts: Fonts,
    tz: ZoneInfo,
    width: float,
    first_room: float,
    room: float,
) -> list[Flowable]:
    """Page-sized tables of the detail rows, each with the header row on top."""
    widths = column_widths(width)
    fmt = _Formatter(widths, fonts, tz)
    cells = [fmt.cells(r) for r in rows]
    heights = [row_height(c) for c in cells]
    header = [c.title for c in COLUMNS]
    head_style = _style_row(fonts, fonts.bold, INK)
    body_style = _style_row(fonts, fonts.regular, INK)
    muted_style = _style_row(fonts, fonts.regular, MUTED)
    frame = _frame_style()
    out: list[Flowable] = []
    for start, stop in _pages(heights, first_room - 2, room - 2):
        data: list[list[Any]] = [header, *cells[start:stop]]
        styles = [head_style] + [
            muted_style if rows[i].undone else body_style for i in range(start, stop)
        ]
        if stop == start:
            data.append(["No cancellations or no-shows in this period."] + [""] * (len(header) - 1))
            styles.append(body_style)
        out.append(
            Table(
                data,
                colWidths=widths,
                rowHeights=[HEADER_HEIGHT, *heights[start:stop]] if stop > start else None,
                repeatRows=1,
                style=frame,
                cellStyles=styles,
            )
        )
    if any(r.bill_to == "client" for r in rows):
        note = ParagraphStyle("detail-note", fontName=fonts.regular, fontSize=FONT_SIZE,
                              leading=LEADING, textColor=MUTED, spaceBefore=4)  # fmt: skip
        out.append(Paragraph(CLIENT_PAYS_NOTE, note))
    return out


CLIENT_PAYS_NOTE = (
    "* Charged to the client: their funder (Medicare, DVA, WorkCover…) does not pay "
    "late-cancellation or no-show fees."
)
