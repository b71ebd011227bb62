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


def test_a_new_practices_first_bookings_cancellations_and_report(
    qtbot: Any, ctx: Any, open_window: Any, tmp_path: Path
) -> None:
    """Set up from the window (a worker, a service, a client), book two sessions tomorrow with
    Ctrl+N; the client cancels one late and is charged by the shipped NDIS rule, the worker is
    unwell for the other and nobody is charged; the month's report has both."""
    from pypdf import PdfReader
    from PySide6.QtWidgets import QMenu
    from sqlalchemy import select

    from app.models import Cancellation, OutboxMessage, ServiceDelivered, Session
    from app.models.enums import SdKind, SessionStatus
    from app.services import users
    from app.services.desk import open_desk
    from tests.ui.flows.driver import choose, from_context_menu, shortcut, type_date
    from tests.ui.flows.test_flow_bulk import save_as
    from tests.ui.flows.test_flow_client_cancel import client_cancel
    from tests.ui.flows.test_flow_off_gui_thread import _tick_client
    from tests.ui.flows.test_flow_worker_cancel import worker_cancels

    open_desk(ctx.db).write(
        lambda uow: users.set_up_first_admin(uow, "boss", "Pat Boss", "long enough 1")
    )
    window = open_window(ctx, "boss")

    def add_in(screen_key: str, *path: str, fill: Any) -> None:
        from_menu(window, "Practice", *path)
        screen = window.installed.setup.screens[screen_key]
        qtbot.waitUntil(screen.add_button.isEnabled, timeout=3000)
        with dialogs(fill):
            press(screen, "Add…")
        screen.close()

    def worker(d: Any) -> None:
        type_into(qtbot, field(d, "Name", QLineEdit), "Dr Maya Chen")
        press(d, "Save")

    def service(d: Any) -> None:
        type_into(qtbot, field(d, "Code (support item)", QLineEdit), "PHYSIO")
        type_into(qtbot, field(d, "Name", QLineEdit), "Physiotherapy")
        type_into(qtbot, field(d, "Price", QLineEdit), "120")
        press(d, "Save")

    def client(d: Any) -> None:
        type_into(qtbot, field(d, "First name", QLineEdit), "Kim")
        type_into(qtbot, field(d, "Last name", QLineEdit), "Ng")
        type_into(qtbot, field(d, "Email", QLineEdit), "kim.ng@example.com")
        press(d, "Save")

    add_in("workers", "Workers…", fill=worker)
    add_in("services", "Services…", fill=service)
    add_in("clients", "Clients…", fill=client)

    def book(at: str) -> Any:
        def fill(d: Any) -> None:
            choose(field(d, "Service", QComboBox), "Physiotherapy")
            type_date(qtbot, field(d, "Start"), at)
            _tick_client(qtbot, d, "Kim Ng")
            press(d, "Save")
            if d.isVisible():  # outside her hours (none yet): save anyway
                press(d, "Save anyway")
            assert not d.isVisible(), d.error.text()

        return fill

    for at in ("2/4/2026 09:00", "2/4/2026 11:00"):
        with dialogs(book(at)):
            shortcut(qtbot, window, "Ctrl+N")
    first, second = data.read(ctx, lambda orm: list(orm.scalars(select(Session.id).order_by(
        Session.starts_at))))  # fmt: skip
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, first, "Cancel…")
    with dialogs(worker_cancels, lambda d: press(d, "Leave cancelled")):
        from_context_menu(window, second, "Cancel…")
    charges = data.read(ctx, lambda orm: [(s.session_id, s.amount_cents) for s in orm.scalars(
        select(ServiceDelivered).where(ServiceDelivered.kind == SdKind.CANCELLATION))])  # fmt: skip
    assert charges == [(first, 12000)]  # short notice: the whole price; the worker's: nothing
    statuses = data.read(ctx, lambda orm: [orm.get(Session, i).status for i in (first, second)])
    assert statuses == [SessionStatus.CANCELLED, SessionStatus.CANCELLED]
    assert data.count(ctx, Cancellation) == 2
    mails = data.read(ctx, lambda orm: [(m.session_id, m.topic, m.channel.value)
                                        for m in orm.scalars(select(OutboxMessage))])  # fmt: skip
    assert mails == [(first, "cancel", "email"), (second, "cancel_worker", "email")]
    from_menu(window, "Reports", "Cancellation report")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    pdf, csv = tmp_path / "april.pdf", tmp_path / "april.csv"
    with dialogs(save_as(pdf)):
        press(report, "Save PDF")
    qtbot.waitUntil(pdf.exists, timeout=10000)
    with dialogs(save_as(csv)):
        press(report, "Save CSV")
    qtbot.waitUntil(csv.exists, timeout=10000)
    text = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert "My Practice" in text and "$120.00" in text, text[:400]
    assert csv.read_text(encoding="utf-8-sig").count("Kim Ng") == 2
    report.close()
