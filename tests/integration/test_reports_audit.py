"""SPEC 5: the audit log view's service — filters by user, action, date, record; CSV and PDF."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.bootstrap import AppContext
from app.services.audit_log import (
    CSV_HEADER,
    AuditFilter,
    audit_log,
    audit_options,
    describe_changes,
    render_audit_pdf,
    verify,
    write_audit_csv,
)
from app.services.desk import Desk, open_desk
from app.services.errors import PermissionDeniedError


@pytest.fixture
def desk(demo_ctx: AppContext) -> Desk:
    return open_desk(demo_ctx.db, "manager")


def _log(desk: Desk, **kw: object):  # type: ignore[no-untyped-def]
    return desk.read(lambda uow: audit_log(uow, AuditFilter(**kw)))  # type: ignore[arg-type]


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


def test_audit_exports_csv_and_pdf(desk: Desk, tmp_path: Path) -> None:
    log = _log(desk, action="session.cancel")
    out = tmp_path / "audit.csv"
    assert write_audit_csv(log, out) == len(log.rows)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_HEADER and len(rows) == len(log.rows) + 1
    pdf = tmp_path / "audit.pdf"
    pages = render_audit_pdf(log, pdf)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == pages
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    text = reader.pages[0].extract_text()
    assert "Audit log" in text and f"{len(log.rows)} events, newest first" in text
    assert f"Page 1 of {pages}" in text


def test_changes_are_described_in_one_line() -> None:
    text = describe_changes(
        {"status": "rostered", "version": 1}, {"status": "cancelled", "version": 2}
    )
    assert text == "status: rostered → cancelled"
    assert describe_changes(None, {"username": "x"}) == "created: username=x"
    assert describe_changes({"a": 1}, None) == "deleted"


def test_audit_log_needs_the_reports_permission(demo_ctx: AppContext) -> None:
    desk = open_desk(demo_ctx.db, "reception")
    with pytest.raises(PermissionDeniedError):
        _log(desk)
