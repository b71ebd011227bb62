"""CSV that is safe to open in a spreadsheet: formula-looking text cells are neutralised.

Every CSV FrontDesk writes goes through `write_csv` (or `SafeCsvWriter`). A text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be run as a formula
(CSV injection), so it gets a leading single quote. Numbers (int, Decimal) are data, not
text a person typed, and are written as they are so a spreadsheet can still add them up.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | Decimal | None


def safe_cell(value: Cell) -> str:
    """The cell as text; text starting with a formula trigger gets a leading single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | Decimal):
        return str(value)
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


class SafeCsvWriter:
    """A csv.writer whose every cell goes through `safe_cell`."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Sequence[Cell]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Sequence[Cell]]) -> None:
        for row in rows:
            self.writerow(row)


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    bom: bool = True,
) -> int:
    """Write header and rows atomically (a .part file renamed into place); returns the row count.

    `bom` adds the UTF-8 byte-order mark so spreadsheet programs read accents right; files
    meant for a portal upload (the NDIS bulk payment request) are written without it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    count = 0
    try:
        with part.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
            writer = SafeCsvWriter(stream)
            writer.writerow(list(header))
            for row in rows:
                writer.writerow(row)
                count += 1
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()
    return count
