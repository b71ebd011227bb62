"""The assembled window: every action reaches its dialog, and the menus the roles need are there."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Session
from app.models.enums import SessionKind, SessionStatus
from app.models.lifecycle import Action
from app.services.desk import open_desk
from app.ui.dialogs.cancel_wizard import CancelWizard
from app.ui.dialogs.simple import CompleteDialog
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from app.ui.wiring import about_text, install_all


def build(qtbot, demo_ctx: AppContext, username: str):  # type: ignore[no-untyped-def]
    desk = open_desk(demo_ctx.db, username)
    window = MainWindow(desk, demo_ctx, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    installed = install_all(window, desk, demo_ctx, resume_jobs=False, watch_idle=False)
    return window, desk, installed


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_context_menu_actions_open_their_dialogs_and_complete_lists_the_sds(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window, desk, installed = build(qtbot, demo_ctx, "reception")
    future = desk.read(lambda uow: uow.session.scalar(select(Session.id).where(
        Session.kind == SessionKind.INDIVIDUAL, Session.status == SessionStatus.ROSTERED,
        Session.starts_at > desk.now()).limit(1)))
    past = desk.read(lambda uow: uow.session.scalar(select(Session.id).where(
        Session.status == SessionStatus.ROSTERED, Session.starts_at < desk.now()).limit(1)))
    opened: list[QDialog] = []

    def record(dialog: QDialog) -> int:
        opened.append(dialog)
        return 0
    installed.dialogs.run_dialog = record
    window.request_action(Action.CANCEL, future)
    window.select_session(past)
    window._on_action_triggered(Action.COMPLETE.value)
    assert isinstance(opened[0], CancelWizard)
    assert isinstance(opened[1], CompleteDialog) and opened[1].lines.count() >= 1


def test_menus_for_each_role_and_about_names_the_database_and_schema(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window, _desk, _installed = build(qtbot, demo_ctx, "reception")
    titles = menu_titles(window)
    for expected in ("File", "View", "Session", "Schedule", "Reports", "Administration", "Help"):
        assert expected in titles
    bulk = window.findChild(type(window.menuBar().actions()[0]), "bulkCancelAction")
    assert bulk is not None and not bulk.isEnabled() and "administrator" in bulk.toolTip()
    text = about_text(demo_ctx)
    assert "FrontDesk 0.1.0" in text and "Schema revision" in text and demo_ctx.db.url in text
    admin_window, _d, _i = build(qtbot, demo_ctx, "admin")
    assert admin_window.findChild(type(bulk), "bulkCancelAction").isEnabled()
