"""The report's summary pages: title, key figures, charts, breakdowns, clients who cancel often."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.i18n import translate, when_text
from app.models.money import format_money
from app.services.reports import charts
from app.services.reports.formatting import generated_text, percent, period_text
from app.services.reports.model import CancellationReport, Count, ReportSummary
from app.services.reports.pdf_base import RULE, SERIES, ZEBRA, Fonts, fit, grid_style, styles


def title_block(report: CancellationReport, fonts: Fonts) -> list[Flowable]:
    st = styles(fonts)
    f = report.filters
    return [
        Paragraph(translate("report", "Cancellation report"), st["title"]),
        Paragraph(
            translate("report", "{period_text} · sessions starting in the period").format(
                period_text=period_text(f.date_from, f.date_to)
            ),
            st["subtitle"],
        ),
        Paragraph(_escape(report.filter_text), st["note"]),
        Spacer(1, 10),
    ]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _tiles(s: ReportSummary, undone_listed: bool) -> list[tuple[str, str, str]]:
    """(label, value, explanation) of each key figure."""
    bookings, waived, refunds, credits = (
        s.bookings,
        s.waived_count,
        s.refund_count,
        s.refund_credits,
    )
    of = translate("report", "of %n booking(s)", None, bookings)
    undone = (
        translate("report", "not counted, listed greyed")
        if undone_listed
        else translate("report", "not counted, not listed")
    )
    return [
        (translate("report", "Cancellations"), str(s.cancellations), translate("report", "{late_cancellations} at short notice by clients").format(late_cancellations=s.late_cancellations)),
        (translate("report", "Did not attend"), str(s.no_shows), of),
        (translate("report", "Late-cancellation rate"), percent(s.late_rate), f"{s.late_cancellations} {of}"),
        (translate("report", "Did-not-attend rate"), percent(s.dna_rate), f"{s.no_shows} {of}"),
        (translate("report", "Charges"), format_money(s.charges_cents), translate("report", "cancellation and no-show charges")),
        (translate("report", "Waived"), format_money(s.waived_cents), translate("report", "%n charge(s) waived", None, waived)),
        (
            translate("report", "Refunds"),
            format_money(s.refund_cents),
            translate("report", "%n refund(s)", None, refunds)
            + ", "
            + translate("report", "%n credit(s)", None, credits),
        ),
        (translate("report", "Undone"), str(s.undone_count), translate("report", "cancellations undone: {undone}").format(undone=undone)),
    ]  # fmt: skip


def key_figures(
    summary: ReportSummary, fonts: Fonts, width: float, *, undone_listed: bool = False
) -> Table:
    """Eight tiles in two rows: the numbers a manager looks for first."""
    st = styles(fonts)
    cells = [
        [Paragraph(label.upper(), st["kpi_label"]), Paragraph(value, st["kpi_value"]),
         Paragraph(sub, st["kpi_sub"])]
        for label, value, sub in _tiles(summary, undone_listed)
    ]  # fmt: skip
    data = [cells[:4], cells[4:]]
    table = Table(data, colWidths=[width / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                ("LINEAFTER", (0, 0), (-2, -1), 2, white),
                ("LINEBELOW", (0, 0), (-1, 0), 2, white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


def chart_grid(report: CancellationReport, fonts: Fonts, width: float) -> Table:
    """Four charts, two by two: reason, worker, notice given, weekly trend."""
    s = report.summary
    w, h = width / 2 - 8, 190.0
    by_reason = charts.hbar(translate("report", "By reason"), s.by_reason, w, h, SERIES[0], fonts)
    by_worker = charts.hbar(translate("report", "By worker"), s.by_worker, w, h, SERIES[2], fonts)
    notice = charts.vbar(
        translate("report", "Notice given (cancellations)"),
        [c.label for c in s.notice],
        [[c.count for c in s.notice]],
        [translate("report", "Cancellations")],
        w,
        h,
        fonts,
    )
    weeks = s.by_week
    trend = charts.vbar(
        translate("report", "Weekly trend"),
        [f"{wk.week.day} {when_text(wk.week, '%b')}" for wk in weeks],
        [[wk.cancellations for wk in weeks], [wk.no_shows for wk in weeks]],
        [translate("report", "Cancellations"), translate("report", "Did not attend")],
        w,
        h,
        fonts,
        stacked=True,
    )
    table = Table([[by_reason, by_worker], [notice, trend]], colWidths=[width / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
                ("LINEABOVE", (0, 1), (-1, 1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _breakdown(
    title: str, counts: Sequence[Count], total: int, fonts: Fonts, width: float
) -> Table:
    size = 8.0
    widths = [width * 0.52, width * 0.14, width * 0.14, width * 0.20]
    rows: list[list[str]] = [
        [
            title,
            translate("report", "Count"),
            translate("report", "Share"),
            translate("report", "Charges"),
        ]
    ]
    for c in counts:
        share = percent(c.count / total) if total else "–"
        rows.append(
            [fit(c.label, widths[0] - 6, fonts.regular, size), str(c.count), share,
             format_money(c.charge_cents)]
        )  # fmt: skip
    if not counts:
        rows.append([translate("report", "None in this period"), "", "", ""])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(fonts, size, right_columns=(1, 2, 3))))
    return table


def breakdowns(report: CancellationReport, fonts: Fonts, width: float) -> list[Flowable]:
    """The counts behind the charts, as tables, side by side in pairs."""
    s = report.summary
    st = styles(fonts)
    half = width / 2 - 9
    notice = s.notice
    pairs = [
        (_breakdown(translate("report", "Reason"), s.by_reason, s.events, fonts, half),
         _breakdown(translate("report", "Cancelled by"), s.by_who, s.events, fonts, half)),
        (_breakdown(translate("report", "Worker"), s.by_worker, s.events, fonts, half),
         _breakdown(translate("report", "Notice given"), notice, s.cancellations, fonts, half)),
    ]  # fmt: skip
    out: list[Flowable] = [Paragraph(translate("report", "Breakdown"), st["h2"])]
    for left, right in pairs:
        grid = Table([[left, right]], colWidths=[width / 2] * 2)
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), 9),
                    ("LEFTPADDING", (1, 0), (1, -1), 9),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                ]
            )
        )
        out.append(grid)
    return [KeepTogether(out[:2]), *out[2:]]


def frequent_section(report: CancellationReport, fonts: Fonts, width: float) -> list[Flowable]:
    """Clients at or over the practice's "cancels often" threshold."""
    st = styles(fonts)
    rule = report.frequent_rule
    tz = ZoneInfo(report.time_zone)
    intro = Paragraph(
        translate(
            "report",
            "Clients with {count} or more cancellations or no-shows in the {weeks} weeks up to the end of the period (or today, if sooner). Worker and practice cancellations and undone cancellations are not counted.",
        ).format(count=rule.count, weeks=rule.weeks),
        st["note"],
    )
    size = 8.0
    widths = [width * 0.40, width * 0.15, width * 0.15, width * 0.10, width * 0.20]
    rows = [
        [
            translate("report", "Client"),
            translate("report", "Cancellations"),
            translate("report", "No-shows"),
            translate("report", "Total"),
            translate("report", "Most recent"),
        ]
    ]
    for f in report.frequent:
        last = f.last_at.astimezone(tz)
        rows.append(
            [fit(f.client_name, widths[0] - 6, fonts.regular, size), str(f.cancellations),
             str(f.no_shows), str(f.total), f"{last.day:02d} {when_text(last, '%b %Y')}"]
        )  # fmt: skip
    if not report.frequent:
        rows.append([translate("report", "No client reaches the threshold."), "", "", "", ""])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(fonts, size, right_columns=(1, 2, 3, 4))))
    heading = Paragraph(translate("report", "Clients who cancel often"), st["h2"])
    return [KeepTogether([heading, intro, Spacer(1, 5), table])]


def generated_line(report: CancellationReport) -> str:
    """ "Generated 1 Apr 2026 10:00 AEDT by Practice administrator"."""
    return generated_text(report.generated_at, ZoneInfo(report.time_zone), report.generated_by)
