"""Edit session… on a session whose freed place is texted to the waitlist. A new time typed in
the form moves the session as Reschedule… does: the texted offer named the old time, so it
closes, the client texted is told it no longer stands, and the window says so. A new service
chosen in the form makes the offer untrue too ("Pilates" offered, "Hydrotherapy" held): it closes
the same way, and the outbox offers the place again under the new service. A late "Y" to the
offer of the old service books nothing and waits on the Replies queue saying the service
changed (not that the session moved)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import (
    Booking,
    OutboxMessage,
    Service,
    Session,
    SmsReply,
    WaitlistEntry,
    WaitlistOffer,
)
from app.models.enums import BookingStatus
from app.services.outbox.notify import short_when
from app.ui.sms.replies_panel import RepliesView
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    click_session,
    dialogs,
    field,
    from_menu,
    press,
    shortcut,
    type_date,
)
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
    assert _offers(demo_ctx, sid)[0] == (mobile_client, "svc_changed")  # (offered again)
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


SERVICE_CHANGED_NOTE = (
    "The session's service was changed after this offer was texted, and the client was told the "
    "offer no longer stands; nothing was booked. Ring them if they want the place as the new "
    "service."
)


def test_a_late_yes_to_the_offer_of_the_old_service_books_nothing_and_says_the_service_changed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid, _names, (_landline, mobile_client), window = _offer_texted(
        qtbot, demo_ctx, open_window, sms_standin
    )
    new_service = data.read(demo_ctx, lambda orm: orm.scalars(select(Service.name).where(
        Service.id != orm.get(Session, sid).service_id, Service.active.is_(True))
        .order_by(Service.name)).first())  # fmt: skip
    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:  # they wait for the session's service only
        entry = uow.session.scalar(
            select(WaitlistEntry).where(WaitlistEntry.client_id == mobile_client)
        )
        entry.service_id = uow.session.get(Session, sid).service_id

    def other_service(w: Any) -> None:
        choose(field(w, "Service"), new_service)
        _save(w)

    click_session(qtbot, window, sid)
    with dialogs(other_service, lambda box: press(box, "OK")):
        shortcut(qtbot, window, "Ctrl+E")
    qtbot.waitUntil(lambda: "service changed" in window.details_panel.browser.toPlainText())
    shown = window.details_panel.browser.toPlainText()
    assert "(withdrawn: the session's service changed)" in shown
    assert "the session moved" not in shown

    told = [topic for topic, to, _body in _texts(demo_ctx, sid) if to == MOBILE]
    assert told == ["offer", "offer_moved"], "told the offer no longer stands; not offered again"
    texted = data.ids(demo_ctx, OutboxMessage)
    demo_ctx.db.clock.advance(minutes=1)
    sms_standin.add_reply(MOBILE, "Y", demo_ctx.db.clock())  # to the offer of the old service
    _pass(qtbot, window)

    reply = data.read(demo_ctx, lambda orm: orm.scalars(
        select(SmsReply).order_by(SmsReply.id.desc())).first())  # fmt: skip
    assert (reply.outcome, reply.note) == ("queued", SERVICE_CHANGED_NOTE)
    booked = data.read(demo_ctx, lambda orm: orm.scalar(select(Booking.id).where(
        Booking.session_id == sid, Booking.client_id == mobile_client)))  # fmt: skip
    assert booked is None, "nothing is booked on a yes to the old service"
    after = [m for m in data.new_rows(demo_ctx, OutboxMessage, texted) if m.recipient == MOBILE]
    assert after == [], "no text answers the late yes (the desk reads it on the queue)"

    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    qtbot.waitUntil(lambda: view.select_reply(reply.id), timeout=3000)
    row = next(view.model.row(i) for i in range(view.model.rowCount())
               if view.model.row(i).id == reply.id)  # fmt: skip
    assert (row.outcome, row.note) == ("queued", SERVICE_CHANGED_NOTE)
