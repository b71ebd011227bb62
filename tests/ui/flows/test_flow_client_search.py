"""Finding a client on the Clients screen as a receptionist types what she has: part of the
first name and part of the surname together ("olivia smi"), or the phone number read out or
shown by the phone, with or without its spaces ("0412345678", "345 678", "(04) 1234 5678"), and
in its international form ("+61 412 345 678" finds the 0412… on file, and the reverse)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_menu, press, shortcut, type_into


def _client_with_phone(ctx: AppContext) -> int:
    """The first active client, renamed Olivia Smithers with the phone 0412 345 678."""

    def change(orm: Any) -> int:
        client = orm.scalars(select(Client).where(Client.active).order_by(Client.id)).first()
        client.first_name, client.last_name = "Olivia", "Smithers"
        client.phone = "0412 345 678"
        orm.commit()
        return int(client.id)

    return data.read(ctx, change)


def test_the_clients_screen_finds_a_client_by_parts_of_both_names_or_by_the_phone_as_typed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id = _client_with_phone(demo_ctx)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)

    def found(text: str) -> list[int]:
        type_into(qtbot, screen.search, text)
        proxy = screen.proxy
        return [screen.model.row(proxy.mapToSource(proxy.index(i, 0)).row()).id
                for i in range(proxy.rowCount())]  # fmt: skip

    assert found("smithers") == [client_id]  # one column, as before
    for typed in ("olivia smi", "Olivia Smithers", "smithers olivia", "0412345678", "345 678",
                  "345678", "0412-345-678", "(04) 1234 5678", "+61 412 345 678",
                  "+61412345678", "+61 412"):  # fmt: skip
        assert found(typed) == [client_id], typed
    assert found("olivia zz") == []
    assert found("+61 499 999 999") == []
    screen.close()


def test_a_number_typed_in_the_national_form_finds_one_kept_in_the_international_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id = _client_with_phone(demo_ctx)

    def change(orm: Any) -> None:
        orm.get(Client, client_id).phone = "+61 412 345 678"
        orm.commit()

    data.read(demo_ctx, change)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    for typed in ("0412 345 678", "0412345", "412 345 678"):
        type_into(qtbot, screen.search, typed)
        proxy = screen.proxy
        rows = [screen.model.row(proxy.mapToSource(proxy.index(i, 0)).row()).id
                for i in range(proxy.rowCount())]  # fmt: skip
        assert rows == [client_id], typed
    screen.close()


def test_the_session_forms_client_list_finds_a_client_by_the_phone_or_both_names(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    _client_with_phone(demo_ctx)
    window = open_window(demo_ctx, "reception")
    seen: list[list[str]] = []

    def new_session(w: Any) -> None:
        items = w.clients.list
        for typed in ("345678", "0412 345 678", "smithers oli"):
            type_into(qtbot, w.clients.filter, typed)
            seen.append([items.item(i).text() for i in range(items.count())
                         if not items.item(i).isHidden()])  # fmt: skip
        press(w, "Cancel")
        assert not w.isVisible()

    with dialogs(new_session):
        shortcut(qtbot, window, "Ctrl+N")
    assert seen == [["Olivia Smithers"]] * 3
