"""Undo walked through the real window when clients of a group cancelled apart: the manager
chooses whose cancellation to undo, and only that one is undone."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QListWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Cancellation
from app.models.enums import BookingStatus
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_context_menu, press
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
