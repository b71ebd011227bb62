"""Undo walked through the real window when clients of a group cancelled apart: the manager
chooses whose cancellation to undo, and only that one is undone. One that can't be undone (its
charges were extracted for claiming) is listed greyed with the reason; Undo stays open while
another can be undone, and is greyed with the latest's reason when none can."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import Cancellation, ServiceDelivered
from app.models.enums import BookingStatus
from app.models.lifecycle import UNDO_EXTRACTED
from tests.ui.flows import data
from tests.ui.flows.driver import (
    click_session,
    dialogs,
    field,
    from_context_menu,
    menu_action,
    press,
    shortcut,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_undo_dna import undo_with


def standing(ctx: AppContext, sid: int) -> list[tuple[int, bool]]:
    return data.read(ctx, lambda orm: [(c.id, c.undone_at is None) for c in orm.scalars(
        select(Cancellation).where(Cancellation.session_id == sid).order_by(Cancellation.id))])  # fmt: skip


def test_the_manager_chooses_which_clients_cancellation_to_undo(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    first, second = names[0], names[1]
    window = open_window(demo_ctx, "manager")
    for name in (first, second):  # two clients ring on different occasions
        with dialogs(client_cancel(qtbot, "Family", clients=(name,))):
            from_context_menu(window, sid, "Cancel…")
    assert [open_ for _id, open_ in standing(demo_ctx, sid)] == [True, True]
    offered: list[str] = []

    def which(w: Any) -> None:
        rows = field(w, "Cancellations", QListWidget)
        offered.extend(rows.item(i).text() for i in range(rows.count()))
        assert rows.currentRow() == 1, "the latest is chosen, as a single one would be"
        rows.setCurrentRow(
            next(i for i in range(rows.count()) if rows.item(i).text().startswith(first))
        )
        press(w, "Next")

    with dialogs(which, undo_with(qtbot, "Rang back, coming after all")):
        from_context_menu(window, sid, "Undo cancellation…")

    assert len(offered) == 2
    assert offered[0].startswith(f"{first} — client cancellation, advised ")
    assert offered[1].startswith(f"{second} — client cancellation, advised ")
    after = data.booking_statuses(demo_ctx, sid)
    assert after[first] == BookingStatus.BOOKED
    assert after[second] == BookingStatus.CANCELLED
    assert [open_ for _id, open_ in standing(demo_ctx, sid)] == [False, True]


def test_cancel_on_the_choice_undoes_nothing(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    window = open_window(demo_ctx, "manager")
    for name in names[:2]:
        with dialogs(client_cancel(qtbot, "Family", clients=(name,))):
            from_context_menu(window, sid, "Cancel…")

    with dialogs(lambda w: press(w, "Cancel")):
        from_context_menu(window, sid, "Undo cancellation…")

    assert [open_ for _id, open_ in standing(demo_ctx, sid)] == [True, True]
    after = data.booking_statuses(demo_ctx, sid)
    assert [after[n] for n in names[:2]] == [BookingStatus.CANCELLED] * 2


def _extract_charges(ctx: AppContext, cancellation_id: int) -> None:
    """The cancellation's charges go out in a claim file (set up as the month's extraction does)."""
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        sds = list(uow.session.scalars(select(ServiceDelivered).where(
            ServiceDelivered.cancellation_id == cancellation_id)))  # fmt: skip
        assert sds, "the cancellation charged nothing to extract"
        for sd in sds:
            sd.extracted_at = uow.now()


def _two_cancel_apart(qtbot: Any, ctx: AppContext, window: Any, sid: int) -> tuple[str, str]:
    first, second = list(data.booking_statuses(ctx, sid))[:2]
    for name in (first, second):  # two clients ring on different occasions
        with dialogs(client_cancel(qtbot, "Health", clients=(name,))):
            from_context_menu(window, sid, "Cancel…")
    return first, second


def _look_again(qtbot: Any, ctx: AppContext, window: Any, sid: int) -> None:
    """Click another session, then this one again: its details are read afresh."""
    click_session(qtbot, window, data.future_individual(ctx))
    click_session(qtbot, window, sid)


def test_undo_stays_open_for_an_earlier_cancellation_when_the_latest_is_blocked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    window = open_window(demo_ctx, "manager")
    first, second = _two_cancel_apart(qtbot, demo_ctx, window, sid)
    (earlier, _), (latest, _) = standing(demo_ctx, sid)
    _extract_charges(demo_ctx, latest)
    _look_again(qtbot, demo_ctx, window, sid)

    undo = menu_action(window, sid, "Undo cancellation…")
    assert undo.isEnabled(), undo.toolTip()
    assert undo.shortcut().toString() == "Ctrl+Shift+Z"
    shown: list[tuple[str, bool]] = []

    def which(w: Any) -> None:
        rows = field(w, "Cancellations", QListWidget)
        for i in range(rows.count()):
            item = rows.item(i)
            shown.append((item.text(), bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)))
        assert rows.currentRow() == 0, "the newest that can be undone is chosen"
        assert rows.item(1).toolTip() == UNDO_EXTRACTED
        press(w, "Next")

    with dialogs(which, undo_with(qtbot, "Rang back, coming after all")):
        shortcut(qtbot, window, "Ctrl+Shift+Z")

    assert [enabled for _text, enabled in shown] == [True, False]
    assert shown[0][0].startswith(f"{first} — client cancellation, advised ")
    assert shown[1][0].startswith(f"{second} — client cancellation, advised ")
    _line, *reason = shown[1][0].split("\n")
    assert " ".join(" ".join(reason).split()) == UNDO_EXTRACTED, "the reason is under it"
    after = data.booking_statuses(demo_ctx, sid)
    assert after[first] == BookingStatus.BOOKED
    assert after[second] == BookingStatus.CANCELLED
    assert standing(demo_ctx, sid) == [(earlier, False), (latest, True)]


def test_undo_is_greyed_with_the_latest_reason_when_no_cancellation_can_be_undone(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    window = open_window(demo_ctx, "manager")
    _two_cancel_apart(qtbot, demo_ctx, window, sid)
    for cancellation, _open in standing(demo_ctx, sid):
        _extract_charges(demo_ctx, cancellation)
    _look_again(qtbot, demo_ctx, window, sid)

    undo = menu_action(window, sid, "Undo cancellation…")
    assert not undo.isEnabled() and undo.toolTip() == UNDO_EXTRACTED
    with dialogs():  # the shortcut of a greyed entry opens nothing
        shortcut(qtbot, window, "Ctrl+Shift+Z")
    assert [open_ for _id, open_ in standing(demo_ctx, sid)] == [True, True]
