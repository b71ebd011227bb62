"""SPEC 5: a clean chunk of a large CSV is built column by column, exactly as cell by cell."""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.services.storage import csv_safe
from app.services.storage.csv_safe import DANGEROUS_PREFIXES, SafeCsvWriter, write_csv

HEADER = ("Event", "=When")
_original = SafeCsvWriter.writerows
Rows = list[tuple[Any, ...]]


def _reference(rows: Rows, *, bom: bool = True) -> bytes:
    """What write_csv must give: the header and every row through SafeCsvWriter."""
    out = io.StringIO(newline="")
    if bom:
        out.write("\ufeff")
    writer = SafeCsvWriter(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _written(rows: Rows, *, bom: bool = True) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "x.csv"
        assert write_csv(out, HEADER, rows, bom=bom) == len(rows)
        return out.read_bytes()


def _column_by_column(chunk: Rows) -> bool:
    """The rule for the fast path: one row length of two or more, and each column only
    ints and None or only str and None."""
    if len({len(row) for row in chunk}) != 1 or len(chunk[0]) < 2:
        return False
    allowed = ({int, type(None)}, {str, type(None)})
    return all(
        any({type(v) for v in col} <= kinds for kinds in allowed)
        for col in zip(*chunk, strict=True)
    )


class Kind(StrEnum):
    FORMULA = "=kind"


_text = st.text(
    alphabet=st.sampled_from(
        ["a", "é", "→", ",", '"', "'", "\n", "\r", " ", "\x00", *DANGEROUS_PREFIXES]
    ),
    max_size=6,
)
_any = st.one_of(
    _text, st.none(), st.integers(-5, 5), st.booleans(), st.just(Decimal("-1.50")),
    st.just(Decimal("7")), st.just(-2.5), st.just(Kind.FORMULA),
)  # fmt: skip
# Columns of one kind, so that many chunks can take the column-by-column path.
_columns = st.sampled_from([
    st.integers(-5, 5), st.one_of(st.integers(), st.none()), _text,
    st.one_of(_text, st.none()), st.none(), _any,
])  # fmt: skip


@st.composite
def _rows(draw: st.DrawFn) -> Rows:
    """Rows of one width (one to four columns), now and then with a ragged row among them."""
    width = draw(st.integers(1, 4))
    columns = draw(st.lists(_columns, min_size=width, max_size=width))
    rows: Rows = draw(st.lists(st.tuples(*columns), max_size=10))
    ragged = st.tuples(st.integers(0, 10), st.lists(_any, max_size=5).map(tuple))
    for at, row in draw(st.lists(ragged, max_size=2)):
        rows.insert(at, row)
    return rows


@settings(max_examples=500, deadline=None)
@given(_rows(), st.integers(1, 5), st.booleans())
@example([(1, "=x"), (None, 'a "b" → c, d')], 2, True)
@example([("", 1), ("x",)], 3, True)  # a ragged chunk
@example([("",), ("x",)], 2, False)  # one column: a lone blank is written ""
@example([(True, "a"), (Decimal("-1.5"), "-b")], 1, True)
def test_every_chunk_is_written_exactly_as_safe_csv_writer_writes_it(
    rows: Rows, chunk: int, bom: bool
) -> None:
    expected = _reference(rows, bom=bom)
    chunks = [rows[i : i + chunk] for i in range(0, len(rows), chunk)]
    cell_by_cell = [c for c in chunks if not _column_by_column(c)]
    spy = patch.object(SafeCsvWriter, "writerows", autospec=True, side_effect=_original)
    with patch.object(csv_safe, "CHUNK", chunk), spy as writerows:
        assert _written(rows, bom=bom) == expected
    assert [call.args[1] for call in writerows.call_args_list] == cell_by_cell


def _as_utf8(rows: Rows, columns: set[int]) -> Rows:
    """The rows with the text of the given columns as UTF-8 bytes, as SQLite can hand it."""
    return [
        tuple(
            v.encode("utf-8") if i in columns and isinstance(v, str) and type(v) is str else v
            for i, v in enumerate(row)
        )
        for row in rows
    ]


@settings(max_examples=300, deadline=None)
@given(_rows(), st.integers(1, 5), st.sets(st.integers(0, 4)))
@example([(1, "=x"), (None, 'a "b" → c, d')], 2, {1})
@example([(1, "=x", "y"), (None, "-a", "b")], 2, {1})  # text both as bytes and as str
def test_text_as_utf8_bytes_is_written_as_the_same_text(
    rows: Rows, chunk: int, columns: set[int]
) -> None:
    expected = _reference(rows)
    with patch.object(csv_safe, "CHUNK", chunk):
        assert _written(_as_utf8(rows, columns)) == expected


def _audit_rows(n: int) -> Rows:
    """Rows shaped like the audit export: ids, local time, words, the long "changes" text."""
    return [
        (
            i,
            f"2024-05-{1 + i % 28:02d} 09:{i % 60:02d}:00",
            ("olivia", "=cmd", "-x")[i % 3],
            "update",
            f"session #{i}" if i % 2 else "practice",
            i if i % 2 else None,
            "",
            f'status: "booked" → "attended"; notes: "rang, left msg" → "seen\r\n{i}"',
        )
        for i in range(n)
    ]


def test_an_audit_like_file_is_written_column_by_column() -> None:
    rows = _audit_rows(50)
    expected = _reference(rows)
    with (
        patch.object(csv_safe, "CHUNK", 7),
        patch.object(SafeCsvWriter, "writerows", side_effect=AssertionError("cell by cell")),
    ):
        assert _written(rows) == expected
    read = list(csv.reader(io.StringIO(expected.decode("utf-8-sig"), newline="")))
    assert read[2][2] == "'=cmd" and read[3][2] == "'-x"
    assert read[1][7] == 'status: "booked" → "attended"; notes: "rang, left msg" → "seen\r\n0"'


def test_an_audit_like_file_from_utf8_bytes_is_written_column_by_column() -> None:
    rows = _audit_rows(50)
    expected = _reference(rows)
    with (
        patch.object(csv_safe, "CHUNK", 7),
        patch.object(SafeCsvWriter, "writerows", side_effect=AssertionError("cell by cell")),
    ):
        assert _written(_as_utf8(rows, {1, 2, 3, 4, 6, 7})) == expected


def test_a_clean_chunk_is_one_write() -> None:
    class Stream:
        def __init__(self) -> None:
            self.parts: list[bytes] = []

        def write(self, text: bytes) -> int:
            self.parts.append(text)
            return len(text)

    stream = Stream()
    with patch.object(csv_safe, "CHUNK", 2):
        assert csv_safe._write_rows(stream, _audit_rows(5)) == 5  # type: ignore[arg-type]
    assert len(stream.parts) == 3


def test_a_decimal_chunk_goes_cell_by_cell() -> None:
    rows: Rows = [(1, Decimal("-12.50"), "-x"), (2, Decimal("3"), "ok")]
    expected = _reference(rows)
    assert b"\r\n1,-12.50,'-x\r\n" in expected
    with patch.object(SafeCsvWriter, "writerows", autospec=True, side_effect=_original) as spy:
        assert _written(rows) == expected
    spy.assert_called_once()
    assert spy.call_args.args[1] == rows


def test_a_lone_blank_cell_keeps_its_quotes() -> None:
    assert _written([("",), (None,), ("x",)], bom=False) == b'Event,\'=When\r\n""\r\n""\r\nx\r\n'
