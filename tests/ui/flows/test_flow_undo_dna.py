"""Undo (one session, a whole series act, or only this one of it) and did-not-attend, walked
through the real window by a manager and a receptionist."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import AuditEvent, Cancellation, ServiceDelivered
from app.models.enums import BookingStatus, SdKind
from app.models.money import format_money
from tests.ui.fit import problems
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    field,
    from_context_menu,
    menu_action,
    press,
    press_default,
    type_into,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel

ALL_OF_SERIES = "All upcoming sessions of the series"


def undo_with(
    qtbot: Any, reason: str, *, only_this: bool = False, offered: list[str] | None = None
) -> Any:
    """The undo dialog as a manager answers it: a reason, which sessions, then Undo."""

    def answer(w: Any) -> None:
        type_into(qtbot, field(w, "Undo reason", QLineEdit), reason)
        if offered is not None:
            offered.append("series" if _has(w, "Restore every session of the series") else "single")
        if only_this:
            press(w, "Only this session")
        press(w, "Undo cancellation")

    return answer


def _has(w: Any, name: str) -> bool:
    from PySide6.QtWidgets import QWidget

    return any(c.accessibleName() == name and c.isVisible() for c in w.findChildren(QWidget))


def _cancel_series(qtbot: Any, ctx: AppContext, window: Any) -> list[int]:
    first = data.future_individual(ctx, series=True)
    upcoming = data.series_of(ctx, first)
    with dialogs(client_cancel(qtbot, "Health", scope=ALL_OF_SERIES)):
        from_context_menu(window, upcoming[0], "Cancel…")
    for sid in upcoming:
        assert set(data.booking_statuses(ctx, sid).values()) == {BookingStatus.CANCELLED}
    return upcoming


def test_a_manager_undoes_one_cancellation_and_the_session_is_rostered_again(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")

    def enter(w: Any) -> None:  # Enter after the reason keeps things as they are
        reason = field(w, "Undo reason", QLineEdit)
        type_into(qtbot, reason, "Rang back")
        QTest.keyClick(reason, Qt.Key.Key_Return)

    with dialogs(enter):
        from_context_menu(window, sid, "Undo cancellation…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}
    offered: list[str] = []
    with dialogs(undo_with(qtbot, "Rang back, coming after all", offered=offered)):
        from_context_menu(window, sid, "Undo cancellation…")
    assert offered == ["single"]  # one session: no series choice
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}
    (c,) = data.read(
        demo_ctx,
        lambda orm: list(orm.scalars(select(Cancellation).where(Cancellation.session_id == sid))),
    )
    assert c.undone_at is not None and c.undo_reason == "Rang back, coming after all"
    events = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.entity_id).where(AuditEvent.action == "session.undo_cancellation",
                                           AuditEvent.session_id == sid))))  # fmt: skip
    assert events == [c.id]


def test_undoing_a_series_cancellation_restores_every_session_by_default(
    qtbot: Any, any_demo_ctx: AppContext, open_window: Any
) -> None:
    ctx = any_demo_ctx
    window = open_window(ctx, "manager")
    upcoming = _cancel_series(qtbot, ctx, window)
    offered: list[str] = []
    with dialogs(undo_with(qtbot, "Entered against the wrong client", offered=offered)):
        from_context_menu(window, upcoming[0], "Undo cancellation…")
    assert offered == ["series"]
    for sid in upcoming:
        assert set(data.booking_statuses(ctx, sid).values()) == {BookingStatus.BOOKED}
    undone = data.read(ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.session_id).where(AuditEvent.action == "session.undo_cancellation"))))  # fmt: skip
    assert sorted(undone) == sorted(upcoming)


def test_undoing_a_year_long_series_cancellation_lists_its_sessions_in_a_dialog_that_fits(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    upcoming = data.year_long_series(demo_ctx)
    assert len(upcoming) >= 50
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health", scope=ALL_OF_SERIES)):
        from_context_menu(window, upcoming[0], "Cancel…")
    cut: list[str] = []

    def answer(w: Any) -> None:
        cut.extend(problems(w, may_scroll=True))  # crowded: it scrolls; Undo on screen
        undo_with(qtbot, "Booked against the wrong client")(w)

    with dialogs(answer):
        from_context_menu(window, upcoming[0], "Undo cancellation…")
    assert cut == []
    for sid in upcoming:
        assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}


def test_undoing_only_this_session_of_a_series_cancellation_leaves_the_others_cancelled(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    upcoming = _cancel_series(qtbot, demo_ctx, window)
    with dialogs(undo_with(qtbot, "This week is fine after all", only_this=True)):
        from_context_menu(window, upcoming[0], "Undo cancellation…")
    assert set(data.booking_statuses(demo_ctx, upcoming[0]).values()) == {BookingStatus.BOOKED}
    for sid in upcoming[1:]:
        assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}


def test_reception_may_not_undo_and_the_menu_says_why(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    action = menu_action(window, sid, "Undo cancellation…")
    assert not action.isEnabled()
    assert (
        action.toolTip()
        == "Your role (reception) cannot undo cancellation. Ask a manager to do it."
    )


def test_a_client_who_did_not_come_is_marked_did_not_attend_and_charged_by_the_rule(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.started_unresolved(demo_ctx)
    (name,) = data.booking_statuses(demo_ctx, sid)
    sds = data.ids(demo_ctx, ServiceDelivered)
    window = open_window(demo_ctx, "reception")
    cancel = menu_action(window, sid, "Cancel…")
    assert not cancel.isEnabled() and "did-not-attend" in cancel.toolTip()

    shown: list[str] = []

    def enter(w: Any) -> None:
        press_default(w)  # Enter keeps the client booked: no charge on a slip of the key

    def answer(w: Any) -> None:
        shown.append(field(w, "No-show charges").text())  # the charge and its working
        press(w, "Mark did not attend")

    with dialogs(enter):
        from_context_menu(window, sid, "Did not attend…")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.BOOKED}
    assert data.new_rows(demo_ctx, ServiceDelivered, sds) == []
    with dialogs(answer):
        from_context_menu(window, sid, "Did not attend…")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.DNA}
    new = data.new_rows(demo_ctx, ServiceDelivered, sds)
    charged = shown[0].split(": ", 1)[1].split(" — ")[0]
    assert shown[0].startswith(f"{name}: ")
    if charged == format_money(0):
        assert new == []
    else:
        assert [(sd.kind, format_money(sd.amount_cents)) for sd in new] == [
            (SdKind.NO_SHOW, charged)
        ]


def test_one_client_of_a_crowded_class_is_marked_did_not_attend_in_a_dialog_that_fits(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.crowded_class(demo_ctx, started=True)
    *others, last = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    cut: list[str] = []

    def answer(w: Any) -> None:
        cut.extend(problems(w, may_scroll=True))  # crowded: it scrolls; the button shows
        press(w, last)
        press(w, "Mark did not attend")

    with dialogs(answer):
        from_context_menu(window, sid, "Did not attend…")
    assert cut == []
    after = data.booking_statuses(demo_ctx, sid)
    assert after[last] == BookingStatus.DNA
    assert {after[n] for n in others} == {BookingStatus.BOOKED}
