"""The database's plan for a statement a service sends, as the database would run it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.bootstrap import build


def plan_of(url: str, data_dir: Path, table: str, read: Callable[[Any], object]) -> str:
    """The plan of the first statement `read(uow)` sends FROM `table`, on a fresh practice."""
    ctx = build(url, data_dir)
    sent: list[tuple[str, Any]] = []

    def spy(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if f"FROM {table}" in statement and not sent:
            sent.append((statement, params))

    event.listen(ctx.db.engine, "before_cursor_execute", spy)
    try:
        with ctx.db.read() as uow:
            read(uow)
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
