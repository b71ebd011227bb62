"""Shared fixtures: a controllable clock, migrated database files, the demo practice, users."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

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


def pg_url(pg_server: PgServer | None, template: str | None = None) -> str:
    """A new database on the run's server: empty, or a copy of the `template` database."""
    if pg_server is None:
        pytest.skip(f"PostgreSQL suite skipped: {PG_STATE['skipped_because']}")
    PG_STATE["ran"] = int(PG_STATE["ran"]) + 1  # type: ignore[call-overload]
    return pg_server.create_database(f"fd_test_{next(_counter)}", template=template)


@dataclass(frozen=True)
class Template:
    """A practice made once per run, for tests to start from copies: its database (a SQLite
    file, or a PostgreSQL database copied with CREATE DATABASE … TEMPLATE) and the data folder
    it was made with (its audit key signs the events in it)."""

    data_dir: Path
    db_file: Path | None = None
    pg_name: str | None = None

    def copy_data(self, data_dir: Path) -> AppPaths:
        shutil.copytree(self.data_dir, data_dir, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.desks", "*.desks.d", "*.sqlite3*"))  # fmt: skip
        return AppPaths(data_dir).ensure()

    def open_copy(self, db_file: Path, data_dir: Path, clock: FakeClock) -> AppContext:
        """A private copy of the SQLite practice at `db_file`, opened with `clock`."""
        assert self.db_file is not None
        paths = self.copy_data(data_dir)
        db_file.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.db_file, db_file)
        return prepare_database(f"sqlite:///{db_file}", paths, clock)

    def open_pg_copy(
        self, pg_server: PgServer | None, data_dir: Path, clock: FakeClock
    ) -> AppContext:
        """A private copy of the PostgreSQL practice, opened with `clock`."""
        url = pg_url(pg_server, self.pg_name)
        return prepare_database(url, self.copy_data(data_dir), clock)


def _made_once(folder: Path, url: str, fill: Callable[[AppContext], object]) -> AppContext:
    """The practice at `url` made at DEMO_NOW with its data folder in `folder`, then closed."""
    context = prepare_database(url, AppPaths(folder).ensure(), FakeClock(DEMO_NOW))
    fill(context)
    context.close()
    return context


def _checkpointed(db_file: Path) -> Path:
    """The file holds everything once its log is folded in: a copy of it alone is whole."""
    checkpoint = sqlite3.connect(db_file)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    return db_file


def _reference_data(context: AppContext) -> None:
    open_desk(context.db)


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """An empty migrated practice with its reference data (settings, reasons, admin), made once
    per run: upgrading a new file through every migration costs about 0.8 s a test."""
    folder = tmp_path_factory.mktemp("empty-template")
    db_file = folder / "frontdesk.sqlite3"
    _made_once(folder, f"sqlite:///{db_file}", _reference_data)
    return Template(folder, db_file=_checkpointed(db_file))


@pytest.fixture(scope="session")
def pg_empty_template(
    pg_server: PgServer | None, tmp_path_factory: pytest.TempPathFactory
) -> Template:
    """`empty_template` on the run's PostgreSQL server."""
    folder = tmp_path_factory.mktemp("pg-empty-template")
    url = pg_url(pg_server)
    _made_once(folder, url, _reference_data)
    return Template(folder, pg_name=make_url(url).database)


@pytest.fixture(scope="session")
def pg_demo_template(
    pg_server: PgServer | None, tmp_path_factory: pytest.TempPathFactory
) -> Template:
    """The demo practice on the run's PostgreSQL server, generated once (about 3 s)."""
    folder = tmp_path_factory.mktemp("pg-demo-template")
    url = pg_url(pg_server)
    _made_once(folder, url, lambda context: generate_demo(context.db, DEMO_NOW))
    return Template(folder, pg_name=make_url(url).database)


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
def ctx(tmp_path: Path, clock: FakeClock, empty_template: Template) -> Iterator[AppContext]:
    """An empty, migrated database file with the reference data (settings, reasons, admin)."""
    folder = tmp_path / "db"
    context = empty_template.open_copy(folder / "frontdesk.sqlite3", folder, clock)
    yield context
    context.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo practice generated once per test run at DEMO_NOW; tests get copies."""
    folder = tmp_path_factory.mktemp("demo-template")
    db_file = folder / "frontdesk.sqlite3"
    _made_once(folder, f"sqlite:///{db_file}", lambda context: generate_demo(context.db, DEMO_NOW))
    return _checkpointed(db_file)


def demo_practice_in(demo_template: Path, data_dir: Path) -> Path:
    """A copy of the demo practice as the data folder `data_dir` holds it (its database and its
    audit key), as `frontdesk --data-dir` opens it; the database file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db_file = data_dir / "frontdesk.sqlite3"
    shutil.copyfile(demo_template, db_file)
    shutil.copyfile(demo_template.with_name(KEY_FILE), data_dir / KEY_FILE)
    return db_file


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
