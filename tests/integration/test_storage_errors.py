"""A full disk or a read-only database gives a sentence and loses nothing already saved."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from app.bootstrap import AppContext
from app.db import Database, make_engine
from app.models import Client
from app.services.errors import StorageError


def _clients(db: Database) -> int:
    with db.read() as uow:
        return int(uow.session.scalar(select(func.count(Client.id))) or 0)


def test_a_full_disk_is_a_sentence_and_earlier_work_stays(ctx: AppContext) -> None:
    with ctx.db.write(_admin(ctx)) as uow:
        uow.session.add(Client(first_name="Saved", last_name="Before"))
    before = _clients(ctx.db)
    full = Database(make_engine(ctx.url), ctx.db.clock)

    @event.listens_for(full.engine, "connect")
    def _no_room(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a full disk

    with pytest.raises(StorageError) as err, full.write(_admin(ctx)) as uow:
        for n in range(5000):
            uow.session.add(Client(first_name="Big", last_name=f"Family {n}", notes="x" * 500))
        uow.session.flush()
    assert (
        err.value.message == "The disk is full. Nothing was changed; free some space and try again."
    )
    full.dispose()
    assert _clients(ctx.db) == before


def test_a_read_only_database_is_a_sentence(ctx: AppContext) -> None:
    path = ctx.url.removeprefix("sqlite:///")
    readonly = Database(make_engine(f"sqlite:///file:{path}?mode=ro&uri=true"), ctx.db.clock)
    with pytest.raises(StorageError) as err, readonly.write(_admin(ctx)) as uow:
        uow.session.add(Client(first_name="Never", last_name="Saved"))
    assert "cannot be written" in err.value.message and "Nothing was changed" in err.value.message
    readonly.dispose()


def _admin(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.services.desk import open_desk

    return open_desk(ctx.db).actor
