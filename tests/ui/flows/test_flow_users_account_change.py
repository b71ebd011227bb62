"""SPEC section 6 through the window: an administrator at desk 1 changes the account of the
person signed in at desk 2; desk 2's window follows at once — a disabled account is signed out
to the sign-in dialog with nothing saved, a new role applies to the menus and the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMenu
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import Database, make_engine
from app.models import AuditEvent, BulkCancelJob, Cancellation, ExtractionBatch, OutboxMessage
from app.models.enums import BookingStatus, Role
from app.models.lifecycle import Action
from app.services import users
from app.services.desk import Desk, open_desk
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    click_session,
    dialogs,
    errors,
    field,
    finish,
    from_context_menu,
    from_menu,
    main_menu_action,
    next_page,
    press,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import GO as BULK_GO
from tests.ui.flows.test_flow_bulk import WORKER as BULK_WORKER
from tests.ui.flows.test_flow_bulk import save_as

REFUSED = (
    "An administrator has disabled your account since you signed in, so this was not saved. "
    "Ask an administrator if you need the account again."
)


@pytest.fixture
def desk1(demo_ctx: AppContext) -> Iterator[Desk]:
    """The administrator's desk: the same practice through an engine of its own."""
    db = Database(make_engine(demo_ctx.url), demo_ctx.db.clock, demo_ctx.db.audit_keys)
    yield open_desk(db, "admin")
    db.dispose()


def user_id(ctx: AppContext, username: str) -> int:
    with ctx.db.read() as uow:
        return next(u.id for u in users.list_users(uow) if u.username == username)


def signed_out_then(qtbot: Any, seen: dict[str, Any], window: Any, username: str) -> Any:
    """The sign-in dialog the window went back to: note what it shows, then sign in again."""

    def answer(dialog: Any) -> None:
        seen["title"] = dialog.windowTitle()
        seen["said"] = [lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.isVisible()]
        seen["practice hidden"] = not window.centralWidget().isVisible()
        type_into(qtbot, field(dialog, "User name", QLineEdit), username)
        type_into(qtbot, field(dialog, "Password", QLineEdit), username)
        press(dialog, "Sign in")

    return answer


def quiet(qtbot: Any, window: Any) -> None:
    """Pause the live refresh (and let a tick in flight land) so the save meets the change
    first: the poll's own path has a test of its own below."""
    window.loader.stop_polling()
    qtbot.waitUntil(lambda: not window.loader._polling, timeout=5000)


def client_cancel(w: Any) -> None:
    """The cancel wizard as a receptionist fills it, up to Finish."""
    press(w, "The client")
    next_page(w)
    choose(field(w, "Reason"), "Transport")
    next_page(w)
    finish(w)


def test_a_receptionist_disabled_at_another_desk_cannot_cancel_and_is_back_at_sign_in(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    quiet(qtbot, window)
    mails, events = data.ids(demo_ctx, OutboxMessage), data.ids(demo_ctx, AuditEvent)
    desk1.write(lambda uow: users.set_active(uow, user_id(demo_ctx, "reception"), False))
    seen: dict[str, Any] = {}

    with dialogs(client_cancel, signed_out_then(qtbot, seen, window, "manager")):
        from_context_menu(window, sid, "Cancel…")
        qtbot.waitUntil(lambda: window.desk.actor.username == "manager", timeout=5000)

    assert seen["title"] == "Sign in to FrontDesk" and seen["practice hidden"]
    assert [t for t in seen["said"] if t == REFUSED] == [REFUSED], seen["said"]  # said once
    assert list(data.booking_statuses(demo_ctx, sid).values()) == [BookingStatus.BOOKED]
    assert data.count(demo_ctx, Cancellation, Cancellation.session_id == sid) == 0
    assert data.new_rows(demo_ctx, OutboxMessage, mails) == []
    new = data.new_rows(demo_ctx, AuditEvent, events)
    assert [(e.username, e.action) for e in new if e.username == "reception"] == []
    assert window.centralWidget().isVisible()  # the manager took over the desk


def test_a_disabled_receptionist_only_looking_at_the_schedule_is_signed_out_by_the_poll(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    window = open_window(demo_ctx, "reception")
    desk1.write(lambda uow: users.set_active(uow, user_id(demo_ctx, "reception"), False))
    seen: dict[str, Any] = {}

    with dialogs(signed_out_then(qtbot, seen, window, "manager")):
        window.loader.poll()  # the live refresh's next tick
        qtbot.waitUntil(lambda: window.desk.actor.username == "manager", timeout=5000)

    assert seen["practice hidden"]
    assert any("disabled your account, so you were signed out" in t for t in seen["said"])


def test_a_manager_demoted_at_another_desk_loses_the_manager_menus_at_the_next_poll(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    window = open_window(demo_ctx, "manager")
    report = main_menu_action(window, "Reports", "Cancellation report")
    assert report.isEnabled()
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.RECEPTION))

    window.loader.poll()
    qtbot.waitUntil(lambda: window.desk.actor.role == Role.RECEPTION, timeout=5000)

    assert not report.isEnabled()
    assert window.findChild(QLabel, "userLabel").text() == "manager (Reception)"
    assert window.statusBar().currentMessage() == (
        "An administrator has changed your role to Reception: this desk now works with it."
    )


def test_a_receptionist_promoted_at_another_desk_is_told_once_and_gets_the_manager_actions(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    quiet(qtbot, window)
    click_session(qtbot, window, sid)
    delete = window.actions_.actions[Action.DELETE]
    assert not delete.isEnabled()
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "reception"), Role.MANAGER))
    seen: dict[str, Any] = {}

    def refused_in_the_wizard(w: Any) -> None:
        client_cancel(w)
        seen["said"] = errors(w)
        press(w, "Cancel")

    with dialogs(refused_in_the_wizard):
        from_context_menu(window, sid, "Cancel…")

    assert len([t for t in seen["said"] if "changed your role to manager" in t]) == 1, seen["said"]
    assert window.desk.actor.role == Role.MANAGER
    assert window.findChild(QLabel, "userLabel").text() == "reception (Manager)"
    assert delete.isEnabled(), delete.toolTip()
    with demo_ctx.db.read() as uow:
        assert (
            uow.session.scalar(select(Cancellation.id).where(Cancellation.session_id == sid))
            is None
        )


def test_a_manager_disabled_meanwhile_extracts_nothing_and_is_back_at_sign_in(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)
    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = window.findChild(QMenu, "reportsMenu").dialogs["reportExtract"]
    type_date(qtbot, field(extraction, "From date"), "1/3")
    type_date(qtbot, field(extraction, "To date"), "31/3")
    press(extraction, "Preview")
    assert extraction.extract_button.isEnabled()
    desk1.write(lambda uow: users.set_active(uow, user_id(demo_ctx, "manager"), False))
    seen: dict[str, Any] = {}
    claim = tmp_path / "claim.csv"

    with dialogs(lambda w: press(w, "Yes"), save_as(claim),
                 signed_out_then(qtbot, seen, window, "admin")):  # fmt: skip
        press(extraction, "Extract to file")
        qtbot.waitUntil(lambda: window.desk.actor.username == "admin", timeout=5000)

    assert [t for t in seen["said"] if t == REFUSED] == [REFUSED], seen["said"]
    assert errors(extraction) == [] and not extraction.isVisible()
    assert data.count(demo_ctx, ExtractionBatch) == 0 and not claim.exists()


def test_a_second_administrator_disabled_meanwhile_queues_no_bulk_cancellation(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, desk1: Desk, tmp_path: Path
) -> None:
    desk1.write(lambda uow: users.set_role(uow, user_id(demo_ctx, "manager"), Role.ADMIN))
    window = open_window(demo_ctx, "manager")
    quiet(qtbot, window)
    out = tmp_path / "closure.csv"
    seen: dict[str, Any] = {}

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), BULK_WORKER)
        press(w, "Select all")
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        desk1.write(lambda uow: users.set_active(uow, user_id(demo_ctx, "manager"), False))
        press(w, BULK_GO)

    # The counts the question would show are a read an administrator's account must still
    # allow: refused there, before anything is asked or written.
    with dialogs(bulk_dialog, save_as(out), signed_out_then(qtbot, seen, window, "admin")):
        from_menu(window, "Schedule", "Bulk cancel")
        qtbot.waitUntil(lambda: window.desk.actor.username == "admin", timeout=5000)

    said = (
        "Your account no longer allows you to bulk cancel: an administrator has disabled it. "
        "Ask an administrator if you need the account again."
    )
    assert [t for t in seen["said"] if t == said] == [said], seen["said"]
    assert data.count(demo_ctx, BulkCancelJob) == 0 and not out.exists()
