"""A worker cancels through the window; then a replacement, a reschedule, and advised-at typed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import Cancellation, OutboxMessage, Service, Session, Worker
from app.models.enums import BookingStatus, SessionStatus
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    errors,
    field,
    finish,
    from_context_menu,
    next_page,
    press,
    tick,
    type_date,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel

SYDNEY = ZoneInfo("Australia/Sydney")


def physio_session(ctx: AppContext) -> tuple[Session, int, int]:
    """Maya's next one-client NDIS physio session (after tomorrow) while Sophie is free."""
    with OrmSession(ctx.db.engine) as s:
        maya = s.scalar(select(Worker.id).where(Worker.name == "Dr Maya Chen"))
        sophie = s.scalar(select(Worker.id).where(Worker.name == "Sophie Martin"))
        assert maya is not None and sophie is not None
        rows = s.scalars(
            select(Session)
            .join(Service)
            .where(Session.worker_id == maya, Service.code == "15_055_0128_1_3")
            .where(Session.status == SessionStatus.ROSTERED, Session.capacity == 1)
            .where(Session.starts_at > ctx.db.clock() + timedelta(days=1))
            .order_by(Session.starts_at)
        ).all()
        for row in rows:
            clash = s.scalar(
                select(Session.id).where(
                    Session.worker_id == sophie,
                    Session.status != SessionStatus.CANCELLED,
                    Session.starts_at < row.ends_at,
                    Session.ends_at > row.starts_at,
                )
            )
            if clash is None and len(row.bookings) == 1:
                s.expunge_all()
                return row, maya, sophie
    raise AssertionError("the demo practice has no physio session Sophie could take")


def ids_of(ctx: AppContext, model: Any) -> set[int]:
    with OrmSession(ctx.db.engine) as s:
        return set(s.scalars(select(model.id)))


def worker_cancels(w: Any) -> None:
    """The wizard: the worker cancelled, unwell, confirmed."""
    press(w, "The worker")
    next_page(w)
    choose(field(w, "Reason"), "Worker unwell")
    next_page(w)
    finish(w)


def rows(view: QListWidget) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def click_row(view: QListWidget, text_start: str) -> None:
    """Click the row that begins with `text_start`, as a person picks it."""
    row = next(i for i, t in enumerate(rows(view)) if t.startswith(text_start))
    rect = view.visualItemRect(view.item(row))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentRow() == row


def test_worker_cancel_then_replacement_offers_the_skilled_free_rostered_worker_first(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    target, maya, sophie = physio_session(demo_ctx)
    mails_before = ids_of(demo_ctx, OutboxMessage)
    window = open_window(demo_ctx, "reception")
    seen: dict[str, list[str]] = {}

    def replace(w: Any) -> None:
        workers = field(w, "Workers for this slot", QListWidget)
        seen["first"] = rows(workers)
        show_all = field(w, "Show all workers", QCheckBox)
        tick(show_all)
        seen["all"] = rows(workers)
        click_row(workers, "Sophie Martin")
        press(w, "Assign")

    with dialogs(worker_cancels, lambda w: press(w, "Assign replacement worker"), replace):
        from_context_menu(window, target.id, "Cancel…")

    assert seen["first"][0] == "Sophie Martin — physiotherapy · free · rostered 08:00–18:00"
    assert all("· free · rostered" in row for row in seen["first"])
    assert not any("Dr Maya Chen" in row for row in seen["all"])
    hidden = [row for row in seen["all"] if row not in seen["first"]]
    assert hidden and any("no physiotherapy skill" in row for row in hidden)
    assert len(seen["all"]) == 7  # every active worker but the one who cancelled
    with OrmSession(demo_ctx.db.engine) as s:
        new = s.scalars(select(Session).where(Session.replacement_of_id == target.id)).one()
        assert (new.worker_id, new.starts_at, new.ends_at) == (
            sophie,
            target.starts_at,
            target.ends_at,
        )
        assert new.status == SessionStatus.ROSTERED
        old = s.get(Session, target.id)
        assert old is not None and old.status == SessionStatus.CANCELLED
        assert old.cancelled_by_worker and old.worker_id == maya
        topics = {
            (m.session_id, m.topic, m.channel)
            for m in s.scalars(select(OutboxMessage).where(OutboxMessage.id.not_in(mails_before)))
        }
    assert (new.id, "reschedule", "email") in topics
    assert any(sid == target.id and channel == "email" for sid, _t, channel in topics)


def test_worker_cancel_then_reschedule_never_proposes_the_worker_in_the_same_slot(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    target, maya, _sophie = physio_session(demo_ctx)
    window = open_window(demo_ctx, "reception")
    chosen: dict[str, Any] = {}

    def reschedule(w: Any) -> None:
        proposals = field(w, "Suggested times", QListWidget)
        items = [proposals.item(i).data(256) for i in range(proposals.count())]
        chosen["all"] = items
        click_row(proposals, rows(proposals)[1])
        chosen["pick"] = items[1]
        press(w, "Reschedule")

    with dialogs(worker_cancels, lambda w: press(w, "Reschedule"), reschedule):
        from_context_menu(window, target.id, "Cancel…")

    proposals = chosen["all"]
    assert len(proposals) == 5
    assert all(p.worker_id != maya for p in proposals)
    assert not any(p.starts_at == target.starts_at and p.worker_id == maya for p in proposals)
    pick = chosen["pick"]
    with OrmSession(demo_ctx.db.engine) as s:
        new = s.scalars(select(Session).where(Session.replacement_of_id == target.id)).one()
        assert (new.starts_at, new.worker_id) == (pick.starts_at, pick.worker_id)
        assert new.ends_at - new.starts_at == target.ends_at - target.starts_at


def test_worker_cancel_then_reschedule_to_a_typed_date_and_worker(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    target, _maya, sophie = physio_session(demo_ctx)
    window = open_window(demo_ctx, "reception")

    def reschedule(w: Any) -> None:
        type_date(qtbot, field(w, "New start"), "7/12/26 9:00")
        choose(field(w, "Worker"), "Sophie Martin")
        assert field(w, "New start").text() == "Mon 07 Dec 2026  09:00"
        press(w, "Reschedule")

    with dialogs(worker_cancels, lambda w: press(w, "Reschedule"), reschedule):
        from_context_menu(window, target.id, "Cancel…")

    with OrmSession(demo_ctx.db.engine) as s:
        new = s.scalars(select(Session).where(Session.replacement_of_id == target.id)).one()
        assert new.worker_id == sophie
        assert new.starts_at == datetime(2026, 12, 7, 9, 0, tzinfo=SYDNEY).astimezone(UTC)


def test_a_client_who_cancelled_before_the_worker_is_not_booked_into_the_replacement(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    left, *staying = data.booking_statuses(demo_ctx, sid)
    mails_before = ids_of(demo_ctx, OutboxMessage)
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Family", clients=(left,))):
        from_context_menu(window, sid, "Cancel…")

    def replace(w: Any) -> None:
        tick(field(w, "Show all workers", QCheckBox))
        click_row(field(w, "Workers for this slot", QListWidget), "Sophie Martin")
        press(w, "Assign")

    def anyway(box: Any) -> None:
        assert "Assign Sophie Martin to this slot anyway?" in box.text()
        press(box, "Yes")

    with dialogs(worker_cancels, lambda w: press(w, "Assign replacement worker"), replace, anyway):
        from_context_menu(window, sid, "Cancel…")

    with OrmSession(demo_ctx.db.engine) as s:
        new = s.scalars(select(Session).where(Session.replacement_of_id == sid)).one()
        told = {
            m.payload.get("client")
            for m in s.scalars(select(OutboxMessage).where(OutboxMessage.id.not_in(mails_before)))
            if m.session_id == new.id and m.topic == "reschedule" and m.client_id is not None
        }
    assert data.booking_statuses(demo_ctx, new.id) == dict.fromkeys(staying, BookingStatus.BOOKED)
    assert left not in told  # nor told of a place she gave up


@pytest.mark.parametrize(
    ("typed", "hour", "minute"),
    [("09:00", 9, 0), ("0845", 8, 45), ("1/4/26 8:30am", 8, 30), ("9am", 9, 0)],
)
def test_advised_at_typed_as_a_receptionist_types_it_is_stored(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, typed: str, hour: int, minute: int
) -> None:
    target, _maya, _sophie = physio_session(demo_ctx)
    before = ids_of(demo_ctx, Cancellation)
    window = open_window(demo_ctx, "reception")

    def wizard(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        type_date(qtbot, field(w, "Advised at"), typed)
        choose(field(w, "Reason"), "Health")
        next_page(w)
        finish(w)

    with dialogs(wizard):
        from_context_menu(window, target.id, "Cancel…")

    with OrmSession(demo_ctx.db.engine) as s:
        c = s.scalars(select(Cancellation).where(Cancellation.id.not_in(before))).one()
    # Today in the demo is Wed 1 Apr 2026 (10:00 in Sydney): a time alone keeps that day.
    assert c.advised_at == datetime(2026, 4, 1, hour, minute, tzinfo=SYDNEY).astimezone(UTC)


def test_nonsense_typed_as_advised_at_is_refused_with_a_sentence(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    target, _maya, _sophie = physio_session(demo_ctx)
    before = ids_of(demo_ctx, Cancellation)
    window = open_window(demo_ctx, "reception")
    shown: list[str] = []

    def wizard(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        advised = field(w, "Advised at")
        type_date(qtbot, advised, "31/02/2026 25:00")
        shown.extend(errors(w))
        press(w, "Cancel")

    with dialogs(wizard):
        from_context_menu(window, target.id, "Cancel…")

    assert any("there is no day 31 in month 2" in text for text in shown)
    assert ids_of(demo_ctx, Cancellation) == before


def test_a_worker_cancelling_a_series_is_told_the_follow_up_is_for_the_first_session_only(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    first = data.future_individual(demo_ctx, series=True)
    series = data.series_of(demo_ctx, first)
    window = open_window(demo_ctx, "reception")
    seen: dict[str, str] = {}

    def cancels_the_series(w: Any) -> None:
        press(w, "The worker")
        next_page(w)
        choose(field(w, "Reason"), "Worker unwell")
        choose(
            field(w, "Which sessions of the series"), "This and following sessions of the series"
        )
        next_page(w)
        finish(w)

    def follow_up(w: Any) -> None:
        seen["text"] = "\n".join(lbl.text() for lbl in w.findChildren(QLabel) if lbl.isVisible())
        press(w, "Leave cancelled")

    with dialogs(cancels_the_series, follow_up):
        from_context_menu(window, first, "Cancel…")

    others = len(series) - 1
    assert others >= 1
    assert f"The other {others} session" in seen["text"], seen["text"]
    assert "stay cancelled" in seen["text"]
    with OrmSession(demo_ctx.db.engine) as s:
        statuses = {s.get(Session, sid).status for sid in series}  # type: ignore[union-attr]
        replaced = s.scalars(select(Session).where(Session.replacement_of_id.in_(series))).all()
    assert statuses == {SessionStatus.CANCELLED} and not replaced
