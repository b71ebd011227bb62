"""Reports ▸ Cancellation report… in a practice that keeps its books in pounds or euros: a charge a
manager waived is reported with what it would have cost ("Waived amount", and the Waived total),
kept with the cancellation line when it is waived, not read back from the working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QLineEdit, QMenu
from sqlalchemy import select

from app import i18n
from app.bootstrap import AppContext
from app.models import Cancellation, CancellationLine, Session
from app.models.money import format_money
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    finish,
    from_context_menu,
    from_menu,
    next_page,
    press,
    tick,
    type_into,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_report_undone import _rows

WHY = "First late cancellation in two years"


@pytest.fixture(params=[("en_GB", "GBP"), ("fr_FR", "EUR")], ids=["pounds", "euros"])
def other_currency(request: pytest.FixtureRequest) -> Iterator[None]:
    """The practice's fees in another currency than dollars, written the practice's way."""
    i18n.use_practice(*request.param)
    yield
    i18n.use_practice(None, None)


def _cancel_waived(qtbot: Any) -> Any:
    """The cancel wizard as a manager fills it: the client cancels late, the charge waived."""

    def answer(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        choose(field(w, "Reason"), "Transport")
        tick(field(w, "Waive the charge", QCheckBox))
        type_into(qtbot, field(w, "Why the charge is waived", QLineEdit), WHY)
        next_page(w)
        finish(w)

    return answer


def test_a_waived_charge_is_reported_with_what_it_would_have_cost_in_any_currency(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path, other_currency: None
) -> None:
    sid = data.future_individual(demo_ctx)
    price = data.read(demo_ctx, lambda orm: orm.get(Session, sid).price_cents)  # type: ignore[union-attr]
    window = open_window(demo_ctx, "manager")
    with dialogs(_cancel_waived(qtbot)):
        from_context_menu(window, sid, "Cancel…")
    line = data.read(demo_ctx, lambda orm: orm.scalars(
        select(CancellationLine).join(Cancellation).where(Cancellation.session_id == sid)).one())  # fmt: skip
    assert line.waived and line.charge_cents == 0
    assert line.explanation.endswith(format_money(price)), "short notice: the whole price"
    assert line.waived_cents == price, "what it would have cost, kept with the line"
    window.select_session(sid)
    qtbot.waitUntil(lambda: WHY in window.details_panel.plain_text(), timeout=5000)
    shown = window.details_panel.plain_text().replace("\xa0", " ").replace("\u202f", " ")
    fee = format_money(price).replace("\xa0", " ").replace("\u202f", " ")
    assert f"{fee} waived: {WHY}" in shown, "the details say what was waived"

    from_menu(window, "Reports", "Cancellation report")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    out = tmp_path / "april.csv"
    with dialogs(save_as(out)):
        press(report, "Save CSV")
    qtbot.waitUntil(out.exists, timeout=10000)
    report.close()
    (row,) = [r for r in _rows(out) if r["Session"] == str(sid)]
    assert (row["Charge"], row["Waived"]) == ("0.00", "yes")
    assert row["Waived amount"] == f"{price // 100}.{price % 100:02d}"
