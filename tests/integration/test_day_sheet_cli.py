"""`frontdesk report day-sheet`: the day sheet written from the command line."""

from __future__ import annotations

import csv
from pathlib import Path

from pypdf import PdfReader

from app.bootstrap import AppContext
from tests.integration.test_cli import run, signed_in
from tests.ui.flows.data import overnight


def test_the_day_sheet_is_written_as_pdf_and_csv(demo_ctx: AppContext, tmp_path: Path) -> None:
    data = demo_ctx.paths.data_dir
    pdf, out = tmp_path / "day.pdf", tmp_path / "day.csv"
    done = run(
        "report", "day-sheet", "--date", "2026-04-01", "--pdf", str(pdf), "--csv", str(out),
        data=data, env=signed_in("reception"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("Wednesday 1 April 2026: ") and first.endswith(" workers.")
    workers = int(first.split(" for ")[1].split()[0])
    assert len(PdfReader(str(pdf)).pages) == workers >= 3
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len({r["Worker"] for r in rows}) == workers and {r["Date"] for r in rows} == {
        "2026-04-01"
    }


def test_the_csv_end_of_an_overnight_session_carries_the_day_it_ends(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    """Wednesday 23:00 to Thursday 00:30: End says "2026-04-02 00:30", in the Date column's
    form; a session ending the day it starts keeps a bare time."""
    worker, sid = overnight(demo_ctx)
    out = tmp_path / "day.csv"
    done = run(
        "report", "day-sheet", "--date", "2026-04-01", "--worker", worker.name, "--csv", str(out),
        data=demo_ctx.paths.data_dir, env=signed_in("reception"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    (row,) = [r for r in rows if r["Session"] == str(sid)]
    assert (row["Date"], row["Start"], row["End"]) == ("2026-04-01", "23:00", "2026-04-02 00:30")
    same_day = [r["End"] for r in rows if r["Session"] != str(sid)]
    assert same_day and all(len(end) == 5 and end[2] == ":" for end in same_day), same_day


def test_the_report_finds_a_client_named_with_accents_when_typed_without(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    """`--client dang` finds Thảo Đặng: a database folds only A to Z, the name is matched whole."""
    from sqlalchemy.orm import Session as Orm

    from app.models import Client

    with Orm(demo_ctx.db.engine) as orm:
        client = orm.get(Client, 1)
        assert client is not None
        client.first_name, client.last_name = "Thảo", "Đặng"
        orm.commit()
    out = tmp_path / "theirs.csv"
    done = run(
        "report", "cancellations", "--from", "2026-01-01", "--to", "2026-04-30",
        "--client", "thao dang", "--csv", str(out),
        data=demo_ctx.paths.data_dir, env=signed_in("manager"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.exists()
    done = run(
        "report", "cancellations", "--from", "2026-01-01", "--to", "2026-04-30",
        "--client", "thao dan g", "--csv", str(out),
        data=demo_ctx.paths.data_dir, env=signed_in("manager"),
    )  # fmt: skip
    assert done.returncode != 0 and "No client matches “thao dan g”." in done.stderr
