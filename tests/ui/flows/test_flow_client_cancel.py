"""Client cancellations walked through the real window: one client, one of a group, each series
scope; the review lists what the choice touches; and the waitlist refill of a charged place."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QTableView, QTextBrowser, QWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import (
    AuditEvent,
    Cancellation,
    CancellationLine,
    OutboxMessage,
    ServiceDelivered,
    WaitlistEntry,
)
from app.models.enums import BookingStatus, OutboxChannel, SdKind
from app.services.sms.reminder_state import TOPIC as REMINDER
from app.ui.sessions.cancel_pages import PAGE_DETAILS, PAGE_REVIEW
from tests.ui.fit import problems
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    entries,
    field,
    finish,
    from_context_menu,
    next_page,
    press,
    press_default,
    type_into,
)


def review_text(wizard: QWidget) -> str:
    return str(field(wizard, "Review", QTextBrowser).toPlainText())


def client_cancel(
    qtbot: Any,
    reason: str,
    *,
    clients: tuple[str, ...] = (),
    scope: str | None = None,
    note: str = "",
    seen: list[str] | None = None,
) -> Any:
    """The wizard as a receptionist fills it: the client, who (if asked), details, review, confirm."""

    def answer(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        for name in clients:
            press(w, name)
        if clients:
            next_page(w)
        choose(field(w, "Reason"), reason)
        if scope is not None:
            choose(field(w, "Which sessions of the series"), scope)
        if note:
            type_into(qtbot, field(w, "Note"), note)
        next_page(w)
        if seen is not None:
            seen.append(review_text(w))
        finish(w)

    return answer


def test_a_client_cancels_a_single_session_with_a_note(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    before = data.ids(demo_ctx, OutboxMessage)
    window = open_window(demo_ctx, "reception")
    seen: list[str] = []
    with dialogs(client_cancel(qtbot, "Transport", note="Car broke down", seen=seen)):
        from_context_menu(window, sid, "Cancel…")
    (statuses,) = [data.booking_statuses(demo_ctx, sid)]
    assert list(statuses.values()) == [BookingStatus.CANCELLED]
    (c,) = data.read(
        demo_ctx,
        lambda orm: list(orm.scalars(select(Cancellation).where(Cancellation.session_id == sid))),
    )
    assert c.note == "Car broke down" and c.advised_at == demo_ctx.db.clock()
    assert c.reason_id is not None and c.actor_id is not None
    mails = data.new_rows(demo_ctx, OutboxMessage, before)
    notices = [m for m in mails if m.channel == OutboxChannel.EMAIL and m.topic != REMINDER]
    assert [(m.topic, m.session_id) for m in notices] == [("cancel", sid)]
    assert "Series:" not in seen[0]  # not a recurring session: no series line


def test_one_client_of_a_group_cancels_and_the_others_stay_booked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Family", clients=(names[1],))):
        from_context_menu(window, sid, "Cancel…")
    after = data.booking_statuses(demo_ctx, sid)
    assert after[names[1]] == BookingStatus.CANCELLED
    assert [after[n] for n in names if n != names[1]] == [BookingStatus.BOOKED] * (len(names) - 1)


def test_the_charge_of_a_short_notice_cancellation_shows_in_the_details_as_one_readable_line(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Family", clients=(names[1],))):
        from_context_menu(window, sid, "Cancel…")
    (sd,) = data.read(
        demo_ctx,
        lambda orm: list(orm.scalars(select(ServiceDelivered).where(
            ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION))),
    )  # fmt: skip
    window.open_session(sid)
    qtbot.waitUntil(lambda: "Services delivered" in window.details_panel.plain_text(), timeout=3000)
    shown = window.details_panel.plain_text()
    money = f"${sd.amount_cents // 100}.{sd.amount_cents % 100:02d}"
    # The amount, the kind and the client on one line; the claim and its state under it (a
    # five-column table broke the client's name and "Extracted" apart in the panel's width).
    assert f"{money} cancellation — {names[1]}" in shown
    assert f"claim {sd.claim_type} {sd.reason_code} · not extracted yet" in shown


def test_one_client_of_a_crowded_class_is_picked_on_a_page_that_fits_the_screen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.crowded_class(demo_ctx)
    *others, last = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    cut: list[str] = []

    def answer(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        cut.extend(problems(w, may_scroll=True))  # a crowded class scrolls; Next and Cancel stay
        press(w, last)
        next_page(w)
        choose(field(w, "Reason"), "Family")
        next_page(w)
        finish(w)

    with dialogs(answer, lambda offer: press(offer, "Not now")):  # the freed place: not now
        from_context_menu(window, sid, "Cancel…")
    assert cut == []
    after = data.booking_statuses(demo_ctx, sid)
    assert after[last] == BookingStatus.CANCELLED
    assert {after[n] for n in others} == {BookingStatus.BOOKED}


@pytest.mark.parametrize(
    ("scope", "cancelled"),
    [
        ("This session only", ["target"]),
        ("This and following sessions of the series", ["target", "later"]),
        ("All upcoming sessions of the series", ["earlier", "target", "later"]),
    ],
)
def test_each_series_choice_cancels_exactly_the_sessions_it_names(
    qtbot: Any, any_demo_ctx: AppContext, open_window: Any, scope: str, cancelled: list[str]
) -> None:
    ctx = any_demo_ctx
    first = data.future_individual(ctx, series=True)
    upcoming = data.series_of(ctx, first)
    assert len(upcoming) >= 2
    # The middle of three when there are three: "all" then differs from "this and following".
    named = (
        dict(zip(["earlier", "target", "later"], upcoming, strict=False))
        if len(upcoming) >= 3
        else {"target": upcoming[0], "later": upcoming[1]}
    )
    if "earlier" not in named:
        cancelled = [n for n in cancelled if n != "earlier"]
    target = named["target"]
    before = data.ids(ctx, Cancellation)
    mails_before = data.ids(ctx, OutboxMessage)
    window = open_window(ctx, "reception")
    seen: list[str] = []
    with dialogs(client_cancel(qtbot, "Health", scope=scope, seen=seen)):
        from_context_menu(window, target, "Cancel…")
    made = data.new_rows(ctx, Cancellation, before)
    assert sorted(c.session_id for c in made) == sorted(named[n] for n in cancelled)
    mails = data.new_rows(ctx, OutboxMessage, mails_before)
    # The cancellation's e-mails, one a session; the outbox's passes may queue reminders too.
    notices = [m for m in mails if m.channel == OutboxChannel.EMAIL and m.topic != REMINDER]
    assert {m.topic for m in notices} == {"cancel"}
    assert sorted(m.session_id for m in notices) == sorted(named[n] for n in cancelled)
    review = seen[0]
    assert f"Series: {scope}" in review
    if cancelled == ["target"]:
        assert "no other session of the series is cancelled" in review
    else:
        assert f"also cancels {len(cancelled) - 1} other session" in review
        others = [m for m in made if m.session_id != target]
        starts = data.read(
            ctx, lambda orm: [orm.get(Cancellation, c.id).session_id for c in others]
        )  # type: ignore[union-attr]
        assert len(starts) == len(cancelled) - 1


def test_an_unknown_series_choice_is_refused_with_a_sentence_not_applied(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    target = data.future_individual(demo_ctx, series=True)
    before = data.ids(demo_ctx, Cancellation)
    window = open_window(demo_ctx, "reception")
    shown: list[str] = []

    def answer(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        choose(field(w, "Reason"), "Health")
        combo = field(w, "Which sessions of the series")
        assert entries(combo) == [
            "This session only",
            "This and following sessions of the series",
            "All upcoming sessions of the series",
        ]
        combo.setItemData(0, "this week")  # a value the service does not know
        choose(combo, "This session only")
        press(w, "Next >")
        shown.extend(
            lbl.text()
            for lbl in w.findChildren(QLabel)
            if lbl.accessibleName() == "Problem" and lbl.isVisible()
        )
        w.reject()

    with dialogs(answer):
        from_context_menu(window, target, "Cancel…")
    assert any("“this week” is not a choice FrontDesk knows" in text for text in shown), shown
    assert data.new_rows(demo_ctx, Cancellation, before) == []


def test_a_charged_place_refilled_from_the_waitlist_is_not_charged(
    qtbot: Any, any_demo_ctx: AppContext, open_window: Any
) -> None:
    ctx = any_demo_ctx
    sid = data.full_group(ctx)
    names = list(data.booking_statuses(ctx, sid))
    waiting = _wait_for_any_place(ctx, sid)
    sds_before = data.ids(ctx, ServiceDelivered)
    window = open_window(ctx, "reception")
    seen: list[str] = []
    told: list[str] = []

    def offer(w: Any) -> None:
        table = field(w, "Waiting clients who fit", QTableView)
        assert table.model().rowCount() >= 1
        table.selectRow(0)
        press(w, "Book selected client")

    def refilled(box: Any) -> None:
        told.append(box.text())
        press(box, "OK")

    with dialogs(client_cancel(qtbot, "Health", clients=(names[0],), seen=seen), offer, refilled):
        from_context_menu(window, sid, "Cancel…")
    assert "$" in seen[0]  # the review showed a charge: short notice
    statuses = data.booking_statuses(ctx, sid)
    assert (
        statuses[names[0]] == BookingStatus.CANCELLED and statuses[waiting] == BookingStatus.BOOKED
    )
    charges = [
        sd
        for sd in data.new_rows(ctx, ServiceDelivered, sds_before)
        if sd.kind == SdKind.CANCELLATION
    ]
    assert charges == []  # the charge SD was written, then withdrawn in the booking's transaction
    (line,) = data.read(
        ctx,
        lambda orm: list(
            orm.scalars(
                select(CancellationLine).join(Cancellation).where(Cancellation.session_id == sid)
            )
        ),
    )
    assert line.charge_cents > 0 and line.withdrawn_at is not None
    assert (
        line.withdrawn_reason
        == f"The freed place was refilled by {waiting}; a refilled place is not charged."
    )
    assert (
        told and f"{names[0]}'s cancellation charge of $" in told[0] and "was withdrawn" in told[0]
    )
    actions = data.read(
        ctx,
        lambda orm: list(
            orm.scalars(select(AuditEvent.action).where(AuditEvent.session_id == sid))
        ),
    )
    assert "cancellation.charge_withdrawn" in actions
    window.open_session(sid)  # the details panel's cancellation history says why
    qtbot.waitUntil(lambda: "charge withdrawn" in window.details_panel.plain_text(), timeout=3000)
    assert (
        f"charge withdrawn: The freed place was refilled by {waiting}"
        in window.details_panel.plain_text()
    )


def _wait_for_any_place(ctx: AppContext, session_id: int) -> str:
    """Put a client who is free at that time on the waitlist for any worker, day and time."""
    from app.models import Booking, Client, Session

    def add(orm: Any) -> str:
        s = orm.get(Session, session_id)
        busy = set(orm.scalars(
            select(Booking.client_id).join(Session)
            .where(Session.starts_at < s.ends_at, Session.ends_at > s.starts_at)))  # fmt: skip
        client = next(
            c for c in orm.scalars(select(Client).order_by(Client.id)) if c.id not in busy
        )
        orm.add(WaitlistEntry(client_id=client.id, weekdays=127, earliest_minute=0,
                              latest_minute=24 * 60, note="", created_at=ctx.db.clock(), active=True))  # fmt: skip
        orm.commit()
        return str(client.display_name)

    return data.read(ctx, add)


def test_the_review_button_says_what_it_does(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")

    def answer(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        choose(field(w, "Reason"), "Health")
        next_page(w)
        assert button(w, "Confirm cancellation").isEnabled()
        w.reject()

    with dialogs(answer):
        from_context_menu(window, sid, "Cancel…")
    assert data.booking_statuses(demo_ctx, sid) and set(
        data.booking_statuses(demo_ctx, sid).values()
    ) == {BookingStatus.BOOKED}


def test_enter_on_the_review_goes_back_and_only_confirm_cancels(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Enter, pressed once too often on the way through, never confirms: on the review Back is
    the default; going on again and clicking Confirm cancels."""
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    seen: dict[str, Any] = {}

    def answer(w: Any) -> None:
        press(w, "The client")
        press_default(w)  # Next is the default before the review
        choose(field(w, "Reason"), "Health")
        next_page(w)
        seen["review"] = w.currentId()
        press_default(w)
        seen["after enter"] = (w.currentId(), data.booking_statuses(demo_ctx, sid))
        press_default(w)  # on the details, Enter goes on again
        seen["again"] = w.currentId()
        finish(w)

    with dialogs(answer):
        from_context_menu(window, sid, "Cancel…")
    assert seen["review"] == PAGE_REVIEW
    page, statuses = seen["after enter"]
    assert page == PAGE_DETAILS and set(statuses.values()) == {BookingStatus.BOOKED}
    assert seen["again"] == PAGE_REVIEW
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}
