"""Practice ▸ Services… through the real window: a service's code is unique whatever its case, as
workers' and locations' names are; a sessions file names it in any case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Service, Session, Worker
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
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


def test_a_sessions_file_naming_a_service_code_in_another_case_is_imported(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    """Codes are one whatever their case, as workers' and locations' names are in the same file:
    "physio-priv" is the demo's PHYSIO-PRIV, not a refusal."""
    worker = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Worker.name).where(Worker.active.is_(True)).order_by(Worker.id)).first())  # fmt: skip
    path = tmp_path / "sessions.csv"
    path.write_text(f"date,start,minutes,worker,service\n2026-05-04,07:00,45,{worker},physio-priv\n",
                    encoding="utf-8")  # fmt: skip
    before = data.ids(demo_ctx, Session)
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Sessions (upcoming)")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)
    problems = field(dialog, "Problems", QTableView).model()
    assert [problems.index(r, 3).data() for r in range(problems.rowCount())] == []
    press(dialog, "Import")
    [made] = data.new_rows(demo_ctx, Session, before)
    code = data.read(demo_ctx, lambda orm: orm.get(Service, made.service_id).code)
    assert code == "PHYSIO-PRIV"
    dialog.close()


def test_a_price_saved_over_another_desks_change_of_the_service_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The form opened on the list as read before another desk deactivated the service: its save
    (a new price) is refused saying so, and the service stays as the other desk left it."""
    from dataclasses import replace

    from app.services.desk import open_desk
    from app.services.setup.catalogue import list_services, save_service

    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Services")
    screen = window.installed.setup.screens["services"]
    sid = data.read(demo_ctx, lambda orm: orm.scalar(select(Service.id).where(
        Service.code == "PHYSIO-PRIV")))  # fmt: skip
    qtbot.waitUntil(lambda: screen.edit_button.isEnabled() and screen.select_id(sid), timeout=3000)
    other = open_desk(demo_ctx.db, "manager")
    row = next(r for r in other.read(list_services) if r.id == sid)
    other.write(lambda uow: save_service(uow, sid, replace(row.draft, active=False)))
    said: list[list[str]] = []

    def new_price(w: Any) -> None:
        type_into(qtbot, field(w, "Price", QLineEdit), "150")
        press(w, "Save")
        said.append(errors(w) if w.isVisible() else ["(saved)"])
        if w.isVisible():
            press(w, "Cancel")

    with dialogs(new_price, unsaved_question("Discard")):
        press(screen, "Edit…")
    screen.close()
    name = row.draft.name
    assert said == [[
        f"{name} was changed at another desk while this form was open, so nothing here was saved. "
        f"Press Cancel and open {name} again from the list, which now shows that change; then "
        "make yours."
    ]]  # fmt: skip
    now = data.read(demo_ctx, lambda orm: orm.get(Service, sid))
    assert (now.active, now.price_cents) == (False, row.price_cents)
