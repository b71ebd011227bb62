"""SPEC 5: CSV exports are safe to open in a spreadsheet (formula cells neutralised)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from app.services.csv_safe import DANGEROUS_PREFIXES, safe_cell, write_csv


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
