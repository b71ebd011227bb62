"""Times the 10,000-row cancellation report against a bare reportlab table of the same rows.

Run: .venv/bin/python benchmarks/report_pdf.py [rows]   (prints seconds and ratios; not a test)
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.platypus import LongTable, SimpleDocTemplate  # noqa: E402

from app.bootstrap import prepare_database  # noqa: E402
from app.paths import AppPaths  # noqa: E402
from app.services.desk import open_desk  # noqa: E402
from app.services.reports import (  # noqa: E402
    ReportFilters,
    cancellation_report,
    render_cancellation_pdf,
)
from app.services.reports.pdf_base import CORE, Fonts, frame_size  # noqa: E402
from app.services.reports.pdf_detail import COLUMNS, _Formatter, column_widths  # noqa: E402
from tests.report_data import add_cancellations, make_cast  # noqa: E402

NOW = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)
TZ = ZoneInfo("Australia/Sydney")


def _best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    """Best of `repeat` runs, in CPU seconds of this process (steady on a shared machine)."""
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def _wall(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _bare(data: list[list[str]], widths: list[float] | None) -> None:
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=landscape(A4))
    doc.build([LongTable(data, colWidths=widths, repeatRows=1)])


def _bare_paged(data: list[list[str]], widths: list[float], per_page: int) -> None:
    """The tightest plain baseline: page-sized tables, fixed widths and heights, no styling."""
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=landscape(A4))
    header, body = data[0], data[1:]
    story = [
        LongTable(
            [header, *body[i : i + per_page]],
            colWidths=widths,
            rowHeights=[12.0] * (len(body[i : i + per_page]) + 1),
            repeatRows=1,
        )
        for i in range(0, len(body), per_page)
    ]
    doc.build(story)


def main(rows: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fd-bench-"))
    ctx = prepare_database(
        f"sqlite:///{folder / 'b.sqlite3'}", AppPaths(folder).ensure(), lambda: NOW
    )
    desk = open_desk(ctx.db)
    cast = make_cast(ctx.db)
    add_cancellations(ctx.db, cast, datetime(2026, 1, 1, tzinfo=UTC), rows)
    f = ReportFilters(date(2025, 12, 1), date(2026, 12, 31))
    report = desk.read(lambda uow: cancellation_report(uow, f))
    assert len(report.rows) == rows, len(report.rows)
    query = _best(lambda: desk.read(lambda uow: cancellation_report(uow, f)))
    render = _best(lambda: render_cancellation_pdf(report, io.BytesIO()))
    widths = column_widths(frame_size(landscape(A4))[0])
    cells = [_Formatter(widths, Fonts(*CORE), TZ).cells(r) for r in report.rows]
    data = [[c.title for c in COLUMNS], *cells]
    bare = _best(lambda: _bare(data, None), repeat=1)
    bare_widths = _best(lambda: _bare(data, widths), repeat=1)
    paged = _best(lambda: _bare_paged(data, widths, 38), repeat=1)
    pages = render_cancellation_pdf(report, folder / "report.pdf")
    wall = _wall(lambda: render_cancellation_pdf(report, io.BytesIO()))
    print(
        f"rows: {rows}, pages: {pages}  (CPU seconds, best of 3; wall clock of one render: {wall:.2f} s)"
    )
    print(f"query (read transaction → report):   {query:6.2f} s")
    print(f"render (summary, charts, detail PDF): {render:6.2f} s")
    print(f"query + render:                       {query + render:6.2f} s")
    print(f"bare LongTable, repeatRows=1:         {bare:6.2f} s  → ratio {render / bare:4.2f}")
    print(
        f"bare LongTable with column widths:    {bare_widths:6.2f} s  → ratio {render / bare_widths:4.2f}"
    )
    print(f"bare page-sized tables, fixed sizes:  {paged:6.2f} s  → ratio {render / paged:4.2f}")
    ctx.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
