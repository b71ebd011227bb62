"""Reports: the cancellation report (figures, PDF with charts, CSV) and clients who cancel often."""

from app.services.reports.cancellations import cancellation_report
from app.services.reports.csv_export import write_cancellation_csv
from app.services.reports.frequent import frequent_canceller_ids, frequent_cancellers
from app.services.reports.model import (
    CancellationReport,
    Count,
    DetailRow,
    FrequentCanceller,
    ReportFilters,
    ReportSummary,
    RowKind,
)
from app.services.reports.pdf_cancellations import render_cancellation_pdf

__all__ = [
    "CancellationReport",
    "Count",
    "DetailRow",
    "FrequentCanceller",
    "ReportFilters",
    "ReportSummary",
    "RowKind",
    "cancellation_report",
    "frequent_canceller_ids",
    "frequent_cancellers",
    "render_cancellation_pdf",
    "write_cancellation_csv",
]
