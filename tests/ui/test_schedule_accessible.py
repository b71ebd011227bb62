"""The schedule for screen readers: every shown session an accessible item, named, in time
order, followed by the keyboard, opened and given its menu as a screen reader's user does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from app.models.enums import SessionKind, SessionStatus
from app.services.dto import BookingInfo, SessionBlock
from app.ui.schedule import accessible, accessible_items, text
from app.ui.start.main_window import MainWindow
from tests.ui.test_main_window import expected_ids, make_window, press
from tests.ui.test_schedule_view import NOW, TZ, B, C, block

Name = QAccessible.Text.Name
Action = QAccessibleActionInterface


@pytest.fixture
def reader() -> Iterator[None]:
    """Accessibility on, as when a screen reader listens (offscreen has none of its own)."""
    was = QAccessible.isActive()
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(was)


def tree(window: MainWindow) -> QAccessibleInterface:
    iface = QAccessible.queryAccessibleInterface(window.view)
    assert iface is not None and iface.role() == QAccessible.Role.List
    return iface


def names(iface: QAccessibleInterface) -> list[str]:
    return [iface.child(i).text(Name) for i in range(iface.childCount())]


def focused_name(window: MainWindow) -> str:
    child = tree(window).focusChild()
    assert child is not None and child.state().focused
    return child.text(Name)


def test_a_session_is_named_by_time_clients_worker_and_status() -> None:
    one = block(SessionStatus.CANCELLED, (C,))
    assert accessible_items.label(one, TZ, NOW) == (
        f"Wednesday 01 April, {text.span(one, TZ)}, Client 0, with Worker 1, Cancelled"
    )
    group = SessionBlock(
        **{
            **block(SessionStatus.ROSTERED, (B, B, C))._asdict(),
            "kind": SessionKind.GROUP,
            "service_name": "Hydrotherapy group",
            "capacity": 4,
        }
    )
    said = accessible_items.label(group, TZ, NOW)
    told = accessible_items.described(group, TZ, NOW)
    assert "Location: Clinic" in told
    assert told.endswith("Clients: Client 0 (Booked), Client 1 (Booked), Client 2 (Cancelled)")
    assert "Hydrotherapy group, 2/4 clients: Client 0, Client 1, with Worker 1" in said
    assert said.endswith("Rostered (partly cancelled)")


def test_the_week_is_a_list_of_its_sessions_in_time_order(
    qtbot: Any, demo_ctx: Any, reader: None
) -> None:
    window = make_window(qtbot, demo_ctx)
    iface = tree(window)
    shown = expected_ids(window.desk, window.view.days)
    assert len(shown) > 20
    assert iface.childCount() == len(shown)
    items = [iface.child(i) for i in range(iface.childCount())]
    blocks = [window.view.block(item.session_id) for item in items]  # type: ignore[attr-defined]
    assert {b.id for b in blocks if b} == shown
    starts = [b.starts_at for b in blocks if b]
    assert starts == sorted(starts)
    for i, (item, b) in enumerate(zip(items, blocks, strict=True)):
        assert b is not None
        said = item.text(Name)
        assert text.span(b, window.tz) in said
        assert b.client_names in said or text.who(b) in said
        assert f"with {b.worker_name}" in said and text.status_text(b, window.now) in said
        assert item.role() == QAccessible.Role.ListItem
        assert iface.indexOfChild(item) == i and item.parent() is iface
        assert item is iface.child(i)  # one interface per session, asked for again
    # On screen where it is drawn, and found there.
    first = blocks[0]
    assert first is not None
    window.view.ensure_visible(first.id)
    rect = items[0].rect()
    drawn = window.view.block_rect(first.id)
    assert drawn is not None and rect.topLeft() == window.view.viewport().mapToGlobal(
        drawn.topLeft()
    )
    assert iface.childAt(rect.center().x(), rect.center().y()) is items[0]
    assert not items[0].state().offscreen
    # Qt reaches the actions the way a screen reader's bridge does (through interface_cast),
    # and asks for every other kind too, which an item does not have.
    actions = QAccessibleInterface.actionInterface(items[0])
    assert actions is not None
    assert {Action.pressAction(), Action.showMenuAction()} <= set(actions.actionNames())
    for kind in (
        QAccessibleInterface.textInterface,
        QAccessibleInterface.editableTextInterface,
        QAccessibleInterface.valueInterface,
        QAccessibleInterface.selectionInterface,
        QAccessibleInterface.tableCellInterface,
        QAccessibleInterface.attributesInterface,
    ):
        assert kind(items[0]) is None


def test_the_list_follows_the_week_and_the_worker_filter(
    qtbot: Any, demo_ctx: Any, reader: None
) -> None:
    window = make_window(qtbot, demo_ctx)
    iface = tree(window)
    before = names(iface)
    old = iface.child(0)
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # next week
    after = expected_ids(window.desk, window.view.days)
    assert iface.childCount() == len(after) > 0
    assert names(iface) != before
    assert {iface.child(i).session_id for i in range(iface.childCount())} == after  # type: ignore[attr-defined]
    assert not old.isValid() or old.session_id in after  # type: ignore[attr-defined]
    worker = window.view.blocks()[0].worker_id
    window.view.set_worker_filter({worker})
    theirs = [b for b in window.view.blocks() if b.worker_id == worker]
    assert iface.childCount() == len(theirs)
    assert all(f"with {theirs[0].worker_name}" in n for n in names(iface))


def test_the_keyboard_moves_the_focused_session(qtbot: Any, demo_ctx: Any, reader: None) -> None:
    window = make_window(qtbot, demo_ctx)
    view, iface = window.view, tree(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    view.setFocus()
    assert view.hasFocus() and view.selected_id == 0 and iface.focusChild() is None
    QTest.keyClick(view, Qt.Key.Key_Tab)  # the first session
    assert focused_name(window) == iface.child(0).text(Name)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert focused_name(window) == iface.child(1).text(Name)
    assert window.selected == iface.child(1).session_id  # type: ignore[attr-defined]
    QTest.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused_name(window) == iface.child(0).text(Name)
    QTest.keyClick(view, Qt.Key.Key_Right)  # along the worker's row
    moved = view.selected_id
    assert moved != iface.child(0).session_id  # type: ignore[attr-defined]
    assert tree(window).focusChild() is iface.child(iface.indexOfChild(iface.focusChild()))
    assert focused_name(window) == accessible_items.label(view.block(moved), window.tz, window.now)  # type: ignore[arg-type]
    # Escape lets go of the session, and Tab then leaves the schedule.
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_id == 0 and iface.focusChild() is None
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()


def test_return_opens_the_focused_session_and_shift_f10_its_menu(
    qtbot: Any, demo_ctx: Any, reader: None
) -> None:
    window = make_window(qtbot, demo_ctx)
    view, iface = window.view, tree(window)
    window.details_dock.hide()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    view.setFocus()
    for _ in range(4):
        QTest.keyClick(view, Qt.Key.Key_Tab)
    target = iface.child(3).session_id  # type: ignore[attr-defined]
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.details_dock.isVisible()
    assert window.details_panel.details is not None
    assert window.details_panel.details.block.id == target
    press(qtbot, window, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert "&Open" in [a.text() for a in menu.actions()]
    menu.close()
    # A screen reader's Press on another session opens it as Return does.
    other = iface.child(5)
    QAccessibleInterface.actionInterface(other).doAction(Action.pressAction())
    assert window.details_panel.details.block.id == other.session_id  # type: ignore[attr-defined]
    assert focused_name(window) == other.text(Name)


def test_a_session_renamed_by_a_change_is_said_anew(
    qtbot: Any, demo_ctx: Any, reader: None
) -> None:
    window = make_window(qtbot, demo_ctx)
    iface = tree(window)
    item = iface.child(0)
    sid = item.session_id  # type: ignore[attr-defined]
    b = window.view.block(sid)
    assert b is not None
    moved = SessionBlock(
        **{
            **b._asdict(),
            "starts_at": b.starts_at + timedelta(minutes=5),
            "ends_at": b.ends_at + timedelta(minutes=5),
            "clients": (BookingInfo(1, 1, "Renamed Person", b.clients[0].status, 1),),
        }
    )
    snap = window.view.blocks()
    from app.services.dto import ScheduleSnapshot

    window.view.set_snapshot(
        ScheduleSnapshot(
            snap[0].starts_at, snap[-1].ends_at, tuple(window.view.visible_workers()),
            tuple(moved if x.id == sid else x for x in snap), 1,
        ),
        window.view.mode,
        window.view.days,
    )  # fmt: skip
    found = iface.child(tree(window).indexOfChild(item))
    assert found is item and "Renamed Person" in item.text(Name)


def test_a_schedule_view_is_freed_and_its_items_leave_qts_cache(qtbot: Any, reader: None) -> None:
    import gc
    import weakref
    from datetime import date

    from app.ui.schedule.range import ViewMode, visible_days
    from app.ui.schedule.view import ScheduleView
    from tests.ui.test_schedule_view import _big_week

    view = ScheduleView(TZ, NOW)
    view.set_snapshot(
        _big_week(2, 3), ViewMode.WEEK, visible_days(date(2026, 3, 30), ViewMode.WEEK)
    )
    iface = QAccessible.queryAccessibleInterface(view)
    ids = [QAccessible.uniqueId(iface.child(i)) for i in range(iface.childCount())]
    assert len(ids) == 2 * 3 * 7
    assert all(QAccessible.accessibleInterface(i) is not None for i in ids)
    gone = weakref.ref(view)
    del view, iface
    gc.collect()
    assert gone() is None
    assert all(QAccessible.accessibleInterface(i) is None for i in ids)
    assert not set(ids) & set(accessible._REGISTERED)
