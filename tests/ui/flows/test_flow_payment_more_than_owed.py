"""A payment typed as more than the session still owes (1100 for 110.00) is asked about from the
real window before anything is recorded: going back to correct it is the default, and only
"Record anyway" records it, once. The amount still owed is recorded without a question."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import OutboxMessage, Payment, Session
from app.models.money import format_money
from tests.ui.flows.data import client_funded, future_individual, ids, read
from tests.ui.flows.driver import (
    choose,
    click_session,
    confirm_question,
    describe,
    dialogs,
    field,
    from_context_menu,
    plain,
    press,
    press_default,
    type_date,
    type_into,
)

TODAY = "1/4/2026"  # the demo's today in Sydney


def _price(ctx: AppContext, sid: int) -> int:
    return read(ctx, lambda o: o.get(Session, sid).price_cents)  # type: ignore[union-attr]


def _paid(ctx: AppContext, sid: int) -> list[int]:
    return read(
        ctx,
        lambda o: list(
            o.scalars(
                select(Payment.amount_cents).where(Payment.session_id == sid).order_by(Payment.id)
            )
        ),
    )


def _outbox(ctx: AppContext, sid: int) -> list[str]:
    """What the outbox holds about the session: a payment sends nothing."""
    return read(
        ctx,
        lambda o: list(
            o.scalars(select(OutboxMessage.topic).where(OutboxMessage.session_id == sid))
        ),
    )


def test_a_payment_above_what_is_owed_is_asked_about_and_recorded_only_when_told_to(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = future_individual(demo_ctx)
    client_funded(demo_ctx, sid, ndis=False)  # the session is the client's own to pay
    price = _price(demo_ctx, sid)
    assert _paid(demo_ctx, sid) == []
    typed = str(price // 10)  # the decimal point missed: ten times the price, in dollars
    amount = price // 10 * 100
    question = (
        f"{format_money(amount)} is more than the {format_money(price)} still owed for this "
        f"session. Record {format_money(amount)} anyway?"
    )
    before = ids(demo_ctx, Payment)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    outbox = _outbox(demo_ctx, sid)
    asked: list[QWidget] = []

    def take_payment(w: QWidget) -> None:
        choose(field(w, "Method", QComboBox), "Card")
        type_into(qtbot, field(w, "Amount", QLineEdit), typed)
        type_date(qtbot, field(w, "Date received"), TODAY)
        press(w, "Record payment")
        assert len(asked) == 1 and w.isVisible(), "the default answer keeps the dialog open"
        assert _paid(demo_ctx, sid) == [], "the default answer records nothing"
        press(w, "Record payment")

    def go_back(w: QWidget) -> None:
        asked.append(w)
        shown = w.findChild(QLabel, "confirmQuestion")
        assert shown is not None and shown.text() == question, describe(w)
        default = next(b for b in w.findChildren(QPushButton) if b.isDefault())
        assert plain(default.text()) == "Go back and correct it"
        press_default(w)  # Enter: the default answer

    with dialogs(take_payment, go_back, confirm_question("Record anyway", question)):
        from_context_menu(window, sid, "Take payment…")

    assert len(ids(demo_ctx, Payment) - before) == 1 and _paid(demo_ctx, sid) == [amount]
    assert _outbox(demo_ctx, sid) == outbox
    qtbot.waitUntil(
        lambda: f"{format_money(amount)} Payment" in window.details_panel.plain_text(), timeout=3000
    )


def test_the_amount_still_owed_is_recorded_without_a_question(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = future_individual(demo_ctx)
    client_funded(demo_ctx, sid, ndis=False)  # the session is the client's own to pay
    price = _price(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    paid_without_a_question(qtbot, window, sid, "Cash", price)
    assert _paid(demo_ctx, sid) == [price]


def paid_without_a_question(qtbot: Any, window: Any, sid: int, method: str, cents: int) -> None:
    """Take payment… for the session, `cents` by `method`: recorded with no question asked (a
    question would be an unexpected dialog)."""
    click_session(qtbot, window, sid)

    def take_payment(w: QWidget) -> None:
        choose(field(w, "Method", QComboBox), method)
        type_into(qtbot, field(w, "Amount", QLineEdit), f"{cents // 100}.{cents % 100:02d}")
        type_date(qtbot, field(w, "Date received"), TODAY)
        press(w, "Record payment")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")


PLAN_MANAGED = "NDIS plan, plan-managed (invoice the plan manager)"
SELF_MANAGED = "NDIS plan, self-managed (invoice the participant)"


def paid_by(
    qtbot: Any, window: Any, client_id: int, entry: str, manager: tuple[str, str] | None = None
) -> None:
    """The client's form, opened from the Clients screen: Paid by chosen by its text (and the
    plan manager's name and e-mail typed, when given), saved."""
    from tests.ui.flows.test_flow_setup_clients import _client_picked

    screen = _client_picked(qtbot, window, client_id)

    def chosen(w: QWidget) -> None:
        choose(field(w, "Paid by", QComboBox), entry)
        if manager is not None:
            type_into(qtbot, field(w, "Plan manager", QLineEdit), manager[0])
            type_into(qtbot, field(w, "Plan manager's email", QLineEdit), manager[1])
        press(w, "Save")

    with dialogs(chosen):
        press(screen, "Edit…")
    screen.close()


def test_a_plan_managed_participants_session_is_theirs_to_pay(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Made plan-managed in the client's form (Paid by), an NDIS participant is invoiced: the
    session's price is taken without asking whether it is more than is owed."""
    from app.models import Client
    from app.models.enums import NdisManagement

    sid = future_individual(demo_ctx)
    client_funded(demo_ctx, sid, ndis=True)
    client_id = read(demo_ctx, lambda o: o.get(Session, sid).bookings[0].client_id)  # type: ignore[union-attr]
    price = _price(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    paid_by(qtbot, window, client_id, PLAN_MANAGED)
    managed = read(demo_ctx, lambda o: o.get(Client, client_id).ndis_management)  # type: ignore[union-attr]
    assert managed == NdisManagement.PLAN
    paid_without_a_question(qtbot, window, sid, "Bank transfer", price)
    assert _paid(demo_ctx, sid) == [price]
