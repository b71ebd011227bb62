"""An NDIS participant's session filed under the practice's own service code is never claimed
from their plan: cancelled late from the real window, its charge is said and marked the client's,
and Take payment takes exactly that charge without asking whether it is more than owed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Payment, Service, ServiceDelivered, Session
from app.models.enums import SdKind
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    from_context_menu,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_payment_more_than_owed import paid_without_a_question

SENTENCE = (
    "Charged to the client (“PHYSIO-PRIV” is the practice's own service code, not an NDIS "
    "support item number, so the NDIS plan cannot be claimed for it)."
)


def _private_code(ctx: AppContext, sid: int) -> None:
    """The session is of the demo practice's own PHYSIO-PRIV service."""

    def change(orm: Any) -> None:
        private = orm.scalar(select(Service.id).where(Service.code == "PHYSIO-PRIV"))
        orm.get(Session, sid).service_id = private
        orm.commit()

    data.read(ctx, change)


def test_a_late_cancellation_under_a_private_code_is_the_clients_to_pay(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=True)
    _private_code(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    seen: list[str] = []
    with dialogs(client_cancel(qtbot, "Family", seen=seen)):
        from_context_menu(window, sid, "Cancel…")
    (sd,) = data.read(demo_ctx, lambda orm: list(orm.scalars(select(ServiceDelivered).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION))))  # fmt: skip
    assert sd.amount_cents > 0 and sd.bill_to == "client"
    review = " ".join(seen[0].split())
    assert SENTENCE in review
    assert "charged to the client" in review and "claim CANC" not in review  # never claimed
    charge = sd.amount_cents
    paid_without_a_question(qtbot, window, sid, "Card", charge)  # not "more than owed"
    paid = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Payment.amount_cents).where(Payment.session_id == sid))))  # fmt: skip
    assert paid == [charge]
