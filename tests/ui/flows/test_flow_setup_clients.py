"""Practice ▸ Clients… through the real window: Add… pressed twice while the form is still being
read (a double-click on a busy day) opens one form and adds one client; a client made inactive
with bookings still to come is told they stay on the schedule, as a worker's screen says."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, Client, Funder, Session
from app.models.enums import BookingStatus, Funding, NdisManagement, SessionStatus
from app.ui.models.table import ROW_ROLE
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    entries,
    field,
    from_menu,
    press,
    tick,
    type_into,
)
from tests.ui.flows.test_flow_unsaved import _click_row


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


def _upcoming(ctx: AppContext, client_id: int) -> int:
    def count(orm: Any) -> int:
        return int(orm.scalar(
            select(func.count(Booking.id)).join(Session, Booking.session_id == Session.id).where(
                Booking.client_id == client_id, Booking.status == BookingStatus.BOOKED,
                Session.status == SessionStatus.ROSTERED, Session.starts_at > ctx.db.clock())))  # fmt: skip

    return data.read(ctx, count)


def _column(screen: Any, header: str) -> list[str]:
    """Every row's text in the list's column `header`, as shown."""
    proxy = screen.proxy
    col = next(c for c in range(proxy.columnCount())
               if proxy.headerData(c, Qt.Orientation.Horizontal) == header)  # fmt: skip
    return [str(proxy.data(proxy.index(r, col))) for r in range(proxy.rowCount())]


def _client_picked(qtbot: Any, window: Any, client_id: int) -> Any:
    """Practice ▸ Clients, the client's row clicked: the screen."""
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    rows = [r for r in range(screen.proxy.rowCount())
            if screen.proxy.data(screen.proxy.index(r, 0), ROW_ROLE).id == client_id]  # fmt: skip
    _click_row(qtbot, screen.table, rows[0])
    return screen


def test_a_client_made_inactive_with_bookings_to_come_is_told_they_stay_booked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    session_id = data.future_individual(demo_ctx)
    client_id = data.read(demo_ctx, lambda orm: next(
        b.client_id for b in orm.get(Session, session_id).bookings))  # fmt: skip
    upcoming = _upcoming(demo_ctx, client_id)
    window = open_window(demo_ctx, "manager")
    screen = _client_picked(qtbot, window, client_id)

    def make_inactive(w: Any) -> None:
        tick(field(w, "State", QCheckBox), False)  # its box reads "Active"
        press(w, "Save")

    with dialogs(make_inactive):
        press(screen, "Edit…")
    assert data.read(demo_ctx, lambda orm: orm.get(Client, client_id).active) is False
    name = data.read(demo_ctx, lambda orm: orm.get(Client, client_id).display_name)
    assert (
        f"{name} still has {upcoming} upcoming booking(s); they stay on the schedule until "
        "you cancel them." in screen.status.text().splitlines()
    )
    assert _upcoming(demo_ctx, client_id) == upcoming  # nothing was cancelled by it
    screen.close()


def _new_client_typed(qtbot: Any, w: Any, first: str) -> None:
    type_into(qtbot, field(w, "First name", QLineEdit), first)
    type_into(qtbot, field(w, "Last name", QLineEdit), "Funding")
    type_into(qtbot, field(w, "Email", QLineEdit), f"{first.lower()}.funding@example.com")
    choose(field(w, "Funding", QComboBox), "NDIS")
    type_into(qtbot, field(w, "NDIS participant number", QLineEdit), "430 555 111")


def _funding_of(ctx: AppContext, first: str) -> tuple[Funding, str | None]:
    client = data.read(ctx, lambda orm: orm.scalars(
        select(Client).where(Client.first_name == first, Client.last_name == "Funding")).one())  # fmt: skip
    return client.funding, client.ndis_number


def test_an_ndis_number_typed_then_funding_changed_to_private_is_not_saved(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)

    def private_after_all(w: Any) -> None:
        _new_client_typed(qtbot, w, "Priya")
        choose(field(w, "Funding", QComboBox), "Private")
        number = field(w, "NDIS participant number", QLineEdit)
        assert not number.isEnabled() and number.text() == "", "a greyed number would be saved"
        press(w, "Save")

    def ndis_again(w: Any) -> None:  # changed their mind, then back: what they typed returns
        _new_client_typed(qtbot, w, "Nadia")
        choose(field(w, "Funding", QComboBox), "Insurance")
        choose(field(w, "Funding", QComboBox), "NDIS")
        assert field(w, "NDIS participant number", QLineEdit).text() == "430 555 111"
        press(w, "Save")

    with dialogs(private_after_all):
        press(screen, "Add…")
    assert _funding_of(demo_ctx, "Priya") == (Funding.PRIVATE, None)
    with dialogs(ndis_again):
        press(screen, "Add…")
    assert _funding_of(demo_ctx, "Nadia") == (Funding.NDIS, "430555111")
    screen.close()


def test_an_ndis_client_changed_to_private_keeps_no_participant_number(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id = data.read(demo_ctx, lambda orm: orm.scalar(
        select(Client.id).where(Client.funding == Funding.NDIS).order_by(Client.id).limit(1)))  # fmt: skip
    window = open_window(demo_ctx, "reception")
    screen = _client_picked(qtbot, window, client_id)

    def plan_ended(w: Any) -> None:
        choose(field(w, "Funding", QComboBox), "Private")
        press(w, "Save")

    with dialogs(plan_ended):
        press(screen, "Edit…")
    client = data.read(demo_ctx, lambda orm: orm.get(Client, client_id))
    assert (client.funding, client.ndis_number) == (Funding.PRIVATE, None)
    screen.close()


NDIS_PLAN = "NDIS plan, agency-managed (claimed from the NDIA)"
PLAN_MANAGED = "NDIS plan, plan-managed (invoice the plan manager)"
PLAN_ENTRIES = [NDIS_PLAN, PLAN_MANAGED, "NDIS plan, self-managed (invoice the participant)"]


def test_an_ndis_participants_paid_by_is_their_plan_never_a_funder(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """An NDIS client saved with a funder by an older FrontDesk: the form's Paid by offers only the
    NDIS plan, by who manages it, and saving leaves no funder. A new client on private funding
    may name one; made NDIS again, Paid by is the plan once more, and who manages it is saved."""

    def older_record(orm: Any) -> int:
        medicare = Funder(name="Medicare", pays_fees=False, active=True)
        orm.add(medicare)
        orm.flush()
        client = orm.scalars(select(Client).where(Client.funding == Funding.NDIS)
                             .order_by(Client.id)).first()  # fmt: skip
        client.funder_id = medicare.id
        orm.commit()
        return int(client.id)

    client_id = data.read(demo_ctx, older_record)
    window = open_window(demo_ctx, "reception")
    screen = _client_picked(qtbot, window, client_id)

    def plan_pays(w: Any) -> None:
        payer = field(w, "Paid by", QComboBox)
        assert payer.currentText() == NDIS_PLAN and entries(payer) == PLAN_ENTRIES, entries(payer)
        press(w, "Save")
        assert not w.isVisible(), w.error.text()

    with dialogs(plan_pays):
        press(screen, "Edit…")
    client = data.read(demo_ctx, lambda orm: orm.get(Client, client_id))
    assert (client.funding, client.funder_id) == (Funding.NDIS, None)

    def changed_mind(w: Any) -> None:
        _new_client_typed(qtbot, w, "Quinn")  # NDIS, with a participant number
        payer = field(w, "Paid by", QComboBox)
        assert payer.currentText() == NDIS_PLAN and entries(payer) == PLAN_ENTRIES
        choose(payer, PLAN_MANAGED)
        # The form opened on private funding, yet the plan's entry shows whole.
        assert payer.width() > payer.fontMetrics().horizontalAdvance(PLAN_MANAGED)
        choose(field(w, "Funding", QComboBox), "Private")
        assert payer.isEnabled() and NDIS_PLAN not in entries(payer), entries(payer)
        choose(payer, "Medicare")
        choose(field(w, "Funding", QComboBox), "NDIS")
        assert payer.currentText() == PLAN_MANAGED and entries(payer) == PLAN_ENTRIES
        press(w, "Save")
        assert not w.isVisible(), w.error.text()

    with dialogs(changed_mind):
        press(screen, "Add…")
    quinn = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Client).where(Client.first_name == "Quinn", Client.last_name == "Funding")).one())  # fmt: skip
    assert (quinn.funding, quinn.funder_id) == (Funding.NDIS, None)
    assert quinn.ndis_management == NdisManagement.PLAN
    qtbot.waitUntil(lambda: "NDIS (plan-managed)" in _column(screen, "Funding"), timeout=3000)

    def private_after_all(w: Any) -> None:
        choose(field(w, "Funding", QComboBox), "Private")
        payer = field(w, "Paid by", QComboBox)
        choose(payer, "Medicare")
        press(w, "Save")
        assert not w.isVisible(), w.error.text()

    screen.close()
    screen = _client_picked(qtbot, window, quinn.id)
    with dialogs(private_after_all):
        press(screen, "Edit…")
    quinn = data.read(demo_ctx, lambda orm: orm.get(Client, quinn.id))
    assert (quinn.funding, quinn.ndis_number, quinn.funder_id) == (Funding.PRIVATE, None,
                                                                    data.read(demo_ctx, lambda orm: orm.scalar(select(Funder.id))))  # fmt: skip
    screen.close()


def test_the_clients_list_opens_wide_enough_for_every_column_within_the_screen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from app.ui import screen_fit
    from app.ui.setup.clients import ClientsScreen

    def open_list(free: QRect) -> Any:
        monkeypatch.setattr(screen_fit, "free_area", lambda _widget: free)
        window = open_window(demo_ctx, "reception")
        from_menu(window, "Practice", "Clients")
        [screen] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, ClientsScreen) and w.isVisible()]  # fmt: skip
        qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
        return screen

    wide = open_list(QRect(0, 0, 1366, 768))
    # Every column on screen, none cut at the right, no sideways scroll.
    assert wide.table.horizontalHeader().length() <= wide.table.viewport().width()
    assert wide.table.horizontalScrollBar().maximum() == 0 and wide.width() <= 1366 - 40
    wide.close()
    narrow = open_list(QRect(0, 0, 800, 600))
    assert narrow.width() <= 800 - 40  # never wider than the screen: the list scrolls instead
