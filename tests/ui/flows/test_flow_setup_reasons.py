"""Practice ▸ Cancellation reasons & billing rules… through the real window: reasons named in any
script are saved one after another, each with a code of its own, without the desk being refused
over a code it never typed; a reason named as another the desk chooses from beside it is refused."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import CancellationReason, PracticeSettings
from app.models.enums import BillingProfile
from app.ui.models.table import ROW_ROLE
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    confirm_question,
    dialogs,
    errors,
    field,
    from_menu,
    press,
    press_default,
    type_any_script,
    type_into,
)


def _reasons_screen(qtbot: Any, window: Any) -> Any:
    """Practice ▸ Cancellation reasons & billing rules…, its list read."""
    from_menu(window, "Practice", "Cancellation reasons && billing rules")
    screen = window.installed.setup.screens["reasons"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 1, timeout=3000)
    return screen


def test_reasons_named_in_another_script_are_each_saved_with_their_own_code(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    screen = _reasons_screen(qtbot, open_window(demo_ctx, "admin"))
    said: list[list[str]] = []
    for label in ("Болезнь", "Семейные обстоятельства", "病気"):
        with dialogs():  # no question: the reason before was saved
            press(screen, "New reason")
        type_any_script(field(screen, "Reason", QLineEdit), label)
        press(screen, "Save reason")
        said.append(errors(screen))
    saved = data.read(demo_ctx, lambda orm: dict(orm.execute(select(
        CancellationReason.label, CancellationReason.code)).all()))  # fmt: skip
    assert said == [[], [], []]
    assert {"Болезнь", "Семейные обстоятельства", "病気"} <= set(saved)
    codes = [saved[label] for label in ("Болезнь", "Семейные обстоятельства", "病気")]
    assert len(set(saved.values())) == len(saved), "every reason has a code of its own"
    assert all(code.replace("_", "").isalnum() and code.isascii() for code in codes), codes
    press(screen, "Close")


def _profile(ctx: AppContext) -> BillingProfile:
    return data.read(ctx, lambda orm: orm.scalars(select(PracticeSettings.billing_profile)).one())


def test_the_billing_profile_changes_only_when_the_question_is_answered(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """One click on the other profile would change how every desk charges: it asks first, and
    Enter keeps the profile in use ticked and saved."""
    screen = _reasons_screen(qtbot, open_window(demo_ctx, "admin"))
    assert _profile(demo_ctx) == BillingProfile.NDIS
    asks = "Charge cancellations by the Private practice reasons and rules from now on"
    with dialogs(confirm_question("Keep NDIS", asks=asks)):
        press(screen, "Private practice")
    assert _profile(demo_ctx) == BillingProfile.NDIS
    assert screen.profile_buttons[BillingProfile.NDIS].isChecked()
    with dialogs(press_default):  # Enter: Keep, the default
        press(screen, "Private practice")
    assert _profile(demo_ctx) == BillingProfile.NDIS
    with dialogs(confirm_question("Use Private practice", asks=asks)):
        press(screen, "Private practice")
    qtbot.waitUntil(lambda: "private practice" in screen.status.text(), timeout=3000)
    assert _profile(demo_ctx) == BillingProfile.PRIVATE
    assert screen.profile_buttons[BillingProfile.PRIVATE].isChecked()
    press(screen, "Close")


def test_a_reason_named_as_another_for_the_same_cancellations_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The cancel dialog lists the reasons for clients by name: a second "Health" there, typed
    in lower case with a space after it, is refused; under the other profile it may be."""
    screen = _reasons_screen(qtbot, open_window(demo_ctx, "admin"))
    before = data.count(demo_ctx, CancellationReason)
    with dialogs():
        press(screen, "New reason")
    type_into(qtbot, field(screen, "Reason", QLineEdit), "health ")
    press(screen, "Save reason")
    assert errors(screen) == [
        "There is already a reason called “Health” for the same cancellations; give this one "
        "another name, or change that one."
    ]
    assert data.count(demo_ctx, CancellationReason) == before
    choose(field(screen, "Profile", QComboBox), "Private practice")  # no "Health" there
    press(screen, "Save reason")
    assert errors(screen) == []
    assert data.count(demo_ctx, CancellationReason) == before + 1
    press(screen, "Close")


def test_a_reason_code_typed_in_capitals_is_saved_in_lower_case(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    screen = _reasons_screen(qtbot, open_window(demo_ctx, "admin"))
    with dialogs():
        press(screen, "New reason")
    type_into(qtbot, field(screen, "Reason", QLineEdit), "Sick leave")
    type_into(qtbot, field(screen, "Code", QLineEdit), "SICK_LEAVE")
    press(screen, "Save reason")
    assert errors(screen) == []
    saved = data.read(demo_ctx, lambda orm: orm.scalars(select(CancellationReason.code).where(
        CancellationReason.label == "Sick leave")).all())  # fmt: skip
    assert saved == ["sick_leave"]
    press(screen, "Close")


def _reason(ctx: AppContext, label: str) -> CancellationReason:
    return data.read(ctx, lambda orm: orm.scalars(select(CancellationReason).where(
        CancellationReason.label == label)).one())  # fmt: skip


def _click_reason(qtbot: Any, screen: Any, reason_id: int) -> None:
    """Click the reason's line in the list, where a person clicks."""
    from PySide6.QtCore import Qt

    [row] = [i for i in range(screen.proxy.rowCount())
             if screen.proxy.data(screen.proxy.index(i, 0), ROW_ROLE).id == reason_id]  # fmt: skip
    rect = screen.table.visualRect(screen.proxy.index(row, 2))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_reason_changed_at_another_desk_while_it_is_edited_here_is_not_overwritten(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Another desk makes "Health" inactive while it is being renamed here: Save reason is
    refused saying so, the reason stays inactive, and the form shows it as it now is (inactive,
    its old name); the rename made again is saved and keeps it inactive."""
    from dataclasses import replace

    from app.services.desk import open_desk
    from app.services.setup.reasons import list_reasons, save_reason

    screen = _reasons_screen(qtbot, open_window(demo_ctx, "admin"))
    health = _reason(demo_ctx, "Health")
    _click_reason(qtbot, screen, health.id)
    assert field(screen, "Reason", QLineEdit).text() == "Health"
    other = open_desk(demo_ctx.db, "admin")
    [row] = [r for r in other.read(list_reasons) if r.id == health.id]
    other.write(lambda uow: save_reason(uow, health.id, replace(row.draft, active=False)))
    type_into(qtbot, field(screen, "Reason", QLineEdit), "Health (illness)")
    press(screen, "Save reason")
    qtbot.waitUntil(lambda: bool(errors(screen)), timeout=3000)
    assert errors(screen) == [
        "“Health” was changed at another desk while you were editing it, so nothing was saved. "
        "The form now shows it as it is; make your change again and save."
    ]
    now = _reason(demo_ctx, "Health")
    assert (now.id, now.active) == (health.id, False)
    qtbot.waitUntil(lambda: not field(screen, "Active (offered in the cancel dialog)",
                                      QCheckBox).isChecked(), timeout=3000)  # fmt: skip
    assert field(screen, "Reason", QLineEdit).text() == "Health"
    type_into(qtbot, field(screen, "Reason", QLineEdit), "Health (illness)")
    press(screen, "Save reason")
    qtbot.waitUntil(lambda: "was saved" in screen.status.text(), timeout=3000)
    assert errors(screen) == []
    now = _reason(demo_ctx, "Health (illness)")
    assert (now.id, now.active) == (health.id, False)
    press(screen, "Close")
