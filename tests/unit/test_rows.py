"""Rows written through the driver's executemany are the rows SQLAlchemy writes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Update,
    bindparam,
    create_engine,
    insert,
    select,
    update,
)

from app.models.base import UTCDateTime, str_enum
from app.models.enums import OutboxStatus
from app.services.rows import (
    JsonText,
    execute_rows,
    insert_returning,
    insert_rows,
    json_text,
    json_with,
)

NOW = datetime(2026, 3, 31, 23, 0, tzinfo=UTC)


def _table(metadata: MetaData, name: str, *, per_row_default: bool = False) -> Table:
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("status", str_enum(OutboxStatus), default=OutboxStatus.PENDING),
        Column("note", String, default="" if not per_row_default else lambda: "made"),
        Column("payload", JSON),
        Column("at", UTCDateTime),
        Column("tries", Integer, default=0),
    )


def _rows() -> list[dict[str, object]]:
    return [
        {"id": i, "payload": ({"b": i, "a": [1, "x", 2.5, None], "née": "Zoë\u2028"} if i % 3
                              else [i, {"z": True}] if i % 2 else None),
         "at": NOW if i % 2 else None}
        for i in range(1, 8)
    ]  # fmt: skip


def test_inserted_rows_match_sqlalchemy() -> None:
    for per_row in (False, True):
        metadata = MetaData()
        ours, theirs = (
            _table(metadata, "ours", per_row_default=per_row),
            _table(metadata, "theirs", per_row_default=per_row),
        )
        engine = create_engine("sqlite://")
        metadata.create_all(engine)
        with engine.begin() as conn:
            insert_rows(conn, ours, _rows())
            insert_rows(conn, ours, [])
            conn.execute(insert(theirs), _rows())
            raw = "SELECT id, status, note, payload, at, tries FROM {} ORDER BY id"
            got = conn.exec_driver_sql(raw.format("ours")).all()
            assert got == conn.exec_driver_sql(raw.format("theirs")).all()
            assert len(got) == 7
            assert conn.execute(select(ours.c.at).where(ours.c.id == 1)).scalar() == NOW


def test_updated_rows_match_sqlalchemy_and_count() -> None:
    metadata = MetaData()
    t = _table(metadata, "t")
    engine = create_engine("sqlite://")
    metadata.create_all(engine)

    def statement() -> Update:
        return (
            update(t)
            .where(t.c.id == bindparam("r_id"))
            .values(status=bindparam("r_status"), tries=t.c.tries + 1, at=bindparam("r_at"))
        )

    with engine.begin() as conn:
        insert_rows(conn, t, _rows())
        rows = [{"r_id": i, "r_status": OutboxStatus.SENT, "r_at": NOW} for i in (2, 4, 99)]
        assert execute_rows(conn, "test rows", statement, rows) == 2
        assert execute_rows(conn, "test rows", statement, rows[:1]) == 1
        got = conn.exec_driver_sql("SELECT id, status, tries, at FROM t WHERE tries > 0").all()
        assert got == [(2, "sent", 2, "2026-03-31 23:00:00.000000"),
                       (4, "sent", 1, "2026-03-31 23:00:00.000000")]  # fmt: skip
        # One value for every row of a call, given once: the next call's value is its own.
        later = NOW.replace(hour=23, minute=30)
        same = [{"r_id": i, "r_status": OutboxStatus.FAILED} for i in (3, 5)]
        assert execute_rows(conn, "test rows", statement, same, {"r_at": later}) == 2
        assert execute_rows(conn, "test rows", statement, same[:1], {"r_at": NOW}) == 1
        got = conn.exec_driver_sql("SELECT id, status, tries, at FROM t WHERE id IN (3, 5)").all()
        assert got == [(3, "failed", 2, "2026-03-31 23:00:00.000000"),
                       (5, "failed", 1, "2026-03-31 23:30:00.000000")]  # fmt: skip


def test_insert_returning_gives_every_new_row() -> None:
    metadata = MetaData()
    ours, theirs = _table(metadata, "ours"), _table(metadata, "theirs")
    engine = create_engine("sqlite://", insertmanyvalues_page_size=3)  # three to a statement
    metadata.create_all(engine)
    rows = [{k: v for k, v in r.items() if k != "id"} | {"tries": r["id"]} for r in _rows()]
    with engine.begin() as conn:
        got = insert_returning(conn, ours, rows, "tries", "id")
        assert sorted(got) == [(i, i) for i in range(1, 8)]
        assert insert_returning(conn, ours, [], "id") == []
        conn.execute(insert(theirs), rows)
        raw = "SELECT id, status, note, payload, at, tries FROM {} ORDER BY id"
        assert (
            conn.exec_driver_sql(raw.format("ours")).all()
            == conn.exec_driver_sql(raw.format("theirs")).all()
        )


def test_json_already_encoded_is_stored_as_its_text_or_as_its_value() -> None:
    for per_row in (False, True):  # the driver's executemany, then SQLAlchemy's own
        metadata = MetaData()
        t = _table(metadata, "t", per_row_default=per_row)
        engine = create_engine("sqlite://")
        metadata.create_all(engine)
        value = {"a": [1, "é"], "b": None}
        with engine.begin() as conn:
            insert_rows(
                conn, t, [{"id": 1, "payload": JsonText('{"a":[1,"\\u00e9"],"b":null}', value)}]
            )
            stored = conn.exec_driver_sql("SELECT payload FROM t").scalar()
            assert conn.execute(select(t.c.payload)).scalar() == value  # never a quoted string
        assert (stored == '{"a":[1,"\\u00e9"],"b":null}') is not per_row


def test_a_column_of_one_value_is_converted_once_and_alike_values_of_other_types_apart() -> None:
    from app.services.rows import _converted

    calls: list[object] = []

    def convert(value: object) -> str:
        calls.append(value)
        return repr(value)

    assert _converted([NOW] * 500, convert) == [repr(NOW)] * 500
    assert calls == [NOW]
    # True == 1 == 1.0, but each type converts its own way.
    assert _converted([True, 1, 1.0, 1], convert) == ["True", "1", "1.0", "1"]


def test_json_written_on_from_shared_facts_is_the_json_of_the_whole() -> None:
    facts = {"practice": "Zoë's Clinic", "session_id": 12, "starts": "Tue 14 Apr, 8:00 AM",
             "fee": None, "nested": {"a": [1, 2.5, True]}}  # fmt: skip
    shared = json_text(facts)
    for more in ({"client": "Ana Ñúñez", "first_name": "Ana"}, {"together": "bulk:3:client:9"},
                 {}, {"session_id": 13, "client": "B"}):  # fmt: skip
        made = json_with(shared, more)
        whole = {**facts, **more}
        assert made == json.dumps(whole) and made.value == whole
    assert json_with(json_text({}), {"client": "C"}) == json.dumps({"client": "C"})
