"""The cancellation report's detail rows as a spreadsheet-safe CSV."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from app.services.reports.formatting import csv_header, csv_row
from app.services.reports.model import CancellationReport
from app.services.storage.csv_safe import write_csv


def write_cancellation_csv(report: CancellationReport, path: Path) -> int:
    """Write the same rows as the PDF's detail table; returns how many were written.

    The file is the rows alone (a header, then one line each), so it sorts and filters in a
    spreadsheet; undone cancellations are among them only when the filters ask for them.
    """
    tz = ZoneInfo(report.time_zone)
    return write_csv(path, csv_header(), (csv_row(r, tz) for r in report.shown_rows))
