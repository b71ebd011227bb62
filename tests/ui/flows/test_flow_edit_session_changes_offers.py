"""Edit session… on a session whose freed place is texted to the waitlist. A new time typed in
the form moves the session as Reschedule… does: the texted offer named the old time, so it
closes, the client texted is told it no longer stands, and the window says so. A new service
chosen in the form makes the offer untrue too ("Pilates" offered, "Hydrotherapy" held): it closes
the same way, and the outbox offers the place again under the new service."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Service, Session, WaitlistOffer
from app.models.enums import BookingStatus
from app.services.outbox.notify import short_when
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import choose, click_session, dialogs, field, press, shortcut, type_date
from tests.ui.flows.test_flow_edit_session_closes_offers import _offer_texted
from tests.ui.flows.test_flow_replies_offer_changed_mind import _pass
from tests.ui.flows.test_flow_waitlist_desk_closes_offers import MOBILE, _texts

__all__ = ["sms_standin"]

MOVED_TIME = (
    "1 waitlist offer of this session named its old time and closed; the place is offered again "
    "at the new time. A text tells the 1 client already texted that the offer no longer stands."
)
MOVED_SERVICE = (
    "1 waitlist offer of this session named its old service and closed; the place is offered "
    "again as the new service. A text tells the 1 client already texted that the offer no longer "
    "stands."
)


def _save(w: Any) -> None:
    press(w, "Save")
    if w.isVisible() and not w.warnings.isHidden():  # a warning to confirm
        press(w, "Save anyway")
    assert not w.isVisible(), w.error.text()


def _offers(ctx: AppContext, sid: int) -> list[tuple[int, str]]:
    return data.read(ctx, lambda orm: [(o.client_id, o.status) for o in orm.scalars(
        select(WaitlistOffer).where(WaitlistOffer.session_id == sid).order_by(WaitlistOffer.id))])  # fmt: skip


def test_a_new_time_typed_in_edit_session_says_the_texted_offer_closed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid, _names, (_landline, mobile_client), window = _offer_texted(
        qtbot, demo_ctx, open_window, sms_standin
    )
    old = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    new = old + timedelta(days=1)
    local = new.astimezone(window.tz)

    def later(w: Any) -> None:
        type_date(qtbot, field(w, "Start"), f"{local:%d/%m/%Y %H:%M}")
        _save(w)

    told: list[tuple[str, str]] = []

    def said(box: Any) -> None:
        told.append((box.windowTitle(), box.text()))
        press(box, "OK")

    click_session(qtbot, window, sid)
    with dialogs(later, said):
        shortcut(qtbot, window, "Ctrl+E")

    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at) == new
    assert told == [("Session saved", MOVED_TIME)]
    assert _offers(demo_ctx, sid)[0] == (mobile_client, "moved")  # (the place is offered again)
    moved = [(to, body) for topic, to, body in _texts(demo_ctx, sid) if topic == "offer_moved"]
    assert len(moved) == 1 and moved[0][0] == MOBILE
    assert short_when(old, window.tz) in moved[0][1] and "no longer" in moved[0][1]


def test_a_new_service_chosen_in_edit_session_closes_the_offer_that_named_the_old_one(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid, _names, (_landline, mobile_client), window = _offer_texted(
        qtbot, demo_ctx, open_window, sms_standin
    )

    def names(orm: Any) -> tuple[str, str]:
        s = orm.get(Session, sid)
        other = orm.scalars(select(Service.name).where(Service.id != s.service_id,
                                                       Service.active.is_(True)).order_by(Service.name)).first()  # fmt: skip
        return s.service.name, other

    old_service, new_service = data.read(demo_ctx, names)
    offered = [body for topic, _to, body in _texts(demo_ctx, sid) if topic == "offer"]
    assert old_service in offered[0]

    def other_service(w: Any) -> None:
        choose(field(w, "Service"), new_service)
        _save(w)

    told: list[tuple[str, str]] = []

    def said(box: Any) -> None:
        told.append((box.windowTitle(), box.text()))
        press(box, "OK")

    click_session(qtbot, window, sid)
    with dialogs(other_service, said):
        shortcut(qtbot, window, "Ctrl+E")

    held = data.read(demo_ctx, lambda orm: orm.get(Session, sid).service.name)
    assert held == new_service
    assert told == [("Session saved", MOVED_SERVICE)]
    assert _offers(demo_ctx, sid)[0] == (mobile_client, "moved")  # (the place is offered again)
    moved = [(to, body) for topic, to, body in _texts(demo_ctx, sid) if topic == "offer_moved"]
    assert len(moved) == 1 and moved[0][0] == MOBILE
    assert old_service in moved[0][1] and "no longer" in moved[0][1]

    _pass(qtbot, window)  # the outbox offers the place again, naming the new service
    again = [(to, body) for topic, to, body in _texts(demo_ctx, sid) if topic == "offer"]
    assert len(again) == 2 and again[-1][0] == MOBILE
    assert new_service in again[-1][1], again[-1][1]

    demo_ctx.db.clock.advance(minutes=3)
    sms_standin.add_reply(MOBILE, "Y", demo_ctx.db.clock())
    _pass(qtbot, window)
    booked = data.read(demo_ctx, lambda orm: orm.scalar(select(Booking.status).where(
        Booking.session_id == sid, Booking.client_id == mobile_client)))  # fmt: skip
    assert booked == BookingStatus.BOOKED  # the yes to the offer naming the new service books it
