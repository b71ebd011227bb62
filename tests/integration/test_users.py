"""SPEC section 6: sign-in with lockout, the first administrator, user management, all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import NotAllowedError, PermissionDeniedError, ValidationError
from app.models import AuditEvent
from app.models.enums import Role
from app.services import signin, users
from app.services.audit.verify import verify_audit_chain
from tests.factory import World


def actions(world: World) -> list[tuple[str, str]]:
    return world.read(
        lambda uow: [
            (e.action, e.outcome)
            for e in uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]
    )


def test_sign_in_with_the_right_password_and_a_sentence_for_the_wrong_one(world: World) -> None:
    # The factory's reception user: password = name.
    actor = signin.sign_in(world.db, "desk", "desk")
    assert actor.username == "desk" and actor.role is Role.RECEPTION
    with pytest.raises(signin.SignInError) as err:
        signin.sign_in(world.db, "desk", "nope")
    assert err.value.message == "The user name or password is not right. Check them and try again."
    with pytest.raises(signin.SignInError):
        signin.sign_in(world.db, "nobody", "x")
    assert actions(world)[-2:] == [("user.sign_in", "ok"), ("user.sign_in", "failed")]


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(world: World) -> None:
    for _ in range(4):
        with pytest.raises(signin.SignInError):
            signin.sign_in(world.db, "desk", "wrong")
    with pytest.raises(signin.SignInError) as locked:
        signin.sign_in(world.db, "desk", "wrong")
    assert "locked for 15 minutes" in locked.value.message
    with pytest.raises(signin.SignInError) as still:
        signin.sign_in(world.db, "desk", "desk")  # even the right password waits
    assert "locked for" in still.value.message
    world.clock.advance(minutes=16)
    assert signin.sign_in(world.db, "desk", "desk").username == "desk"
    assert ("user.sign_in", "locked") in actions(world)


def test_a_disabled_account_cannot_sign_in(world: World) -> None:
    world.run(world.admin, lambda uow: users.set_active(uow, world.reception.user_id, False))
    with pytest.raises(signin.SignInError) as err:
        signin.sign_in(world.db, "desk", "desk")
    assert "disabled" in err.value.message


def test_first_run_creates_the_administrator_once(world: World) -> None:
    assert world.read(users.needs_first_admin) is False  # the factory's users have passwords

    def wipe(uow):  # type: ignore[no-untyped-def]
        from app.models import User

        for u in uow.session.scalars(select(User)):
            u.password_hash = ""

    world.run(world.admin, wipe)
    assert world.read(users.needs_first_admin) is True
    with pytest.raises(ValidationError):
        world.run(
            world.admin, lambda uow: users.set_up_first_admin(uow, "boss", "Pat Boss", "short")
        )
    actor = world.run(
        world.admin, lambda uow: users.set_up_first_admin(uow, "Boss", "Pat Boss", "long enough 1")
    )
    assert actor.username == "boss" and actor.role is Role.ADMIN
    assert signin.sign_in(world.db, "boss", "long enough 1").user_id == actor.user_id
    with pytest.raises(NotAllowedError):
        world.run(world.admin, lambda uow: users.set_up_first_admin(uow, "x", "y", "zzzzzzzzzz"))


def test_user_management_is_for_administrators_and_every_privilege_change_is_audited(
    world: World,
) -> None:
    with pytest.raises(PermissionDeniedError):
        world.run(
            world.manager,
            lambda uow: users.create_user(uow, "new", "New Person", Role.RECEPTION, "password1"),
        )
    row = world.run(
        world.admin,
        lambda uow: users.create_user(uow, "new", "New Person", Role.RECEPTION, "password1"),
    )
    with pytest.raises(ValidationError) as dup:
        world.run(
            world.admin,
            lambda uow: users.create_user(uow, "NEW", "Again", Role.RECEPTION, "password1"),
        )
    assert "already a user called “new”" in dup.value.message
    world.run(world.admin, lambda uow: users.set_role(uow, row.id, Role.MANAGER))
    world.run(world.admin, lambda uow: users.reset_password(uow, row.id, "password2"))
    world.run(world.admin, lambda uow: users.set_active(uow, row.id, False))
    world.run(world.admin, lambda uow: users.set_single_user_mode(uow, True))
    logged = [a for a, _o in actions(world)]
    for action in (
        "user.create",
        "user.role",
        "user.reset_password",
        "user.disable",
        "settings.single_user_mode",
    ):
        assert action in logged
    assert world.read(verify_audit_chain).ok
    assert world.read(users.sign_in_policy) == (True, 15)


def test_the_last_administrator_cannot_be_demoted_or_disabled(world: World) -> None:
    with pytest.raises(NotAllowedError) as err:
        world.run(world.admin, lambda uow: users.set_role(uow, world.admin.user_id, Role.MANAGER))
    assert "last administrator" in err.value.message
    with pytest.raises(NotAllowedError):
        world.run(world.admin, lambda uow: users.set_active(uow, world.admin.user_id, False))
    assert timedelta(minutes=15) == signin.LOCKOUT


@pytest.mark.parametrize("password", [" " * 8, "\t" * 8, "  ab  cd  ef  ", " \u00a0" * 6])
def test_a_new_password_needs_eight_characters_besides_spaces(password: str) -> None:
    with pytest.raises(ValidationError, match="Spaces don't count") as refused:
        users.check_new_password(password, password)
    assert refused.value.field == "password"
    users.check_new_password(" a b c d e f g h ")  # spaces between are fine


def test_a_password_that_is_not_text_is_refused_as_too_short() -> None:
    with pytest.raises(ValidationError, match="at least 8 characters"):
        users.check_new_password(None)  # type: ignore[arg-type]


def test_a_role_given_by_its_value_is_taken_and_an_unknown_role_is_refused_in_a_sentence(
    world: World,
) -> None:
    row = world.run(
        world.admin, lambda uow: users.create_user(uow, "new", "New Person", "manager", "password1")
    )
    assert row.role is Role.MANAGER
    changed = world.run(world.admin, lambda uow: users.set_role(uow, row.id, "reception"))
    assert changed.role is Role.RECEPTION
    with pytest.raises(ValidationError) as made:
        world.run(
            world.admin, lambda uow: users.create_user(uow, "other", "Other", "boss", "password1")
        )
    assert "“boss” is not a choice" in made.value.message and "“manager”" in made.value.message
    with pytest.raises(ValidationError) as set_to:
        world.run(world.admin, lambda uow: users.set_role(uow, row.id, "boss"))
    assert "“boss” is not a choice" in set_to.value.message
    kept = [u.role for u in world.read(users.list_users) if u.id == row.id]
    assert kept == [Role.RECEPTION]
    assert world.read(verify_audit_chain).ok
