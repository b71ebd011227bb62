"""The audit trail against someone who can write the database: every tampering is named.

Each case tampers as an attacker with database access would (dropping the append-only
triggers first where they stand in the way, recomputing hashes where that helps them) and
checks the exact sentence `verify` gives. SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import DBAPIError

from app.db import Database
from app.errors import AuditKeyError, FrontDeskError
from app.models import AuditEvent, AuditMeta
from app.models.audit_changes import describe_changes
from app.models.audit_guard import APPEND_ONLY, install_audit_guards, remove_audit_guards
from app.services.audit import chain as audit
from app.services.audit.checkpoint import write_checkpoint
from app.services.audit.checkpoint_files import Checkpoint
from app.services.audit.key import AuditKeys
from app.services.audit.verify import ChainReport, verify_audit_chain
from tests.factory import World


@dataclass
class Trail:
    """Eight events, a checkpoint (and its own event), then three events more."""

    world: World
    before: list[int]  # the events the checkpoint covers
    cp: Checkpoint
    cp_event: int  # the event recording the checkpoint
    after: list[int]  # events written since

    @property
    def db(self) -> Any:
        return self.world.db

    def when(self) -> str:
        tz = ZoneInfo(self.world.read(lambda uow: audit_settings_zone(uow)))
        return f"{self.cp.when.astimezone(tz):%Y-%m-%d %H:%M}"

    def checkpoint_file(self) -> Path:
        folder = self.db.audit_keys.checkpoint_dir
        (found,) = folder.glob(f"checkpoint-*-{self.cp.last_id}.json")
        return found

    def verify(self, *, full: bool = True) -> ChainReport:
        return self.world.read(lambda uow: verify_audit_chain(uow, full=full))

    def tamper(self, *statements: tuple[str, dict[str, Any]]) -> None:
        """Run SQL as an attacker: the guard triggers dropped first, put back after."""
        with self.db.engine.begin() as conn:
            remove_audit_guards(conn)
            for sql, params in statements:
                conn.execute(text(sql), params)
            install_audit_guards(conn)


def audit_settings_zone(uow: Any) -> str:
    from app.services import practice

    return practice.settings(uow).time_zone


def _role_changes(world: World, n: int) -> list[int]:
    def write(uow: Any) -> list[int]:
        return [
            audit.record(uow, "user.role", "user", i, before={"role": "reception"},
                         after={"role": "manager"}).id
            for i in range(n)
        ]  # fmt: skip

    return world.run(world.admin, write)


@pytest.fixture
def trail(world: World) -> Trail:
    before = _role_changes(world, 8)
    cp = write_checkpoint(world.db, world.admin, "test")
    cp_event = world.read(lambda uow: uow.session.scalar(select(AuditEvent.id).where(
        AuditEvent.action == "audit.checkpoint")))  # fmt: skip
    assert cp.last_id == before[-1] and cp_event == before[-1] + 1
    return Trail(world, before, cp, cp_event, _role_changes(world, 3))


def test_an_untouched_trail_verifies_as_intact_in_full_and_from_its_checkpoint(
    trail: Trail,
) -> None:
    full, since = trail.verify(full=True), trail.verify(full=False)
    assert full.ok and since.ok
    assert full.summary().startswith(f"Audit trail intact: {full.events} events verified")
    assert since.checked_from == trail.cp.last_id and since.rechecked == 4
    assert f"the 4 after checkpoint #{trail.cp.last_id} re-read" in since.summary()


def test_an_edited_field_is_named_with_its_event(trail: Trail) -> None:
    edited = trail.before[2]
    trail.tamper(("UPDATE audit_events SET username = 'mallory' WHERE id = :i", {"i": edited}))
    assert trail.verify().problems == (
        f"Event #{edited} (user.role) was edited after it was written.",
    )
    late = trail.after[1]  # after the checkpoint: the quick check finds it too
    trail.tamper(("UPDATE audit_events SET outcome = 'refused' WHERE id = :i", {"i": late}))
    assert trail.verify(full=False).problems == (
        f"Event #{late} (user.role) was edited after it was written.",
    )


def test_a_deleted_middle_event_is_named_between_its_neighbours(trail: Trail) -> None:
    gone = trail.before[3]
    trail.tamper(("DELETE FROM audit_events WHERE id = :i", {"i": gone}))
    link = f"1 event(s) between #{gone - 1} and #{gone + 1} are gone (#{gone + 1} no longer links to #{gone - 1})."
    counted = trail.cp.events
    assert trail.verify().problems == (
        link,
        f"1 events up to #{trail.cp.last_id} are gone: the checkpoint of {trail.when()} counted {counted}.",
    )
    quick = trail.verify(full=False).problems
    assert quick[0] == (
        f"1 events up to #{trail.cp.last_id} are gone: the checkpoint of {trail.when()} counted "
        f"{counted}, the database has {counted - 1}."
    )
    assert link in quick  # the count failed, so every event was re-read


def test_a_deleted_tail_says_how_many_events_after_which_are_gone(trail: Trail) -> None:
    keep = trail.before[4]
    trail.tamper(("DELETE FROM audit_events WHERE id > :i", {"i": keep}))
    expected = (
        f"3 events after #{keep} are gone: the checkpoint of {trail.when()} counted "
        f"{trail.cp.events} events up to #{trail.cp.last_id}."
    )
    assert trail.verify(full=False).problems == (expected,)
    assert trail.verify(full=True).problems == (expected,)


def test_deleting_every_event_is_seen(trail: Trail) -> None:
    trail.tamper(("DELETE FROM audit_events", {}))
    report = trail.verify(full=False)
    assert report.events == 0
    assert report.problems == (
        f"All {trail.cp.events} events up to #{trail.cp.last_id} are gone: the checkpoint of "
        f"{trail.when()} counted them.",
    )


def test_reordered_events_break_the_links(trail: Trail) -> None:
    a, b = trail.before[2], trail.before[3]
    trail.tamper(
        ("UPDATE audit_events SET id = :t WHERE id = :a", {"t": -1, "a": a}),
        ("UPDATE audit_events SET id = :a WHERE id = :b", {"a": a, "b": b}),
        ("UPDATE audit_events SET id = :b WHERE id = :t", {"b": b, "t": -1}),
    )
    problems = trail.verify().problems
    assert problems[0] == (
        f"Event #{a} does not link to #{a - 1} before it: events were reordered, replaced, or "
        "removed and renumbered."
    )
    assert f"Event #{b} does not link to #{a} before it" in problems[1]


def _forge(trail: Trail, action: str, after: dict[str, Any]) -> int:
    """Append an event hashed as the plain chain would (the attacker has no key)."""
    with trail.db.read() as uow:
        head = audit.chain_head(uow)
    values: dict[str, Any] = {
        "occurred_at": datetime(2026, 4, 1, 0, 0, tzinfo=UTC), "user_id": None,
        "username": "admin", "action": action, "entity": "user", "entity_id": 2,
        "session_id": None, "before": {"role": "reception"}, "after": after, "outcome": "ok",
    }  # fmt: skip
    values["hash"] = audit._digest(head, audit.chain_fields(values))
    values["changes"] = describe_changes(values["before"], after)
    with trail.db.engine.begin() as conn:  # an INSERT: the triggers do not stand in the way
        return int(conn.execute(insert(AuditEvent).values(prev_hash=head, **values)
                                .returning(AuditEvent.id)).scalar_one())  # fmt: skip


def test_a_forged_append_with_a_recomputed_hash_is_not_taken_for_frontdesks(trail: Trail) -> None:
    forged = _forge(trail, "user.role", {"role": "admin"})
    assert trail.verify(full=False).problems == (
        f"Event #{forged} (user.role) was not written by FrontDesk: its hash was made without "
        "the practice's audit key (forged or recomputed).",
    )


def _rewrite_from(trail: Trail, first: int) -> None:
    """Edit event `first` and recompute the plain chain after it, as an attacker would."""
    with trail.db.read() as uow:
        events = list(uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    prev = next(e.hash for e in reversed(events) if e.id < first)
    with trail.db.engine.begin() as conn:
        remove_audit_guards(conn)
        for e in (e for e in events if e.id >= first):
            after = {"role": "admin"} if e.id == first else e.after
            fields = {**audit.chain_fields(e), "after": after}
            digest = audit._digest(prev, fields)
            conn.execute(update(AuditEvent).where(AuditEvent.id == e.id).values(
                after=after, changes=describe_changes(e.before, after), prev_hash=prev,
                hash=digest))  # fmt: skip
            prev = digest
        install_audit_guards(conn)


def test_a_chain_recomputed_from_an_edited_event_misses_the_key_and_the_checkpoint(
    trail: Trail,
) -> None:
    first = trail.before[2]
    _rewrite_from(trail, first)
    anchor = (
        f"Event #{trail.cp.last_id} no longer matches the checkpoint of {trail.when()}: the "
        "trail up to it was rewritten."
    )
    quick = trail.verify(full=False).problems
    assert quick[0] == anchor
    assert quick[1] == (
        f"Event #{first} (user.role) was not written by FrontDesk: its hash was made without "
        "the practice's audit key (forged or recomputed)."
    )


def test_moving_where_signing_starts_is_caught_by_the_checkpoint(trail: Trail) -> None:
    _rewrite_from(trail, trail.before[2])
    last = trail.after[-1]
    trail.tamper(
        ("DELETE FROM audit_meta WHERE name = 'plain_until'", {}),
        ("INSERT INTO audit_meta (name, value) VALUES ('plain_until', :v)", {"v": str(last)}),
    )
    problems = trail.verify(full=False).problems
    assert problems[0] == (
        f"The record of where signing starts was changed: the checkpoint of {trail.when()} says "
        f"after #0, the database says #{last}."
    )
    assert problems[1].startswith(f"Event #{trail.cp.last_id} no longer matches the checkpoint")


def test_an_edited_what_changed_text_is_caught(trail: Trail) -> None:
    shown = trail.after[0]
    trail.tamper(("UPDATE audit_events SET changes = :c WHERE id = :i",
                  {"c": "role: reception → reception", "i": shown}))  # fmt: skip
    assert trail.verify(full=False).problems == (
        f"Event #{shown} (user.role): the “what changed” text the audit log shows was altered; "
        "it no longer matches the recorded before and after.",
    )


def test_the_database_refuses_changes_and_a_dropped_trigger_is_reported(trail: Trail) -> None:
    victim = trail.before[1]
    with pytest.raises(DBAPIError) as refused, trail.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET username = 'x' WHERE id = :i"), {"i": victim})
    assert APPEND_ONLY in str(refused.value)
    with pytest.raises(DBAPIError), trail.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events"))
    with trail.db.engine.begin() as conn:  # the bypass: drop the guard, edit, leave
        remove_audit_guards(conn)
        conn.execute(text("UPDATE audit_events SET username = 'x' WHERE id = :i"), {"i": victim})
    problems = trail.verify().problems
    assert problems[0].startswith(
        "The database's guard against changing audit events was removed (trigger "
    )
    assert problems[0].endswith("missing): someone changed the database outside FrontDesk.")
    assert problems[1:] == (f"Event #{victim} (user.role) was edited after it was written.",)


def test_an_edited_checkpoint_file_is_caught(trail: Trail) -> None:
    path = trail.checkpoint_file()
    body = json.loads(path.read_text())
    body["events"] -= 3  # as if three events fewer had been there
    path.write_text(json.dumps(body))
    assert trail.verify(full=False).problems == (
        f"The checkpoint file {path.name} was edited: its signature no longer matches what it "
        "says.",
    )


def test_a_removed_checkpoint_file_is_missed_by_name(trail: Trail) -> None:
    path = trail.checkpoint_file()
    path.unlink()
    assert trail.verify(full=False).problems == (
        f"The checkpoint file {path.name} written {trail.when()} (event #{trail.cp_event}) is "
        f"missing from {path.parent}.",
    )


def test_a_desk_with_another_key_cannot_sign_and_a_new_key_starts_a_checkable_run(
    trail: Trail, tmp_path: Path
) -> None:
    admin = trail.world.admin
    other = Database(trail.db.engine, trail.db.clock, AuditKeys(tmp_path / "other-desk"))
    with pytest.raises(AuditKeyError) as refused, other.write(admin) as uow:
        audit.record(uow, "user.role", "user", 1)
    assert "is not the one this practice's audit trail is signed with" in refused.value.message
    with other.read() as uow:
        first = audit.epochs(uow)[0][0]
        assert verify_audit_chain(uow, full=True).problems == (
            f"The events after #{first} are signed with an audit key this desk does "
            f"not have ({other.audit_keys.key_file} is missing or another one); they cannot be "
            "checked.",
        )
    other.transact(admin, audit.replace_key)  # the key was lost: start a new one
    with other.write(admin) as uow:
        audit.record(uow, "user.role", "user", 1, before={"role": "a"}, after={"role": "b"})
    with pytest.raises(AuditKeyError):  # the desk with the old key must now copy the new one
        _role_changes(trail.world, 1)
    assert (
        trail.verify()
        .problems[0]
        .startswith(
            f"The events after #{trail.after[-1]} are signed with an audit key this desk does not have"
        )
    )


def test_the_cli_prints_each_problem_and_exits_non_zero(trail: Trail, tmp_path: Path) -> None:
    if trail.db.engine.dialect.name != "sqlite":
        pytest.skip("the command runs on the desk's SQLite file")
    url = trail.world.ctx.url
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDESK_")}
    env |= {"FRONTDESK_USER": "mgr", "FRONTDESK_PASSWORD": "mgr"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", "--db", url, "--data-dir",
             str(trail.world.ctx.paths.data_dir), "audit", *args],
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip

    written = run("checkpoint")
    assert written.returncode == 0, written.stderr
    count, last = re.fullmatch(
        r"Checkpoint written: (\d+) events up to #(\d+)\.\n", written.stdout
    ).groups()
    assert count == last and int(last) > trail.after[-1]  # its own sign-in is anchored too
    assert len(list(trail.db.audit_keys.checkpoint_dir.glob("checkpoint-*.json"))) == 2
    refused_key = run("new-key")  # a manager: only an administrator starts a new key
    assert refused_key.returncode == 2 and "administrator" in refused_key.stderr
    gone = trail.before[3]
    trail.tamper(("DELETE FROM audit_events WHERE id = :i", {"i": gone}))
    done = run("verify", "--full")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Audit trail damaged: 3 problems")
    assert (
        lines[1]
        == f"  1 event(s) between #{gone - 1} and #{gone + 1} are gone (#{gone + 1} no longer links to #{gone - 1})."
    )
    refused = run("checkpoint")
    assert refused.returncode == 2 and "No checkpoint was written" in refused.stderr


def test_events_from_before_the_key_stay_checkable_and_the_next_ones_are_signed(
    tmp_path: Path,
) -> None:
    from app import migrations
    from app.db import SYSTEM_ACTOR, make_engine
    from tests.integration.test_migrations import _chain_at_0003

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrations.upgrade(engine, "0003")
    _chain_at_0003(engine, 20)  # a practice's history, chained before keys existed
    migrations.upgrade(engine)
    db = Database(engine, audit_keys=AuditKeys(tmp_path / "data"))
    with db.write(SYSTEM_ACTOR) as uow:
        event = audit.record(uow, "user.role", "user", 1, after={"role": "admin"})
        fields = audit.chain_fields(event)
        assert event.hash != audit._digest(event.prev_hash, fields)  # signed, not plain
    with db.read() as uow:
        assert (
            uow.session.scalar(select(AuditMeta.value).where(AuditMeta.name == audit.PLAIN_UNTIL))
            == "20"
        )
        report = verify_audit_chain(uow, full=True)
    assert report.ok and report.events == 21
    db.dispose()


# -- incremental verify: the events since the last checkpoint ---------------------------------


def _edit_snapshot(trail: Trail, event_id: int) -> None:
    """Change a recorded snapshot (its hash left as it was), as someone with the file could."""
    with trail.db.read() as uow:
        event = uow.session.get(AuditEvent, event_id)
        after = {**(event.after or {}), "role": "admin"}
    trail.tamper(("UPDATE audit_events SET after = :a WHERE id = :i",
                  {"a": json.dumps(after), "i": event_id}))  # fmt: skip


def test_the_default_run_reads_only_the_events_since_the_checkpoint_and_says_which(
    trail: Trail,
) -> None:
    old = trail.before[2]
    _edit_snapshot(trail, old)
    since = trail.verify(full=False)
    assert since.ok and since.checked_from == trail.cp.last_id  # the old event was not re-read
    assert since.rechecked == 4 and since.checked_to == trail.after[-1]
    assert since.checked_range() == (
        f"Events #{trail.cp.last_id + 1} to #{trail.after[-1]} were re-read (those after "
        f"checkpoint #{trail.cp.last_id}); the events up to it were verified when it was written."
    )
    full = trail.verify(full=True)
    assert full.problems[0] == f"Event #{old} (user.role) was edited after it was written."
    assert len(full.problems) == 2  # and its "what changed" no longer matches
    assert (
        full.checked_from == 0
        and full.checked_range() == f"Every event was re-read ({full.events})."
    )
    new = trail.after[1]
    _edit_snapshot(trail, new)
    assert trail.verify(full=False).problems[0] == (
        f"Event #{new} (user.role) was edited after it was written."
    )


def test_a_checkpoint_is_written_only_over_a_verified_trail_so_the_next_run_starts_there(
    trail: Trail,
) -> None:
    second = write_checkpoint(trail.db, trail.world.admin, "test")
    report = trail.verify(full=False)
    assert report.ok and report.checked_from == second.last_id and report.checkpoints == 2
    assert report.rechecked == 1  # only the event recording the second checkpoint
    _edit_snapshot(trail, trail.after[0])  # before the newest checkpoint: only --full sees it
    assert trail.verify(full=False).ok
    with pytest.raises(FrontDeskError, match="No checkpoint was written"):
        _edit_snapshot(trail, trail.after[-1] + 1)  # after it: the next checkpoint is refused
        write_checkpoint(trail.db, trail.world.admin, "test")


def test_verify_reads_the_same_fields_the_chain_hashed(trail: Trail) -> None:
    from app.services.audit.event_rows import events_after

    def both(uow: Any) -> tuple[list[Any], list[Any]]:
        rows = list(events_after(uow, 0))
        events = list(uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        return rows, events

    rows, events = trail.world.read(both)
    assert [r.id for r in rows] == [e.id for e in events]
    for row, event in zip(rows, events, strict=True):
        assert row.fields == audit.chain_fields(event)
        assert (row.prev_hash, row.hash, row.changes) == (
            event.prev_hash,
            event.hash,
            event.changes,
        )
