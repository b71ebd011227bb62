"""A freed place texted to the waitlist names its day and time; when the receptionist then moves the
session (Reschedule…), that text is no longer true. The client who was texted is told the offer
no longer stands, and the place is offered again at the new time (its text names the new time),
so a "Y" books what the client read, never a time they were not told of."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Session, WaitlistOffer
from app.models.enums import BookingStatus
from app.services.outbox.notify import short_when
from app.ui.schedule.range import ViewMode
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_context_menu, press, type_date
from tests.ui.flows.test_flow_drag_move import drag
from tests.ui.flows.test_flow_edit_session_closes_offers import _offer_texted
from tests.ui.flows.test_flow_replies_offer_changed_mind import _pass
from tests.ui.flows.test_flow_waitlist_desk_closes_offers import MOBILE, _texts


def test_moving_a_session_withdraws_its_texted_offer_and_offers_the_new_time(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid, _names, (_landline, mobile_client), window = _offer_texted(
        qtbot, demo_ctx, open_window, sms_standin
    )
    old = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    new = old + timedelta(days=1)
    local = new.astimezone(window.tz)

    def reschedule(w: Any) -> None:
        type_date(qtbot, field(w, "New start"), f"{local:%d/%m/%y %H:%M}")
        press(w, "Reschedule")
        assert not w.isVisible(), w.error.text()

    said: list[str] = []

    def told_at_desk(w: Any) -> None:  # the desk hears the offers closed, as the client does
        said.append(w.text())
        press(w, "OK")

    with dialogs(reschedule, told_at_desk):
        from_context_menu(window, sid, "Reschedule…")
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at) == new
    assert len(said) == 1 and "named its old time and closed" in said[0], said

    tz = window.tz
    first = data.read(demo_ctx, lambda orm: orm.scalars(select(WaitlistOffer).where(
        WaitlistOffer.session_id == sid).order_by(WaitlistOffer.id)).first())  # fmt: skip
    assert (first.client_id, first.status) == (mobile_client, "moved")
    told = [body for topic, to, body in _texts(demo_ctx, sid) if topic == "offer_moved"]
    assert len(told) == 1 and short_when(old, tz) in told[0], told
    assert "no longer" in told[0]

    _pass(qtbot, window)  # the outbox offers the place again, at its new time
    offers = [(to, body) for topic, to, body in _texts(demo_ctx, sid) if topic == "offer"]
    assert len(offers) == 2 and offers[-1][0] == MOBILE
    assert short_when(new, tz) in offers[-1][1], offers[-1][1]

    demo_ctx.db.clock.advance(minutes=3)
    sms_standin.add_reply(MOBILE, "Y", demo_ctx.db.clock())
    _pass(qtbot, window)
    booked = data.read(demo_ctx, lambda orm: orm.scalar(select(Booking.status).where(
        Booking.session_id == sid, Booking.client_id == mobile_client)))  # fmt: skip
    assert booked == BookingStatus.BOOKED  # the yes to the new time's offer books it
    assert [t for t, _to, _b in _texts(demo_ctx, sid) if t == "offer_taken"] == []


def test_dragging_the_session_says_its_texted_offer_closed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid, _names, (_landline, mobile_client), window = _offer_texted(
        qtbot, demo_ctx, open_window, sms_standin
    )
    old = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    window.set_mode(ViewMode.DAY)
    window.go_to(old.astimezone(window.tz).date())
    view = window.view
    qtbot.waitUntil(lambda: any(b.id == sid for b in view.blocks()), timeout=5000)
    said: list[str] = []

    def answer(w: Any) -> None:  # the desk hears the offers closed, as the client does
        said.append(w.text())
        press(w, "OK")

    with dialogs(answer) as seen:
        drag(qtbot, view, sid, round(view.scene.layout.col_width[0]))
        qtbot.waitUntil(lambda: any("closed" in s for s in said), timeout=5000)
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at) == old + timedelta(
        hours=1
    )
    assert seen and "named its old time and closed" in said[-1], said
    first = data.read(demo_ctx, lambda orm: orm.scalars(select(WaitlistOffer).where(
        WaitlistOffer.session_id == sid).order_by(WaitlistOffer.id)).first())  # fmt: skip
    assert (first.client_id, first.status) == (mobile_client, "moved")
