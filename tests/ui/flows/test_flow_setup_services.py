"""Practice ▸ Services… through the real window: a service's code is unique whatever its case, as
workers' and locations' names are."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Service
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


def _codes(ctx: AppContext, code: str) -> list[str]:
    return data.read(
        ctx, lambda orm: list(orm.scalars(select(Service.code).where(
            func.lower(Service.code) == code.lower())))
    )  # fmt: skip


def test_a_service_code_differing_only_in_case_is_refused_as_a_duplicate(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    assert _codes(demo_ctx, "PHYSIO-PRIV") == ["PHYSIO-PRIV"]  # the demo's private physio
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Services")
    screen = window.installed.setup.screens["services"]
    said: list[list[str]] = []

    def new_service(w: Any) -> None:
        type_into(qtbot, field(w, "Code (support item)", QLineEdit), "physio-priv")
        type_into(qtbot, field(w, "Name", QLineEdit), "Physio (again)")
        type_into(qtbot, field(w, "Price", QLineEdit), "120")
        press(w, "Save")
        said.append(errors(w) if w.isVisible() else ["(saved)"])
        if w.isVisible():
            press(w, "Cancel")

    with dialogs(new_service, unsaved_question("Discard")):
        press(screen, "Add…")
    screen.close()
    assert said == [["The code “physio-priv” is already used by another service."]]
    assert _codes(demo_ctx, "PHYSIO-PRIV") == ["PHYSIO-PRIV"]
