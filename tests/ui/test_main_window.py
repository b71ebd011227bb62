"""The main window on the demo practice: range, navigation, panels, shortcuts, state, names."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from app.bootstrap import AppContext
from app.models.enums import BookingStatus, CancelledBy, SessionKind, SessionStatus
from app.models.lifecycle import Action
from app.services.desk import Desk, open_desk
from app.services.dto import CancelRequest, SessionBlock
from app.services.sessions import attendance, undo
from app.services.sessions import cancel as cancellation
from app.ui import messages
from app.ui.schedule.bookings import StatusFilter
from app.ui.schedule.range import ViewMode, bounds
from app.ui.start.main_window import MainWindow
from app.ui.tasks import TaskRunner

WED = date(2026, 4, 1)  # DEMO_NOW's local day


def make_window(qtbot: Any, ctx: AppContext, username: str = "admin") -> MainWindow:
    """A window whose background loads run inline, so each step is ready when it returns."""
    window = MainWindow(open_desk(ctx.db, username), ctx, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    return window


def press(
    qtbot: Any, window: MainWindow, key: Qt.Key, mods: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press where the user's focus is, in an active window, as shortcuts need."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTest.keyClick(QApplication.focusWidget() or window, key, mods)


def shown_ids(window: MainWindow) -> set[int]:
    return {b.id for b in window.view.blocks()}


def expected_ids(desk: Desk, days: list[date]) -> set[int]:
    start, end = bounds(days, window_tz(desk))
    return {b.id for b in desk.schedule(start, end)}


def window_tz(desk: Desk) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(desk.time_zone())


def future_single(window: MainWindow) -> SessionBlock:
    """A rostered individual session later this week with one booked client."""
    return next(
        b
        for b in window.view.blocks()
        if b.status is SessionStatus.ROSTERED
        and b.starts_at > window.now + timedelta(hours=2)
        and b.kind is SessionKind.INDIVIDUAL
        and b.count(BookingStatus.BOOKED) == 1
    )


def started_unresolved(window: MainWindow) -> SessionBlock:
    return next(
        b
        for b in window.view.blocks()
        if b.status is SessionStatus.ROSTERED and b.starts_at <= window.now
    )


def test_the_window_opens_on_this_week_with_every_session_of_it(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    assert window.mode is ViewMode.WEEK
    assert window.visible_days()[0] == date(2026, 3, 30)
    assert window.visible_days()[-1] == date(2026, 4, 5)
    assert shown_ids(window) == expected_ids(window.desk, window.visible_days())
    assert len(shown_ids(window)) > 100
    assert window.toolbar.title.text() == "30 Mar – 05 April 2026"
    assert window.windowTitle() == "FrontDesk — Harbourside Allied Health"


def test_navigation_next_previous_today_and_day_week_change_the_visible_range(
    qtbot, demo_ctx
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    window.step(1)
    assert window.visible_days()[0] == date(2026, 4, 6)
    assert shown_ids(window) == expected_ids(window.desk, window.visible_days())
    window.step(-2)
    assert window.visible_days()[0] == date(2026, 3, 23)
    window.set_mode(ViewMode.DAY)
    assert window.visible_days() == [date(2026, 3, 23) + timedelta(days=2)]
    assert window.view.mode is ViewMode.DAY
    window.go_today()
    assert window.visible_days() == [WED]
    assert shown_ids(window) == expected_ids(window.desk, [WED])
    window.step(1)
    assert window.visible_days() == [WED + timedelta(days=1)]
    assert window.toolbar.date_edit.date().toPython() == WED + timedelta(days=1)


def test_the_mini_calendar_goes_to_a_day_and_follows_the_range(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    window.calendar.date_chosen.emit(date(2026, 3, 18))
    assert window.visible_days()[0] == date(2026, 3, 16)
    assert window.calendar.selectedDate().toPython() == date(2026, 3, 18)
    assert shown_ids(window) == expected_ids(window.desk, window.visible_days())


def test_navigation_shortcuts_move_the_range(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.mode is ViewMode.DAY
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.visible_days() == [WED + timedelta(days=1)]
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.visible_days() == [WED - timedelta(days=1)]
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.visible_days() == [WED]
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.mode is ViewMode.WEEK
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.toolbar.search.hasFocus()


def test_session_shortcuts_trigger_their_actions(qtbot, demo_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    requested: list[tuple[str, int]] = []
    window.action_requested.connect(lambda action, sid: requested.append((action, sid)))
    future = future_single(window)
    window.select_session(future.id)
    window.view.setFocus()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_Delete)
    press(qtbot, window, Qt.Key.Key_R, ctrl | shift)
    press(qtbot, window, Qt.Key.Key_W, ctrl | shift)
    press(qtbot, window, Qt.Key.Key_Delete, ctrl)
    assert requested == [
        (Action.CANCEL.value, future.id),
        (Action.RESCHEDULE.value, future.id),
        (Action.REPLACE_WORKER.value, future.id),
        (Action.DELETE.value, future.id),
    ]
    press(qtbot, window, Qt.Key.Key_C, ctrl)
    assert f"Session #{future.id}" in QGuiApplication.clipboard().text()
    assert future.client_names in QGuiApplication.clipboard().text()
    started = started_unresolved(window)
    window.select_session(started.id)
    press(qtbot, window, Qt.Key.Key_D, ctrl | shift)
    assert requested[-1] == (Action.DNA.value, started.id)
    press(qtbot, window, Qt.Key.Key_Return, ctrl)
    # With the dialogs connected, Complete opens the dialog that lists the SDs it creates.
    assert requested[-1] == (Action.COMPLETE.value, started.id)
    window.action_requested.disconnect()
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask", lambda _p, _t, text: asked.append(text) or True)
    press(qtbot, window, Qt.Key.Key_Return, ctrl)  # a bare window confirms and completes itself
    assert asked and started.worker_name in asked[0]
    assert window.view.block(started.id).status is SessionStatus.COMPLETED  # type: ignore[union-attr]


def test_undo_shortcut_asks_for_the_undo_dialog_on_a_cancelled_session(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx, "manager")
    requested: list[tuple[str, int]] = []
    window.action_requested.connect(lambda action, sid: requested.append((action, sid)))
    cancelled = next(b for b in window.view.blocks() if b.status is SessionStatus.CANCELLED)
    window.select_session(cancelled.id)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_Z, mods)
    assert requested == [(Action.UNDO.value, cancelled.id)]


def test_a_dialog_action_with_nobody_listening_explains_instead_of_doing_nothing(
    qtbot, demo_ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    told: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda _p, title, _text: told.append(title))
    window.request_action(Action.RESCHEDULE, future_single(window).id)
    assert told == ["Reschedule"]


def test_a_dialogs_change_set_refreshes_every_view(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    fanned_out: list[object] = []
    window.changes_applied.connect(fanned_out.append)
    block = future_single(window)
    reason = window.desk.read(lambda u: cancellation.reasons_for(u, CancelledBy.CLIENT))[0][0]
    request = CancelRequest(
        session_id=block.id,
        cancelled_by=CancelledBy.CLIENT,
        advised_at=window.desk.now(),
        reason_id=reason,
    )
    result = window.desk.write(lambda u: cancellation.cancel(u, request))  # what the dialog runs
    window.notify_changed(result.changes)
    assert fanned_out == [result.changes]
    assert window.view.block(block.id).status is SessionStatus.CANCELLED  # type: ignore[union-attr]
    # The Bookings tab, behind the schedule, reads the change when it is brought forward.
    assert window.bookings_stale
    window.tabs.setCurrentWidget(window.bookings)
    rows = [r for r in window.bookings.model.rows() if r.block.id == block.id]
    assert rows and all(r.booking.status is BookingStatus.CANCELLED for r in rows)
    assert not window.bookings_stale


def test_complete_refused_by_the_service_shows_its_sentence(qtbot, demo_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    refusals: list[str] = []
    monkeypatch.setattr(messages, "ask", lambda *_a: True)
    monkeypatch.setattr(messages, "warn", lambda _p, _t, text: refusals.append(text))
    future = future_single(window)
    window.commands.complete(future, lambda _r: None, lambda: None)
    assert refusals == ["This session hasn't started yet; complete it once it has started."]
    assert window.view.block(future.id).status is SessionStatus.ROSTERED  # type: ignore[union-attr]


def _cancel_then_undo(desk: Desk, block: SessionBlock) -> None:
    reason = desk.read(lambda u: cancellation.reasons_for(u, CancelledBy.CLIENT))[0][0]
    request = CancelRequest(
        session_id=block.id,
        cancelled_by=CancelledBy.CLIENT,
        advised_at=desk.now() - timedelta(minutes=5),
        reason_id=reason,
        note="Rang the desk",
    )
    desk.write(lambda u: cancellation.cancel(u, request))
    desk.write(lambda u: undo.undo_cancellation(u, block.id, "Rang back: keeping it"))


def test_the_details_panel_shows_bookings_and_cancellation_history_with_undo(
    qtbot, demo_ctx
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx, "manager")
    block = future_single(window)
    _cancel_then_undo(window.desk, block)
    window.open_session(block.id)
    text = window.details_panel.plain_text()
    assert window.details_dock.isVisible()
    assert block.clients[0].client_name in text
    assert "Cancellation history" in text
    assert "Client cancellation" in text
    assert "Rang the desk" in text
    assert "Undone" in text and "by Practice manager" in text
    assert "Rang back: keeping it" in text
    assert "Audit trail" in text and "Undo cancellation" in text


def test_bookings_tab_filters_by_status_and_search(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    tab = window.bookings
    window.tabs.setCurrentWidget(tab)  # read when it is first shown
    tab.set_filter(StatusFilter.CANCELLED)
    rows = tab.visible_rows()
    assert rows and all(r.booking.status is BookingStatus.CANCELLED for r in rows)
    tab.set_filter(StatusFilter.UPCOMING)
    assert all(
        r.booking.status is BookingStatus.BOOKED and r.block.starts_at > window.now
        for r in tab.visible_rows()
    )
    tab.set_filter(StatusFilter.ALL)
    everything = len(tab.visible_rows())
    tab.search.setText("Olivia")
    found = tab.visible_rows()
    assert 0 < len(found) < everything
    # a row matches when anyone in its session does (a group lists all its clients' rows)
    assert all(any(c.client_name.startswith("Olivia") for c in r.block.clients) for r in found)
    assert any(r.booking.client_name.startswith("Olivia") for r in found)
    tab.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    names = [r.booking.client_name for r in tab.visible_rows()]
    assert names == sorted(names, reverse=True)


def test_the_worklist_lists_unresolved_sessions_and_double_click_opens_one(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    expected = window.desk.read(attendance.list_unresolved_past_sessions)
    assert window.worklist.model.rowCount() == len(expected) > 0
    assert window.tabs.tabText(2) == f"&Unresolved ({len(expected)})"
    window.go_to(date(2026, 4, 20))
    oldest = expected[0]
    window.worklist.session_activated.emit(oldest.session_id)
    assert window.selected == oldest.session_id
    assert window.view.selected_id == oldest.session_id
    assert window.tabs.currentWidget() is window.view


def test_window_state_is_remembered(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    window.set_mode(ViewMode.DAY)
    window.go_to(date(2026, 4, 3))
    window.details_dock.hide()
    worker = window.view.visible_workers()[0]
    window.toolbar.workers_menu.actions()[2].setChecked(False)
    assert worker.id not in {w.id for w in window.view.visible_workers()}
    window.close()
    again = make_window(qtbot, demo_ctx)
    assert again.mode is ViewMode.DAY
    assert again.visible_days() == [date(2026, 4, 3)]
    assert not again.details_dock.isVisible()
    assert worker.id not in {w.id for w in again.view.visible_workers()}


CONTROLS = (
    QLineEdit,
    QComboBox,
    QDateEdit,
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
)


def test_every_control_has_an_accessible_name(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    unnamed, seen = [], 0
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        for control in window.findChildren(QWidget):
            if not isinstance(control, CONTROLS) or isinstance(control, QHeaderView):
                continue
            if not control.isVisible() or _inside(control, (QDateEdit, QComboBox)):
                continue
            seen += 1
            name = QAccessible.queryAccessibleInterface(control).text(QAccessible.Text.Name)
            if not name:
                unnamed.append(f"{type(control).__name__} {control.objectName()}")
    assert seen > 20
    assert unnamed == []


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False
