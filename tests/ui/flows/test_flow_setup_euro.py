"""A euro practice ("1 234,50 €") changes its services and its cancellation reasons through the
real window: the amounts the forms offer read back as typed, so saving a changed name keeps the
price and the fee instead of refusing the amount the form itself filled in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app import i18n
from app.bootstrap import AppContext
from app.models import CancellationReason, Service
from app.models.enums import ChargeKind
from app.ui.models.table import ROW_ROLE
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, errors, field, from_menu, press, type_into
from tests.ui.flows.test_flow_unsaved import _click_row


@pytest.fixture
def euro_practice() -> Iterator[None]:
    """The practice keeps its books in euros, written the French way ("1 234,50 €")."""
    i18n.use_practice("fr_FR", "EUR")
    yield
    i18n.use_practice(None, None)


def _row_of(screen: Any, record_id: int) -> int:
    proxy = screen.proxy
    return next(r for r in range(proxy.rowCount())
                if proxy.data(proxy.index(r, 0), ROW_ROLE).id == record_id)  # fmt: skip


def test_a_service_renamed_in_a_euro_practice_keeps_its_price(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, euro_practice: None
) -> None:
    service_id, price = data.read(demo_ctx, lambda orm: orm.execute(
        select(Service.id, Service.price_cents).where(Service.code == "PHYSIO-PRIV")).one())  # fmt: skip
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Services")
    screen = window.installed.setup.screens["services"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    _click_row(qtbot, screen.table, _row_of(screen, service_id))
    said: list[list[str]] = []

    def rename(w: Any) -> None:
        type_into(qtbot, field(w, "Name", QLineEdit), "Physiotherapie")
        press(w, "Save")
        said.append(errors(w) if w.isVisible() else [])
        if w.isVisible():
            w.reject()

    with dialogs(rename):
        press(screen, "Edit…")
    screen.close()
    assert said == [[]]
    saved = data.read(demo_ctx, lambda orm: orm.get(Service, service_id))
    assert (saved.name, saved.price_cents) == ("Physiotherapie", price)


def test_a_fixed_fee_reason_renamed_in_a_euro_practice_keeps_its_fee(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, euro_practice: None
) -> None:
    reason_id, fee = data.read(demo_ctx, lambda orm: orm.execute(
        select(CancellationReason.id, CancellationReason.charge_fixed_cents)
        .where(CancellationReason.charge_kind == ChargeKind.FIXED)
        .order_by(CancellationReason.id).limit(1)).one())  # fmt: skip
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Cancellation reasons && billing rules")
    screen = window.installed.setup.screens["reasons"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 1, timeout=3000)
    _click_row(qtbot, screen.table, _row_of(screen, reason_id))
    type_into(qtbot, field(screen, "Reason", QLineEdit), "Annulation tardive")
    press(screen, "Save reason")
    assert errors(screen) == []
    saved = data.read(demo_ctx, lambda orm: orm.get(CancellationReason, reason_id))
    assert (saved.label, saved.charge_fixed_cents) == ("Annulation tardive", fee)
    press(screen, "Close")
