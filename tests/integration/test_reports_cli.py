"""SPEC 5: the same reports from the command line, for managers who schedule them."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import icalendar
from pypdf import PdfReader

from tests.integration.test_cli import run, signed_in

MANAGER = signed_in("manager")


def test_report_and_exports_from_the_command_line(tmp_path: Path) -> None:
    assert run("demo", data=tmp_path).returncode == 0
    today = date.today()
    span = ("--from", str(today - timedelta(days=20)), "--to", str(today + timedelta(days=20)))
    pdf, csv_out = tmp_path / "r.pdf", tmp_path / "r.csv"
    report = run("report", "cancellations", *span, "--pdf", str(pdf), "--csv", str(csv_out),
                 "--by", "client", data=tmp_path, env=MANAGER)  # fmt: skip
    assert report.returncode == 0, report.stderr
    assert "PDF written" in report.stdout and len(PdfReader(str(pdf)).pages) >= 3
    with csv_out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["Cancelled by"] for r in rows} <= {"Client", "Did not attend"}
    sds = tmp_path / "sds.csv"
    extract = run("export", "sds", *span, "--csv", str(sds), data=tmp_path, env=MANAGER)
    assert extract.returncode == 0 and extract.stdout.startswith("Batch 1:"), extract.stderr
    again = run(
        "export", "sds", "--batch", "1", "--csv", str(tmp_path / "again.csv"),
        data=tmp_path, env=MANAGER,
    )  # fmt: skip
    assert again.returncode == 0 and (tmp_path / "again.csv").read_bytes() == sds.read_bytes()
    ics = tmp_path / "s.ics"
    out = run("export", "ics", *span, "--worker", "Maya", "--out", str(ics), data=tmp_path,
              env=signed_in("reception"))  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    audit = run(
        "export", "audit", "--csv", str(tmp_path / "a.csv"), "--action", "sds.",
        data=tmp_path, env=MANAGER,
    )  # fmt: skip
    assert audit.returncode == 0 and "(1 events)" in audit.stdout
    full = run("export", "audit", "--csv", str(tmp_path / "full.csv"), "--snapshots",
               "--pdf", str(tmp_path / "a.pdf"), "--action", "session.", data=tmp_path,
               env=MANAGER)  # fmt: skip
    assert full.returncode == 0 and "PDF written" in full.stdout, full.stderr
    with (tmp_path / "full.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["Action"].startswith("session.") for r in rows)
    assert all(r["After"].startswith("{") and r["Changes"] for r in rows)
    alone = run("export", "audit", "--pdf", str(tmp_path / "b.pdf"), "--snapshots",
                data=tmp_path, env=MANAGER)  # fmt: skip
    assert alone.returncode == 2 and "--snapshots adds to the CSV" in alone.stderr


def test_refusals_are_one_line(tmp_path: Path) -> None:
    assert run("demo", data=tmp_path).returncode == 0
    denied = run("report", "cancellations", "--from", "2026-03-01", "--to", "2026-03-31",
                 "--as", "reception", data=tmp_path, env={"FRONTDESK_PASSWORD": "reception"})  # fmt: skip
    assert denied.returncode == 2
    assert (
        denied.stderr.strip()
        == "frontdesk: Your role (reception) cannot run reports. Ask a manager to do it."
    )
    unknown = run("report", "cancellations", "--from", "2026-03-01", "--to", "2026-03-31",
                  "--worker", "Nobody", data=tmp_path, env=MANAGER)  # fmt: skip
    assert unknown.returncode == 2 and "No worker matches “Nobody”" in unknown.stderr
    bad = run("report", "cancellations", "--from", "1/3/2026", "--to", "2026-03-31",
              data=tmp_path, env=MANAGER)  # fmt: skip
    assert bad.returncode == 2 and "write it as YYYY-MM-DD" in bad.stderr


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_undone_cancellations_are_listed_only_with_the_flag(tmp_path: Path) -> None:
    assert run("demo", data=tmp_path).returncode == 0
    today = date.today()
    span = ("--from", str(today - timedelta(days=20)), "--to", str(today + timedelta(days=20)))
    first = tmp_path / "first.csv"
    assert run("report", "cancellations", *span, "--csv", str(first), data=tmp_path,
               env=MANAGER).returncode == 0  # fmt: skip
    rows = _csv_rows(first)
    sessions = [r["Session"] for r in rows]
    undone = next(
        r["Session"]
        for r in rows
        if r["Cancelled by"] != "Did not attend" and sessions.count(r["Session"]) == 1
    )
    assert all(r["SD"] == "" or r["SD"].startswith("FD-") for r in rows)
    with sqlite3.connect(tmp_path / "frontdesk.sqlite3") as db:  # undone at another desk
        db.execute(
            "UPDATE cancellations SET undone_at = recorded_at WHERE session_id = ?", (undone,)
        )
    left_out, listed = tmp_path / "left.csv", tmp_path / "listed.csv"
    plain = run("report", "cancellations", *span, "--csv", str(left_out), data=tmp_path,
                env=MANAGER)  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert "1 cancellation later undone is not shown (--include-undone lists them)." in plain.stdout
    assert undone not in {r["Session"] for r in _csv_rows(left_out)}
    flag = run("report", "cancellations", *span, "--csv", str(listed), "--include-undone",
               data=tmp_path, env=MANAGER)  # fmt: skip
    assert flag.returncode == 0, flag.stderr
    assert "later undone" not in flag.stdout
    again = _csv_rows(listed)
    assert [r["Undone"] for r in again if r["Session"] == undone] == ["yes"]
    assert len(again) == len(rows) == len(_csv_rows(left_out)) + 1
    counted = plain.stdout.split("rows: ")[1].splitlines()[0]
    assert counted == flag.stdout.split("rows: ")[1].splitlines()[0]  # the same figures
