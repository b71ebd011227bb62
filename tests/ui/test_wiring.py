"""The assembled window: every action reaches its dialog, and the menus the roles need are there."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Session
from app.models.enums import SessionKind, SessionStatus
from app.models.lifecycle import Action
from app.services.desk import open_desk
from app.ui.sessions.cancel_wizard import CancelWizard
from app.ui.sessions.simple import CompleteDialog
from app.ui.start.main_window import MainWindow
from app.ui.start.wiring import about_text, install_all
from app.ui.tasks import TaskRunner


def build(qtbot, demo_ctx: AppContext, username: str):  # type: ignore[no-untyped-def]
    desk = open_desk(demo_ctx.db, username)
    window = MainWindow(desk, demo_ctx, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    installed = install_all(window, desk, demo_ctx, resume_jobs=False, watch_idle=False)
    return window, desk, installed


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_context_menu_actions_open_their_dialogs_and_complete_lists_the_sds(
    qtbot, demo_ctx
) -> None:  # type: ignore[no-untyped-def]
    window, desk, installed = build(qtbot, demo_ctx, "reception")
    future = desk.read(
        lambda uow: uow.session.scalar(
            select(Session.id)
            .where(
                Session.kind == SessionKind.INDIVIDUAL,
                Session.status == SessionStatus.ROSTERED,
                Session.starts_at > desk.now(),
            )
            .limit(1)
        )
    )
    past = desk.read(
        lambda uow: uow.session.scalar(
            select(Session.id)
            .where(Session.status == SessionStatus.ROSTERED, Session.starts_at < desk.now())
            .limit(1)
        )
    )
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


def test_double_click_on_an_empty_slot_and_dragging_a_session_reach_the_set_up_dialogs(
    qtbot, demo_ctx
) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QPoint, Qt

    from app.ui.schedule.range import ViewMode

    window, desk, _installed = build(qtbot, demo_ctx, "reception")
    window.resize(1400, 900)
    window.show()
    window.set_mode(ViewMode.DAY)
    qtbot.waitUntil(lambda: len(window.view.blocks()) > 5, timeout=5000)
    calls: list[tuple[str, object, object]] = []
    actions = window.setup_actions  # type: ignore[attr-defined]
    actions.new_session = lambda start=None, worker_id=None: calls.append(("new", start, worker_id))
    actions.move_session = lambda sid, start, worker_id=None: calls.append(
        ("move", sid, (start, worker_id))
    )
    window.view.slot_activated.disconnect()
    window.view.session_dropped.disconnect()
    window.view.slot_activated.connect(lambda w, s: actions.new_session(s, w))
    window.view.session_dropped.connect(lambda sid, w, s: actions.move_session(sid, s, w))
    view, tz = window.view, ZoneInfo("Australia/Sydney")
    scene = view.scene
    row = scene.layout.rows[0]
    y = int(scene.header + row.top + row.height / 2 - scene.dy)
    x_empty = None  # an x in the first worker's row with no block under it
    for x in range(int(scene.left) + 5, view.viewport().width() - 5, 7):
        if view.block_at(QPoint(x, y)) == 0:
            x_empty = x
            break
    assert x_empty is not None
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x_empty, y))
    assert calls and calls[0][0] == "new" and calls[0][2] == row.worker.id
    start = calls[0][1]
    assert start.tzinfo is not None and start.astimezone(tz).minute % 15 == 0
    block = row.laid[0]
    centre = view.block_rect(block.block.id).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    target = QPoint(centre.x() + 120, centre.y())
    qtbot.mouseMove(view.viewport(), pos=QPoint(centre.x() + 40, centre.y()))
    qtbot.mouseMove(view.viewport(), pos=target)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    moves = [c for c in calls if c[0] == "move"]
    assert moves and moves[0][1] == block.block.id
    new_start, worker = moves[0][2]  # type: ignore[misc]
    assert worker == row.worker.id and new_start > block.block.starts_at


def test_the_details_panel_offers_the_sessions_actions(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window, _desk, installed = build(qtbot, demo_ctx, "reception")
    texts = [a.text().replace("&", "") for a in window.details_panel.toolbar.actions()]
    assert any(t.startswith("Cancel") for t in texts) and any(t.startswith("Undo") for t in texts)
    cancel = next(
        a
        for a in window.details_panel.toolbar.actions()
        if a.text().replace("&", "").startswith("Cancel")
    )
    assert cancel is window.actions_.actions[Action.CANCEL]  # the very action of the context menu
    assert installed.dialogs is not None


def test_closing_the_window_stops_the_outbox_sender(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window, _desk, installed = build(qtbot, demo_ctx, "reception")
    installed.outbox.pump.start()
    assert installed.outbox.pump.timer.isActive()
    window.close()
    assert not installed.outbox.pump.timer.isActive()
    installed.outbox.pump.run_now()  # a pass asked for after the close does not start
    assert not installed.outbox.pump.busy
