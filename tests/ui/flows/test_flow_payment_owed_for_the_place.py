"""What Take payment… counts as still owed is what the client's place really costs them: nothing
for a class paid with a credit, the cancellation charge (not the price) after a late
cancellation, nothing once the charge was waived, nothing for a charge or an attended session
their NDIS plan pays (it is claimed instead). A payment above that is asked about first; up to it, it is recorded
without a question."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from sqlalchemy import select, update

from app.bootstrap import AppContext
from app.models import CancellationReason, Payment, ServiceDelivered, Session
from app.models.enums import SdKind
from app.models.money import format_money
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    confirm_question,
    describe,
    dialogs,
    field,
    from_context_menu,
    press,
    press_default,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_payment_more_than_owed import TODAY, _outbox, _paid
from tests.ui.flows.test_flow_report_waived import _cancel_waived


def _typed(cents: int) -> str:
    """An amount as a receptionist types it (`95.50`)."""
    return f"{cents // 100}.{cents % 100:02d}"


def _question(amount: int, owed: int) -> str:
    return (
        f"{format_money(amount)} is more than the {format_money(owed)} still owed for this "
        f"session. Record {format_money(amount)} anyway?"
    )


def _price(ctx: AppContext, sid: int) -> int:
    return data.read(ctx, lambda o: o.get(Session, sid).price_cents)  # type: ignore[union-attr]


def _charge(ctx: AppContext, sid: int) -> int:
    """The session's cancellation charge, as the cancellation wrote it."""
    return data.read(ctx, lambda o: int(o.scalars(select(ServiceDelivered.amount_cents).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION)).one()))  # fmt: skip


def _half_price_for_transport(ctx: AppContext) -> None:
    """The practice charges half the price for a late cancellation for transport reasons."""

    def change(orm: Any) -> None:
        orm.execute(update(CancellationReason).where(CancellationReason.label == "Transport")
                    .values(charge_percent=50))  # fmt: skip
        orm.commit()

    data.read(ctx, change)


def _asked(question: str, seen: list[str]) -> Any:
    """The question, answered with its default (Enter): go back and correct the amount."""

    def answer(w: QWidget) -> None:
        shown = w.findChild(QLabel, "confirmQuestion")
        assert shown is not None, describe(w)
        seen.append(shown.text())
        assert shown.text() == question
        press_default(w)

    return answer


def test_a_class_paid_with_a_credit_owes_nothing_so_its_price_is_asked_about(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid, name = data.credit_paid_place(demo_ctx)
    price = _price(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    outbox = _outbox(demo_ctx, sid)
    seen: list[str] = []

    def take_payment(w: QWidget) -> None:
        choose(field(w, "Client", QComboBox), name)
        choose(field(w, "Method", QComboBox), "Cash")
        type_into(qtbot, field(w, "Amount", QLineEdit), _typed(price))
        type_date(qtbot, field(w, "Date received"), TODAY)
        press(w, "Record payment")
        assert seen and w.isVisible(), "the question keeps the dialog open"
        press(w, "Cancel")

    with dialogs(take_payment, _asked(_question(price, 0), seen)):
        from_context_menu(window, sid, "Take payment…")

    assert _paid(demo_ctx, sid) == []
    assert _outbox(demo_ctx, sid) == outbox


def test_a_late_cancelled_client_owes_the_cancellation_charge_not_the_price(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)
    _half_price_for_transport(demo_ctx)
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Transport")):
        from_context_menu(window, sid, "Cancel…")
    charge = _charge(demo_ctx, sid)
    assert 0 < charge < _price(demo_ctx, sid), "short notice: half the price"
    outbox = _outbox(demo_ctx, sid)
    seen: list[str] = []

    def take_payment(w: QWidget) -> None:
        choose(field(w, "Method", QComboBox), "Card")
        type_into(qtbot, field(w, "Amount", QLineEdit), _typed(charge + 1))
        type_date(qtbot, field(w, "Date received"), TODAY)
        press(w, "Record payment")
        assert seen and _paid(demo_ctx, sid) == [], "a cent above the charge is asked about"
        type_into(qtbot, field(w, "Amount", QLineEdit), _typed(charge))
        press(w, "Record payment")  # the charge itself: no question

    with dialogs(take_payment, _asked(_question(charge + 1, charge), seen)):
        from_context_menu(window, sid, "Take payment…")

    assert len(seen) == 1 and _paid(demo_ctx, sid) == [charge]
    assert _outbox(demo_ctx, sid) == outbox


def test_a_late_cancellation_charge_the_ndis_plan_pays_is_not_owed_by_the_client(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=True)
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Transport")):
        from_context_menu(window, sid, "Cancel…")
    charge = _charge(demo_ctx, sid)
    assert charge > 0, "short notice: the charge is claimed from the plan"
    outbox = _outbox(demo_ctx, sid)
    _asked_and_left(qtbot, window, sid, charge)
    assert _paid(demo_ctx, sid) == []
    assert _outbox(demo_ctx, sid) == outbox


def test_a_waived_cancellation_charge_leaves_nothing_owed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    price = _price(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    with dialogs(_cancel_waived(qtbot)):
        from_context_menu(window, sid, "Cancel…")
    before = data.ids(demo_ctx, Payment)

    def take_payment(w: QWidget) -> None:
        choose(field(w, "Method", QComboBox), "EFTPOS")
        type_into(qtbot, field(w, "Amount", QLineEdit), _typed(price))
        type_date(qtbot, field(w, "Date received"), TODAY)
        press(w, "Record payment")

    question = _question(price, 0)
    with dialogs(take_payment, confirm_question("Record anyway", question)):
        from_context_menu(window, sid, "Take payment…")

    assert len(data.ids(demo_ctx, Payment) - before) == 1 and _paid(demo_ctx, sid) == [price]


def test_an_ndis_participants_attended_session_is_claimed_so_its_price_is_asked_about(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.started_unresolved(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=True)
    price = _price(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    with dialogs(lambda w: press(w, "Complete")):
        from_context_menu(window, sid, "Complete")
    delivered = data.read(demo_ctx, lambda o: list(o.scalars(select(ServiceDelivered.bill_to).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.DELIVERED))))  # fmt: skip
    assert delivered == [""], "attended: the session is claimed from the plan"
    outbox = _outbox(demo_ctx, sid)
    assert len(_asked_and_left(qtbot, window, sid, price)) == 1 and _paid(demo_ctx, sid) == []
    assert _outbox(demo_ctx, sid) == outbox


def _asked_and_left(qtbot: Any, window: Any, sid: int, cents: int) -> list[str]:
    """Take payment… of `cents` by card for what the client's plan pays: the question is asked
    (nothing is owed), and Cancel leaves the dialog without recording anything. The questions."""
    seen: list[str] = []

    def take_payment(w: QWidget) -> None:
        choose(field(w, "Method", QComboBox), "Card")
        type_into(qtbot, field(w, "Amount", QLineEdit), _typed(cents))
        type_date(qtbot, field(w, "Date received"), TODAY)
        press(w, "Record payment")
        assert seen and w.isVisible(), "taking what the plan pays from the client is asked about"
        press(w, "Cancel")

    with dialogs(take_payment, _asked(_question(cents, 0), seen)):
        from_context_menu(window, sid, "Take payment…")
    return seen
