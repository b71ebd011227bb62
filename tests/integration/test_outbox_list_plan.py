"""The outbox view's newest-first lists read an index, never every message ever sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.bootstrap import build
from app.services.outbox import OutboxFilter, list_outbox
from tests.conftest import pg_url

INDEX = "ix_outbox_messages_status_id"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'o.sqlite3'}"
    return pg_url(request.getfixturevalue("pg_server"))


def _list_plan(url: str, data_dir: Path, which: OutboxFilter) -> str:
    """The database's plan for one outbox list's query, as the outbox view sends it."""
    ctx = build(url, data_dir)
    sent: list[tuple[str, Any]] = []

    def spy(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "FROM outbox_messages" in statement and not sent:
            sent.append((statement, params))

    event.listen(ctx.db.engine, "before_cursor_execute", spy)
    try:
        with ctx.db.read() as uow:
            list_outbox(uow, which, 300)
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


@pytest.mark.parametrize("which", [OutboxFilter.SENT, OutboxFilter.SKIPPED, OutboxFilter.DONE])
def test_a_newest_first_list_reads_the_last_messages_of_its_state_from_an_index(
    url: str, tmp_path: Path, which: OutboxFilter
) -> None:
    plan = _list_plan(url, tmp_path / "data", which)
    assert INDEX in plan, plan
    if url.startswith("sqlite"):
        assert "TEMP B-TREE" not in plan and "SCAN outbox_messages" not in plan, plan
    else:
        assert "Seq Scan" not in plan and "Sort" not in plan, plan
