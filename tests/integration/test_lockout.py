"""Lockout that holds under parallel guesses, answers that say nothing by their timing, and
administrators who can never all be locked out (SQLite and PostgreSQL)."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEvent, User
from app.models.enums import Role
from app.services import signin, users
from tests.factory import World

WRONG = "The user name or password is not right. Check them and try again."


def in_parallel(guesses: list[tuple[str, str]], sign_in: Callable[[str, str], object]) -> list[str]:
    """Every guess at once, each in its own thread; the answers, a sentence each."""
    start = threading.Barrier(len(guesses))
    answers: list[str] = []

    def guess(name: str, password: str) -> None:
        start.wait()
        try:
            sign_in(name, password)
            answers.append("signed in")
        except signin.SignInError as exc:
            answers.append(exc.message)

    threads = [threading.Thread(target=guess, args=g) for g in guesses]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return answers


def outcomes(world: World, username: str) -> list[str]:
    def read(uow):  # type: ignore[no-untyped-def]
        user_id = uow.session.scalar(select(User.id).where(User.username == username))
        return list(
            uow.session.scalars(
                select(AuditEvent.outcome)
                .where(AuditEvent.action == "user.sign_in", AuditEvent.entity_id == user_id)
                .order_by(AuditEvent.id)
            )
        )

    return world.read(read)


def test_twenty_four_parallel_wrong_guesses_lock_the_account_after_the_limit(
    world: World,
) -> None:
    answers = in_parallel([("desk", "wrong")] * 24, lambda u, p: signin.sign_in(world.db, u, p))
    assert len(answers) == 24
    # Exactly the limit is checked; every later guess finds the account locked.
    assert answers.count(WRONG) == signin.MAX_FAILURES - 1
    assert answers.count("Too many wrong passwords: this account is locked for 15 minutes.") == 1
    assert sum("locked for 15 more minutes." in a for a in answers) == 24 - signin.MAX_FAILURES
    assert outcomes(world, "desk") == ["failed"] * (signin.MAX_FAILURES - 1) + ["locked"]
    with pytest.raises(signin.SignInError, match="locked for"):
        signin.sign_in(world.db, "desk", "desk")  # even the right password waits
    world.clock.advance(minutes=16)
    assert signin.sign_in(world.db, "desk", "desk").username == "desk"


def test_an_unknown_name_takes_as_long_as_a_wrong_password(world: World) -> None:
    def timed(name: str) -> float:
        started = time.perf_counter()
        with pytest.raises(signin.SignInError) as err:
            signin.sign_in(world.db, name, "not the password")
        assert err.value.message == WRONG  # the same sentence for both
        return time.perf_counter() - started

    timed("nobody")  # the first unknown name also makes the stand-in hash
    known, unknown = [], []
    for _ in range(signin.MAX_FAILURES - 1):  # one short of the lock
        known.append(timed("desk"))
        unknown.append(timed("no.such.user"))
    assert statistics.median(unknown) >= 0.5 * statistics.median(known)


def give_password(world: World, username: str, password: str) -> None:
    def set_it(uow):  # type: ignore[no-untyped-def]
        user = uow.session.scalar(select(User).where(User.username == username))
        users.reset_password(uow, user.id, password)

    world.run(world.admin, set_it)


def test_the_last_administrator_is_never_locked_and_another_administrator_can_unlock(
    world: World,
) -> None:
    give_password(world, "admin", "admin pass 1")
    boss = world.run(
        world.admin, lambda uow: users.create_user(uow, "boss", "Pat", Role.ADMIN, "boss pass 1")
    )
    for _ in range(signin.MAX_FAILURES):
        with pytest.raises(signin.SignInError):
            signin.sign_in(world.db, "boss", "guess")
    with pytest.raises(signin.SignInError, match="locked for"):
        signin.sign_in(world.db, "boss", "boss pass 1")
    # "admin" is now the only administrator who can sign in: guessed at, never locked.
    for _ in range(3 * signin.MAX_FAILURES):
        with pytest.raises(signin.SignInError) as err:
            signin.sign_in(world.db, "admin", "guess")
        assert err.value.message == WRONG
    assert "locked" not in outcomes(world, "admin")
    withheld = world.read(
        lambda uow: uow.session.scalars(
            select(AuditEvent.after).where(AuditEvent.action == "user.sign_in")
        ).all()
    )
    assert any(a and "withheld" in a.get("lockout", "") for a in withheld)
    admin = signin.sign_in(world.db, "admin", "admin pass 1")
    world.run(admin, lambda uow: users.unlock(uow, boss.id))
    unlocked = world.read(
        lambda uow: uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "user.unlock")
        ).one()
    )
    assert (unlocked.username, unlocked.entity_id) == ("admin", boss.id)
    assert unlocked.after == {"failed_logins": 0, "locked_until": None}
    assert signin.sign_in(world.db, "boss", "boss pass 1").username == "boss"


def test_unlocking_a_disabled_account_lifts_its_lockout_and_leaves_it_disabled(
    world: World,
) -> None:
    give_password(world, "admin", "admin pass 1")
    temp = world.run(world.admin, lambda uow: users.create_user(
        uow, "temp", "Casual", Role.RECEPTION, "temp pass 1"))  # fmt: skip
    for _ in range(signin.MAX_FAILURES):
        with pytest.raises(signin.SignInError):
            signin.sign_in(world.db, "temp", "guess")
    admin = signin.sign_in(world.db, "admin", "admin pass 1")
    world.run(admin, lambda uow: users.set_active(uow, temp.id, False))
    world.run(admin, lambda uow: users.unlock(uow, temp.id))
    [row] = [u for u in world.read(users.list_users) if u.username == "temp"]
    assert (row.active, row.locked_until) == (False, None), "disabled on purpose stays disabled"
    with pytest.raises(signin.SignInError):
        signin.sign_in(world.db, "temp", "temp pass 1")


def test_two_administrators_guessed_at_once_are_never_both_locked(world: World) -> None:
    give_password(world, "admin", "admin pass 1")
    world.run(
        world.admin, lambda uow: users.create_user(uow, "boss", "Pat", Role.ADMIN, "boss pass 1")
    )
    guesses = [("admin", "guess"), ("boss", "guess")] * 12
    in_parallel(guesses, lambda u, p: signin.sign_in(world.db, u, p))
    locked = {name for name in ("admin", "boss") if "locked" in outcomes(world, name)}
    assert len(locked) == 1
    (still_open,) = {"admin", "boss"} - locked
    assert signin.sign_in(world.db, still_open, f"{still_open} pass 1").username == still_open
    assert timedelta(minutes=15) == signin.LOCKOUT
