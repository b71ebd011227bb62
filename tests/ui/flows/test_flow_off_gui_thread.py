"""Screens walked through the real window, from its menus: no database call runs on the GUI thread.

The flows run the task runner inline, so "off the GUI thread" means "inside a task": every
`Database.read`/`write` made on the GUI thread outside one is recorded with where it came from.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu, QSpinBox, QTableView
from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.db import Database
from app.models import (
    Booking,
    Cancellation,
    CancellationReason,
    Client,
    Location,
    OutboxMessage,
    PracticeSettings,
    Service,
    ServiceDelivered,
    Session,
    User,
    WaitlistEntry,
    Worker,
)
from app.models.enums import (
    BookingStatus,
    IntegrationKind,
    OutboxChannel,
    OutboxStatus,
    Role,
    SessionStatus,
)
from app.services.outbox import OutboxFilter
from app.ui.models.table import ROW_ROLE
from app.ui.schedule.range import ViewMode
from app.ui.tasks import TaskRunner
from tests.factory import SYD
from tests.integration.outbox_helpers import SmtpSink
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    confirm_question,
    dialogs,
    errors,
    field,
    from_context_menu,
    from_menu,
    open_tab,
    press,
    shortcut,
    type_date,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_bulk import GO, WORKER, save_as
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_outbox import reachable_session
from tests.ui.flows.test_flow_undo_dna import undo_with


class GuiThreadCalls:
    """Database calls made on the GUI thread outside a background task, once armed."""

    def __init__(self) -> None:
        self.armed = False
        self.in_task = 0
        self.calls: list[str] = []

    def wrap(self, opener: Callable[..., AbstractContextManager[Any]]) -> Callable[..., Any]:
        def opened(db: Database, *args: Any, **kwargs: Any) -> AbstractContextManager[Any]:
            if (
                self.armed
                and not self.in_task
                and threading.current_thread() is threading.main_thread()
            ):
                ui = [f for f in traceback.extract_stack() if "/app/ui/" in f.filename]
                self.calls.append(f"{ui[-1].filename}:{ui[-1].lineno}" if ui else "?")
            return opener(db, *args, **kwargs)

        return opened


@pytest.fixture
def gui_db_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[GuiThreadCalls]:
    """Record GUI-thread database calls; `armed` once the window is open (start-up excluded)."""
    spy = GuiThreadCalls()
    monkeypatch.setattr(Database, "read", spy.wrap(Database.read))
    monkeypatch.setattr(Database, "write", spy.wrap(Database.write))
    inline = TaskRunner._run_inline

    def in_task(fn: Callable[..., Any], *callbacks: Any) -> None:
        # Only the task itself is off the GUI thread: its callbacks run back on it.
        def task(*args: Any) -> Any:
            spy.in_task += 1
            try:
                return fn(*args)
            finally:
                spy.in_task -= 1

        inline(task, *callbacks)

    monkeypatch.setattr(TaskRunner, "_run_inline", staticmethod(in_task))
    yield spy


def test_a_cancel_and_its_undo_make_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    gui_db_calls.armed = True
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}
    with dialogs(undo_with(qtbot, "Rang back, coming after all")):
        from_context_menu(window, sid, "Undo cancellation…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}
    (c,) = data.read(
        demo_ctx,
        lambda orm: list(orm.scalars(select(Cancellation).where(Cancellation.session_id == sid))),
    )
    assert c.undone_at is not None
    assert gui_db_calls.calls == []
    window.desk.practice_name()  # a read made on the GUI thread is seen: the empty list means none
    assert len(gui_db_calls.calls) == 1


def test_a_bulk_cancel_makes_no_database_call_on_the_gui_thread(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    gui_db_calls: GuiThreadCalls,
    tmp_path: Path,
) -> None:
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True
    out = tmp_path / "closure.csv"
    picked: dict[str, list[int]] = {}

    def bulk_dialog(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), WORKER)
        press(w, "Select all")
        table: QTableView = field(w, "Sessions to cancel", QTableView)
        picked["ids"] = [table.model().row(r).session_id for r in range(table.model().rowCount())]
        assert picked["ids"]
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        press(w, GO)

    def queued(w: Any) -> None:
        assert w.windowTitle() == "Bulk cancellation queued"
        press(w, "OK")

    with dialogs(bulk_dialog, save_as(out), lambda w: press(w, "Cancel sessions"), queued):
        from_menu(window, "Schedule", "Bulk cancel")
    with OrmSession(demo_ctx.db.engine) as s:
        statuses = s.scalars(select(Session.status).where(Session.id.in_(picked["ids"]))).all()
    assert statuses == [SessionStatus.CANCELLED] * len(picked["ids"]) and out.exists()
    assert gui_db_calls.calls == []


def test_a_set_up_list_and_its_save_make_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True
    from_menu(window, "Practice", "Locations")
    screen = window.installed.setup.screens["locations"]
    before = screen.model.rowCount()
    assert before > 0, "the list arrived from the background read"

    def new_location(w: Any) -> None:
        type_into(qtbot, field(w, "Name", QLineEdit), "Annexe")
        type_into(qtbot, field(w, "Address", QLineEdit), "2 Side Lane")
        press(w, "Save")

    with dialogs(new_location):
        press(screen, "Add")
    assert screen.model.rowCount() == before + 1
    with OrmSession(demo_ctx.db.engine) as s:
        assert s.scalar(select(Location.address).where(Location.name == "Annexe")) == "2 Side Lane"
    screen.close()
    assert gui_db_calls.calls == []


def test_adding_a_user_makes_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True

    def new_user(w: Any) -> None:
        type_into(qtbot, field(w, "User name", QLineEdit), "casual")
        type_into(qtbot, field(w, "Name", QLineEdit), "Casual Desk")
        choose(field(w, "Role", QComboBox), "Manager")
        type_into(qtbot, field(w, "Password", QLineEdit), "casual pass 1")
        type_into(qtbot, field(w, "Password again", QLineEdit), "casual pass 1")
        press(w, "OK")

    def users_dialog(w: Any) -> None:
        table: QTableView = field(w, "Users", QTableView)
        before = table.model().rowCount()
        assert before > 0, "the accounts arrived from the background read"
        press(w, "Add")
        assert table.model().rowCount() == before + 1
        press(w, "Close")

    with dialogs(users_dialog, new_user):
        from_menu(window, "Administration", "Users")
    with OrmSession(demo_ctx.db.engine) as s:
        role = s.scalar(select(User.role).where(User.username == "casual"))
    assert role is Role.MANAGER
    assert gui_db_calls.calls == []


def test_the_reports_make_no_database_call_on_the_gui_thread(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    gui_db_calls: GuiThreadCalls,
    tmp_path: Path,
) -> None:
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True
    reports = window.findChild(QMenu, "reportsMenu")
    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = reports.dialogs["reportExtract"]
    type_date(qtbot, field(extraction, "From date"), "1/3/26")
    type_date(qtbot, field(extraction, "To date"), "31/3/26")
    press(extraction, "Preview")
    assert extraction.preview is not None and extraction.preview.count > 0
    claim = tmp_path / "claim.csv"
    with dialogs(lambda w: press(w, "Yes"), save_as(claim)):
        press(extraction, "Extract to file")
    assert claim.exists() and extraction.locked.count() > 0
    with OrmSession(demo_ctx.db.engine) as s:
        marked = s.scalar(
            select(func.count(ServiceDelivered.id)).where(
                ServiceDelivered.extraction_batch_id.is_not(None)
            )
        )
    assert marked == extraction.last.payload.count > 0

    from_menu(window, "Reports", "Audit log")
    audit = reports.dialogs["reportAudit"]
    assert audit.model.rowCount() > 0, "the events arrived from the background read"
    press(audit, "Verify chain")
    assert audit.chain.text()

    from_menu(window, "Reports", "Cancellation report")
    report = reports.dialogs["reportCancellations"]
    assert field(report, "Worker", QComboBox).count() > 1, "the filter choices arrived"
    out = tmp_path / "cancellations.csv"
    with dialogs(save_as(out)):
        press(report, "Save CSV")
    assert out.exists()

    from_menu(window, "Reports", "Export schedule (iCalendar)")
    ics = reports.dialogs["reportIcs"]
    worker = field(ics, "Worker", QComboBox)
    assert worker.count() > 1, "the workers arrived"
    choose(worker, worker.itemText(1))
    calendar = tmp_path / "schedule.ics"
    with dialogs(save_as(calendar)):
        press(ics, "Save .ics")
    assert b"BEGIN:VEVENT" in calendar.read_bytes()
    for dialog in (extraction, audit, report, ics):
        dialog.close()
    assert gui_db_calls.calls == []


def test_the_rules_screen_makes_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True
    from_menu(window, "Practice", "Cancellation reasons && billing rules")
    screen = window.installed.setup.screens["reasons"]
    assert screen.model.rowCount() > 0, "the reasons arrived from the background read"
    assert screen.last_try is not None, "the first reason was tried on an upcoming session"
    press(screen, "New reason")
    type_into(qtbot, field(screen, "Reason", QLineEdit), "Flooded road")
    press(screen, "Save reason")
    assert "was added" in screen.status.text(), screen.error.text()
    with OrmSession(demo_ctx.db.engine) as s:
        labels = s.scalars(select(CancellationReason.label)).all()
    assert "Flooded road" in labels
    screen.close()
    assert gui_db_calls.calls == []


def test_a_csv_import_makes_no_database_call_on_the_gui_thread(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    gui_db_calls: GuiThreadCalls,
    tmp_path: Path,
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("first_name,last_name,email\nZelda,Quill,zq@example.com\n", encoding="utf-8")
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Clients")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)
    assert "1 row(s) ready" in dialog.summary.text(), dialog.error.text()
    press(dialog, "Import")
    assert dialog.summary.text() == "Imported 1 clients from clients.csv."
    with OrmSession(demo_ctx.db.engine) as s:
        assert s.scalar(select(Client.email).where(Client.last_name == "Quill")) == "zq@example.com"
    dialog.close()
    assert gui_db_calls.calls == []


def test_adding_to_the_waitlist_makes_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    window = open_window(demo_ctx, "manager")
    gui_db_calls.armed = True
    from_menu(window, "Practice", "Waitlist")
    screen = window.installed.setup.screens["waitlist"]
    before = screen.model.rowCount()
    picked: dict[str, str] = {}

    def new_entry(w: Any) -> None:
        client = field(w, "Client", QComboBox)
        assert client.count() > 1, "the clients to choose arrived from the background read"
        picked["client"] = client.itemText(1)
        choose(client, picked["client"])
        type_into(qtbot, field(w, "Note", QLineEdit), "Mornings suit best")
        press(w, "Save")

    with dialogs(new_entry):
        press(screen, "Add")
    assert screen.model.rowCount() == before + 1
    with OrmSession(demo_ctx.db.engine) as s:
        notes = s.scalars(select(WaitlistEntry.note)).all()
    assert "Mornings suit best" in notes
    screen.close()
    assert gui_db_calls.calls == []


# -- Practice ▸ sessions and settings ------------------------------------------------------------

SESSION_DAY = "2/4/2026 07:15"  # Thursday, before the demo's sessions: a start nobody holds


def _session_names(ctx: AppContext) -> tuple[str, str, tuple[int, str]]:
    """An active worker's and service's names, and an active client (id, name), as offered."""

    def pick(orm: OrmSession) -> tuple[str, str, tuple[int, str]]:
        worker = orm.scalars(select(Worker.name).where(Worker.active.is_(True))
                             .order_by(Worker.name.desc())).first()  # fmt: skip
        service = orm.scalars(select(Service.name).where(Service.active.is_(True))
                              .order_by(Service.name.desc())).first()  # fmt: skip
        client = orm.scalars(select(Client).where(Client.active.is_(True))
                             .order_by(Client.last_name, Client.id)).first()  # fmt: skip
        assert worker and service and client is not None
        return worker, service, (client.id, client.display_name)

    return data.read(ctx, pick)


def _tick_client(qtbot: Any, dialog: Any, name: str) -> None:
    """Find the client in the dialog's list by typing, and tick them with the space bar."""
    clients = dialog.clients
    type_into(qtbot, field(dialog, "Find", QLineEdit), name)
    shown = [clients.list.item(i) for i in range(clients.list.count())
             if not clients.list.item(i).isHidden()]  # fmt: skip
    assert shown and shown[0].text() == name, [i.text() for i in shown]
    clients.list.setCurrentItem(shown[0])
    QTest.keyClick(clients.list, Qt.Key.Key_Space)


def test_a_new_session_makes_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    worker, service, (client_id, client) = _session_names(demo_ctx)
    window = open_window(demo_ctx, "manager")
    gui_db_calls.armed = True
    before = data.ids(demo_ctx, Session)

    def new_session(w: Any) -> None:
        assert w.windowTitle() == "New session"
        choose(field(w, "Worker", QComboBox), worker)
        choose(field(w, "Service", QComboBox), service)
        type_date(qtbot, field(w, "Start"), SESSION_DAY)
        _tick_client(qtbot, w, client)
        press(w, "Save")  # the preview (a read) warns first: 07:15 is before working hours
        assert w.isVisible() and "outside" in field(w, "Warnings").text(), errors(w)
        press(w, "Save anyway")

    with dialogs(new_session):
        from_menu(window, "Practice", "New session")
    [made] = data.new_rows(demo_ctx, Session, before)
    booked = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Booking.client_id).where(Booking.session_id == made.id))))  # fmt: skip
    assert booked == [client_id]
    names = data.read(demo_ctx, lambda orm: (orm.get(Worker, made.worker_id).name,
                                             orm.get(Service, made.service_id).name))  # fmt: skip
    assert names == (worker, service)
    assert f"{made.starts_at.astimezone(SYD):%d/%m %H:%M}" == "02/04 07:15"
    assert window.statusBar().currentMessage(), "the booking is said in the status bar"
    assert gui_db_calls.calls == []


def test_a_refused_new_session_stays_on_the_form_without_a_gui_thread_call(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    worker, _service, _client = _session_names(demo_ctx)
    three = data.read(demo_ctx, lambda orm: [c.display_name for c in orm.scalars(
        select(Client).where(Client.active.is_(True)).order_by(Client.last_name, Client.id)
    ).all()[:3]])  # fmt: skip
    window = open_window(demo_ctx, "manager")
    gui_db_calls.armed = True
    before = data.ids(demo_ctx, Session)
    refusals: list[str] = []

    def new_session(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), worker)
        type_date(qtbot, field(w, "Start"), SESSION_DAY)
        choose(field(w, "Kind", QComboBox), "Group")
        type_into(qtbot, field(w, "Places", QSpinBox), "2")
        for name in three:
            _tick_client(qtbot, w, name)
        press(w, "Save")
        assert w.isVisible(), "a refusal keeps the dialog open"
        refusals.extend(errors(w))
        press(w, "Cancel")

    with dialogs(new_session, unsaved_question("Discard")):
        from_menu(window, "Practice", "New session")
    assert refusals == [
        "3 clients do not fit 2 place(s); raise the capacity or choose fewer clients."
    ]
    assert data.ids(demo_ctx, Session) == before
    assert gui_db_calls.calls == []


def test_editing_a_session_makes_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    gui_db_calls.armed = True

    def edit(w: Any) -> None:
        assert w.windowTitle() == "Edit session"
        type_date(qtbot, field(w, "Start"), SESSION_DAY)
        press(w, "Save")  # the clash preview (a read) warns first
        assert w.isVisible() and "outside" in field(w, "Warnings").text(), errors(w)
        press(w, "Save anyway")

    with dialogs(edit):
        from_context_menu(window, sid, "Edit session…")
    moved = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
    assert moved is not None
    assert f"{moved.starts_at.astimezone(SYD):%d/%m %H:%M}" == "02/04 07:15"
    assert gui_db_calls.calls == []


def _drag(qtbot: Any, window: Any) -> tuple[int, tuple[Any, int]]:
    """Drag a future session onto a later one of the same worker, as the mouse does; the
    dragged session's id, and its start and worker before."""
    view = window.view
    qtbot.waitUntil(lambda: len(view.blocks()) > 5, timeout=5000)
    now = window.desk.now()
    for row in view.scene.layout.rows:
        ahead = [
            laid.block for laid in row.laid
            if laid.block.starts_at > now and laid.block.status is SessionStatus.ROSTERED
        ]  # fmt: skip
        if len(ahead) >= 2:
            break
    else:
        raise AssertionError("no worker with two sessions ahead on this day")
    first, later = ahead[0], ahead[-1]
    here, there = view.block_rect(first.id).center(), view.block_rect(later.id).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=here)
    qtbot.mouseMove(view.viewport(), pos=QPoint(here.x() + 30, here.y()))
    qtbot.mouseMove(view.viewport(), pos=there)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=there)
    return first.id, (first.starts_at, first.worker_id)


def test_a_dragged_move_and_its_undo_make_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    window = open_window(demo_ctx, "manager")
    window.set_mode(ViewMode.DAY)
    window.go_to(date(2026, 4, 2))
    gui_db_calls.armed = True
    asked: list[str] = []

    def move_anyway(w: Any) -> None:
        asked.append(f"{w.windowTitle()}: {w.text()}")
        press(w, "Yes")

    def where(sid: int) -> tuple[Any, int]:
        s = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
        return s.starts_at, s.worker_id

    with dialogs(move_anyway):
        sid, before = _drag(qtbot, window)
    assert asked and asked[0].startswith("Move anyway?"), asked
    assert "already has a session" in asked[0]  # the clash check (a read) asked first
    moved_to = where(sid)
    assert moved_to[0] > before[0] and moved_to[1] == before[1]
    assert window.statusBar().currentMessage() == "Session moved. Undo with Ctrl+Z."
    shortcut(qtbot, window, "Ctrl+Z")
    assert where(sid) == before, "Ctrl+Z moved the session back"
    shortcut(qtbot, window, "Ctrl+Y")
    assert where(sid) == moved_to, "Ctrl+Y moved it again"
    shortcut(qtbot, window, "Ctrl+Z")
    assert where(sid) == before
    assert gui_db_calls.calls == []


def test_practice_settings_open_and_save_without_a_gui_thread_call(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True
    shown: dict[str, str] = {}

    def settings(w: Any) -> None:
        name = field(w, "Practice name", QLineEdit)
        shown["name"] = name.text()
        type_into(qtbot, name, "Harbourside Allied Health")
        press(w, "Save")

    with dialogs(settings):
        from_menu(window, "Practice", "Practice settings…")
    assert shown["name"], "the settings arrived from the background read"
    saved = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1))
    assert saved is not None and saved.name == "Harbourside Allied Health"
    assert window.statusBar().currentMessage()
    assert gui_db_calls.calls == []


# -- the outbox: its lists, its actions and the sender's pass -------------------------------------


def _use_loopback_email(ctx: AppContext, port: int) -> None:
    """The practice's e-mail goes to a loopback server tried once; its other system is Manual."""

    def apply(orm: OrmSession) -> None:
        row = orm.get(PracticeSettings, 1)
        assert row is not None
        row.smtp_config = {"host": "127.0.0.1", "port": port, "security": "none",
                           "from_address": "reception@harbour.example", "timeout": 2,
                           "max_attempts": 1}  # fmt: skip
        row.integration_kind = IntegrationKind.MANUAL
        row.integration_config = {"name": "Cliniko"}
        orm.commit()

    with OrmSession(ctx.db.engine) as orm:
        apply(orm)


def _click_row(qtbot: Any, page: Any, message_id: int) -> None:
    """Click the row of one message in an outbox list, as the mouse does."""
    proxy = page.proxy
    [index] = [proxy.index(i, 0) for i in range(proxy.rowCount())
               if proxy.data(proxy.index(i, 0), ROW_ROLE).id == message_id]  # fmt: skip
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _message(ctx: AppContext, session_id: int, channel: OutboxChannel) -> OutboxMessage:
    return data.read(ctx, lambda orm: orm.scalars(
        select(OutboxMessage).where(OutboxMessage.session_id == session_id,
                                    OutboxMessage.channel == channel)
        .order_by(OutboxMessage.id.desc())).first())  # fmt: skip


def test_the_outbox_its_retry_and_tick_and_a_sender_pass_make_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, gui_db_calls: GuiThreadCalls
) -> None:
    sink = SmtpSink()
    _use_loopback_email(demo_ctx, sink.port)  # nothing listens there yet
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "admin")
    gui_db_calls.armed = True
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    from_menu(window, "Tools", "Outbox and alerts")
    outbox = window.installed.outbox
    todo = _message(demo_ctx, sid, OutboxChannel.INTEGRATION)
    assert todo.status == OutboxStatus.MANUAL
    manual = outbox.view.lists[OutboxFilter.MANUAL]
    assert todo.id in [manual.model.row(i).id for i in range(manual.model.rowCount())]

    # A sender pass on the pump's timer: the e-mail is due, the server refuses, it fails.
    demo_ctx.db.clock.advance(minutes=3, seconds=1)  # type: ignore[attr-defined]
    outbox.pump.timer.timeout.emit()
    email = _message(demo_ctx, sid, OutboxChannel.EMAIL)
    assert email.status == OutboxStatus.FAILED, email.last_error
    failed = outbox.view.lists[OutboxFilter.FAILED]
    assert email.id in [failed.model.row(i).id for i in range(failed.model.rowCount())]

    # Retry with the mail server up: sent at once; tick the to-do done.
    sink.start()
    try:
        open_tab(outbox.view.tabs, "Failed")
        _click_row(qtbot, failed, email.id)
        press(failed, "Retry")
    finally:
        sink.stop()
    assert _message(demo_ctx, sid, OutboxChannel.EMAIL).status == OutboxStatus.SENT
    assert len(sink.messages) >= 1
    open_tab(outbox.view.tabs, "Manual to-dos")
    _click_row(qtbot, manual, todo.id)
    with dialogs(confirm_question("Tick done")):
        press(manual, "Tick done")
    done = _message(demo_ctx, sid, OutboxChannel.INTEGRATION)
    assert done.status == OutboxStatus.DONE and done.done_by_id is not None
    assert todo.id not in [manual.model.row(i).id for i in range(manual.model.rowCount())]
    assert gui_db_calls.calls == []
