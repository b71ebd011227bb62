"""Shared PDF machinery: paper, palette, fonts, styles, and the two-pass page furniture."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import time
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.i18n import translate
from app.services.reports.files import write_file

INK = HexColor("#2B3440")
MUTED = HexColor("#6B7684")
RULE = HexColor("#C9D1DB")
HEADER_BG = HexColor("#E3E8EF")
ZEBRA = HexColor("#F4F6F9")
ACCENT = HexColor("#3E5C80")
SERIES = [HexColor(c) for c in ("#5B7FA6", "#C99A5B", "#7FA99B", "#B8736B", "#8C8FAE")]

MARGIN = 36.0
TOP = 58.0  # room for the header band
BOTTOM = 44.0  # room for the footer

# Fonts: the PDF core fonts are fastest and embed nothing, but only know Western European
# letters; a PDF with any other letter (Nguyễn, 王, محمد) uses FrontDesk's Unicode fonts, a
# fallback chain that prints every script (see app/services/reports/fonts.py).
CORE = ("Helvetica", "Helvetica-Bold")


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str


def _locale_texts() -> list[str]:
    """What a PDF writes in the practice's locale rather than from its data: day and month
    names, money (a practice in Greece or Viet Nam needs more than Western letters for them),
    and the catalogue's language's name in its own letters, for the translated headings."""
    from app import i18n
    from app.number_text import money

    language = i18n.catalogue_language()
    sample = [i18n.language_sample(language)] if language else []
    if i18n.practice_locale() == i18n.DEFAULT_LOCALE:
        return sample
    names = [i18n.weekday_name(d, wide=w) for d in range(7) for w in (False, True)]
    names += [i18n.month_name(m, wide=w) for m in range(1, 13) for w in (False, True)]
    return [*names, i18n.when_text(time(9), "%p"), i18n.when_text(time(15), "%p"),
            money(123456), *sample]  # fmt: skip


def choose_fonts(texts: Iterable[str]) -> Fonts:
    """Core Helvetica when every text is Western European, else the Unicode fallback fonts,
    with a font found for every letter of the texts. Give it every text the PDF prints that
    comes from the practice's data (names, notes, labels)."""
    distinct = set(texts) | set(_locale_texts())
    try:
        for text in distinct:
            text.encode("cp1252")
    except UnicodeEncodeError:
        from app.services.reports import fonts

        try:
            fonts.prepare(distinct)
        except OSError:  # an install without its fonts still prints, letters it lacks as boxes
            logging.getLogger(__name__).exception("The PDF fonts could not be loaded")
            return Fonts(*CORE)
        return Fonts(*fonts.unicode_fonts())
    return Fonts(*CORE)


def paper(name: str) -> tuple[float, float]:
    """Portrait page size for the practice's paper setting (A4 unless it says Letter)."""
    size: tuple[float, float] = letter if name.strip().lower() == "letter" else A4
    return size


def frame_size(pagesize: tuple[float, float]) -> tuple[float, float]:
    """Width and height of the body frame on a page of this size."""
    return pagesize[0] - 2 * MARGIN, pagesize[1] - TOP - BOTTOM


@dataclass(frozen=True)
class Furniture:
    """What every page carries: practice, report title and period above; generated-at/by below."""

    practice: str
    title: str
    period: str
    generated: str
    fonts: Fonts = Fonts(*CORE)
    # The provider details under the practice's name: legal name, ABN, address, phone.
    provider: str = ""


class FurnishedCanvas(Canvas):  # type: ignore[misc]
    """Two passes: pages are kept until save(), then each gets its header and "Page x of y"."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_furniture(number, total)
            super().showPage()
        super().save()

    def _draw_furniture(self, number: int, total: int) -> None:
        f = self._furniture
        width, height = self._pagesize
        right = width - MARGIN
        top = height - MARGIN + 4
        self.saveState()
        self.setFillColor(INK)
        # With provider details the band holds two lines: the name, then the details under it.
        first = top - (4 if f.provider else 10)
        # The practice's name and the title share one line: each is cut to its room, never drawn
        # over the other (a client's long name in the title, a long practice name).
        room, heading = right - MARGIN, f"{f.title} · {f.period}"
        wanted = pdfmetrics.stringWidth(heading, f.fonts.regular, 9) + 12
        name = fit(f.practice, max(room * 0.6, room - wanted), f.fonts.bold, 10)
        self.setFont(f.fonts.bold, 10)
        self.drawString(MARGIN, first, name)
        left = room - pdfmetrics.stringWidth(name, f.fonts.bold, 10) - 12
        self.setFont(f.fonts.regular, 9)
        self.setFillColor(MUTED)
        self.drawRightString(right, first, fit(heading, left, f.fonts.regular, 9))
        if f.provider:
            self.setFont(f.fonts.regular, 7.5)
            self.drawString(MARGIN, top - 14, fit(f.provider, right - MARGIN, f.fonts.regular, 7.5))
        rule = top - (18 if f.provider else 16)
        self.setStrokeColor(ACCENT)
        self.setLineWidth(0.8)
        self.line(MARGIN, rule, right, rule)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, BOTTOM - 14, right, BOTTOM - 14)
        self.setFont(f.fonts.regular, 7.5)
        self.drawString(MARGIN, BOTTOM - 25, f.generated)
        page = translate("report", "Page {number} of {total}").format(number=number, total=total)
        self.drawRightString(right, BOTTOM - 25, page)
        self.restoreState()


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """Portrait pages for the summary, landscape pages for wide tables; both furnished."""

    def __init__(
        self,
        target: Path | Any,
        paper_size: str,
        furniture: Furniture,
        *,
        landscape_first: bool = False,
    ) -> None:
        portrait = paper(paper_size)
        super().__init__(
            str(target) if isinstance(target, Path) else target,
            pagesize=portrait,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=f"{furniture.title} — {furniture.period}",
            author=furniture.practice,
            creator="FrontDesk",
        )
        self.furniture = furniture
        self.portrait = portrait
        self.landscape = landscape(portrait)
        templates = [_template("portrait", portrait), _template("landscape", self.landscape)]
        self.addPageTemplates(templates[::-1] if landscape_first else templates)

    def render(self, story: list[Flowable]) -> None:
        self.build(story, canvasmaker=partial(FurnishedCanvas, furniture=self.furniture))


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    width, height = frame_size(size)
    frame = Frame(MARGIN, BOTTOM, width, height, 0, 0, 0, 0, id=f"{name}-body")
    return PageTemplate(id=name, frames=[frame], pagesize=size)


def styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    """The few paragraph styles every report uses."""
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=9, leading=12, textColor=INK)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=fonts.bold, fontSize=18, leading=22),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=15, textColor=ACCENT),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10.5, textColor=MUTED),
        "h2": ParagraphStyle(
            "h2", base, fontName=fonts.bold, fontSize=12, leading=15, spaceBefore=12, spaceAfter=6
        ),
        "kpi_label": ParagraphStyle("kpi_label", base, fontSize=7.5, leading=9, textColor=MUTED),
        "kpi_value": ParagraphStyle(
            "kpi_value", base, fontName=fonts.bold, fontSize=16, leading=19, textColor=ACCENT
        ),
        "kpi_sub": ParagraphStyle("kpi_sub", base, fontSize=7.5, leading=9, textColor=MUTED),
    }


def grid_style(
    fonts: Fonts, size: float, right_columns: Sequence[int] = (), leading: float | None = None
) -> list[tuple[Any, ...]]:
    """Muted grid: shaded header with an accent rule, zebra rows, right-aligned amounts."""
    pad = 3.0
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.regular, size, leading or size + 1.5),
        ("FONT", (0, 0), (-1, 0), fonts.bold, size, leading or size + 1.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, ZEBRA]),
        ("LINEBELOW", (0, 0), (-1, 0), 0.7, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
    ]
    commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right_columns]
    return commands


@lru_cache(maxsize=16384)
def fit(text: str, width: float, font: str, size: float) -> str:
    """The text, cut with an ellipsis so it fits `width` points on one line (names repeat: cached)."""
    if len(text) * size <= width:  # no glyph of these fonts is wider than 1 em
        return text
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _cut_to_width(line: str, width: float, font: str, size: float) -> list[str]:
    """A line still wider than `width` (a word without spaces: a web address, a reference, a
    long number) cut between characters, so no cell writes over the next one."""
    parts: list[str] = []
    while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
        n = len(line) - 1
        while n > 1 and pdfmetrics.stringWidth(line[:n], font, size) > width:
            n -= 1
        parts.append(line[:n])
        line = line[n:]
    return [*parts, line]


def wrap(text: str, width: float, font: str, size: float, max_lines: int) -> str:
    """The text broken into at most `max_lines` lines of `width` points, the last cut if needed."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    # simpleSplit breaks at spaces, so only a line of one word can still be too wide: only those
    # are measured again (a report wraps thousands of cells).
    lines = [
        part
        for line in simpleSplit(text, font, size, width)
        for part in (_cut_to_width(line, width, font, size) if " " not in line else (line,))
    ]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(lines[-1] + " …", width, font, size)
    return "\n".join(lines)


def save_pdf(
    target: Path | BinaryIO,
    paper_size: str,
    furniture: Furniture,
    story: Callable[[ReportDocument], list[Flowable]],
    *,
    landscape_first: bool = False,
) -> int:
    """Lay `story(doc)` out on the practice's paper under the reports' header and footer and
    write the PDF to `target` (a path `checked_target` passed, or a stream); the page count."""
    buffer = io.BytesIO()
    doc = ReportDocument(buffer, paper_size, furniture, landscape_first=landscape_first)
    doc.render(story(doc))
    write_file(target, buffer.getvalue())
    return int(doc.page)
