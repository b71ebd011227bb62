"""The detail table: plain strings, fixed widths and heights, packed one table per page.

Speed matters here (10,000 rows): every cell is a plain string (no Paragraph), column widths
and row heights are known up front so reportlab never measures, and rows are packed into
page-sized tables so reportlab never has to split a long table page after page (splitting
re-walks the remaining rows each time). Each page's table repeats the header row; if a
packed table ever overflows, reportlab splits it with repeatRows=1 and nothing is lost.

Names are never cut: a service, client, worker or reason too long for its column is broken
into lines (at spaces; a word longer than the column inside the word) and the row grows to
the tallest cell. Names repeat, so each is broken once (cached); the session cell
"#1234 Service name" is broken once per service and number of digits, since every digit of
the report fonts has the same width. Only the free-text note is cut, after three lines.
The SD column shows the claim reference (`formatting.claim_reference`, see that module).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models.money import format_money
from app.services.reports.formatting import (
    claim_reference,
    client_charged,
    never_claimed,
    notice_text,
)
from app.services.reports.model import DetailRow, RowKind
from app.services.reports.pdf_base import INK, MUTED, Fonts, grid_style, wrap
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
    wrap: bool = False  # a name: broken into as many lines as it needs, never cut


COLUMNS = (
    _Col(QT_TRANSLATE_NOOP("report", "Date"), 50),
    _Col(QT_TRANSLATE_NOOP("report", "Time"), 26),
    _Col(QT_TRANSLATE_NOOP("report", "Session"), 118, wrap=True),
    _Col(QT_TRANSLATE_NOOP("report", "Client"), 80, wrap=True),
    _Col(QT_TRANSLATE_NOOP("report", "Worker"), 72, wrap=True),
    _Col(QT_TRANSLATE_NOOP("report", "By"), 42),
    _Col(QT_TRANSLATE_NOOP("report", "Advised"), 56),
    _Col(QT_TRANSLATE_NOOP("report", "Notice"), 36),
    _Col(QT_TRANSLATE_NOOP("report", "Reason"), 82, wrap=True),
    _Col(QT_TRANSLATE_NOOP("report", "Note"), 94),
    _Col(QT_TRANSLATE_NOOP("report", "Charge"), 46, right=True),
    _Col(QT_TRANSLATE_NOOP("report", "SD"), 44),  # the claim reference, "FD-1234"
    _Col(QT_TRANSLATE_NOOP("report", "Undone"), 34),
)
SESSION_COL = 2
NOTE_COL = 9
SD_COL = 11
UNDONE_COL = 12


def column_widths(width: float, *, undone: bool = True) -> list[float]:
    """The columns scaled to the frame width (landscape A4 or Letter). Without `undone` (no
    undone cancellation listed) the Undone column takes no room and the note has it."""
    weights = [c.weight for c in COLUMNS]
    if not undone:
        weights[NOTE_COL] += weights[UNDONE_COL]
        weights[UNDONE_COL] = 0
    total = sum(weights)
    return [width * w / total for w in weights]


def _who(row: DetailRow) -> str:
    if row.kind == RowKind.NO_SHOW:
        return translate("report", "No-show")
    return translate("report", WHO_LABELS[row.cancelled_by])


def _charge(row: DetailRow) -> str:
    if row.waived:
        return translate("report", "waived")
    # Marked: charged to the client, whose funder pays no cancellation fees (see the note).
    return format_money(row.charge_cents) + (" *" if client_charged(row) else "")


def _reference(row: DetailRow, sd_id: int) -> str:
    """The SD's claim reference, marked when it will never be claimed (see the note)."""
    return claim_reference(sd_id) + (" †" if never_claimed(row) else "")


def lines(text: str, width: float, font: str, size: float) -> str:
    """The whole text in lines of at most `width` points: broken at spaces, and inside a word
    longer than a line; nothing is cut."""
    if len(text) * size <= width:  # no glyph of these fonts is wider than 1 em
        return text
    if stringWidth(text, font, size) <= width:
        return text
    out: list[str] = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:
            lo, hi = 1, len(line) - 1  # the longest head that fits (at least one letter)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if stringWidth(line[:mid], font, size) <= width:
                    lo = mid
                else:
                    hi = mid - 1
            out.append(line[:lo])
            line = line[lo:]
        out.append(line)
    return "\n".join(out)


name_lines = lru_cache(maxsize=16384)(lines)  # names repeat from row to row


@lru_cache(maxsize=4096)
def _session_template(name: str, digits: int, width: float, font: str, size: float) -> str:
    """ "#000 Service name" broken into lines; the zeros stand for any number of that length."""
    return lines(f"#{'0' * digits} {name}", width, font, size)


class _Formatter:
    """Turns detail rows into cell strings broken into lines to fit their column widths."""

    def __init__(self, widths: Sequence[float], fonts: Fonts, tz: ZoneInfo) -> None:
        self.room = [w - 6.4 for w in widths]  # minus left and right padding
        self.font = fonts.regular
        self.tz = tz

    def _session(self, row: DetailRow) -> str:
        number = str(row.session_id)
        template = _session_template(
            row.service_name, len(number), self.room[SESSION_COL], self.font, FONT_SIZE
        )
        return f"#{number}{template[len(number) + 1 :]}"

    def cells(self, row: DetailRow) -> list[str]:
        start = row.starts_at.astimezone(self.tz)
        advised = row.advised_at.astimezone(self.tz) if row.advised_at else None
        raw = [
            f"{start.day:02d} {when_text(start, '%b %Y')}",
            f"{start:%H:%M}",
            "",
            row.client_name,
            row.worker_name,
            _who(row),
            f"{advised.day:02d} {when_text(advised, '%b %H:%M')}" if advised else "–",
            notice_text(row) or "–",
            row.reason,
            row.note,
            _charge(row),
            "",
            translate("report", "Yes") if row.undone else "",
        ]
        for i, col in enumerate(COLUMNS):
            if col.wrap and i != SESSION_COL:
                raw[i] = name_lines(raw[i], self.room[i], self.font, FONT_SIZE)
        raw[SESSION_COL] = self._session(row)
        if row.sd_id is not None:
            raw[SD_COL] = lines(_reference(row, row.sd_id), self.room[SD_COL], self.font, FONT_SIZE)
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
    """Room for the tallest cell: a long name or note takes several lines."""
    return (max(c.count("\n") for c in cells) + 1) * LEADING + PAD


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
    undone = any(r.undone for r in rows)
    widths = column_widths(width, undone=undone)
    fmt = _Formatter(widths, fonts, tz)
    cells = [fmt.cells(r) for r in rows]
    heights = [row_height(c) for c in cells]
    header = [translate("report", c.title) for c in COLUMNS]
    if not undone:
        header[UNDONE_COL] = ""
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
            nothing = translate("report", "No cancellations or no-shows in this period.")
            data.append([nothing] + [""] * (len(header) - 1))
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
    note = ParagraphStyle("detail-note", fontName=fonts.regular, fontSize=FONT_SIZE,
                          leading=LEADING, textColor=MUTED, spaceBefore=4)  # fmt: skip
    if any(client_charged(r) for r in rows):
        out.append(Paragraph(escape(translate("report", CLIENT_PAYS_NOTE)), note))
    if any(never_claimed(r) for r in rows):
        out.append(Paragraph(escape(translate("report", NOT_CLAIMABLE_NOTE)), note))
    return out


CLIENT_PAYS_NOTE = QT_TRANSLATE_NOOP(
    "report",
    "* Charged to the client: their funder (such as Medicare, DVA or WorkCover) does not pay "
    "late-cancellation or no-show fees, or their NDIS plan cannot be claimed for it (†).",
)
NOT_CLAIMABLE_NOTE = QT_TRANSLATE_NOOP(
    "report",
    "† Not claimable: the charge is filed under the practice's own service code, not an NDIS "
    "support item number, so the NDIS claim file leaves it out and the client pays it.",
)
