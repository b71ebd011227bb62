"""Storage helpers: values in the exact form SQLAlchemy stores them, and fast bulk inserts.

Rows are plain tuples in the table's column order; the INSERT is compiled from the Core table
and run as one driver-level executemany per chunk, so a million rows load in seconds. Values
are written exactly as the app's column types write them (checked by the smoke test, which
reads the generated rows back through the ORM and verifies the audit chain).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.dialects import sqlite as sqlite_dialect

from app.models import Base

CHUNK = 20_000


def ts(moment: datetime) -> str:
    """An aware datetime as UTCDateTime stores it: naive UTC, microseconds always written."""
    u = moment.astimezone(UTC) if moment.tzinfo is not UTC else moment
    return u.replace(tzinfo=None).isoformat(" ", "microseconds")


def day(value: date) -> str:
    return value.isoformat()


def js(value: Any) -> str:
    """A JSON column's stored text (SQLAlchemy's default serialiser; None becomes 'null')."""
    return json.dumps(value)


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def insert_sql(name: str) -> str:
    """`INSERT INTO name (every column) VALUES (?, …)` compiled from the Core table."""
    t = table(name)
    stmt = insert(t).values({c.name: None for c in t.columns})
    return str(stmt.compile(dialect=sqlite_dialect.dialect()))


def columns(name: str) -> list[str]:
    return [c.name for c in table(name).columns]


def bulk_insert(conn: sqlite3.Connection, name: str, rows: Iterable[Sequence[Any]]) -> int:
    """executemany in chunks; rows are tuples in column order. Returns the row count."""
    sql = insert_sql(name)
    width = len(columns(name))
    count = 0
    chunk: list[Sequence[Any]] = []
    for row in rows:
        if len(row) != width:
            raise ValueError(f"{name}: row of {len(row)} values for {width} columns: {row!r}")
        chunk.append(row)
        if len(chunk) >= CHUNK:
            conn.executemany(sql, chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        conn.executemany(sql, chunk)
        count += len(chunk)
    return count


def drop_indexes(conn: sqlite3.Connection, tables: Iterable[str]) -> list[str]:
    """Drop the named tables' secondary indexes (not UNIQUE ones); returns their CREATE SQL."""
    wanted = set(tables)
    rows = conn.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    kept: list[str] = []
    for name, tbl, sql in rows:
        if tbl in wanted and not sql.upper().startswith("CREATE UNIQUE"):
            conn.execute(f'DROP INDEX "{name}"')
            kept.append(sql)
    return kept


def create_indexes(conn: sqlite3.Connection, statements: Iterable[str]) -> None:
    for sql in statements:
        conn.execute(sql)
