"""Scenario 5: the cancellation report PDF of 10,000 detail rows, or a bare reportlab table.

Both variants read the same 10,000 rows with the app's cancellation_report (a period of the
large practice, cut to exactly `size` rows); only the rendering is timed. App: the real
render_cancellation_pdf (summary, charts, frequent cancellers, the landscape detail with page
furniture). Floor: the same cell strings in one bare reportlab LongTable (column widths given,
header repeated, same fonts) in a SimpleDocTemplate — what any PDF of these rows costs. For
reference the floor also times the tightest plain layout (page-sized tables of 38 rows with
fixed heights, what the app's detail pages do) as `paged_seconds`.
"""

from __future__ import annotations

import dataclasses
import io
import sys
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scenarios.common import NOW, app_context, arguments, emit  # noqa: E402


def report_rows(db: Path, work: Path, n: int) -> tuple[object, float]:
    """The report over the last months before "now", widened until it holds n rows, cut to n."""
    from app.services.desk import open_desk
    from app.services.reports import ReportFilters, cancellation_report

    ctx = app_context(db, work)
    desk = open_desk(ctx.db)
    end = NOW.date() - timedelta(days=1)
    months = 1
    while True:
        start = max(end - timedelta(days=30 * months), end - timedelta(days=3 * 365))
        f = ReportFilters(start, end, include_undone=True)  # every row, as the floor
        t = time.perf_counter()
        report = desk.read(lambda uow: cancellation_report(uow, f))  # noqa: B023
        query = time.perf_counter() - t
        if len(report.rows) >= n or start <= end - timedelta(days=3 * 365 - 1):
            break
        months = max(months + 1, int(months * n / max(1, len(report.rows))) + 1)
    ctx.close()
    cut = dataclasses.replace(report, rows=report.rows[:n])
    return cut, query


def app_variant(report: object) -> float:
    from app.services.reports import render_cancellation_pdf

    t = time.perf_counter()
    render_cancellation_pdf(report, io.BytesIO())  # type: ignore[arg-type]
    return time.perf_counter() - t


def floor_variant(report: object) -> tuple[float, float]:
    """The bare table, and (for reference) the tightest plain layout: page-sized tables."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, SimpleDocTemplate

    from app.services.reports.pdf_base import choose_fonts, frame_size
    from app.services.reports.pdf_cancellations import _texts
    from app.services.reports.pdf_detail import COLUMNS, _Formatter, column_widths

    fonts = choose_fonts(_texts(report))  # type: ignore[arg-type]
    widths = column_widths(frame_size(landscape(A4))[0])
    fmt = _Formatter(widths, fonts, ZoneInfo(report.time_zone))  # type: ignore[attr-defined]
    header = [c.title for c in COLUMNS]
    body = [fmt.cells(r) for r in report.rows]  # type: ignore[attr-defined]
    style = [("FONT", (0, 0), (-1, -1), fonts.regular, 7)]
    t = time.perf_counter()
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=landscape(A4))
    table = LongTable([header, *body], colWidths=widths, repeatRows=1)
    table.setStyle(style)
    doc.build([table])
    bare = time.perf_counter() - t
    t = time.perf_counter()
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=landscape(A4))
    per_page = 38
    doc.build(
        [
            LongTable(
                [header, *body[i : i + per_page]],
                colWidths=widths,
                rowHeights=[12.0] * (len(body[i : i + per_page]) + 1),
                repeatRows=1,
                style=style,
            )
            for i in range(0, len(body), per_page)
        ]
    )
    return bare, time.perf_counter() - t


def main() -> None:
    args = arguments(__doc__.split("\n")[0])
    n = args.size or 10_000
    report, query = report_rows(args.db, args.work, n)
    rows = len(report.rows)  # type: ignore[attr-defined]
    if args.variant == "floor":
        seconds, paged = floor_variant(report)
        emit(seconds=seconds, rows=rows, query_seconds=query, paged_seconds=paged)
    else:
        emit(seconds=app_variant(report), rows=rows, query_seconds=query)


if __name__ == "__main__":
    main()
