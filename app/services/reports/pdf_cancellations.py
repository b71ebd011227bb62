"""The cancellation report as a PDF: portrait summary pages, then the landscape detail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.money import format_money
from app.services.reports.formatting import period_text, undone_line
from app.services.reports.model import CancellationReport
from app.services.reports.pdf_base import (
    Fonts,
    Furniture,
    ReportDocument,
    choose_fonts,
    frame_size,
    save_pdf,
    styles,
)
from app.services.reports.pdf_detail import detail_tables
from app.services.reports.pdf_summary import (
    breakdowns,
    chart_grid,
    frequent_section,
    generated_line,
    key_figures,
    title_block,
)

TITLE = QT_TRANSLATE_NOOP("report", "Cancellation report")
Progress = Callable[[str], None]


def _texts(report: CancellationReport) -> Iterator[str]:
    """Every name and note the PDF prints, to choose a font that has all their letters."""
    yield report.practice_name
    yield report.provider
    yield report.generated_by
    yield report.filter_text
    for r in report.rows:
        yield r.client_name
        yield r.worker_name
        yield r.service_name
        yield r.reason
        yield r.note
    for f in report.frequent:  # may have cancelled only before the period
        yield f.client_name


def _detail_heading(report: CancellationReport, fonts: Fonts) -> list[Flowable]:
    st = styles(fonts)
    s = report.summary
    shown = report.shown_rows
    undone = sum(1 for r in shown if r.undone)
    text = translate(
        "report",
        "{count} rows: {cancellations} cancellations and {no_shows} no-shows counted, charges {amount}",
    ).format(
        count=len(shown),
        cancellations=s.cancellations,
        no_shows=s.no_shows,
        amount=format_money(s.charges_cents),
    )
    if undone:
        text += translate("report", "; {undone} undone (greyed, not counted)").format(undone=undone)
    out = [Paragraph(translate("report", "Detail"), st["h2"]), Paragraph(text + ".", st["note"])]
    if report.undone_left_out:
        out.append(Paragraph(undone_line(report.undone_left_out) + ".", st["note"]))
    return out


def _height(flowables: list[Flowable], width: float, room: float) -> float:
    """The height these take at the top of a frame, spaced as the frame spaces them: no space
    before the first, and a space before another overlapping the space after the one above."""
    total = after = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, room)
        before = max(f.getSpaceBefore() - after, 0.0) if i else 0.0
        after = f.getSpaceAfter()
        total += before + h + after
    return total


def build_story(report: CancellationReport, doc: ReportDocument, fonts: Fonts) -> list[Flowable]:
    """Summary (portrait), breakdown and frequent cancellers, then the detail (landscape)."""
    width, _ = frame_size(doc.portrait)
    story: list[Flowable] = [
        *title_block(report, fonts),
        key_figures(report.summary, fonts, width, undone_listed=report.filters.include_undone),
        chart_grid(report, fonts, width),
        *breakdowns(report, fonts, width),
        *frequent_section(report, fonts, width),
        NextPageTemplate("landscape"),
        PageBreak(),
    ]
    wide, room = frame_size(doc.landscape)
    heading = _detail_heading(report, fonts)
    tz = ZoneInfo(report.time_zone)
    first_room = room - _height(heading, wide, room)
    story += heading
    story += detail_tables(report.shown_rows, fonts, tz, wide, first_room, room)
    return story


def render_cancellation_pdf(
    report: CancellationReport, target: Path | BinaryIO, progress: Progress | None = None
) -> int:
    """Write the report's PDF to a path or a binary stream; returns the number of pages."""
    say = progress or (lambda _step: None)
    fonts = choose_fonts(_texts(report))
    f = report.filters
    furniture = Furniture(
        report.practice_name,
        translate("report", TITLE),
        period_text(f.date_from, f.date_to),
        generated_line(report),
        fonts,
        report.provider,
    )

    def story(doc: ReportDocument) -> list[Flowable]:
        say(translate("report", "Laying out the summary and the detail table…"))
        laid = build_story(report, doc, fonts)
        say(translate("report", "Writing the pages…"))
        return laid

    return save_pdf(target, report.paper_size, furniture, story)
