"""Lifecycle fixtures: a hand-built practice on a migrated database — SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import AppContext, prepare_database
from app.paths import AppPaths
from app.services.desk import open_desk
from tests.conftest import FakeClock
from tests.factory import World
from tests.pgserver import PgServer, find_bin_dir

_counter = itertools.count(1)
PG_STATE: dict[str, object] = {"ran": 0, "skipped_because": None}


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    """One throwaway PostgreSQL server for the run, or None (with the reason kept) when unavailable."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        PG_STATE["skipped_because"] = (
            "no PostgreSQL server binaries (initdb, pg_ctl) on this machine"
        )
        yield None
        return
    server = PgServer(bin_dir)
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001 - any failure to start means: skip, and say why
        PG_STATE["skipped_because"] = f"the PostgreSQL server would not start ({exc})"
        yield None
        return
    yield server
    server.stop()


def pg_url(pg_server: PgServer | None) -> str:
    if pg_server is None:
        pytest.skip(f"PostgreSQL suite skipped: {PG_STATE['skipped_because']}")
    PG_STATE["ran"] = int(PG_STATE["ran"]) + 1  # type: ignore[call-overload]
    return pg_server.create_database(f"fd_test_{next(_counter)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_ctx(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> Iterator[AppContext]:
    """An empty migrated database with reference data, on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'db' / 'frontdesk.sqlite3'}"
    else:
        url = pg_url(request.getfixturevalue("pg_server"))
    context = prepare_database(url, AppPaths(tmp_path / "data").ensure(), clock)
    open_desk(context.db)
    yield context
    context.close()


@pytest.fixture
def world(backend_ctx: AppContext, clock: FakeClock) -> World:
    return World(backend_ctx, clock)
