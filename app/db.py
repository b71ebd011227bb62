"""Engine factory with the SQLite pragmas, the write-transaction policy and the unit of work."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, StorageError, TransientDbError
from app.models.actor import SYSTEM_ACTOR as SYSTEM_ACTOR  # the acting user's one home
from app.models.actor import Actor as Actor

Clock = Callable[[], datetime]
# Where each ORM session finds the desk's audit key and checkpoints (`Session.info`).
AUDIT_KEYS_INFO = "frontdesk.audit_keys"
# The clock of the unit of work an ORM session belongs to, for work done as it commits
# (`Session.info`; app.services.calendar_feed.hook queues the calendar feed's messages then).
CLOCK_INFO = "frontdesk.clock"

SQLITE_BUSY_TIMEOUT_MS = 15000
WRITE_ATTEMPTS = 4
# PostgreSQL: serialization_failure, deadlock_detected — safe to retry the whole transaction.
TRANSIENT_SQLSTATES = {"40001", "40P01"}
T = TypeVar("T")


def is_transient(exc: DBAPIError) -> bool:
    """True for failures a retry of the whole transaction can cure."""
    state = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return state in TRANSIENT_SQLSTATES


def _clash() -> StorageError:
    return StorageError(
        "The change clashes with a record already saved (for example a duplicate code). "
        "Nothing was changed; check the entry and try again."
    )


def system_clock() -> datetime:
    """The real clock: aware UTC."""
    return datetime.now(UTC)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _install_sqlite_policy(engine: Engine) -> None:
    """WAL, foreign keys, busy timeout; BEGIN IMMEDIATE for writes so two desks queue, not fail."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event issue BEGIN itself (pysqlite would defer it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url` with FrontDesk's connection policy; connects lazily."""
    if is_sqlite(url):
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        _install_sqlite_policy(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)




class UnitOfWork:
    """One transaction: an ORM session, the clock and the acting user."""

    def __init__(self, session: OrmSession, clock: Clock, actor: Actor) -> None:
        self.session = session
        self.clock = clock
        self.actor = actor
        session.info[CLOCK_INFO] = clock

    def now(self) -> datetime:
        return self.clock()


class Database:
    """Hands out units of work on one engine: `write()` for changes, `read()` for queries."""

    def __init__(
        self, engine: Engine, clock: Clock = system_clock, audit_keys: Any = None
    ) -> None:
        self.engine = engine
        self.clock = clock
        # The desk's audit keys (app.services.audit.key.AuditKeys), handed to every unit of
        # work; without them the audit service uses the default data folder's.
        self.audit_keys = audit_keys
        info = {AUDIT_KEYS_INFO: audit_keys} if audit_keys is not None else {}
        sqlite = engine.dialect.name == "sqlite"
        write_bind = engine.execution_options(sqlite_begin="IMMEDIATE") if sqlite else engine
        self._write = sessionmaker(bind=write_bind, expire_on_commit=False, info=info)
        # Reads see one snapshot on PostgreSQL, as they do on SQLite, so a query made of
        # several statements never mixes two desks' states.
        read_bind = (
            engine if sqlite else engine.execution_options(isolation_level="REPEATABLE READ")
        )
        self._read = sessionmaker(bind=read_bind, expire_on_commit=False, info=info)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self, actor: Actor) -> Iterator[UnitOfWork]:
        """A write transaction: commits on success, rolls back on any error."""
        session = self._write()
        try:
            yield UnitOfWork(session, self.clock, actor)
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError() from exc
        except (OperationalError, DBAPIError) as exc:
            session.rollback()
            if is_transient(exc):
                raise TransientDbError() from exc
            if isinstance(exc, IntegrityError):
                raise _clash() from exc
            raise StorageError.from_operational(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def transact(
        self, actor: Actor, fn: Callable[[UnitOfWork], T], attempts: int = WRITE_ATTEMPTS
    ) -> T:
        """Run `fn` in a write transaction, retrying a bounded number of times on a
        serialization failure or deadlock (PostgreSQL 40001/40P01) — each try from scratch."""
        for attempt in range(1, attempts + 1):
            try:
                with self.write(actor) as uow:
                    return fn(uow)
            except TransientDbError:
                if attempt == attempts:
                    raise
                time.sleep(0.02 * 2**attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def read(self, actor: Actor = SYSTEM_ACTOR) -> Iterator[UnitOfWork]:
        """A read-only transaction, ended without commit; loaded objects stay readable."""
        session = self._read()
        try:
            yield UnitOfWork(session, self.clock, actor)
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
