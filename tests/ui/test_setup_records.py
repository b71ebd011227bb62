"""Set-up editors driven with pytest-qt against a real database: clients, workers, services,
locations and the practice settings; the Practice menu and its role gates."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import CreditEntry, Location, Service, WorkingHours
from app.models.enums import Funding, LedgerKind
from app.services.desk import open_desk
from app.services.setup.settings import practice_settings
from app.ui.setup.catalogue import LocationDialog, ServiceDialog
from app.ui.setup.clients import ClientDialog
from app.ui.setup.settings import PracticeSettingsDialog
from app.ui.setup.workers import WorkerDialog
from tests.conftest import FakeClock
from tests.factory import World
from tests.ui.setup_helpers import HostWindow, cells, click, drive, install, type_into


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)


def test_the_practice_menu_lists_every_screen_with_ctrl_n_for_a_new_session(
    qtbot: Any, world: World
) -> None:
    actions, _boxes = install(qtbot, open_desk(world.db, "admin"))
    texts = [a.text().replace("&&", "+").replace("&", "").replace("+", "&")
             for a in actions.menu.actions() if a.text()]  # fmt: skip
    assert (
        texts[0] == "New session…"
        and actions.actions["new_session"].shortcut().toString() == "Ctrl+N"
    )
    for name in ("Clients…", "Workers…", "Services…", "Locations…", "Waitlist…",
                 "Cancellation reasons & billing rules…", "Practice settings…", "Import from CSV…"):  # fmt: skip
        assert name in texts
    assert actions.window.menuBar().actions()[-1].text() == "&Practice"


def test_reception_cannot_open_settings_or_import_and_sees_why(qtbot: Any, world: World) -> None:
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))
    assert not actions.actions["settings"].isEnabled()
    assert "administrator" in actions.actions["settings"].toolTip()
    assert not actions.actions["import"].isEnabled()
    workers = actions.open_workers()
    assert not workers.add_button.isEnabled() and "manager" in workers.add_button.toolTip()
    assert actions.open_clients().add_button.isEnabled()


def test_a_client_is_added_from_the_screen_and_a_bad_email_is_pointed_at(
    qtbot: Any, world: World
) -> None:
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))
    screen = actions.open_clients()

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, ClientDialog)
        type_into(qtbot, dialog.first, "Olivia")
        type_into(qtbot, dialog.last, "Smith")
        type_into(qtbot, dialog.email, "olivia-at-home")
        dialog.funding.setCurrentIndex(dialog.funding.findData(Funding.NDIS))
        type_into(qtbot, dialog.ndis, "430123456")
        click(qtbot, dialog.save_button)
        assert (
            "is not an e-mail address" in dialog.error.text()
            and dialog.focusWidget() is dialog.email
        )
        type_into(qtbot, dialog.email, "olivia@example.com")
        click(qtbot, dialog.save_button)

    drive(screen, fill)
    click(qtbot, screen.add_button)
    assert screen.model.rowCount() == 1 and screen.status.text() == "Olivia Smith was added."
    assert cells(screen.table, 0)[:4] == ["Smith", "Olivia", "NDIS", "430123456"]
    host = actions.window
    assert isinstance(host, HostWindow) and host.changes[-1].topics == {"clients"}
    type_into(qtbot, screen.search, "zzz")
    assert screen.proxy.rowCount() == 0


def test_the_client_dialog_shows_the_credit_balance_and_history_read_only(
    qtbot: Any, world: World
) -> None:
    cid = world.client("Noah Brown")

    def ledger(uow: Any) -> None:
        for kind, credits in ((LedgerKind.PURCHASE, 5), (LedgerKind.USE, -2)):
            uow.session.add(
                CreditEntry(client_id=cid, kind=kind, credits=credits, created_at=uow.now())
            )

    world.run(world.admin, ledger)
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))
    screen = actions.open_clients()
    assert screen.select_id(cid) and cells(screen.table, 0)[7] == "3"
    seen = drive(screen, lambda d: None)
    screen.edit_selected()
    dialog = seen[0]
    assert isinstance(dialog, ClientDialog) and dialog.balance.text() == "Balance: 3 credit(s)"
    assert dialog.history_model.rowCount() == 2
    assert [cells(dialog.history, r)[1] for r in range(2)] == ["Used", "Purchase"]


def test_a_worker_is_added_with_hours_from_the_grid(qtbot: Any, world: World) -> None:
    actions, _boxes = install(qtbot, open_desk(world.db, "mgr"))
    screen = actions.open_workers()

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, WorkerDialog)
        type_into(qtbot, dialog.name, "Dr Maya Chen")
        for day in dialog.hours.days[:5]:
            day.set(8 * 60, 16 * 60)
        dialog.hours.days[5].set(9 * 60, 12 * 60)
        dialog.hours.days[2].split.setChecked(True)  # Wednesday: a second window 13:00–17:00
        click(qtbot, dialog.save_button)
        assert "Wed 08:00–16:00 and Wed 13:00–17:00 overlap" in dialog.error.text()
        dialog.hours.days[2].end.setTime(
            dialog.hours.days[2].end.time().fromString("12:00", "HH:mm")
        )
        click(qtbot, dialog.save_button)

    drive(screen, fill)
    click(qtbot, screen.add_button)
    assert cells(screen.table, 0)[2] == ("Mon–Tue 08:00–16:00; Wed 08:00–12:00; Wed 13:00–17:00; "
                                         "Thu–Fri 08:00–16:00; Sat 09:00–12:00")  # fmt: skip
    hours = world.read(lambda uow: len(list(uow.session.scalars(select(WorkingHours.id)))))
    assert hours == 7


def test_services_and_locations_are_added_from_their_screens(qtbot: Any, world: World) -> None:
    actions, _boxes = install(qtbot, open_desk(world.db, "mgr"))
    services = actions.open_services()

    def service(dialog: Any) -> None:
        assert isinstance(dialog, ServiceDialog)
        type_into(qtbot, dialog.code, "15_055_0128_1_3")
        type_into(qtbot, dialog.name, "Physiotherapy")
        type_into(qtbot, dialog.price, "$193.99")
        dialog.minutes.setValue(45)
        click(qtbot, dialog.save_button)

    drive(services, service)
    click(qtbot, services.add_button)
    assert cells(services.table, 0)[:5] == [
        "15_055_0128_1_3",
        "Physiotherapy",
        "$193.99",
        "per hour",
        "45",
    ]
    price = world.read(lambda uow: uow.session.scalar(select(Service.price_cents)))
    assert price == 19399
    locations = actions.open_locations()

    def location(dialog: Any) -> None:
        assert isinstance(dialog, LocationDialog)
        type_into(qtbot, dialog.name, "Main clinic")
        click(qtbot, dialog.save_button)

    drive(locations, location)
    click(qtbot, locations.add_button)
    assert world.read(lambda uow: uow.session.scalar(select(Location.name))) == "Main clinic"


def test_practice_settings_are_saved_and_a_bad_time_zone_is_refused(
    qtbot: Any, world: World
) -> None:
    actions, boxes = install(qtbot, open_desk(world.db, "admin"))

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, PracticeSettingsDialog)
        type_into(qtbot, dialog.name, "Harbour Physio")
        dialog.zone.setCurrentText("Mars/Olympus")
        click(qtbot, dialog.save_button)
        assert "is not a time zone" in dialog.error.text()
        dialog.zone.setCurrentText("Australia/Brisbane")
        dialog.country.setCurrentIndex(dialog.country.findData("AU"))
        dialog.subdivision.setCurrentIndex(dialog.subdivision.findData("QLD"))
        dialog.paper.setCurrentText("Letter")
        dialog.idle.setValue(0)
        click(qtbot, dialog.save_button)

    drive(actions, fill)
    got: list[Any] = []
    actions.open_settings(got.append)
    (saved,) = got
    assert saved is not None and saved == world.read(practice_settings)
    assert (saved.name, saved.time_zone, saved.subdivision, saved.paper_size, saved.idle_logoff_minutes) == (
        "Harbour Physio", "Australia/Brisbane", "QLD", "Letter", 0)  # fmt: skip
    assert any("Restart FrontDesk" in text for _t, text in boxes.shown)
    zone = actions.screens.get("settings")
    assert zone is None  # the settings dialog is modal: nothing is left open
