"""Lifecycle fixtures: a hand-built practice on a migrated database — SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import AppContext, prepare_database
from app.paths import AppPaths
from app.services.desk import open_desk
from tests.conftest import FakeClock, pg_url
from tests.factory import World


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
