"""Migrations: round trips, models match head, newer schemas refused, backups before upgrades."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select

from app import migrations
from app.bootstrap import AppContext, SchemaTooNewError, build
from app.db import SYSTEM_ACTOR, Database, make_engine
from app.models import AuditEvent, Base, Client
from app.models.audit_changes import describe_changes
from app.models.base import UTCDateTime
from app.services.audit.chain import GENESIS, record
from app.services.audit.chain import _canonical as canonical
from app.services.audit.chain import _digest as chain_digest
from app.services.audit.verify import verify_audit_chain
from app.services.storage.backup import list_backups
from tests.conftest import pg_url


def test_upgrade_base_head_base_head_on_a_temp_file(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == migrations.head_revision()
    assert "sessions" in inspect(engine).get_table_names()
    migrations.downgrade(engine, "base")
    assert migrations.current_revision(engine) is None
    assert "sessions" not in inspect(engine).get_table_names()
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == migrations.head_revision()
    engine.dispose()


# SQLite cannot read back an index on an expression (lower(code)): the comparison leaves those
# out, and the next test checks them by name.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_autogenerate_diff_between_models_and_head_is_empty(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrations.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    engine.dispose()
    assert diff == []


def _expression_indexes() -> dict[str, str]:
    """Every index the models declare on an expression (not plain columns): name → table."""
    return {
        index.name: table.name
        for table in Base.metadata.tables.values()
        for index in table.indexes
        if index.name and any(not isinstance(e, sa.Column) for e in index.expressions)
    }


def test_every_index_on_an_expression_the_models_declare_is_in_the_migrated_database(
    empty_url: str,
) -> None:
    engine = make_engine(empty_url)
    migrations.upgrade(engine)
    wanted = _expression_indexes()
    assert "uq_services_code_any_case" in wanted
    if engine.dialect.name == "sqlite":
        query = "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
    else:
        query = "SELECT indexname, tablename FROM pg_indexes WHERE schemaname = current_schema()"
    with engine.connect() as conn:
        found = dict(conn.exec_driver_sql(query).all())
    engine.dispose()
    assert {name: found.get(name) for name in wanted} == wanted


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_database_with_unknown_newer_revision_is_refused_and_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = build(data_dir=data)
    ctx.close()
    db_file = data / "frontdesk.sqlite3"
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(db_file)
    with pytest.raises(SchemaTooNewError) as refused:
        build(data_dir=data)
    assert "newer version of FrontDesk" in str(refused.value)
    assert "has not been changed" in str(refused.value)
    assert _digest(db_file) == before


def test_a_backup_file_exists_after_an_upgrade(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = build(data_dir=data)
    migrations.downgrade(ctx.db.engine, "base")  # an older schema with data folder in place
    ctx.close()
    assert list_backups(data / "backups") == []
    ctx = build(data_dir=data)
    assert ctx.backup_path is not None and ctx.backup_path.exists()
    assert list_backups(data / "backups") == [ctx.backup_path]
    backed_up = sqlite3.connect(ctx.backup_path)
    assert backed_up.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backed_up.close()
    ctx.close()


def test_a_fresh_database_needs_no_backup(tmp_path: Path) -> None:
    ctx = build(data_dir=tmp_path / "data")
    assert ctx.backup_path is None
    assert ctx.schema_revision == migrations.head_revision()
    ctx.close()


def test_the_revisions_the_program_knows_are_alembic_s_own() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert script.get_current_head() == migrations.HEAD_REVISION
    oldest_first = [rev.revision for rev in script.walk_revisions()][::-1]
    assert list(migrations.REVISIONS) == oldest_first
    assert migrations.known_revisions() == set(oldest_first)


def test_the_stored_revision_is_read_as_alembic_reads_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")

    def alembic_says() -> str | None:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    assert migrations.current_revision(engine) is None and alembic_says() is None  # empty file
    migrations.upgrade(engine, "0001")
    assert migrations.current_revision(engine) == alembic_says() == "0001"
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == alembic_says() == migrations.HEAD_REVISION
    migrations.downgrade(engine, "0002")
    assert migrations.current_revision(engine) == alembic_says() == "0002"
    migrations.downgrade(engine, "base")  # the version table stays, empty
    assert migrations.current_revision(engine) is None and alembic_says() is None
    engine.dispose()


def test_opening_a_current_database_does_not_load_alembic(tmp_path: Path) -> None:
    data = tmp_path / "data"
    build(data_dir=data).close()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.bootstrap import build\n"
        f"ctx = build(data_dir=Path({str(data)!r}))\n"
        "ctx.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True
    )
    assert done.stdout.strip() == "[]"


# The audit table as revision 0003 left it: no "changes" column.
_EVENTS_0003 = sa.table(
    "audit_events",
    *(sa.column(name) for name in ("id", "username", "action", "entity", "entity_id",
                                   "session_id", "outcome", "prev_hash", "hash")),
    sa.column("occurred_at", UTCDateTime()),
    sa.column("user_id", sa.Integer()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
)  # fmt: skip


def _snapshots(n: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Every shape an event has: created, deleted, changed (nested lists too), nothing."""
    booking = {"id": n, "status": "booked"}
    shapes: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = [
        (None, {"username": f"user{n}", "role": "reception"}),
        ({"id": n, "note": "Called"}, None),
        ({"status": "rostered", "version": n, "bookings": [booking]},
         {"status": "cancelled", "version": n + 1, "bookings": [{**booking, "status": "x"}]}),
        (None, None),
    ]  # fmt: skip
    before, after = shapes[n % len(shapes)]
    return (canonical(before) if before is not None else None,
            canonical(after) if after is not None else None)  # fmt: skip


def _chain_at_0003(engine: Engine, count: int) -> None:
    """`count` hash-chained events written as FrontDesk at revision 0003 wrote them."""
    prev, rows = GENESIS, []
    start = datetime(2025, 9, 1, tzinfo=UTC)
    for n in range(1, count + 1):
        before, after = _snapshots(n)
        fields = {
            "occurred_at": (start + timedelta(minutes=n)).isoformat(), "user_id": None,
            "username": "desk", "action": "session.cancel", "entity": "session",
            "entity_id": n, "session_id": n, "before": before, "after": after, "outcome": "ok",
        }  # fmt: skip
        digest = chain_digest(prev, fields)
        rows.append({**fields, "id": n, "occurred_at": start + timedelta(minutes=n),
                     "prev_hash": prev, "hash": digest})  # fmt: skip
        prev = digest
    with engine.begin() as conn:
        conn.execute(sa.insert(_EVENTS_0003), rows)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.sqlite3'}"
    return pg_url(request.getfixturevalue("pg_server"))


def test_0004_stores_what_changed_for_every_older_event_and_the_chain_holds(
    empty_url: str,
) -> None:
    engine = make_engine(empty_url)
    migrations.upgrade(engine, "0003")
    batch = ScriptDirectory.from_config(migrations.alembic_config()).get_revision("0004").module
    count = 2 * batch.BATCH + 3  # more than one batch, and a part batch at the end
    _chain_at_0003(engine, count)
    migrations.upgrade(engine)
    db = Database(engine)
    with db.read() as uow:
        events = list(uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        assert len(events) == count
        for event in events:
            assert event.changes == describe_changes(event.before, event.after), event.id
        assert [e.changes for e in events[:4]] == [
            "deleted",
            'bookings: [{"id": 2, "status": "booked"}] → [{"id": 2, "status": "x"}]; '
            "status: rostered → cancelled",
            "",
            "created: role=reception, username=user4",
        ]
        assert verify_audit_chain(uow).ok
    db.dispose()


def test_a_demo_practice_at_0003_upgrades_with_what_changed_filled_in(
    demo_ctx: AppContext,
) -> None:
    engine = demo_ctx.db.engine
    migrations.downgrade(engine, "0003")
    assert "changes" not in {c["name"] for c in inspect(engine).get_columns("audit_events")}
    migrations.upgrade(engine)
    with demo_ctx.db.read() as uow:
        events = list(uow.session.scalars(select(AuditEvent)))
        assert len(events) > 300 and all(e.changes is not None for e in events)
        assert all(e.changes == describe_changes(e.before, e.after) for e in events)
        assert verify_audit_chain(uow).ok


def _hash_is_unique(engine: Engine) -> bool:
    constraints = inspect(engine).get_unique_constraints("audit_events")
    return any(c["column_names"] == ["hash"] for c in constraints)


def test_0013_keeps_every_event_and_its_guard_and_no_longer_indexes_the_hashes(
    empty_url: str,
) -> None:
    engine = make_engine(empty_url)
    migrations.upgrade(engine, "0003")
    _chain_at_0003(engine, 7)
    migrations.upgrade(engine, "0012")
    assert _hash_is_unique(engine)
    migrations.upgrade(engine)
    assert not _hash_is_unique(engine)
    db = Database(engine)
    with db.write(SYSTEM_ACTOR) as uow:
        assert [e.id for e in uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == [
            1,
            2,
            3,
            4,
            5,
            6,
            7,
        ]
        assert verify_audit_chain(uow).ok
    # Still append-only.
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(sa.update(AuditEvent.__table__).values(outcome="changed"))
    migrations.downgrade(engine, "0012")
    assert _hash_is_unique(engine)
    migrations.upgrade(engine)
    if engine.dialect.name == "sqlite":  # PostgreSQL's sequences never give an id again
        with engine.begin() as conn:  # the newest event removed: its id is still never reused
            conn.execute(sa.text("DROP TRIGGER audit_events_no_delete"))
            conn.execute(sa.text("DELETE FROM audit_events WHERE id = 7"))
        migrations.downgrade(engine, "0012")
        migrations.upgrade(engine)
        with db.write(SYSTEM_ACTOR) as uow:
            assert record(uow, "test.after_0013", "test", None).id == 8
    db.dispose()


# The clients and audit tables as revision 0013 left them, written raw (no model of that shape).
_CLIENTS_0013 = sa.table(
    "clients",
    *(sa.column(name) for name in ("id", "first_name", "last_name", "email", "funding", "notes")),
    sa.column("notify_consent", sa.Boolean()),
    sa.column("active", sa.Boolean()),
)  # fmt: skip
_EVENTS_0013 = sa.table(
    "audit_events",
    *(sa.column(name) for name in ("id", "username", "action", "entity", "entity_id", "outcome",
                                   "prev_hash", "hash", "changes")),
    sa.column("occurred_at", UTCDateTime()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
)  # fmt: skip
_STOPPED_AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _clients_before_0014(engine: Engine) -> None:
    """Five clients as FrontDesk left them at 0013, when a STOP reply turned consent off:
    1 texted STOP; 2 texted STOP, then staff edited their phone (consent left off); 3 texted STOP,
    then staff ticked consent back on; 4 texted STOP, staff ticked consent on and later off again;
    5 never had consent (nothing to do with texts)."""

    def event(n: int, action: str, client: int, before: Any, after: Any) -> dict[str, Any]:
        return {"id": n, "occurred_at": _STOPPED_AT + timedelta(hours=n), "username": "x",
                "action": action, "entity": "client", "entity_id": client, "outcome": "ok",
                "prev_hash": f"{n - 1:064d}", "hash": f"{n:064d}", "changes": "",
                "before": before, "after": after}  # fmt: skip

    stop = ("client.consent_withdrawn", {"notify_consent": True},
            {"notify_consent": False, "why": "Replied “STOP” by text from +61412345678"})  # fmt: skip
    off, on = {"notify_consent": False, "phone": "0412"}, {"notify_consent": True, "phone": "0412"}
    events = [
        event(1, stop[0], 1, stop[1], stop[2]),
        event(2, stop[0], 2, stop[1], stop[2]),
        event(3, "client.update", 2, off, {**off, "phone": "0499"}),
        event(4, stop[0], 3, stop[1], stop[2]),
        event(5, "client.update", 3, off, on),
        event(6, stop[0], 4, stop[1], stop[2]),
        event(7, "client.update", 4, off, on),
        event(8, "client.update", 4, on, off),
    ]
    clients = [{"id": n, "first_name": f"C{n}", "last_name": "Lee", "email": f"c{n}@example.com",
                "funding": "private", "notes": "", "notify_consent": n == 3, "active": True}
               for n in range(1, 6)]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(sa.insert(_CLIENTS_0013), clients)
        conn.execute(sa.insert(_EVENTS_0013), events)


def _consents(engine: Engine, *columns: str) -> dict[int, tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM clients ORDER BY id"))
        return {row[0]: tuple(row[1:]) for row in rows}


def test_0014_gives_a_text_opt_out_of_its_own_and_e_mail_consent_back_to_exactly_those_who_texted_stop(
    empty_url: str,
) -> None:
    engine = make_engine(empty_url)
    migrations.upgrade(engine, "0013")
    _clients_before_0014(engine)
    changed = migrations.upgrade(engine, "0014")
    assert migrations.current_revision(engine) == "0014"
    # What the start writes to the audit trail: each client whose consent came back.
    assert [(c.action, c.entity, c.entity_id, c.before, c.after["notify_consent"])
            for c in changed] == [
        ("upgrade.consent_restored", "client", n, {"notify_consent": False, "sms_opt_out": False},
         True) for n in (1, 2)
    ]  # fmt: skip
    got = _consents(engine, "notify_consent", "sms_opt_out")
    assert {k: (bool(a), bool(b)) for k, (a, b) in got.items()} == {
        1: (True, True),  # texted STOP: e-mails back, texts off
        2: (True, True),  # staff edited the phone since, consent untouched: the same
        3: (True, False),  # staff turned consent back on: theirs stands
        4: (False, False),  # staff turned it on, then off again: theirs stands
        5: (False, False),  # never consented
    }
    db = Database(engine)
    with db.read() as uow:
        # The columns of schema 0014 only: the live model has columns of later revisions.
        when = {
            cid: at for cid, at in uow.session.execute(select(Client.id, Client.sms_opt_out_at))
        }
    db.dispose()
    assert when == {1: _STOPPED_AT + timedelta(hours=1), 2: _STOPPED_AT + timedelta(hours=2),
                    3: None, 4: None, 5: None}  # fmt: skip
    # Down again: the older schema keeps an opted-out client from being texted the only way it can.
    migrations.downgrade(engine, "0013")
    assert "sms_opt_out" not in {c["name"] for c in inspect(engine).get_columns("clients")}
    got = _consents(engine, "notify_consent")
    assert {k: bool(v[0]) for k, v in got.items()} == {1: False, 2: False, 3: True, 4: False,
                                                       5: False}  # fmt: skip
    migrations.upgrade(engine)
    assert "sms_opt_out" in {c["name"] for c in inspect(engine).get_columns("clients")}
    engine.dispose()


def test_0015_tells_apart_names_that_differ_only_by_case_then_refuses_a_second_in_any_case(
    empty_url: str,
) -> None:
    from app.errors import StorageError
    from app.models import Location, Service, Worker

    engine = make_engine(empty_url)
    migrations.upgrade(engine, "0014")
    long = "L" * 120
    service = {"name": "Physio", "price_cents": 100}
    with engine.begin() as conn:
        conn.execute(sa.insert(Service.__table__), [
            {**service, "code": code} for code in ("PT1", "pt1", "Pt1", "pt1_2", "OT")
        ])  # fmt: skip
        conn.execute(sa.insert(Location.__table__), [
            {"name": name} for name in ("Main room", "main room", long, long.lower())
        ])  # fmt: skip
        conn.execute(sa.insert(Worker.__table__), [{"name": "Ann Lee"}, {"name": "ANN LEE"}])
    changed = migrations.upgrade(engine)
    assert [(c.action, c.entity, c.entity_id, c.before, c.after) for c in changed][-1] == (
        "upgrade.rename", "worker", 2, {"name": "ANN LEE"},
        {"name": "ANN LEE (2)", "why": "another record had it in another case"},
    )  # fmt: skip
    assert [c.entity for c in changed] == ["service", "service", "location", "location", "worker"]
    with engine.connect() as conn:
        codes = conn.execute(sa.text("SELECT code FROM services ORDER BY id")).scalars().all()
        places = conn.execute(sa.text("SELECT name FROM locations ORDER BY id")).scalars().all()
        workers = conn.execute(sa.text("SELECT name FROM workers ORDER BY id")).scalars().all()
    # The older record keeps its name; the newer takes the first free one (pt1_2 was taken).
    assert codes == ["PT1", "pt1_3", "Pt1_4", "pt1_2", "OT"]
    assert places == ["Main room", "main room (2)", long, "l" * 116 + " (2)"]
    assert workers == ["Ann Lee", "ANN LEE (2)"]
    db = Database(engine)
    # As a second desk whose check passed a moment ago:
    clash = pytest.raises(StorageError, match="clashes with a record already saved")
    with clash, db.write(SYSTEM_ACTOR) as uow:
        uow.session.add(Location(name="MAIN ROOM"))
    with db.read() as uow:
        assert uow.session.scalar(select(sa.func.count()).select_from(Location)) == 4
    db.dispose()
    migrations.downgrade(engine, "0014")
    with engine.begin() as conn:  # the older schema compares names as they are written
        conn.execute(sa.insert(Location.__table__), [{"name": "MAIN ROOM"}])
    engine.dispose()


def _refund_lines(engine: Engine) -> dict[int, tuple[str, int | None]]:
    """Every refund and reversal line: id → (kind, the cancellation it names)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT id, kind, cancellation_id FROM credit_ledger "
            "WHERE kind IN ('refund', 'refund_reversal') ORDER BY id"))  # fmt: skip
        return {row[0]: (row[1], row[2]) for row in rows}


def test_0016_ties_older_refund_lines_to_the_cancellation_that_gave_them(world: Any) -> None:
    from app.models import CreditEntry
    from app.models.enums import LedgerKind
    from app.services.sessions.undo import undo_cancellation
    from tests.integration.test_packs_account import NOW, _class, _client_cancel, _pay, _sell

    world.clock.set(NOW)

    def twice(name: str, day: int, apart: timedelta) -> int:
        """A class paid with a credit, cancelled in good time, undone, cancelled again."""
        client = world.client(name)
        _sell(world, client, 10)
        sid = _class(world, [client], day)
        _pay(world, sid, client)
        _client_cancel(world, sid, client, world.clock(), "ndis_health")
        world.clock.advance(seconds=apart.total_seconds())
        world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Coming after all"))
        world.clock.advance(seconds=apart.total_seconds())
        _client_cancel(world, sid, client, world.clock(), "ndis_family")
        return sid

    twice("Cara Twice", 6, timedelta(minutes=20))
    twice("Eve Same Moment", 7, timedelta(0))  # both cancellations at one instant
    dan = world.client("Dan Untied")
    kept = _class(world, [dan], 8)

    def untied(uow: Any) -> None:  # a refund no cancellation of its booking gave
        uow.session.add(CreditEntry(client_id=dan, booking_id=world.bookings(kept)[dan],
                                    kind=LedgerKind.REFUND, credits=1, created_at=uow.now()))  # fmt: skip

    world.run(world.admin, untied)
    engine = world.db.engine
    written = _refund_lines(engine)
    cara = list(written)[:3]
    assert len({written[i][1] for i in cara}) == 2 and None not in {written[i][1] for i in cara}

    migrations.downgrade(engine, "0015")
    assert "cancellation_id" not in {
        c["name"] for c in inspect(engine).get_columns("credit_ledger")
    }
    migrations.upgrade(engine)
    got = _refund_lines(engine)
    # Cara's refund, its reversal and the second refund each name their cancellation again.
    assert {i: got[i] for i in cara} == {i: written[i] for i in cara}
    # Eve's two cancellations were recorded at one moment: which refund is whose can't be known,
    # so her lines stay untied (the report matches them as before); Dan's has no cancellation.
    assert [cid for _kind, cid in list(got.values())[3:]] == [None, None, None, None]
    migrations.downgrade(engine, "0015")
    migrations.upgrade(engine)


@pytest.mark.parametrize(("locale", "currency"), [("en_GB", "GBP"), ("fr_FR", "EUR")])
def test_0018_keeps_with_each_older_waived_line_the_last_amount_of_its_working(
    world: Any, locale: str, currency: str
) -> None:
    from app.models import CancellationLine
    from app.models.enums import SessionKind
    from app.number_text import money
    from app.services.sessions.cancel import cancel_booking
    from tests.factory import local

    world.clock.set(local(2026, 4, 2, 15, 10))
    clients = [world.client(f"Client {n} Lee") for n in "ABCDE"]
    sid = world.session(world.worker(), world.service(), local(2026, 4, 6, 11), clients,
                        kind=SessionKind.GROUP, capacity=6)  # fmt: skip
    req = world.client_request(sid, clients, "ndis_health", world.clock())
    world.run(world.manager, lambda uow: cancel_booking(uow, req))
    engine = world.db.engine
    migrations.downgrade(engine, "0017")
    assert "waived_cents" not in {
        c["name"] for c in inspect(engine).get_columns("cancellation_lines")
    }

    def amount(cents: int) -> str:  # as a working in the practice's currency writes it
        return money(cents, currency, locale)

    # The lines as FrontDesk at 0017 left them: (waived, working) → what the upgrade keeps.
    older = [
        ((True, f"1 day → 100% of {amount(123450)} = {amount(123450)}"), 123450),
        ((True, f"1 day → 50% of {amount(3000)} = {amount(1500)}"), 1500),  # the last of two
        ((True, "1 day → 100% of $80.00 = $80.00"), 8000),  # before the currency was changed
        ((True, "Waived before any charge was worked out"), 0),  # no amount: nothing to keep
        ((False, f"1 day → 100% of {amount(9900)} = {amount(9900)}"), 0),  # charged, not waived
    ]
    with engine.begin() as conn:
        ids = conn.execute(sa.text("SELECT id FROM cancellation_lines ORDER BY id")).scalars().all()
        assert len(ids) == len(older)
        conn.execute(sa.text("UPDATE practice_settings SET locale = :l, currency = :c"),
                     {"l": locale, "c": currency})  # fmt: skip
        conn.execute(
            sa.text("UPDATE cancellation_lines SET waived = :w, explanation = :e WHERE id = :i"),
            [{"w": w, "e": e, "i": i} for i, ((w, e), _) in zip(ids, older, strict=True)],
        )
    migrations.upgrade(engine)
    got = world.read(lambda uow: [
        (line.waived, line.waived_cents)
        for line in uow.session.scalars(select(CancellationLine).order_by(CancellationLine.id))
    ])  # fmt: skip
    assert got == [(w, cents) for (w, _e), cents in older]
    migrations.downgrade(engine, "0017")
    migrations.upgrade(engine)


def test_an_upgrade_that_renames_records_writes_each_rename_to_the_audit_trail(
    tmp_path: Path,
) -> None:
    """A practice upgraded from 0014 with two workers told apart only by case: the start renames
    the newer (0015) and the audit trail says so, signed, the chain holding."""
    from app.bootstrap import prepare_database
    from app.models import Worker
    from app.paths import AppPaths
    from app.services.audit.verify import verify_audit_chain

    url = f"sqlite:///{tmp_path / 'fd.sqlite3'}"
    engine = make_engine(url)
    migrations.upgrade(engine, "0014")
    with engine.begin() as conn:
        conn.execute(sa.insert(Worker.__table__), [{"name": "Ann Lee"}, {"name": "ANN LEE"}])
    engine.dispose()
    ctx = prepare_database(url, AppPaths(tmp_path / "data").ensure())
    try:
        with ctx.db.read() as uow:
            events = list(uow.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "upgrade.rename")))  # fmt: skip
            assert [(e.entity, e.entity_id, e.before, e.after["name"], e.username)
                    for e in events] == [("worker", 2, {"name": "ANN LEE"}, "ANN LEE (2)",
                                          SYSTEM_ACTOR.username)]  # fmt: skip
            assert verify_audit_chain(uow, full=True).ok
    finally:
        ctx.close()
