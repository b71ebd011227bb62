"""The audit log as a landscape PDF: the events the list shows, the filters chosen, the usual
header and footer."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.services.reports.audit_log import CSV_HEADER, AuditFilter, AuditLog
from app.services.reports.formatting import generated_text, headings, period_text
from app.services.reports.pdf_base import (
    Fonts,
    Furniture,
    ReportDocument,
    choose_fonts,
    fit,
    frame_size,
    grid_style,
    save_pdf,
    styles,
    wrap,
)


def _period(flt: AuditFilter) -> str:
    if flt.date_from and flt.date_to:
        return period_text(flt.date_from, flt.date_to)
    if flt.date_from:
        day = when_text(flt.date_from, "%d %b %Y")
        return translate("report", "from {day}").format(day=day)
    if flt.date_to:
        return translate("report", "up to {day}").format(day=when_text(flt.date_to, "%d %b %Y"))
    return translate("report", "all dates")


def filter_text(flt: AuditFilter) -> str:
    """The filters other than the dates (those head every page), as the PDF states them:
    "User: reception · Action: session.cancel"; "" when every event of the period is listed."""
    parts = []
    if flt.username:
        parts.append(translate("report", "User: {name}").format(name=flt.username))
    if flt.action:
        parts.append(translate("report", "Action: {action}").format(action=flt.action))
    if flt.entity:
        parts.append(translate("report", "Record type: {entity}").format(entity=flt.entity))
    if flt.record_id is not None:
        parts.append(translate("report", "Record or session: {id}").format(id=flt.record_id))
    return " · ".join(parts)


AUDIT_TITLE = QT_TRANSLATE_NOOP("report", "Audit log")


def _pdf_story(log: AuditLog, doc: ReportDocument, fonts: Fonts) -> list[Flowable]:
    st = styles(fonts)
    width, _ = frame_size(doc.landscape)
    tz = ZoneInfo(log.time_zone)
    widths = [width * w for w in (0.06, 0.12, 0.09, 0.15, 0.12, 0.06, 0.06, 0.34)]
    size = 7.0
    data = [headings(CSV_HEADER)]
    for r in log.rows:
        data.append(
            [str(r.id), f"{when_text(r.occurred_at.astimezone(tz), '%d %b %Y %H:%M')}",
             fit(r.username, widths[2] - 6, fonts.regular, size),
             fit(r.action, widths[3] - 6, fonts.regular, size),
             fit(r.record, widths[4] - 6, fonts.regular, size),
             str(r.session_id or ""), r.outcome,
             wrap(r.changes, widths[7] - 6, fonts.regular, size, 4)]
        )  # fmt: skip
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(fonts, size, right_columns=(0, 5))))
    shown = len(log.rows)
    note = translate("report", "%n event(s), newest first", None, shown)
    if log.truncated:
        rest = translate("report", "(only the newest %n shown; narrow the filters for the rest)",
                         None, shown)  # fmt: skip
        note += " " + rest
    story: list[Flowable] = [Paragraph(translate("report", AUDIT_TITLE), st["title"])]
    chosen = filter_text(log.filter)
    if chosen:
        story.append(Paragraph(escape(chosen), st["note"]))
    return [*story, Paragraph(note + ".", st["note"]), table]


def render_audit_pdf(log: AuditLog, target: Path | BinaryIO) -> int:
    """The events as a landscape PDF with the usual header and footer; returns the page count."""
    texts = [log.practice_name, log.provider, log.generated_by, filter_text(log.filter),
             *(t for r in log.rows for t in (r.username, r.action, r.entity, r.changes))]  # fmt: skip
    fonts = choose_fonts(texts)
    tz = ZoneInfo(log.time_zone)
    furniture = Furniture(
        log.practice_name,
        translate("report", AUDIT_TITLE),
        _period(log.filter),
        generated_text(log.generated_at, tz, log.generated_by),
        fonts,
        log.provider,
    )
    return save_pdf(target, log.paper_size, furniture, lambda doc: _pdf_story(log, doc, fonts),
                    landscape_first=True)  # fmt: skip
