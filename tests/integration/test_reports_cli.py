"""SPEC 5: the same reports from the command line, for managers who schedule them."""

from __future__ import annotations

import csv
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
