"""File ▸ Restore from a backup… while a form holds typing not yet saved: the question names the
form and says the typing would be lost, and how to keep it; its default answer keeps the
practice, restores nothing, and the typing is still in the form."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from app.bootstrap import AppContext
from app.models import PracticeSettings
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    field,
    from_menu,
    press,
    press_default,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_backups import (
    BACK_UP,
    RESTORE,
    _backups,
    choose_row,
    confirm_details,
    said_in,
)

LOST = (
    "• What you have typed in “{title}” is not saved, and restoring closes every window: it "
    "would be lost. To keep it, choose Keep the current practice, then save or close “{title}” "
    "first."
)


def _restore_kept(asked: list[str]) -> tuple[Any, Any]:
    """Restore…: a backup chosen, the question answered with its default (keep the practice)."""

    def restore_dialog(dialog: QWidget) -> None:
        choose_row(dialog, "Back up now")
        press(dialog, "Restore…")
        press(dialog, "Close")

    def keep(confirm: QWidget) -> None:
        asked.append(confirm_details(confirm))
        press_default(confirm)

    return restore_dialog, keep


def _nothing_restored(ctx: AppContext, window: Any) -> None:
    assert window.restore_from is None and window.isVisible()
    assert not any("-replaced" in p.name for p in _backups(ctx.paths.backup_dir))


def test_restore_names_practice_settings_typing_that_would_be_lost_and_keeps_it_by_default(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    with dialogs(lambda box: said_in(box, [])):
        from_menu(window, *BACK_UP)
    name_before = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name)
    asked: list[str] = []
    still: list[str] = []

    def settings(w: Any) -> None:
        name = field(w, "Practice name", QLineEdit)
        type_into(qtbot, name, "Harbourside Renamed")
        from_menu(window, *RESTORE)  # answered by the handlers after this one
        still.append(name.text())
        press(w, "Cancel")

    with dialogs(settings, *_restore_kept(asked), unsaved_question("Discard")):
        from_menu(window, "Practice", "Practice settings…")
    assert asked and asked[0].split("\n")[0] == LOST.format(title="Practice settings"), asked
    assert still == ["Harbourside Renamed"]
    _nothing_restored(demo_ctx, window)
    assert data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).name) == name_before


def test_restore_names_an_open_set_up_screen_with_typing_not_saved(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    with dialogs(lambda box: said_in(box, [])):
        from_menu(window, *BACK_UP)
    from_menu(window, "Practice", "Cancellation reasons && billing rules")
    screen = window.installed.setup.screens["reasons"]  # a window of its own, not modal
    qtbot.waitUntil(lambda: screen.model.rowCount() > 1, timeout=3000)
    label = field(screen, "Reason", QLineEdit)
    type_into(qtbot, label, "Road flooded")

    asked: list[str] = []
    with dialogs(*_restore_kept(asked)):
        from_menu(window, *RESTORE)
    title = screen.windowTitle()
    assert asked and asked[0].split("\n")[0] == LOST.format(title=title), asked
    assert screen.isVisible() and label.text() == "Road flooded"
    _nothing_restored(demo_ctx, window)

    # Nothing typed anywhere: the question says nothing of it.
    with dialogs(unsaved_question("Discard")):
        press(screen, "Close")
    asked.clear()
    with dialogs(*_restore_kept(asked)):
        from_menu(window, *RESTORE)
    assert asked and "is not saved" not in asked[0], asked
