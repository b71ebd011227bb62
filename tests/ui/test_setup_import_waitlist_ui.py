"""The CSV import dialog and the waitlist, driven against a real database: a bad file is refused
without writing and names its rows and columns; a freed place is offered and booked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, Client, WaitlistEntry
from app.models.enums import BookingStatus, SessionKind
from app.services.desk import open_desk
from app.services.sessions.cancel import cancel_booking
from app.services.setup.csv_rows import ImportKind
from app.ui.setup import waitlist as waitlist_ui
from app.ui.setup.waitlist import OfferDialog, WaitlistDialog
from tests.conftest import FakeClock
from tests.factory import World, local
from tests.ui.setup_helpers import cells, click, drive, install

BAD = """first_name,last_name,email,funding
Ann,Lee,ann@example.com,private
Ben,,ben@example.com,private
Cat,Moss,cat-at-home,ndis
"""
GOOD = """first_name,last_name,email
Ann,Lee,ann@example.com
Ben,Ray,
"""


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)


def _clients(world: World) -> int:
    return int(world.read(lambda uow: uow.session.scalar(select(func.count(Client.id)))))


def test_a_bad_file_is_previewed_with_its_rows_and_columns_and_nothing_is_written(
    qtbot: Any, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(BAD, encoding="utf-8")
    actions, _boxes = install(qtbot, open_desk(world.db, "mgr"))
    dialog = actions.open_import()
    dialog.choose_file = lambda: str(path)
    click(qtbot, dialog.browse)
    assert dialog.problem_lines() == [
        "Row 3, column last_name: Enter the last name.",
        "Row 4, column email (“cat-at-home”): “cat-at-home” is not an e-mail address; type it "
        "like name@example.com.",
    ]
    assert cells(dialog.problems, 1) == [
        "4", "email", "cat-at-home",
        "“cat-at-home” is not an e-mail address; type it like name@example.com.",
    ]  # fmt: skip
    assert dialog.problem_count.text() == "2 problem(s) in 2 row(s), all listed here:"
    assert not dialog.import_button.isEnabled()
    assert cells(dialog.table, 1)[:3] == ["3", "Ben", ""]
    shaded = dialog.model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole)
    assert (
        shaded is not None
        and dialog.model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "Enter the last name."
    )
    assert dialog.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    dialog.problems.selectRow(1)
    assert dialog.table.selectionModel().selectedRows()[0].row() == 2
    assert "problem(s) found" in dialog.summary.text()
    assert _clients(world) == 0


def test_a_clean_file_imports_in_the_background_and_the_window_hears_of_it(
    qtbot: Any, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(GOOD, encoding="utf-8")
    actions, _boxes = install(qtbot, open_desk(world.db, "mgr"))
    dialog = actions.open_import()
    dialog.kind.setCurrentIndex(dialog.kind.findData(ImportKind.CLIENTS))
    dialog.path.setText(str(path))
    dialog.load_preview()
    assert dialog.import_button.isEnabled() and "2 row(s) ready" in dialog.summary.text()
    click(qtbot, dialog.import_button)
    assert (
        dialog.result_ is not None
        and dialog.summary.text() == "Imported 2 clients from clients.csv."
    )
    assert _clients(world) == 2
    assert actions.window.changes[-1].topics == {"clients"}  # type: ignore[attr-defined]


def test_the_waitlist_offer_after_a_cancellation_books_the_chosen_client(
    qtbot: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, svc = world.worker(), world.service()
    a, b, c = world.client("Ann Lee"), world.client("Ben Ray"), world.client("Cat Moss")
    sid = world.session(w, svc, local(2026, 4, 7, 9), [a, b], kind=SessionKind.GROUP, capacity=2)
    actions, _boxes = install(qtbot, open_desk(world.db, "desk"))
    screen = actions.open_waitlist()

    def add(dialog: Any) -> None:
        assert isinstance(dialog, WaitlistDialog)
        dialog.client.setCurrentIndex(dialog.client.findData(c))
        for day in dialog.days[5:]:
            day.setChecked(False)  # weekdays only
        dialog.note.setText("Any weekday")
        click(qtbot, dialog.save_button)

    drive(screen, add)
    click(qtbot, screen.add_button)
    assert cells(screen.table, 0)[:4] == [
        "Cat Moss",
        "any worker",
        "any service",
        "Mon, Tue, Wed, Thu, Fri, any time",
    ]
    offered: list[Any] = []
    actions.offer_waitlist(sid, offered.append)
    assert offered == [None]  # nothing freed yet: no dialog at all
    world.run(world.reception, lambda uow: cancel_booking(
        uow, world.client_request(sid, [a], "ndis_health", world.clock())))  # fmt: skip
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(waitlist_ui, "inform", lambda _p, title, text: shown.append((title, text)))

    def book(dialog: Any) -> None:
        assert isinstance(dialog, OfferDialog) and dialog.model.rowCount() == 1
        assert cells(dialog.table, 0)[0] == "Cat Moss"
        click(qtbot, dialog.book_button)

    drive(actions, book)
    actions.offer_waitlist(sid, offered.append)
    result = offered[-1]
    withdrawn = "Ann Lee's cancellation charge of $193.99 was withdrawn."
    assert result is not None
    assert result.message == f"Cat Moss was booked from the waitlist. {withdrawn}"
    booked = world.read(lambda uow: list(uow.session.scalars(select(Booking.client_id).where(
        Booking.session_id == sid, Booking.status == BookingStatus.BOOKED))))  # fmt: skip
    assert sorted(booked) == sorted([b, c])
    assert world.read(lambda uow: uow.session.scalar(select(WaitlistEntry.active))) is False
    assert shown == [("Place refilled", withdrawn)]
    assert sid in actions.window.changes[-1].sessions  # type: ignore[attr-defined]
