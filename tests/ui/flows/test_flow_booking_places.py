"""Booking a client into a session from Edit session… (Ctrl+E): a second client in an individual
session, or one more in a full group, is refused with the sentence saying what to do instead,
and nothing is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.bootstrap import AppContext
from app.models import AuditEvent, Session
from tests.ui.flows import data
from tests.ui.flows.driver import click_session, dialogs, press, shortcut, type_into
from tests.ui.flows.test_flow_edit_session import _another_client


def _booked(ctx: AppContext, sid: int) -> tuple[int, list[int]]:
    def pick(orm: Any) -> tuple[int, list[int]]:
        s = orm.get(Session, sid)
        return s.version, sorted(b.client_id for b in s.bookings)

    return data.read(ctx, pick)


def _add_client_and_save(qtbot: Any, name: str, said: list[str]) -> Any:
    def edit(w: Any) -> None:
        type_into(qtbot, w.clients.filter, name)
        items = w.clients.list
        shown = [items.item(i) for i in range(items.count()) if not items.item(i).isHidden()]
        assert [i.text() for i in shown] == [name]
        items.setCurrentItem(shown[0])
        QTest.keyClick(items, Qt.Key.Key_Space)
        press(w, "Save")
        assert w.isVisible()  # refused: the form stays, saying why
        assert w.warnings.isHidden(), w.warnings.text()
        said.append(w.error.text())
        w.reject()

    return edit


def test_a_second_client_in_an_individual_session_is_refused_saying_choose_group_or_class(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    before = _booked(demo_ctx, sid)
    events = data.count(demo_ctx, AuditEvent)
    _added, name = _another_client(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    said: list[str] = []
    with dialogs(_add_client_and_save(qtbot, name, said)):
        shortcut(qtbot, window, "Ctrl+E")
    assert said == [
        "An individual session has one client; choose group or class for more clients, or "
        "choose one client."
    ]
    assert _booked(demo_ctx, sid) == before
    assert data.count(demo_ctx, AuditEvent) == events


def test_one_more_client_in_a_full_group_is_refused_saying_raise_the_places(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    before = _booked(demo_ctx, sid)
    events = data.count(demo_ctx, AuditEvent)
    _added, name = _another_client(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    said: list[str] = []
    with dialogs(_add_client_and_save(qtbot, name, said)):
        shortcut(qtbot, window, "Ctrl+E")
    n = len(before[1])
    assert said == [
        f"{n + 1} clients do not fit {n} place(s); raise the capacity or choose fewer clients."
    ]
    assert _booked(demo_ctx, sid) == before
    assert data.count(demo_ctx, AuditEvent) == events
