"""Practice ▸ Clients… through the real window: Add… pressed twice while the form is still being
read (a double-click on a busy day) opens one form and adds one client."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_menu, press, type_into


def test_add_pressed_twice_while_the_form_is_read_opens_one_form_and_adds_one_client(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    # The form's data arrives when the test says: the read a busy database answers late.
    reads: list[tuple[Any, Any, Any]] = []
    real = screen.api
    screen.api = replace(real, form=lambda cid, show, failed: reads.append((cid, show, failed)))
    press(screen, "Add…")
    press(screen, "Add…")  # the second click of a double-click, before the form has come

    def new_client(w: Any) -> None:
        type_into(qtbot, field(w, "First name", QLineEdit), "Kim")
        type_into(qtbot, field(w, "Last name", QLineEdit), "Ng")
        type_into(qtbot, field(w, "Email", QLineEdit), "kim.ng@example.com")
        press(w, "Save")

    with dialogs(new_client):
        for cid, show, failed in list(reads):
            real.form(cid, show, failed)
    kims = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Client.id).where(Client.first_name == "Kim", Client.last_name == "Ng"))))  # fmt: skip
    assert len(kims) == 1
    assert len(reads) == 1, "one form was asked for"
    screen.api = real
    with dialogs(lambda w: press(w, "Cancel")) as shown:  # Add opens a form again afterwards
        press(screen, "Add…")
    assert [w.windowTitle() for w in shown] == ["New client"]
    screen.close()
