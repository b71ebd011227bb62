"""Lifecycle fixtures: a hand-built practice on a migrated database — SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import AppContext
from tests.conftest import FakeClock, Template
from tests.factory import World


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_ctx(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> Iterator[AppContext]:
    """An empty migrated database with reference data, on each backend (a copy of the run's
    template: see `empty_template`)."""
    if request.param == "sqlite":
        template: Template = request.getfixturevalue("empty_template")
        db_file = tmp_path / "db" / "frontdesk.sqlite3"
        context = template.open_copy(db_file, tmp_path / "data", clock)
    else:
        template = request.getfixturevalue("pg_empty_template")
        pg = request.getfixturevalue("pg_server")
        context = template.open_pg_copy(pg, tmp_path / "data", clock)
    yield context
    context.close()


@pytest.fixture
def world(backend_ctx: AppContext, clock: FakeClock) -> World:
    return World(backend_ctx, clock)
