"""SPEC 5: CSV exports are safe to open in a spreadsheet (formula cells neutralised)."""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.services.storage.csv_safe import DANGEROUS_PREFIXES, safe_cell, write_csv


@pytest.mark.parametrize("prefix", DANGEROUS_PREFIXES)
def test_csv_cells_starting_with_a_formula_trigger_are_neutralised(prefix: str) -> None:
    assert safe_cell(f"{prefix}cmd|' /C calc'!A0") == f"'{prefix}cmd|' /C calc'!A0"


def test_hyperlink_formula_is_neutralised() -> None:
    assert (
        safe_cell('=HYPERLINK("http://x.example","click")')
        == '\'=HYPERLINK("http://x.example","click")'
    )


@pytest.mark.parametrize("text", ["Olivia Smith", "O'Brien", "", "1+1", "a=b", " =spaced", "#5"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert safe_cell(text) == text


def test_numbers_stay_numbers_even_when_negative() -> None:
    assert safe_cell(-5) == "-5"
    assert safe_cell(Decimal("-12.50")) == "-12.50"
    assert safe_cell(None) == ""
    assert safe_cell(True) == "yes"


def test_write_csv_round_trips_with_every_cell_neutralised(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    rows = [("=1+2", "+61 400", "-x", "@SUM(A1)", "\tTab", "\rCR", 7)]
    assert write_csv(out, ("a", "b", "c", "d", "e", "f", "n"), rows) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets read accents right with the BOM
    with out.open(encoding="utf-8-sig", newline="") as f:
        read = list(csv.reader(f))
    assert read[1] == ["'=1+2", "'+61 400", "'-x", "'@SUM(A1)", "'\tTab", "'\rCR", "7"]
    assert not list(tmp_path.glob("*.part"))


def test_write_csv_without_bom_for_portal_uploads(tmp_path: Path) -> None:
    out = tmp_path / "claim.csv"
    write_csv(out, ("A",), [("x",)], bom=False)
    assert out.read_bytes() == b"A\r\nx\r\n"


def _cell_by_cell(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    """The plain rule: every cell through safe_cell, then the csv module."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)  # type: ignore[arg-type]
    return "\ufeff" + out.getvalue()


class Kind(StrEnum):
    FORMULA = "=kind"


_text = st.text(alphabet=st.sampled_from(["a", "é", ",", '"', "\n", "\r", " ", *DANGEROUS_PREFIXES]),
                max_size=6)  # fmt: skip
_cell = st.one_of(_text, st.none(), st.integers(-5, 5), st.booleans(),
                  st.just(Decimal("-1.50")), st.just(Kind.FORMULA))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_cell, min_size=3, max_size=3).map(tuple), max_size=8),
    st.integers(1, 4),
)
@example([("ok", 1, None)] * 5 + [("=x", 1, None)], 2)  # a formula in a later chunk only
@example([("ok", 1), ("a", "b", "c")], 4)  # rows of different lengths in one chunk
def test_large_files_come_out_exactly_as_cell_by_cell(
    rows: list[tuple[object, ...]], chunk: int
) -> None:
    """Chunks written as they are must never differ from the cell-by-cell rule."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "x.csv"
        with patch("app.services.storage.csv_safe.CHUNK", chunk):
            assert write_csv(out, ("a", "b", "c"), rows) == len(rows)  # type: ignore[arg-type]
        assert out.read_bytes().decode("utf-8") == _cell_by_cell(("a", "b", "c"), rows)
