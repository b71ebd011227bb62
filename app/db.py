"""Engine factory with the SQLite pragmas, the write-transaction policy and the unit of work."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.errors import AccountChangedError, ConflictError, StorageError, TransientDbError
from app.i18n import translate
from app.models.actor import SYSTEM_ACTOR as SYSTEM_ACTOR  # the acting user's one home
from app.models.actor import Actor as Actor
from app.models.enums import Role

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
# Where each ORM session finds the desk's audit key and checkpoints (`Session.info`).
AUDIT_KEYS_INFO = "frontdesk.audit_keys"
# The clock of the unit of work an ORM session belongs to, for work done as it commits
# (`Session.info`; app.services.calendar_feed.hook queues the calendar feed's messages then).
CLOCK_INFO = "frontdesk.clock"
# Whom a write transaction acts for (`Session.info`): confirmed as it begins (`confirm_account`).
ACTOR_INFO = "frontdesk.actor"

SQLITE_BUSY_TIMEOUT_MS = 15000
# SQLite's own default: a commit that leaves more pages than this in the write-ahead log copies
# them back into the file (a checkpoint, with its flush) before the commit returns.
WAL_AUTOCHECKPOINT_PAGES = 1000
# Per connection (pool record info): whether its writes leave the checkpoint to later.
_HELD_INFO = "frontdesk.checkpoint_held"
WRITE_ATTEMPTS = 4
# PostgreSQL: serialization_failure, deadlock_detected — safe to retry the whole transaction.
TRANSIENT_SQLSTATES = {"40001", "40P01"}
FOREIGN_KEY_VIOLATION = "23503"
T = TypeVar("T")


def is_transient(exc: DBAPIError) -> bool:
    """True for failures a retry of the whole transaction can cure."""
    return _sqlstate(exc) in TRANSIENT_SQLSTATES


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)


def _link_lost(exc: DBAPIError) -> bool:
    """True when a row the change links to (or one linking to a row it removes) was changed by
    another desk's transaction saved meanwhile: PostgreSQL's foreign_key_violation. Services
    read what they link to first, so only two desks at once get here (SQLite desks write one
    at a time): the second desk's change, refused as changed at another desk."""
    return _sqlstate(exc) == FOREIGN_KEY_VIOLATION


def _clash() -> StorageError:
    return StorageError(
        "The change clashes with a record already saved (for example a duplicate code). "
        "Nothing was changed; check the entry and try again."
    )


# The acting user's account as the database has it: one read of the primary key's index.
_ACCOUNT = text("SELECT active, role FROM users WHERE id = :id")
# On PostgreSQL the row stays share-locked until the write ends: an administrator's change to
# the account waits for the write, and one already under way makes the write wait, then retry.
_ACCOUNT_HELD = text("SELECT id, active, role FROM users WHERE id = :id FOR SHARE")
# An administrator's write locks every active administrator's row, in one order, instead: two
# administrators changing each other's accounts (`users._last_admin`) take turns, never each
# holding their own row while waiting for the other's.
_ADMINS_HELD = text(
    "SELECT id, active, role FROM users WHERE id = :id OR (role = :admin AND active) "
    "ORDER BY id FOR UPDATE"
)


def confirm_account(conn: Connection, actor: Actor) -> None:
    """Refuse the transaction when an administrator has disabled the acting user's account, or
    given it another role, since the desk signed in: the desk acts with the role it holds.

    Run as every write transaction begins (`Database.write`), before its first statement: on
    SQLite after BEGIN IMMEDIATE, so the account cannot change before the commit; on PostgreSQL
    the account's row is share-locked until the commit, so a change to it under way makes this
    write wait and retry (and be refused), and one made later waits for this write. The
    system's own actors (user id 0) have no account to confirm.
    """
    if not actor.user_id:
        return
    role = account_role(conn, actor, hold=conn.dialect.name == "postgresql")
    if role is not None and role == actor.role.value:
        return
    raise account_changed(actor, role)


def account_role(conn: Connection, actor: Actor, *, hold: bool = False) -> str | None:
    """The role `actor`'s account has in the database now; None when disabled or gone.
    `hold`: keep the row locked until the transaction ends (PostgreSQL; see `_ACCOUNT_HELD`)."""
    if not hold:
        row = conn.execute(_ACCOUNT, {"id": actor.user_id}).first()
        return str(row[1]) if row is not None and row[0] else None
    held = _ADMINS_HELD if actor.role == Role.ADMIN else _ACCOUNT_HELD
    rows = conn.execute(held, {"id": actor.user_id, "admin": Role.ADMIN.value}).all()
    own = next((r for r in rows if r[0] == actor.user_id), None)
    return str(own[2]) if own is not None and own[1] else None


def _confirm_on_begin(session: OrmSession, _transaction: Any, conn: Connection) -> None:
    actor = session.info.get(ACTOR_INFO)
    if actor is not None:
        confirm_account(conn, actor)


def account_changed(actor: Actor, role: str | None) -> AccountChangedError:
    """The refusal for `actor` whose account now has `role` (None: disabled or gone)."""
    if role is None:
        return AccountChangedError(
            translate(
                "users",
                "An administrator has disabled your account since you signed in, so this was "
                "not saved. Ask an administrator if you need the account again.",
            ),
            None,
        )
    now = Role(role)
    message = translate(
        "users",
        "An administrator has changed your role to {role} since you signed in, so this was "
        "not saved. Try again if your new role allows it.",
    ).format(role=now.value)
    return AccountChangedError(message, Actor(actor.user_id, actor.username, now))


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
        options = conn.get_execution_options()
        conn.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', 'DEFERRED')}")
        # A long job's batches hold the checkpoint (`Database.write(hold_checkpoint=True)`):
        # each would otherwise copy the log back at its commit, the same hot pages again and
        # again. The connection's setting is changed only when it differs from what it was.
        held = bool(options.get("sqlite_hold_checkpoint"))
        info = conn.connection.info
        if info.get(_HELD_INFO, False) != held:
            pages = 0 if held else WAL_AUTOCHECKPOINT_PAGES
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {pages}")
            info[_HELD_INFO] = held


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
        self._committed: list[Callable[[], object]] = []
        self._rolled_back: list[Callable[[], object]] = []

    def now(self) -> datetime:
        return self.clock()

    def outside(self, committed: Callable[[], object], rolled_back: Callable[[], object]) -> None:
        """Something outside the database that goes with this transaction (a file made ready
        beside its place): `committed` runs once the transaction has committed (the file moved
        into place), `rolled_back` when it does not commit (the file removed)."""
        self._committed.append(committed)
        self._rolled_back.append(rolled_back)

    def _finish(self, committed: bool) -> None:
        """Run what goes with the commit, or with its absence (each rollback step best-effort)."""
        steps, self._committed, self._rolled_back = (
            self._committed if committed else self._rolled_back,
            [],
            [],
        )
        for step in steps:
            if committed:
                step()
                continue
            try:
                step()
            except Exception as exc:  # the database is already as it was
                log.warning("Undoing an outside step after a rollback failed: %s", exc)


class Database:
    """Hands out units of work on one engine: `write()` for changes, `read()` for queries."""

    def __init__(self, engine: Engine, clock: Clock = system_clock, audit_keys: Any = None) -> None:
        self.engine = engine
        self.clock = clock
        # The desk's audit keys (app.services.audit.key.AuditKeys), handed to every unit of
        # work; without them the audit service uses the default data folder's.
        self.audit_keys = audit_keys
        info = {AUDIT_KEYS_INFO: audit_keys} if audit_keys is not None else {}
        sqlite = engine.dialect.name == "sqlite"
        write_bind = engine.execution_options(sqlite_begin="IMMEDIATE") if sqlite else engine
        self._write = sessionmaker(bind=write_bind, expire_on_commit=False, info=info)
        held_bind = (
            write_bind.execution_options(sqlite_hold_checkpoint=True) if sqlite else write_bind
        )
        self._write_held = sessionmaker(bind=held_bind, expire_on_commit=False, info=info)
        for writes in (self._write, self._write_held):
            # As the transaction begins (its first statement), not before: a write that never
            # reaches the database neither waits for the write lock nor reads the account.
            event.listen(writes, "after_begin", _confirm_on_begin)
        # Reads see one snapshot on PostgreSQL, as they do on SQLite, so a query made of
        # several statements never mixes two desks' states.
        read_bind = (
            engine if sqlite else engine.execution_options(isolation_level="REPEATABLE READ")
        )
        self._read = sessionmaker(bind=read_bind, expire_on_commit=False, info=info)
        # The threads of ended long jobs still copying their log back (`LongJob.close`).
        self._copying: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self, actor: Actor, *, hold_checkpoint: bool = False) -> Iterator[UnitOfWork]:
        """A write transaction: commits on success, rolls back on any error.

        As it begins it confirms that `actor`'s account is still active with the role the desk
        holds (`confirm_account`), else raises AccountChangedError and writes nothing.

        `hold_checkpoint`: one batch of a long job, whose commit leaves the write-ahead log
        as it is (SQLite); `long_job()` gives such writes and copies the log back meanwhile.
        """
        session = (self._write_held if hold_checkpoint else self._write)()
        uow = UnitOfWork(session, self.clock, actor)
        committed = False
        try:
            session.info[ACTOR_INFO] = actor  # an account changed elsewhere writes nothing
            yield uow
            session.commit()
            committed = True
            uow._finish(committed=True)
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError() from exc
        except (OperationalError, DBAPIError) as exc:
            session.rollback()
            if is_transient(exc):
                raise TransientDbError() from exc
            if _link_lost(exc):
                raise ConflictError() from exc
            if isinstance(exc, IntegrityError):
                raise _clash() from exc
            raise StorageError.from_operational(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            if not committed:
                uow._finish(committed=False)
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

    def checkpoint(self) -> None:
        """Copy the write-ahead log back into the database file now (SQLite; elsewhere nothing).

        Passive: pages a reader of another desk still needs stay in the log for the next
        commit's checkpoint, and nobody waits.
        """
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").all()

    @contextmanager
    def long_job(self) -> Iterator[LongJob]:
        """Writes for a job of many batches (a bulk cancellation, its undo); see `LongJob`."""
        job = LongJob(self)
        try:
            yield job
        finally:
            job.close()

    def settle(self) -> None:
        """Wait until every ended long job's log is back in the file (see `LongJob`)."""
        while self._copying:
            self._copying.pop().join()

    def dispose(self) -> None:
        self.settle()
        self.engine.dispose()


class LongJob:
    """A job written in many batches, each its own transaction.

    On SQLite every commit past a thousand pages of log would copy the log back into the file
    before returning, the same hot pages (indexes, the tables' last pages) again and again, on
    the job's path. A job's batches leave that to a thread of the job's own, woken by each
    commit, which copies the log back while the next batch is worked out (the copy runs in
    SQLite, beside Python). What is left when the job ends goes back on that thread too, after
    `long_job()` has returned: the job's last step (its state, done) is written in the job, so
    the job is over for the person while its log is copied back; `Database.settle()` (and
    `dispose()`) waits for that copy.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._wake = threading.Event()
        self._done = self._closed = False
        self._thread: threading.Thread | None = None
        url = db.engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            self._thread = threading.Thread(
                target=self._copy_back, name="frontdesk-checkpoint", daemon=True
            )
            self._thread.start()

    @contextmanager
    def write(self, actor: Actor) -> Iterator[UnitOfWork]:
        """One batch's transaction; once it has committed, the log goes back meanwhile."""
        with self.db.write(actor, hold_checkpoint=True) as uow:
            yield uow
        self._wake.set()

    def _copy_back(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            last = self._done  # the job is over: this copy is the last
            try:
                self.db.checkpoint()
            except Exception as exc:  # the next one, or any later commit, does it
                log.warning("Background checkpoint skipped: %s", exc)
            if last:
                return

    def close(self) -> None:
        """The job is over: what is left of its log goes back on its thread, which then ends
        (`Database.settle` waits for it); once, however often it is called."""
        if self._closed:
            return
        self._closed = True
        thread, self._thread = self._thread, None
        if thread is None:  # no file of its own to copy back (elsewhere: nothing to do)
            try:
                self.db.checkpoint()
            except Exception as exc:  # any later commit copies the log back as usual
                log.warning("Checkpoint after a long job skipped: %s", exc)
            return
        self.db._copying = [t for t in self.db._copying if t.is_alive()] + [thread]
        self._done = True
        self._wake.set()
