"""A did-not-attend mark entered by mistake, taken back through the real window by a manager:
the client is booked again and can be completed, the no-show charge is removed, the other
system is told, the audit says why; refused with a sentence when the charge was already
extracted for claiming; reception sees the entry greyed with why."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select, update
from sqlalchemy.orm import Session as Orm

from app.bootstrap import AppContext
from app.models import AuditEvent, OutboxMessage, ServiceDelivered
from app.models.enums import BookingStatus, OutboxChannel, SdKind
from tests.ui.fit import problems
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    errors,
    field,
    from_context_menu,
    menu_action,
    press,
    press_default,
    type_into,
)
from tests.ui.flows.test_flow_delete import use_manual_integration
from tests.ui.flows.test_flow_dna_waiver import charged_no_show

TAKE_BACK = "Take back did not attend…"
WHY = "Marked the wrong client: Noah was here"


def _marked(qtbot: Any, ctx: AppContext, window: Any) -> tuple[int, str, ServiceDelivered]:
    """A started session whose client is marked did-not-attend (charged) through the dialog."""
    sid = charged_no_show(ctx)
    (name,) = data.booking_statuses(ctx, sid)
    sds = data.ids(ctx, ServiceDelivered)
    with dialogs(lambda w: press(w, "Mark did not attend")):
        from_context_menu(window, sid, "Did not attend…")
    (sd,) = data.new_rows(ctx, ServiceDelivered, sds)
    assert sd.kind == SdKind.NO_SHOW and data.booking_statuses(ctx, sid) == {
        name: BookingStatus.DNA
    }
    return sid, name, sd


def take_back_with(qtbot: Any, why: str, cut: list[str] | None = None) -> Any:
    def answer(w: Any) -> None:
        type_into(qtbot, field(w, "Why the mark is taken back", QLineEdit), why)
        if cut is not None:
            cut.extend(problems(w))
        press(w, "Take back did not attend")

    return answer


def test_a_manager_takes_back_a_mistaken_did_not_attend_and_the_session_can_be_completed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    use_manual_integration(demo_ctx)
    window = open_window(demo_ctx, "manager")
    sid, name, sd = _marked(qtbot, demo_ctx, window)
    outbox = data.ids(demo_ctx, OutboxMessage)

    def enter(w: Any) -> None:  # Enter after the reason keeps the mark: nothing is undone
        type_into(qtbot, field(w, "Why the mark is taken back", QLineEdit), WHY)
        press_default(w)

    with dialogs(enter):
        from_context_menu(window, sid, TAKE_BACK)
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.DNA}
    cut: list[str] = []
    with dialogs(take_back_with(qtbot, WHY, cut)):
        from_context_menu(window, sid, TAKE_BACK)
    assert cut == []
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.BOOKED}
    assert data.count(demo_ctx, ServiceDelivered, ServiceDelivered.id == sd.id) == 0
    (after,) = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "session.did_not_attend_taken_back",
                                       AuditEvent.session_id == sid))))  # fmt: skip
    assert after["reason"] == WHY and after["sds_deleted"] == [sd.id]
    told = [m for m in data.new_rows(demo_ctx, OutboxMessage, outbox) if m.session_id == sid]
    assert [(m.channel, m.topic) for m in told] == [(OutboxChannel.INTEGRATION, "dna_undo")]
    assert told[0].status_reason.startswith(f"Take back the did-not-attend mark of {name} for ")
    assert not menu_action(window, sid, TAKE_BACK).isEnabled()  # nobody is marked now

    with dialogs(lambda w: press(w, "Complete")):
        from_context_menu(window, sid, "Complete")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.ATTENDED}


def test_taking_back_a_mark_whose_charge_was_extracted_is_refused_with_what_to_do(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    sid, name, sd = _marked(qtbot, demo_ctx, window)
    with Orm(demo_ctx.db.engine) as orm, orm.begin():
        orm.execute(
            update(ServiceDelivered)
            .where(ServiceDelivered.id == sd.id)
            .values(extracted_at=demo_ctx.db.clock())
        )
    said: list[str] = []

    def answer(w: Any) -> None:
        take_back_with(qtbot, WHY)(w)
        said.extend(errors(w))
        press(w, "Cancel")

    with dialogs(answer):
        from_context_menu(window, sid, TAKE_BACK)
    assert said and said[0].startswith(
        "This did-not-attend mark can't be taken back: its no-show charge was already extracted "
        "for claiming. Correct the claim with the funder instead.\n• SD #"
    )
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.DNA}
    assert data.count(demo_ctx, ServiceDelivered, ServiceDelivered.id == sd.id) == 1


def test_reception_sees_take_back_greyed_with_why(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    sid, _name, _sd = _marked(qtbot, demo_ctx, window)
    action = menu_action(window, sid, TAKE_BACK)
    assert not action.isEnabled()
    assert action.toolTip() == (
        "Your role (reception) cannot take back a did-not-attend mark. Ask a manager to do it."
    )
