"""SPEC section 6: roles enforced in services, passwords, the audit chain, optimistic locking."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.errors import ConflictError, PermissionDeniedError
from app.models import AuditEvent, Session
from app.models.audit_guard import install_audit_guards, remove_audit_guards
from app.models.enums import Role
from app.services.audit.verify import verify_audit_chain
from app.services.auth import Permission, can, hash_password, require, verify_password
from app.services.sessions.attendance import complete_session
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.deletion import delete_session
from app.services.sessions.scheduling import reschedule_session
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local


def test_roles_carry_the_permissions_of_spec_section_6(world: World) -> None:
    r, m, a = world.reception, world.manager, world.admin
    assert (
        can(r, Permission.CANCEL) and can(r, Permission.MARK_DNA) and can(r, Permission.RESCHEDULE)
    )
    assert not can(r, Permission.UNDO_CANCELLATION) and not can(r, Permission.DELETE_SESSION)
    assert (
        can(m, Permission.UNDO_CANCELLATION)
        and can(m, Permission.EXTRACT_SDS)
        and can(m, Permission.REPORTS)
    )
    assert not can(m, Permission.BULK_CANCEL) and not can(m, Permission.MANAGE_USERS)
    assert can(a, Permission.BULK_CANCEL) and can(a, Permission.SETTINGS)
    with pytest.raises(PermissionDeniedError) as err:
        require(m, Permission.BULK_CANCEL)
    assert (
        err.value.message
        == "Your role (manager) cannot bulk cancel. Ask an administrator to do it."
    )


def test_passwords_are_hashed_with_argon2id() -> None:
    stored = hash_password("s3cret horse")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "s3cret horse") and not verify_password(stored, "wrong")
    assert not verify_password("not-a-hash", "x")


def test_audit_verify_detects_an_edited_event(world: World) -> None:
    world.clock.set(local(2026, 4, 1, 9))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    world.run(
        world.reception,
        lambda uow: cancel_booking(
            uow, world.client_request(sid, [c], "ndis_health", local(2026, 4, 1, 9))
        ),
    )
    assert world.read(verify_audit_chain).ok
    with world.db.engine.begin() as conn:  # as an attacker would: the guard first, then back
        remove_audit_guards(conn)
        conn.execute(
            text("UPDATE audit_events SET username = 'mallory' WHERE action = 'session.cancel'")
        )
        install_audit_guards(conn)
    report = world.read(verify_audit_chain)
    assert not report.ok and "was edited after it was written" in report.problems[0]


def test_audit_verify_detects_a_deleted_event(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 10))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    world.run(world.reception, lambda uow: complete_session(uow, sid))
    world.run(
        world.manager,
        lambda uow: delete_session(uow, world.session(w, svc, local(2026, 4, 9, 9), [c])),
    )
    first = world.read(
        lambda uow: uow.session.scalar(
            select(AuditEvent.id).where(AuditEvent.action == "session.complete")
        )
    )
    with world.db.engine.begin() as conn:
        remove_audit_guards(conn)
        conn.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": first})
        install_audit_guards(conn)
    report = world.read(verify_audit_chain)
    assert report.problems == (
        f"1 event(s) between #{first - 1} and #{first + 1} are gone "
        f"(#{first + 1} no longer links to #{first - 1}).",
    )


def test_two_desks_acting_on_one_session_the_second_gets_changed_at_another_desk(
    world: World,
) -> None:
    world.clock.set(local(2026, 4, 1, 9))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    version = world.read(lambda uow: uow.session.get(Session, sid).version)
    # Desk A reschedules with the version it loaded; desk B still holds the old version.
    world.run(
        world.reception,
        lambda uow: reschedule_session(uow, sid, local(2026, 4, 8, 11), expected_version=version),
    )
    req = world.client_request(
        sid, [c], "ndis_health", local(2026, 4, 1, 9), expected_version=version
    )
    with pytest.raises(ConflictError) as err:
        world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert "changed at another desk — reloaded" in err.value.message


def test_the_unit_of_work_turns_a_stale_write_into_the_conflict_sentence(world: World) -> None:
    world.clock.set(local(2026, 4, 1, 9))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    with pytest.raises(ConflictError), world.db.write(world.reception) as uow:
        s = uow.session.get(Session, sid)
        # The row changes under the loaded object, as when another desk commits first.
        uow.session.execute(
            text("UPDATE sessions SET version = version + 1 WHERE id = :i"), {"i": sid}
        )
        s.title = "desk A"
    assert world.read(lambda uow: uow.session.get(Session, sid).title) == ""


def test_a_reception_user_cannot_call_manager_services_even_bypassing_the_ui(world: World) -> None:
    world.clock.set(local(2026, 4, 1, 9))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    for call in (
        lambda uow: undo_cancellation(uow, sid, "x"),
        lambda uow: delete_session(uow, sid),
    ):
        with pytest.raises(PermissionDeniedError):
            world.run(world.reception, call)
    assert world.reception.role is Role.RECEPTION
