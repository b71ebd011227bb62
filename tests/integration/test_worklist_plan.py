"""The worklist of unresolved sessions reads an index, never the whole history of sessions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.bootstrap import build
from app.services.sessions.attendance import list_unresolved_past_sessions
from tests.conftest import pg_url

INDEX = "ix_sessions_status_starts_at"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'w.sqlite3'}"
    return pg_url(request.getfixturevalue("pg_server"))


def _worklist_plan(url: str, data_dir: Path) -> str:
    """The database's plan for the worklist's query of sessions, as the worklist sends it."""
    ctx = build(url, data_dir)
    sent: list[tuple[str, Any]] = []

    def spy(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "FROM sessions" in statement and not sent:
            sent.append((statement, params))

    event.listen(ctx.db.engine, "before_cursor_execute", spy)
    try:
        with ctx.db.read() as uow:
            list_unresolved_past_sessions(uow)
        statement, params = sent[0]
        with ctx.db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            cur = raw.cursor()  # type: ignore[union-attr]
            if ctx.db.engine.dialect.name == "sqlite":
                cur.execute("EXPLAIN QUERY PLAN " + statement, params)
                return "\n".join(str(row[-1]) for row in cur.fetchall())
            # An empty table is cheaper to scan than to look up: ask what the index makes possible.
            cur.execute("SET enable_seqscan = off")
            cur.execute("EXPLAIN " + statement, params)
            return "\n".join(str(row[0]) for row in cur.fetchall())
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", spy)
        ctx.close()


def test_the_worklist_is_a_range_scan_of_rostered_past_sessions(url: str, tmp_path: Path) -> None:
    plan = _worklist_plan(url, tmp_path / "data")
    assert INDEX in plan, plan
    if url.startswith("sqlite"):
        assert "status=? AND starts_at<" in plan, plan
        assert "SCAN sessions" not in plan and "TEMP B-TREE" not in plan, plan
    else:
        assert "Seq Scan" not in plan and "Sort" not in plan, plan
        assert "status" in plan and "starts_at <=" in plan, plan
