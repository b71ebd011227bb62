"""Adding a client to a session by Edit session… closes the texted offers of the place it took,
out loud, as booking it from the waitlist does: a receptionist cancels a client's place in a full
class and leaves the offer to the text messages ("Not now"); the outbox texts it to the first
waiting client with a mobile. The receptionist then adds the client waiting longest (reached by
phone on their landline) to the class with Ctrl+E: the window says one texted offer was closed,
and the client who was texted it is sent the "Sorry, this place has been taken …" text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Client, Session, WaitlistOffer
from app.models.enums import BookingStatus
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import (
    click_session,
    dialogs,
    field,
    from_context_menu,
    press,
    shortcut,
    type_into,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_waitlist_desk_closes_offers import CLOSED, MOBILE, _texts
from tests.ui.flows.test_flow_waitlist_sms_offers import _set_up

__all__ = ["sms_standin"]


def _add_client(qtbot: Any, name: str) -> Any:
    """The session form as the receptionist fills it: the client found by name, ticked, Save."""

    def edit(w: Any) -> None:
        items = w.clients.list
        qtbot.keyClicks(w.clients.filter, name)
        shown = [items.item(i) for i in range(items.count()) if not items.item(i).isHidden()]
        assert [i.text() for i in shown] == [name]
        items.setCurrentItem(shown[0])
        QTest.keyClick(items, Qt.Key.Key_Space)
        press(w, "Save")
        if w.isVisible() and not w.warnings.isHidden():  # a warning to confirm
            press(w, "Save anyway")
        assert not w.isVisible(), w.error.text()

    return edit


def _offer_texted(
    qtbot: Any, ctx: AppContext, open_window: Any, standin: SmsStandIn
) -> tuple[int, list[str], tuple[int, int], Any]:
    """A receptionist cancels a client's place in a full class and leaves the offer to the
    texts ("Not now"); the outbox's next pass texts it to the waiting client with a mobile.
    The session, its clients' names, the two waiting clients (landline, mobile), the window."""
    sid = data.full_group(ctx)
    names = list(data.booking_statuses(ctx, sid))
    waiting = _set_up(ctx, sid, standin.base_url)
    window = open_window(ctx, "reception")
    with dialogs(client_cancel(qtbot, "Health", clients=(names[0],)),
                 lambda w: press(w, "Not now")):  # fmt: skip
        from_context_menu(window, sid, "Cancel…")
    pump = window.installed.outbox.pump
    pump.replies_every = 0  # a minute on: the outbox's next look at replies and offers
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)
    offered = [(topic, to) for topic, to, _ in _texts(ctx, sid) if topic.startswith("offer")]
    assert offered == [("offer", MOBILE)]
    return sid, names, waiting, window


def test_adding_the_client_by_edit_session_tells_who_was_texted_and_the_receptionist(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid, _names, (landline_client, mobile_client), window = _offer_texted(
        qtbot, demo_ctx, open_window, sms_standin
    )
    landline_name = data.read(demo_ctx, lambda orm: orm.get(Client, landline_client).display_name)

    told: list[str] = []

    def refilled(box: Any) -> None:
        told.append(box.text())
        press(box, "OK")

    click_session(qtbot, window, sid)
    with dialogs(_add_client(qtbot, landline_name), refilled):
        shortcut(qtbot, window, "Ctrl+E")

    booked = data.read(demo_ctx, lambda orm: orm.scalar(select(Booking.status).where(
        Booking.session_id == sid, Booking.client_id == landline_client)))  # fmt: skip
    assert booked == BookingStatus.BOOKED
    assert told and told[0].endswith(CLOSED), told
    taken = [(to, body) for topic, to, body in _texts(demo_ctx, sid) if topic == "offer_taken"]
    assert len(taken) == 1 and taken[0][0] == MOBILE
    assert taken[0][1].startswith("Sorry, this place has been taken: ")
    offers = data.read(demo_ctx, lambda orm: [(o.client_id, o.status) for o in orm.scalars(
        select(WaitlistOffer).where(WaitlistOffer.session_id == sid))])  # fmt: skip
    assert offers == [(mobile_client, "taken")]


def test_lowering_the_places_by_edit_session_closes_the_texted_offer_out_loud(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid, names, (_landline, mobile_client), window = _offer_texted(
        qtbot, demo_ctx, open_window, sms_standin
    )
    still_booked = len(names) - 1

    told: list[str] = []

    def fewer_places(w: Any) -> None:
        type_into(qtbot, field(w, "Places"), str(still_booked))
        press(w, "Save")
        if w.isVisible() and not w.warnings.isHidden():
            press(w, "Save anyway")
        assert not w.isVisible(), w.error.text()

    def closed(box: Any) -> None:
        told.append(box.text())
        press(box, "OK")

    click_session(qtbot, window, sid)
    with dialogs(fewer_places, closed):
        shortcut(qtbot, window, "Ctrl+E")

    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid).capacity) == still_booked
    assert told and told[0].endswith(CLOSED), told
    taken = [to for topic, to, _ in _texts(demo_ctx, sid) if topic == "offer_taken"]
    assert taken == [MOBILE]
    offers = data.read(demo_ctx, lambda orm: [(o.client_id, o.status) for o in orm.scalars(
        select(WaitlistOffer).where(WaitlistOffer.session_id == sid))])  # fmt: skip
    assert offers == [(mobile_client, "taken")]
