"""CSV that is safe to open in a spreadsheet: formula-looking text cells are neutralised.

Every CSV FrontDesk writes goes through `write_csv` (or `SafeCsvWriter`). A text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be run as a formula
(CSV injection), so it gets a leading single quote. Numbers (int, Decimal) are data, not
text a person typed, and are written as they are so a spreadsheet can still add them up.

`write_csv` takes a file a chunk of rows at a time. A chunk whose rows are of one length (two
columns or more) and whose every column is only whole numbers and blanks, or only text and
blanks, is built column by column with C-level string operations (a join to look for what
needs quoting, ``replace`` to double quotes, a join per line) rather than the csv module's
quoting character by character; any other chunk goes cell by cell through `SafeCsvWriter`.
Either way the text is exactly what `SafeCsvWriter` writes.

Text cells may also come as UTF-8 bytes (a large export reads them so from SQLite): a chunk
whose text is all bytes is built the same way as bytes and written as it is, without a
decode and an encode of every cell; anywhere else bytes are read as the text they encode.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import operator
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from app.paths import open_private
from app.services.storage.export_target import checked_target

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NONE = type(None)
_NUMBERS = frozenset({int, _NONE})
_TEXTS = (frozenset({str, _NONE}), frozenset({bytes, _NONE}))
# A chunk of this many rows keeps each of its joined strings small enough for the allocator
# to reuse its memory, rather than mapping fresh pages from the system for every chunk.
CHUNK = 500
Cell = str | bytes | int | Decimal | None
_FIRST_CHARACTER = operator.itemgetter(slice(0, 1))


def safe_cell(value: Cell) -> str:
    """The cell as text; text starting with a formula trigger gets a leading single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | Decimal):
        return str(value)
    text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
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


@dataclass(frozen=True)
class _Alphabet:
    """What the column-by-column path needs, as text or as UTF-8 bytes."""

    kinds: frozenset[type]  # a text column's cell types
    nul: Any  # joins a column's cells into one string to search
    triggers: frozenset[Any]  # each formula trigger, one character long
    trigger_after_nul: re.Pattern[Any]  # a trigger at the start of a cell in a joined column
    quote_if: tuple[Any, ...]  # what makes the csv module's minimal quoting quote a cell
    quote: Any
    cr: Any
    lf: Any
    apostrophe: Any
    comma: Any
    line_end: Any
    number: Callable[[int], Any]
    to_bytes: Callable[[Any], bytes]

    @classmethod
    def of(cls, kind: Callable[[str], Any], text: type) -> _Alphabet:
        triggers = "".join(DANGEROUS_PREFIXES)
        return cls(
            kinds=frozenset({text, _NONE}),
            nul=kind("\x00"),
            triggers=frozenset(kind(t) for t in DANGEROUS_PREFIXES),
            trigger_after_nul=re.compile(kind("\x00[" + re.escape(triggers) + "]")),
            quote_if=tuple(kind(c) for c in (",", '"', "\r", "\n")),
            quote=kind('"'),
            cr=kind("\r"),
            lf=kind("\n"),
            apostrophe=kind("'"),
            comma=kind(","),
            line_end=kind("\r\n"),
            number=str if text is str else b"%d".__mod__,
            to_bytes=(lambda t: t.encode("utf-8")) if text is str else bytes,
        )


_TEXT = _Alphabet.of(str, str)
_UTF8 = _Alphabet.of(lambda t: t.encode("ascii"), bytes)


def _quoted(text: Any, a: _Alphabet) -> Any:
    """The cell as the csv module's minimal quoting writes it: quoted when it holds a comma,
    a double quote or a line break, inner double quotes doubled."""
    if a.quote in text:
        return a.quote + text.replace(a.quote, a.quote + a.quote) + a.quote
    if a.comma in text or a.lf in text or a.cr in text:
        return a.quote + text + a.quote
    return text


def _text_column(values: Sequence[Any], a: _Alphabet) -> Sequence[Any]:
    """Text cells as `SafeCsvWriter` writes them: triggers neutralised, then quoted as csv
    would; each step is only done for a column that needs it, found by C-level passes."""
    joined = a.nul.join(values)
    if _may_start_a_formula(joined, a) and not a.triggers.isdisjoint(map(_FIRST_CHARACTER, values)):
        values = [a.apostrophe + v if v[:1] in a.triggers else v for v in values]
        joined = a.nul.join(values)
    if any(c in joined for c in a.quote_if):
        return [_quoted(v, a) for v in values]
    return values


def _may_start_a_formula(joined: Any, a: _Alphabet) -> bool:
    """Whether a cell of the column joined with NULs may start with a trigger. Plain ASCII
    (names, actions, times) is searched in one pass for a trigger at a cell's start; a
    cell holding a NUL itself only makes it say yes. Longer text with other characters is
    left to the cell by cell look, which costs it less."""
    if not joined.isascii():
        return True
    return joined[:1] in a.triggers or a.trigger_after_nul.search(joined) is not None


def _column(values: Sequence[Cell], kinds: set[type], a: _Alphabet) -> Sequence[Any]:
    """One column of whole numbers and blanks, or of text and blanks, as csv cells."""
    blank = a.nul[:0]
    if kinds <= _NUMBERS:
        if _NONE not in kinds:
            return list(map(a.number, values))  # type: ignore[arg-type]
        return [blank if v is None else a.number(v) for v in values]  # type: ignore[arg-type]
    text = [v or blank for v in values] if _NONE in kinds else values
    return _text_column(text, a)


def _joined(chunk: list[Sequence[Cell]]) -> bytes | None:
    """The chunk as UTF-8 CSV lines built column by column, or None when it must go cell by
    cell: rows of different lengths, a single column (csv writes a lone blank as ``""``), a
    column holding anything but whole numbers and blanks or text and blanks, or text both as
    str and as bytes."""
    if len(chunk[0]) < 2:
        return None
    try:
        columns = list(zip(*chunk, strict=True))
    except ValueError:  # rows of different lengths
        return None
    kinds = [set(map(type, column)) for column in columns]
    texts = [k for k in kinds if not k <= _NUMBERS]
    a = _UTF8 if texts and texts[0] <= _UTF8.kinds else _TEXT
    if not all(k <= a.kinds for k in texts):
        return None
    cells = [_column(c, k, a) for c, k in zip(columns, kinds, strict=True)]
    return a.to_bytes(a.line_end.join(map(a.comma.join, zip(*cells, strict=True))) + a.line_end)


def _write_rows(stream: IO[bytes], rows: Iterable[Sequence[Cell]]) -> int:
    """A chunk at a time, each as one write when `_joined` builds it, else cell by cell
    through `SafeCsvWriter`; returns the row count.

    Building the lines with C-level joins and ``replace`` instead of the csv module's
    per-character quoting writes the same text well over twice as fast on the audit export,
    whose "changes" column is long text full of double quotes and non-ASCII arrows (the
    whole 100,000-event file in about 0.25 s against 0.55 s)."""
    count = 0
    it = iter(rows)
    while chunk := list(itertools.islice(it, CHUNK)):
        data = _joined(chunk)
        if data is None:
            text = io.StringIO(newline="")
            SafeCsvWriter(text).writerows(chunk)
            data = text.getvalue().encode("utf-8")
        stream.write(data)
        count += len(chunk)
    return count


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
    part, count = write_csv_part(path, header, rows, bom=bom)
    try:
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()
    return count


def write_csv_part(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    bom: bool = True,
) -> tuple[Path, int]:
    """Write the file beside `path` as its .part, not yet in place (the caller moves it there
    with os.replace once what it records has committed); the .part and the row count."""
    path = checked_target(Path(path))
    part = path.with_name(path.name + ".part")
    try:
        with open_private(part, "wb") as stream:  # 0600
            if bom:
                stream.write(codecs.BOM_UTF8)
            first = io.StringIO(newline="")
            SafeCsvWriter(first).writerow(list(header))
            stream.write(first.getvalue().encode("utf-8"))
            count = _write_rows(stream, rows)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part, count
