"""Practice ▸ Locations… through the real window: a location changed at another desk while its
form was open is not overwritten by that form's save."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Location
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    errors,
    field,
    from_menu,
    press,
    type_into,
    unsaved_question,
)


def test_renaming_a_location_whose_address_another_desk_just_changed_keeps_that_address(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The other desk changes the address while the form is open: the save is refused saying so,
    the list reloads, and the form opened again from it shows the new address and saves the new
    name."""
    from app.services.desk import open_desk
    from app.services.setup.catalogue import LocationDraft, save_location

    place = data.read(
        demo_ctx, lambda orm: orm.scalars(select(Location).order_by(Location.id)).first()
    )
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Locations")
    screen = window.installed.setup.screens["locations"]
    qtbot.waitUntil(lambda: screen.edit_button.isEnabled() and screen.select_id(place.id),
                    timeout=3000)  # fmt: skip
    shown: list[list[str]] = []

    def rename(w: Any) -> None:
        other = open_desk(demo_ctx.db, "manager")  # changes the address while the form is open
        other.write(
            lambda uow: save_location(uow, place.id, LocationDraft(place.name, "9 New Road"))
        )
        type_into(qtbot, field(w, "Name", QLineEdit), "Riverside rooms")
        press(w, "Save")
        shown.append(errors(w))
        press(w, "Cancel")

    with dialogs(rename, unsaved_question("Discard")):
        press(screen, "Edit…")
    assert shown == [[
        f"{place.name} was changed at another desk while this form was open, so nothing here "
        f"was saved. Press Cancel and open {place.name} again from the list, which now shows "
        "that change; then make yours."
    ]]  # fmt: skip
    now = data.read(demo_ctx, lambda orm: orm.get(Location, place.id))
    assert (now.name, now.address) == (place.name, "9 New Road")
    qtbot.waitUntil(lambda: screen.select_id(place.id)
                    and screen.selected().address == "9 New Road", timeout=3000)  # fmt: skip

    def again(w: Any) -> None:
        assert field(w, "Address", QLineEdit).text() == "9 New Road"
        type_into(qtbot, field(w, "Name", QLineEdit), "Riverside rooms")
        press(w, "Save")
        assert not w.isVisible(), f"the location was not saved: {errors(w)}"

    with dialogs(again):
        press(screen, "Edit…")
    now = data.read(demo_ctx, lambda orm: orm.get(Location, place.id))
    assert (now.name, now.address) == ("Riverside rooms", "9 New Road")
    screen.close()
