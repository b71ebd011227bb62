"""A participant whose NDIS plan is plan- or self-managed is invoiced, not claimed from the NDIA:
cancelled late from the real window, the review says who is invoiced for the charge (with the
claim type and reason the invoice names), and the session's details say the charge is invoiced
rather than "not extracted yet" — the claim file never takes it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import ServiceDelivered, Session
from app.models.enums import SdKind
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_context_menu
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_payment_more_than_owed import PLAN_MANAGED, SELF_MANAGED, paid_by


@pytest.mark.parametrize(
    ("entry", "review", "details"),
    [
        (PLAN_MANAGED, "— invoice the plan manager (CANC", "invoiced to the plan manager"),
        (SELF_MANAGED, "— invoice the participant (CANC", "invoiced to the participant"),
    ],
)
def test_a_late_cancellation_of_an_invoiced_participant_says_who_is_invoiced(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, entry: str, review: str, details: str
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=True)
    client_id = data.read(demo_ctx, lambda orm: orm.get(Session, sid).bookings[0].client_id)
    window = open_window(demo_ctx, "reception")
    paid_by(qtbot, window, client_id, entry)
    seen: list[str] = []
    with dialogs(client_cancel(qtbot, "Family", seen=seen)):
        from_context_menu(window, sid, "Cancel…")
    (sd,) = data.read(demo_ctx, lambda orm: list(orm.scalars(select(ServiceDelivered).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION))))  # fmt: skip
    assert sd.amount_cents > 0 and sd.claim_type == "CANC" and sd.bill_to == ""
    said = " ".join(seen[0].split())
    assert f"{review} {sd.reason_code})" in said
    assert "— claim CANC" not in said  # the NDIA is never claimed for it
    window.open_session(sid)
    qtbot.waitUntil(lambda: "Services delivered" in window.details_panel.plain_text(), timeout=3000)
    shown = window.details_panel.plain_text()
    assert f"claim CANC {sd.reason_code} · {details}, not an NDIS claim" in shown
    assert "not extracted yet" not in shown
