"""Shared fixtures: a controllable clock, migrated database files, the demo practice, users."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import app.ui.pyside_imports  # noqa: F401  (the test modules' imports skip PySide6's source reads)
from app.bootstrap import AppContext, prepare_database
from app.db import Actor, Database
from app.models.enums import Role
from app.paths import AppPaths
from app.services import practice
from app.services.audit.key import KEY_FILE
from app.services.demo.generate import generate_demo
from app.services.desk import open_desk
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


# Wednesday 1 April 2026, 10:00 in Sydney (AEDT, UTC+11): a fixed "now" for deterministic tests.
DEMO_NOW = datetime(2026, 3, 31, 23, 0, tzinfo=UTC)


@dataclass
class FakeClock:
    """A clock tests can move."""

    moment: datetime

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment = self.moment + timedelta(**kwargs)

    def set(self, moment: datetime) -> None:
        self.moment = moment


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data folder, database URL and Qt settings never touch the real user's."""
    monkeypatch.setenv("FRONTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FRONTDESK_DB_URL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(DEMO_NOW)


def _ctx(path: Path, clock: FakeClock) -> AppContext:
    return prepare_database(f"sqlite:///{path}", AppPaths(path.parent).ensure(), clock)


@pytest.fixture
def ctx(tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    """An empty, migrated database file with the reference data (settings, reasons, admin)."""
    context = _ctx(tmp_path / "db" / "frontdesk.sqlite3", clock)
    open_desk(context.db)
    yield context
    context.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo practice generated once per test run at DEMO_NOW; tests get copies."""
    folder = tmp_path_factory.mktemp("demo-template")
    context = _ctx(folder / "frontdesk.sqlite3", FakeClock(DEMO_NOW))
    generate_demo(context.db, DEMO_NOW)
    context.close()
    checkpoint = sqlite3.connect(folder / "frontdesk.sqlite3")
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    return folder / "frontdesk.sqlite3"


@pytest.fixture
def demo_ctx(tmp_path: Path, demo_template: Path, clock: FakeClock) -> Iterator[AppContext]:
    """A private copy of the demo practice, opened with the test's clock."""
    target = tmp_path / "demo" / "frontdesk.sqlite3"
    target.parent.mkdir(parents=True)
    shutil.copyfile(demo_template, target)
    # The practice's audit key goes with its database: the demo's events are signed with it.
    shutil.copyfile(demo_template.with_name(KEY_FILE), target.with_name(KEY_FILE))
    context = _ctx(target, clock)
    yield context
    context.close()


def actor_for(db: Database, username: str) -> Actor:
    desk = open_desk(db, username)
    return desk.actor


@pytest.fixture
def admin(demo_ctx: AppContext) -> Actor:
    return actor_for(demo_ctx.db, "admin")


@pytest.fixture
def manager(demo_ctx: AppContext) -> Actor:
    return actor_for(demo_ctx.db, "manager")


@pytest.fixture
def reception(demo_ctx: AppContext) -> Actor:
    return actor_for(demo_ctx.db, "reception")


def system_admin(db: Database) -> Actor:
    with db.read() as uow:
        user = practice.first_admin(uow)
        return Actor(user.id, user.username, Role(user.role))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Say plainly whether the PostgreSQL half of the suite ran."""
    if PG_STATE["skipped_because"]:
        terminalreporter.write_line(
            f"PostgreSQL suite SKIPPED: {PG_STATE['skipped_because']}.", yellow=True, bold=True
        )
    elif PG_STATE["ran"]:
        terminalreporter.write_line(
            f"PostgreSQL suite ran on a throwaway server ({PG_STATE['ran']} databases).", green=True
        )
