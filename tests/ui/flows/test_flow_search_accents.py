"""Names found whatever their accents, as a receptionist types them on an English keyboard: the
schedule's search, the Clients screen and the session form's client list find Thảo Đặng by
"thao dang" or "dang", and the Clients screen lists Đặng among the D's."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Client, Session
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_menu, press, shortcut


def _renamed_client_of(ctx: AppContext, session_id: int) -> int:
    """The first client booked in the session, renamed Thảo Đặng."""

    def rename(orm: Any) -> int:
        booking = orm.scalars(
            select(Booking).where(Booking.session_id == session_id).order_by(Booking.id)
        ).first()
        client = orm.get(Client, booking.client_id)
        client.first_name, client.last_name = "Thảo", "Đặng"
        orm.commit()
        return int(client.id)

    return data.read(ctx, rename)  # committed, as another desk would


def test_a_name_typed_without_its_accents_is_found_on_the_schedule_the_clients_screen_and_the_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    client_id = _renamed_client_of(demo_ctx, sid)
    starts = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    window = open_window(demo_ctx, "manager")
    window.go_to(starts.astimezone(window.tz).date())
    view = window.view
    qtbot.waitUntil(lambda: view.block(sid) is not None, timeout=5000)
    shortcut(qtbot, window, "Ctrl+F")
    search = QApplication.focusWidget()
    assert isinstance(search, QLineEdit) and search.accessibleName() == "Search the schedule"
    qtbot.keyClicks(search, "thao dang")
    found = view.matches()  # her sessions of the week shown, and nobody else's
    assert sid in found
    assert all(any(c.client_name == "Thảo Đặng" for c in view.block(m).clients) for m in found)

    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)

    def shown() -> list[tuple[int, str]]:
        proxy = screen.proxy
        rows = [proxy.mapToSource(proxy.index(i, 0)).row() for i in range(proxy.rowCount())]
        return [(screen.model.row(r).id, screen.model.row(r).draft.last_name) for r in rows]

    everyone = shown()
    lasts = [last for _id, last in everyone]
    at = lasts.index("Đặng")  # among the D's: after every C, before every H
    assert all(last[0] in "ABC" for last in lasts[:at]), lasts[:at]
    assert all(last[0] not in "ABC" for last in lasts[at + 1 :]), lasts[at + 1 :]
    qtbot.keyClicks(screen.search, "dang")
    assert shown() == [(client_id, "Đặng")]
    screen.close()

    seen: list[list[str]] = []

    def new_session(w: Any) -> None:
        items = w.clients.list
        qtbot.keyClicks(w.clients.filter, "DANG")
        seen.append(
            [items.item(i).text() for i in range(items.count()) if not items.item(i).isHidden()]
        )
        press(w, "Cancel")
        assert not w.isVisible()

    with dialogs(new_session):
        shortcut(qtbot, window, "Ctrl+N")
    assert seen == [["Thảo Đặng"]]
