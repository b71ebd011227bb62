"""Edit session… from the schedule: Ctrl+E, the context menu and the details panel open the
session form filled in; what is saved is what was typed; a session that can't be changed says why
before anything opens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSpinBox, QToolButton

from app.bootstrap import AppContext
from app.models import Booking, Client, Session
from app.models.enums import BookingStatus
from tests.ui.fit import problems
from tests.ui.flows import data
from tests.ui.flows.driver import (
    click_session,
    dialogs,
    field,
    menu_action,
    press,
    shortcut,
    type_into,
)


def _session(ctx: AppContext, sid: int) -> tuple[Any, list[tuple[int, BookingStatus]]]:
    def pick(orm: Any) -> tuple[Any, list[tuple[int, BookingStatus]]]:
        s = orm.get(Session, sid)
        return s.ends_at, sorted((b.client_id, b.status) for b in s.bookings)

    return data.read(ctx, pick)


def _another_client(ctx: AppContext, sid: int) -> tuple[int, str]:
    """An active client not booked in the session, with a name no other client shares."""

    def pick(orm: Any) -> tuple[int, str]:
        booked = {b.client_id for b in orm.get(Session, sid).bookings}
        people = [c for c in orm.query(Client).order_by(Client.id) if c.active]
        names = [c.display_name for c in people]
        for c in people:
            if c.id not in booked and names.count(c.display_name) == 1:
                return c.id, c.display_name
        raise AssertionError("no client to add")

    return data.read(ctx, pick)


def test_ctrl_e_opens_the_session_form_and_saves_a_client_added_and_a_longer_length(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    ends, booked = _session(demo_ctx, sid)
    added, name = _another_client(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    seen: dict[str, Any] = {}

    def edit(w: Any) -> None:
        seen["title"] = w.windowTitle()
        items = w.clients.list
        seen["ticked"] = [items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(items.count())
                          if items.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
        length = field(w, "Length", QSpinBox)
        type_into(qtbot, length, str(length.value() + 15))
        places = field(w, "Places", QSpinBox)  # the group is full: one more place
        type_into(qtbot, places, str(places.value() + 1))
        type_into(qtbot, w.clients.filter, name)
        shown = [items.item(i) for i in range(items.count()) if not items.item(i).isHidden()]
        assert [i.text() for i in shown] == [name]
        items.setCurrentItem(shown[0])
        QTest.keyClick(items, Qt.Key.Key_Space)
        press(w, "Save")
        if w.isVisible() and not w.warnings.isHidden():  # a warning to confirm
            press(w, "Save anyway")
        assert not w.isVisible(), w.error.text()

    with dialogs(edit):
        shortcut(qtbot, window, "Ctrl+E")
    assert seen["title"] == "Edit session"
    assert sorted(seen["ticked"]) == [client for client, _status in booked]
    after_ends, after_booked = _session(demo_ctx, sid)
    assert after_ends == ends + timedelta(minutes=15)
    assert after_booked == sorted([*booked, (added, BookingStatus.BOOKED)])
    capacity = data.read(demo_ctx, lambda orm: orm.get(Session, sid).capacity)
    assert capacity == len(after_booked)


def test_a_crowded_class_is_edited_in_a_form_that_fits_the_screen_and_saved(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.crowded_class(demo_ctx, 12)  # each client's payment is a row of the form
    ends, booked = _session(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    cut: list[str] = []

    def edit(w: Any) -> None:
        cut.extend(problems(w, may_scroll=True))  # twelve payment rows scroll; Save stays
        length = field(w, "Length", QSpinBox)
        type_into(qtbot, length, str(length.value() + 15))
        press(w, "Save")
        if w.isVisible() and not w.warnings.isHidden():  # a warning to confirm
            press(w, "Save anyway")
        assert not w.isVisible(), w.error.text()

    with dialogs(edit):
        shortcut(qtbot, window, "Ctrl+E")
    assert cut == []
    assert _session(demo_ctx, sid) == (ends + timedelta(minutes=15), booked)


def test_the_details_panel_offers_edit_session_and_cancel_keeps_the_session_as_it_was(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    before = _session(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    action = next(a for a in window.details_panel.toolbar.actions()
                  if a.text().replace("&", "") == "Edit session…")  # fmt: skip
    tool = window.details_panel.toolbar.widgetForAction(action)
    assert isinstance(tool, QToolButton) and tool.isEnabled()
    opened: list[str] = []

    def look_and_cancel(w: Any) -> None:
        opened.append(w.windowTitle())
        press(w, "Cancel")  # nothing changed: closes without asking

    with dialogs(look_and_cancel):
        QTest.mouseClick(tool, Qt.MouseButton.LeftButton)
    assert opened == ["Edit session"]
    assert _session(demo_ctx, sid) == before


def test_a_started_or_cancelled_session_greys_edit_with_the_reason_and_ctrl_e_says_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    started = data.started_unresolved(demo_ctx)
    window = open_window(demo_ctx, "reception")
    menu_action(window, started, "Edit session…")  # the right-click selects it: details read
    qtbot.waitUntil(lambda: window.details is not None, timeout=3000)
    entry = menu_action(window, started, "Edit session…")
    assert not entry.isEnabled()
    reason = "This session has started; it can no longer be changed. Record attendance instead."
    assert entry.toolTip() == reason
    window.statusBar().clearMessage()
    with dialogs():  # no dialog opens
        shortcut(qtbot, window, "Ctrl+E")
    assert window.statusBar().currentMessage() == reason

    cancelled = data.future_individual(demo_ctx)
    data.read(demo_ctx, lambda orm: _cancel_all(orm, cancelled))
    window.reload()
    qtbot.waitUntil(lambda: _status_shown(window, cancelled) == "cancelled", timeout=5000)
    menu_action(window, cancelled, "Edit session…")
    qtbot.waitUntil(lambda: window.details is not None and window.details.block.id == cancelled,
                    timeout=3000)  # fmt: skip
    entry = menu_action(window, cancelled, "Edit session…")
    assert not entry.isEnabled()
    assert entry.toolTip() == "This session is cancelled; only a rostered session can be changed."


def _cancel_all(orm: Any, sid: int) -> None:
    """A session cancelled at another desk (as its rows read afterwards)."""
    from app.models.enums import SessionStatus

    s = orm.get(Session, sid)
    s.status = SessionStatus.CANCELLED
    for b in orm.query(Booking).filter(Booking.session_id == sid):
        b.status = BookingStatus.CANCELLED
    orm.commit()


def _status_shown(window: Any, sid: int) -> str | None:
    for block in window.view.blocks():
        if block.id == sid:
            return str(block.status.value)
    return None
