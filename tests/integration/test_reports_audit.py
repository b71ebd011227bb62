"""SPEC 5: the audit log view's service — filters by user, action, date, record; CSV and PDF."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.bootstrap import AppContext
from app.errors import PermissionDeniedError
from app.models import AuditEvent
from app.models.audit_changes import describe_changes
from app.services.audit.chain import record
from app.services.desk import Desk, open_desk
from app.services.reports.audit_log import (
    CSV_HEADER,
    SNAPSHOT_HEADER,
    AuditExport,
    AuditFilter,
    AuditLog,
    audit_log,
    audit_options,
    verify,
    write_audit_csv,
)
from app.services.reports.pdf_audit import render_audit_pdf


@pytest.fixture
def desk(demo_ctx: AppContext) -> Desk:
    return open_desk(demo_ctx.db, "manager")


def _log(desk: Desk, **kw: object):  # type: ignore[no-untyped-def]
    return desk.read(lambda uow: audit_log(uow, AuditFilter(**kw)))  # type: ignore[arg-type]


def test_an_action_filter_is_that_action_or_its_family_never_a_longer_name(desk: Desk) -> None:
    admin = open_desk(desk.db, "admin")
    for action in ("bulk.undo", "bulk.undo_start", "bulk.undoXstart", "bulkhead.check"):
        admin.write(lambda uow, a=action: record(uow, a, "bulk_job", 1))
    assert {r.action for r in _log(desk, action="bulk.undo").rows} == {"bulk.undo"}
    assert {r.action for r in _log(desk, action="bulk.undo_start").rows} == {"bulk.undo_start"}
    family = {"bulk.undo", "bulk.undo_start", "bulk.undoXstart"}
    assert family <= {r.action for r in _log(desk, action="bulk.").rows}
    assert {r.action for r in _log(desk, action="bulk").rows} >= family
    assert "bulkhead.check" not in {r.action for r in _log(desk, action="bulk").rows}
    assert {r.action for r in _log(desk, action=" bulk.undo ").rows} == {"bulk.undo"}


def test_audit_log_filters_by_user_action_date_and_record(desk: Desk) -> None:
    everything = _log(desk)
    assert len(everything.rows) > 100
    assert [r.id for r in everything.rows] == sorted((r.id for r in everything.rows), reverse=True)
    cancels = _log(desk, action="session.cancel")
    assert cancels.rows and {r.action for r in cancels.rows} == {"session.cancel"}
    admin = _log(desk, username="ADMIN")
    assert admin.rows and {r.username for r in admin.rows} == {"admin"}
    one = cancels.rows[0]
    record = _log(desk, record_id=one.session_id)
    assert one.id in {r.id for r in record.rows}
    assert all(one.session_id in (r.entity_id, r.session_id) for r in record.rows)
    dated = _log(desk, date_from=date(2026, 3, 20), date_to=date(2026, 3, 20))
    assert all(r.occurred_at.date() in (date(2026, 3, 19), date(2026, 3, 20)) for r in dated.rows)
    assert len(_log(desk, date_from=date(2030, 1, 1)).rows) == 0


def test_audit_options_and_chain_verification(desk: Desk) -> None:
    options = desk.read(audit_options)
    assert "session.cancel" in options.actions and "admin" in options.usernames
    assert desk.read(verify).ok


def _csv(desk: Desk, export: AuditExport, path: Path) -> list[list[str]]:
    assert desk.read(lambda uow: write_audit_csv(uow, export, path)) >= 0
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _expected(log: AuditLog) -> list[list[str]]:
    """What each CSV row must say, worked out in Python from the list's rows."""
    tz = ZoneInfo(log.time_zone)
    return [
        [str(r.id), f"{r.occurred_at.astimezone(tz):%Y-%m-%d %H:%M:%S}", r.username, r.action,
         r.record, str(r.session_id or ""), r.outcome, r.changes]
        for r in log.rows
    ]  # fmt: skip


def test_audit_csv_has_the_lean_columns_of_what_the_list_shows(desk: Desk, tmp_path: Path) -> None:
    log = _log(desk)
    rows = _csv(desk, AuditExport.of(log), tmp_path / "audit.csv")
    assert tuple(rows[0]) == CSV_HEADER == (
        "Event", "When", "User", "Action", "Record", "Session", "Outcome", "Changes"
    )  # fmt: skip
    assert rows[1:] == _expected(log)  # the local time (daylight saving too), record, changes
    assert any("status: rostered → completed" in r[7] for r in rows[1:])
    assert {r[4].split(" #")[0] for r in rows[1:]} >= {"session", "user"}


def test_the_connection_reads_text_as_text_again_after_an_export(
    desk: Desk, tmp_path: Path
) -> None:
    """The lean export reads text as UTF-8 bytes on SQLite; the same read then gets str."""

    def export_then_read(uow, target):  # type: ignore[no-untyped-def]
        write_audit_csv(uow, AuditExport(AuditFilter(), limit=50), target)
        return uow.session.scalar(select(AuditEvent.username).limit(1))

    assert isinstance(desk.read(lambda uow: export_then_read(uow, tmp_path / "a.csv")), str)
    blocked = tmp_path / "missing" / "folder" / "a.csv"  # no such folder: the export fails
    with pytest.raises(Exception):  # noqa: B017, PT011
        desk.read(lambda uow: export_then_read(uow, blocked))
    name = desk.read(lambda uow: uow.session.scalar(select(AuditEvent.username).limit(1)))
    assert isinstance(name, str)


def test_audit_csv_holds_what_was_shown_not_what_came_after(desk: Desk, tmp_path: Path) -> None:
    log = _log(desk, action="session.cancel")
    desk.write(lambda uow: record(uow, "session.cancel", "session", log.rows[0].session_id))
    rows = _csv(desk, AuditExport.of(log), tmp_path / "shown.csv")
    assert [int(r[0]) for r in rows[1:]] == [r.id for r in log.rows]
    newest = _csv(desk, AuditExport(AuditFilter(action="session.cancel"), limit=2), tmp_path / "n")
    assert int(newest[1][0]) > log.newest_id and len(newest) == 3


def test_audit_csv_with_snapshots_adds_the_full_before_and_after(
    desk: Desk, tmp_path: Path
) -> None:
    log = _log(desk)
    rows = _csv(desk, AuditExport.of(log, snapshots=True), tmp_path / "full.csv")
    assert tuple(rows[0]) == CSV_HEADER + SNAPSHOT_HEADER
    assert [r[:8] for r in rows[1:]] == _expected(log)
    events = desk.read(
        lambda uow: {e.id: (e.before, e.after) for e in uow.session.scalars(select(AuditEvent))}
    )
    for row in rows[1:]:
        before, after = events[int(row[0])]
        assert row[8] == (json.dumps(before, ensure_ascii=False) if before is not None else "")
        assert row[9] == (json.dumps(after, ensure_ascii=False) if after is not None else "")
    assert any(r[8] == "" and r[9].startswith("{") for r in rows[1:])  # created: no before
    assert any(r[8].startswith("{") and r[9].startswith("{") for r in rows[1:])


def test_audit_exports_pdf(desk: Desk, tmp_path: Path) -> None:
    log = _log(desk, action="session.cancel")
    pdf = tmp_path / "audit.pdf"
    pages = render_audit_pdf(log, pdf)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == pages
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    text = reader.pages[0].extract_text()
    assert "Audit log" in text and f"{len(log.rows)} events, newest first" in text
    assert f"Page 1 of {pages}" in text
    assert log.rows[0].changes[:20] in text.replace("\n", " ")


def test_changes_are_described_in_one_line() -> None:
    text = describe_changes(
        {"status": "rostered", "version": 1}, {"status": "cancelled", "version": 2}
    )
    assert text == "status: rostered → cancelled"
    assert describe_changes(None, {"username": "x"}) == "created: username=x"
    assert describe_changes({"a": 1}, None) == "deleted"


def test_every_event_stores_what_changed_when_it_is_written(desk: Desk) -> None:
    log = _log(desk)
    events = desk.read(lambda uow: list(uow.session.scalars(select(AuditEvent))))
    assert len(events) == len(log.rows)
    for e in events:
        assert e.changes == describe_changes(e.before, e.after)
    before, after = {"status": "rostered", "note": ""}, {"status": "cancelled", "note": "Ill"}

    def write(uow):  # type: ignore[no-untyped-def]
        return record(uow, "session.cancel", "session", 7, before=before, after=after).id

    event_id = desk.write(write)
    stored = desk.read(lambda uow: uow.session.get(AuditEvent, event_id).changes)
    assert stored == "note:  → Ill; status: rostered → cancelled"  # keys sorted, as stored
    assert _log(desk, record_id=7).rows[0].changes == stored
    assert desk.read(verify).ok  # "changes" is not part of the hash: the chain holds


def test_audit_log_needs_the_reports_permission(demo_ctx: AppContext, tmp_path: Path) -> None:
    desk = open_desk(demo_ctx.db, "reception")
    with pytest.raises(PermissionDeniedError):
        _log(desk)
    with pytest.raises(PermissionDeniedError):
        desk.read(lambda uow: write_audit_csv(uow, AuditExport(AuditFilter()), tmp_path / "x"))
