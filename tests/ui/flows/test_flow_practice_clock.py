"""Typed days and the Now button count from the practice's clock, not the computer's: the test's
clock stands at Wed 1 Apr 2026 10:00 in Sydney, months away from the machine's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Cancellation, Session
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    finish,
    from_context_menu,
    next_page,
    press,
    type_date,
)

SYDNEY = ZoneInfo("Australia/Sydney")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SYDNEY)  # type: ignore[misc]


def test_reschedule_to_tomorrow_is_the_practice_s_tomorrow(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    assert demo_ctx.db.clock().astimezone(SYDNEY).date() != datetime.now(SYDNEY).date()
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")

    def answer(w: Any) -> None:
        type_date(qtbot, field(w, "New start"), "tomorrow 9am")
        press(w, "Reschedule")

    with dialogs(answer):
        from_context_menu(window, sid, "Reschedule…")
    moved = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
    assert moved is not None and moved.starts_at == local(2026, 4, 2, 9, 0).astimezone(UTC)


def test_now_in_the_cancel_wizard_reads_the_practice_s_clock_when_pressed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    shown: list[str] = []

    def wizard(w: QWizard) -> None:
        press(w, "The client")
        next_page(w)
        advised = field(w, "Advised at")
        shown.append(advised.text())
        demo_ctx.db.clock.advance(minutes=45)  # type: ignore[attr-defined]  # the call went on
        press(w, "Now")
        shown.append(advised.text())
        choose(field(w, "Reason"), "Health")
        next_page(w)
        finish(w)

    with dialogs(wizard):
        from_context_menu(window, sid, "Cancel…")
    assert shown == ["Wed 01 Apr 2026  10:00", "Wed 01 Apr 2026  10:45"]
    advised_at = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Cancellation.advised_at).where(Cancellation.session_id == sid)).one())  # fmt: skip
    assert advised_at == local(2026, 4, 1, 10, 45).astimezone(UTC)
