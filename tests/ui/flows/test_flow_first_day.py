"""A brand-new practice's first day walked through the real window, from the first-run dialog
on an empty database: the practice's money and region follow the place it was set up in, and
the screens a new practice opens empty say what to do first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QDockWidget, QLineEdit

from app import i18n
from app.models import PracticeSettings
from app.models.money import format_money
from app.ui.start.startup import Startup
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_menu, press, type_into


@pytest.fixture(autouse=True)
def _usual_money() -> Iterator[None]:
    """The practice's money and language go back to the usual for the tests after."""
    yield
    i18n.use_practice(None, None)


def _first_run(qtbot: Any, name: str) -> Any:
    """The first-run dialog as the practice manager fills it, this computer's zone kept."""

    def fill(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Practice name", QLineEdit), name)
        type_into(qtbot, field(dialog, "Your name", QLineEdit), "Pat Boss")
        type_into(qtbot, field(dialog, "User name", QLineEdit), "boss")
        type_into(qtbot, field(dialog, "Password", QLineEdit), "long enough 1")
        type_into(qtbot, field(dialog, "Password again", QLineEdit), "long enough 1")
        press(dialog, "Create administrator")

    return fill


@pytest.mark.parametrize(
    ("zone", "region", "currency", "locale", "fee"),
    [
        ("Pacific/Auckland", "NZ", "NZD", "en_NZ", "$95.00"),
        ("Europe/London", "GB", "GBP", "en_GB", "£95.00"),
        ("Australia/Perth", "AU", "AUD", "en_AU", "$95.00"),
    ],
)
def test_a_practice_set_up_outside_australia_charges_in_its_own_currency_from_the_start(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    open_window: Any,
    zone: str,
    region: str,
    currency: str,
    locale: str,
    fee: str,
) -> None:
    monkeypatch.setenv("TZ", zone)
    with dialogs(_first_run(qtbot, "Harbour Physio")):
        opened = Startup(None, tmp_path / "data").open()
    assert opened is not None
    ctx, _desk = opened
    try:
        saved = data.read(ctx, lambda orm: orm.get(PracticeSettings, 1))
        assert (saved.time_zone, saved.country) == (zone, region)
        assert (saved.currency, saved.locale) == (currency, locale)
        assert format_money(9500) == fee  # the window's money, without a restart
        window = open_window(ctx, "boss")
        seen: dict[str, str] = {}

        def look(dialog: Any) -> None:  # Practice settings shows what was chosen
            seen["currency"] = field(dialog, "Currency", QComboBox).currentText()
            seen["locale"] = field(dialog, "Language and region", QComboBox).currentText()
            press(dialog, "Cancel")

        with dialogs(look):
            from_menu(window, "Practice", "Practice settings…")
        assert seen["currency"].startswith(currency) and seen["locale"].endswith(locale), seen
        window.shutdown()
    finally:
        ctx.close()


def test_check_time_zone_proposes_the_currency_of_this_computers_country(
    qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch, open_window: Any
) -> None:
    """A practice whose first administrator came without the first-run dialog's time zone: the
    checklist's Check time zone… proposes the country's currency with its clock."""
    from app.services import users
    from app.services.desk import open_desk

    monkeypatch.setenv("TZ", "Pacific/Auckland")
    open_desk(ctx.db).write(
        lambda uow: users.set_up_first_admin(uow, "boss", "Pat Boss", "long enough 1")
    )
    window = open_window(ctx, "boss")

    def confirm(dialog: Any) -> None:
        assert field(dialog, "Currency", QComboBox).currentText().startswith("NZD")
        press(dialog, "Save")

    with dialogs(confirm, lambda box: press(box, "OK")):
        press(window.findChild(QDockWidget, "checklistDock"), "Check time zone…")
    saved = data.read(ctx, lambda orm: orm.get(PracticeSettings, 1))
    assert (saved.time_zone, saved.country, saved.currency) == ("Pacific/Auckland", "NZ", "NZD")


def test_the_empty_week_of_a_new_practice_says_to_add_workers_until_one_is_added(
    qtbot: Any, ctx: Any, open_window: Any
) -> None:
    from PySide6.QtWidgets import QLabel

    from app.services import users
    from app.services.desk import open_desk

    open_desk(ctx.db).write(
        lambda uow: users.set_up_first_admin(uow, "boss", "Pat Boss", "long enough 1")
    )
    window = open_window(ctx, "boss")
    hint = window.view.findChild(QLabel, "emptyScheduleHint")
    assert hint is not None and hint.isVisible(), "the empty week says nothing"
    assert "Practice ▸ Workers…" in hint.text()
    assert hint.accessibleName() == hint.text()  # a screen reader reads it too
    from_menu(window, "Practice", "Workers…")
    screen = window.installed.setup.screens["workers"]
    qtbot.waitUntil(screen.add_button.isEnabled, timeout=3000)

    def add(dialog: Any) -> None:
        type_into(qtbot, field(dialog, "Name", QLineEdit), "Dr Maya Chen")
        press(dialog, "Save")

    with dialogs(add):
        press(screen, "Add…")
    screen.close()
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=3000)  # her row is there instead
    assert [w.name for w in window.view.visible_workers()] == ["Dr Maya Chen"]
