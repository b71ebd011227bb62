"""Administration ▸ Users… and the first run through the real window: a new password is typed
twice wherever one is chosen, resetting one asks first (Enter keeps the current password), a user
name is one word of at most 64 characters at the first run as in the Users list, and letting the
practice open without signing in asks first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QTableView
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import AuditEvent, PracticeSettings, User
from app.services import signin
from app.ui.start.startup import Startup
from tests.ui.flows import data
from tests.ui.flows.driver import (
    confirm_question,
    dialogs,
    errors,
    field,
    from_menu,
    press,
    press_default,
    type_into,
)
from tests.ui.flows.test_flow_users import _click_user


def _users_dialog(qtbot: Any, w: Any, username: str = "") -> QTableView:
    table = field(w, "Users", QTableView)
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=3000)
    if username:
        _click_user(table, username)
    return table


def _signs_in(ctx: AppContext, username: str, password: str) -> bool:
    try:
        signin.sign_in(ctx.db, username, password)
    except signin.SignInError:
        return False
    return True


def _usernames(ctx: AppContext) -> list[str]:
    return data.read(ctx, lambda orm: list(orm.scalars(select(User.username))))


def test_resetting_a_password_asks_twice_and_enter_keeps_the_current_one(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    seen: dict[str, Any] = {}

    def users_dialog(w: Any) -> None:
        _users_dialog(qtbot, w, "reception")
        press(w, "Reset password…")  # → typed, then Enter: nothing changes
        press(w, "Reset password…")  # → a typo in the second field is refused on the form
        seen["status"] = w.status.text() if w.status.isVisible() else ""
        press(w, "Close")

    def enter_keeps(w: Any) -> None:
        seen["question"] = w.findChild(QLabel, "resetQuestion").text()
        type_into(qtbot, field(w, "New password", QLineEdit), "brand new 1")
        type_into(qtbot, field(w, "Password again", QLineEdit), "brand new 1")
        QTest.keyClick(field(w, "Password again", QLineEdit), Qt.Key.Key_Return)
        seen["closed by Enter"] = not w.isVisible()

    def typo_then_right(w: Any) -> None:
        type_into(qtbot, field(w, "New password", QLineEdit), "brand new 2")
        type_into(qtbot, field(w, "Password again", QLineEdit), "brand new 3")
        press(w, "Reset password")
        seen["refused"] = (w.isVisible(), errors(w))
        seen["after typo"] = _signs_in(demo_ctx, "reception", "reception")
        type_into(qtbot, field(w, "Password again", QLineEdit), "brand new 2")
        press(w, "Reset password")

    with dialogs(users_dialog, enter_keeps, typo_then_right):
        from_menu(window, "Administration", "Users")
    assert "Their current password stops working" in seen["question"]
    assert seen["closed by Enter"]
    assert seen["refused"] == (True, ["The two passwords differ; type the same password twice."])
    assert seen["after typo"], "a refused reset leaves the old password working"
    assert seen["status"] == "The password of reception was reset."
    assert not _signs_in(demo_ctx, "reception", "brand new 1"), "Enter reset nothing"
    assert _signs_in(demo_ctx, "reception", "brand new 2")


def test_a_new_user_types_the_password_twice_and_a_name_with_a_space_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    before = _usernames(demo_ctx)
    said: list[list[str]] = []

    def users_dialog(w: Any) -> None:
        _users_dialog(qtbot, w)
        press(w, "Add…")
        press(w, "Close")

    def new_user(w: Any) -> None:
        type_into(qtbot, field(w, "User name", QLineEdit), "sam lee")
        type_into(qtbot, field(w, "Name", QLineEdit), "Sam Lee")
        type_into(qtbot, field(w, "Password", QLineEdit), "casual pass 1")
        type_into(qtbot, field(w, "Password again", QLineEdit), "casual pass 1")
        press(w, "OK")
        said.append(errors(w))
        type_into(qtbot, field(w, "User name", QLineEdit), "x" * 65)
        press(w, "OK")
        said.append(errors(w))
        type_into(qtbot, field(w, "User name", QLineEdit), "sam.lee")
        type_into(qtbot, field(w, "Password again", QLineEdit), "casual pass 2")
        press(w, "OK")
        said.append(errors(w))
        type_into(qtbot, field(w, "Password again", QLineEdit), "casual pass 1")
        press(w, "OK")

    with dialogs(users_dialog, new_user):
        from_menu(window, "Administration", "Users")
    assert said[0] == ["“sam lee” has a space in it: a user name is one word, like sam.lee "
                       "(a dot or an underscore between words)."]  # fmt: skip
    assert said[1] == ["The user name is 65 characters long; the limit is 64."]
    assert said[2] == ["The two passwords differ; type the same password twice."]
    assert sorted(_usernames(demo_ctx)) == sorted([*before, "sam.lee"])
    assert _signs_in(demo_ctx, "sam.lee", "casual pass 1")


def _first_run_form(qtbot: Any, dialog: Any, user: str, password: str, again: str) -> None:
    """The first-run form filled in as a person types it, then Create administrator pressed."""
    type_into(qtbot, field(dialog, "Practice name", QLineEdit), "Harbour Physio")
    type_into(qtbot, field(dialog, "Your name", QLineEdit), "Pat Boss")
    type_into(qtbot, field(dialog, "User name", QLineEdit), user)
    type_into(qtbot, field(dialog, "Password", QLineEdit), password)
    type_into(qtbot, field(dialog, "Password again", QLineEdit), again)
    press(dialog, "Create administrator")


def test_the_first_administrator_is_named_by_the_same_rule_as_every_other_user(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Australia/Perth")
    said: list[list[str]] = []

    def first_run(dialog: Any) -> None:
        _first_run_form(qtbot, dialog, "Pat Boss", "long enough 1", "long enough 1")
        said.append(errors(dialog))
        type_into(qtbot, field(dialog, "User name", QLineEdit), "pat.boss")
        press(dialog, "Create administrator")

    with dialogs(first_run):
        opened = Startup(None, tmp_path / "data").open()
    assert opened is not None
    ctx, _desk = opened
    try:
        assert said == [["“pat boss” has a space in it: a user name is one word, like sam.lee "
                         "(a dot or an underscore between words)."]]  # fmt: skip
        assert _usernames(ctx) == ["pat.boss"]
        assert _signs_in(ctx, "pat.boss", "long enough 1")
    finally:
        ctx.close()


def test_opening_without_signing_in_asks_first_and_enter_keeps_signing_in(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")

    def single_user() -> Any:
        def users_dialog(w: Any) -> None:
            _users_dialog(qtbot, w)
            box = field(w, "Single-user mode", QCheckBox)
            qtbot.waitUntil(box.isEnabled, timeout=3000)
            press(w, "Single-user desk: open without signing in")
            press(w, "Close")

        return users_dialog

    asked: list[str] = []

    def enter_keeps(w: Any) -> None:
        asked.append(w.findChild(QLabel, "confirmQuestion").text())
        press_default(w)

    with dialogs(single_user(), enter_keeps):
        from_menu(window, "Administration", "Users")
    single = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).single_user_mode)
    assert asked and asked[0].startswith("Let FrontDesk open without signing in?")
    assert single is False, "Enter kept the practice signing in"

    with dialogs(single_user(), confirm_question("Open without signing in", "any desk")):
        from_menu(window, "Administration", "Users")
    single = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).single_user_mode)
    assert single is True


SPACES_REFUSED = (
    "Spaces don't count: choose a password with at least 8 letters, digits or other characters."
)


def test_a_password_of_only_spaces_is_refused_for_a_new_user_and_a_reset(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    said: dict[str, list[str]] = {}

    def users_dialog(w: Any) -> None:
        _users_dialog(qtbot, w, "reception")
        press(w, "Add…")
        press(w, "Reset password…")
        press(w, "Close")

    def new_user(w: Any) -> None:
        type_into(qtbot, field(w, "User name", QLineEdit), "sam.lee")
        type_into(qtbot, field(w, "Name", QLineEdit), "Sam Lee")
        type_into(qtbot, field(w, "Password", QLineEdit), " " * 8)
        type_into(qtbot, field(w, "Password again", QLineEdit), " " * 8)
        press(w, "OK")
        said["new user"] = errors(w)
        type_into(qtbot, field(w, "Password", QLineEdit), "  ab  cd  ef  ")  # 6 besides spaces
        type_into(qtbot, field(w, "Password again", QLineEdit), "  ab  cd  ef  ")
        press(w, "OK")
        said["padded"] = errors(w)
        type_into(qtbot, field(w, "Password", QLineEdit), "casual pass 1")
        type_into(qtbot, field(w, "Password again", QLineEdit), "casual pass 1")
        press(w, "OK")

    def reset(w: Any) -> None:
        type_into(qtbot, field(w, "New password", QLineEdit), " " * 10)
        type_into(qtbot, field(w, "Password again", QLineEdit), " " * 10)
        press(w, "Reset password")
        said["reset"] = errors(w) if w.isVisible() else ["(closed: the reset went through)"]
        press(w, "Keep the current password")

    with dialogs(users_dialog, new_user, reset):
        from_menu(window, "Administration", "Users")
    assert said == {"new user": [SPACES_REFUSED], "padded": [SPACES_REFUSED],
                    "reset": [SPACES_REFUSED]}  # fmt: skip
    assert _signs_in(demo_ctx, "sam.lee", "casual pass 1")
    assert _signs_in(demo_ctx, "reception", "reception"), "the refused reset changed nothing"
    assert not _signs_in(demo_ctx, "reception", " " * 10)


def test_the_first_administrator_cannot_choose_a_password_of_only_spaces(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Australia/Perth")
    said: list[list[str]] = []

    def first_run(dialog: Any) -> None:
        _first_run_form(qtbot, dialog, "pat.boss", " " * 8, " " * 8)
        said.append(errors(dialog))
        type_into(qtbot, field(dialog, "Password", QLineEdit), "long enough 1")
        type_into(qtbot, field(dialog, "Password again", QLineEdit), "long enough 1")
        press(dialog, "Create administrator")

    with dialogs(first_run):
        opened = Startup(None, tmp_path / "data").open()
    assert opened is not None
    ctx, _desk = opened
    try:
        assert said == [[SPACES_REFUSED]]
        assert not _signs_in(ctx, "pat.boss", " " * 8)
        assert _signs_in(ctx, "pat.boss", "long enough 1")
    finally:
        ctx.close()


def test_a_refused_first_password_empties_both_password_fields_and_keeps_the_rest(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Australia/Perth")
    seen: dict[str, Any] = {}

    def first_run(dialog: Any) -> None:
        _first_run_form(qtbot, dialog, "pat.boss", "long enough 1", "long enough 2")
        password = field(dialog, "Password", QLineEdit)
        again = field(dialog, "Password again", QLineEdit)
        seen["refused"] = errors(dialog)
        seen["after"] = (password.text(), again.text(), password.hasFocus())
        seen["kept"] = field(dialog, "User name", QLineEdit).text()
        # The next attempt types straight into the emptied fields, as a person would.
        qtbot.keyClicks(password, "long enough 1")
        again.setFocus()
        qtbot.keyClicks(again, "long enough 1")
        press(dialog, "Create administrator")
        if dialog.isVisible():  # refused again: fail on what it said rather than wait
            seen["stuck"] = errors(dialog)
            dialog.reject()

    with dialogs(first_run):
        opened = Startup(None, tmp_path / "data").open()
    assert opened is not None, seen
    ctx, _desk = opened
    try:
        assert seen["refused"] == ["The two passwords differ; type the same password twice."]
        assert seen["after"] == ("", "", True)
        assert seen["kept"] == "pat.boss"
        assert _signs_in(ctx, "pat.boss", "long enough 1")
    finally:
        ctx.close()


def test_a_receptionist_changes_their_own_password_typing_the_current_one_first(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    said: list[tuple[list[str], str]] = []

    def change(w: Any) -> None:
        current = field(w, "Current password", QLineEdit)
        type_into(qtbot, current, "not mine at all")
        type_into(qtbot, field(w, "New password", QLineEdit), "my own secret 1")
        type_into(qtbot, field(w, "Password again", QLineEdit), "my own secret 1")
        press(w, "Change password")
        said.append((errors(w), current.text()))
        type_into(qtbot, current, "reception")
        press(w, "Change password")  # → changed; the form closes

    with dialogs(change):
        from_menu(window, "File", "Change my password")
    assert said == [
        (
            [
                "Your current password is not right; type it again. If you have forgotten it, ask an "
                "administrator to reset it."
            ],
            "",
        ),  # fmt: skip
    ], "a wrong current password is refused and typed again; the right one changes it"
    assert window.statusBar().currentMessage().startswith("Your password was changed")
    assert _signs_in(demo_ctx, "reception", "my own secret 1")
    assert not _signs_in(demo_ctx, "reception", "reception")
    events = data.read(demo_ctx, lambda orm: list(orm.execute(
        select(AuditEvent.username, AuditEvent.outcome)
        .where(AuditEvent.action == "user.change_password").order_by(AuditEvent.id))))  # fmt: skip
    assert [tuple(e) for e in events] == [("reception", "failed"), ("reception", "ok")]


def test_wrong_current_passwords_count_toward_the_lockout_and_the_desk_stays_signed_in(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    said: list[list[str]] = []

    def guess(w: Any) -> None:
        for n in range(signin.MAX_FAILURES + 1):
            type_into(qtbot, field(w, "Current password", QLineEdit), f"guess number {n}")
            type_into(qtbot, field(w, "New password", QLineEdit), "my own secret 1")
            type_into(qtbot, field(w, "Password again", QLineEdit), "my own secret 1")
            press(w, "Change password")
            said.append(errors(w))
        # Locked: even the right current password is refused until the lockout ends.
        type_into(qtbot, field(w, "Current password", QLineEdit), "reception")
        press(w, "Change password")
        said.append(errors(w))
        w.reject()

    with dialogs(guess):
        from_menu(window, "File", "Change my password")
    wrong = (
        "Your current password is not right; type it again. If you have forgotten it, ask an "
        "administrator to reset it."
    )
    locked = (
        "Too many wrong passwords: your account is locked for {n} more minutes, so the "
        "password can't be changed now. You stay signed in at this desk. Try again later, or ask "
        "an administrator to reset your password."
    )
    assert said[: signin.MAX_FAILURES - 1] == [[wrong]] * (signin.MAX_FAILURES - 1)
    assert said[signin.MAX_FAILURES - 1] == [locked.format(n=15)], "the fifth wrong one locks"
    assert said[signin.MAX_FAILURES] == [locked.format(n=15)]
    assert said[signin.MAX_FAILURES + 1] == [locked.format(n=15)], "the right one waits too"
    assert not _signs_in(demo_ctx, "reception", "reception"), "locked at every desk"
    assert window.isVisible() and window.desk.actor.username == "reception"
    outcomes = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.outcome).where(AuditEvent.action == "user.change_password")
        .order_by(AuditEvent.id))))  # fmt: skip
    assert outcomes == ["failed"] * (signin.MAX_FAILURES - 1) + ["locked"]
    hash_kept = data.read(demo_ctx, lambda orm: orm.scalar(
        select(User.password_hash).where(User.username == "reception")))  # fmt: skip
    assert signin.verify_password(hash_kept, "reception"), "the password itself is unchanged"


def test_the_right_current_password_clears_the_wrong_ones_counted_before(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")

    def change(w: Any) -> None:
        type_into(qtbot, field(w, "Current password", QLineEdit), "not mine")
        type_into(qtbot, field(w, "New password", QLineEdit), "my own secret 1")
        type_into(qtbot, field(w, "Password again", QLineEdit), "my own secret 1")
        press(w, "Change password")
        type_into(qtbot, field(w, "Current password", QLineEdit), "reception")
        press(w, "Change password")

    with dialogs(change):
        from_menu(window, "File", "Change my password")
    failed = data.read(demo_ctx, lambda orm: orm.scalar(
        select(User.failed_logins).where(User.username == "reception")))  # fmt: skip
    assert failed == 0
