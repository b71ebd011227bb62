"""A did-not-attend mark entered by mistake, taken back through the real window by a manager:
the client is booked again and can be completed, the no-show charge is removed, the other
system is told, the audit says why. When the charge was already extracted for claiming the
entry is greyed with why, and a dialog opened meanwhile says so before anything is pressed;
reception sees the entry greyed with why. The details panel offers it beside Did not attend."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import AuditEvent, Booking, OutboxMessage, ServiceDelivered, Session
from app.models.enums import BookingStatus, OutboxChannel, SdKind
from app.services.sessions.dna_undo import EXTRACTED
from tests.ui.fit import problems
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    dialogs,
    errors,
    field,
    from_context_menu,
    menu_action,
    press,
    press_default,
    tick,
    type_into,
)
from tests.ui.flows.test_flow_delete import use_manual_integration
from tests.ui.flows.test_flow_dna_waiver import charged_no_show
from tests.ui.flows.test_flow_undo_choice import _look_again

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
    entry = menu_action(window, sid, TAKE_BACK)
    assert entry.isEnabled(), entry.toolTip()
    assert entry in window.details_panel.toolbar.actions(), "offered beside Did not attend"

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


def _extract(ctx: AppContext, sd_id: int) -> None:
    """The no-show charge goes out in a claim file (set up as the month's extraction does)."""
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        sd = uow.session.get(ServiceDelivered, sd_id)
        assert sd is not None
        sd.extracted_at = uow.now()


def test_taking_back_a_mark_whose_charge_was_extracted_is_greyed_with_what_to_do(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    sid, name, sd = _marked(qtbot, demo_ctx, window)
    _extract(demo_ctx, sd.id)
    shown: dict[str, Any] = {}

    def answer(w: Any) -> None:  # the window's menu is older than the extraction
        shown["said"] = errors(w)
        listed = field(w, "What blocks taking the mark back", QListWidget)
        shown["lines"] = [listed.item(i).text() for i in range(listed.count())]
        shown["client"] = field(w, name, QCheckBox)
        shown["reason"] = field(w, "Why the mark is taken back", QLineEdit).isEnabled()
        shown["take back"] = button(w, "Take back did not attend").isEnabled()
        press(w, "Cancel")

    with dialogs(answer):
        from_context_menu(window, sid, TAKE_BACK)
    assert shown["said"] == [EXTRACTED], "the refusal is said before anything is pressed"
    assert [line.split(" (")[0] for line in shown["lines"]] == [f"SD #{sd.id}"]
    assert not shown["client"].isEnabled() and shown["client"].toolTip() == EXTRACTED
    assert shown["reason"] is False and shown["take back"] is False

    _look_again(qtbot, demo_ctx, window, sid)
    entry = menu_action(window, sid, TAKE_BACK)
    assert not entry.isEnabled()
    assert entry.toolTip() == EXTRACTED and entry.statusTip() == EXTRACTED
    assert entry in window.details_panel.toolbar.actions(), "offered beside Did not attend"
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
    assert action in window.details_panel.toolbar.actions(), "greyed there too, saying why"


def test_in_a_class_a_mark_whose_charge_went_out_is_greyed_and_the_other_is_taken_back(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.crowded_class(demo_ctx, clients=2, started=True)
    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:  # the class's no-show rule charges
        uow.session.get(Session, sid).service.allows_cancellation_charge = True
    window = open_window(demo_ctx, "manager")
    first, second = list(data.booking_statuses(demo_ctx, sid))[-2:]
    sds = data.ids(demo_ctx, ServiceDelivered)

    def mark_both(w: Any) -> None:
        for name in (first, second):
            tick(field(w, name, QCheckBox))
        press(w, "Mark did not attend")

    with dialogs(mark_both):
        from_context_menu(window, sid, "Did not attend…")
    charged = {sd.booking_id: sd for sd in data.new_rows(demo_ctx, ServiceDelivered, sds)}
    assert len(charged) == 2
    went_out = min(charged)
    _extract(demo_ctx, charged[went_out].id)
    _look_again(qtbot, demo_ctx, window, sid)
    entry = menu_action(window, sid, TAKE_BACK)
    assert entry.isEnabled(), "one mark can still be taken back"
    kept_name = data.read(demo_ctx, lambda orm: orm.get(Booking, went_out).client.display_name)
    other = second if kept_name == first else first
    seen: dict[str, Any] = {}

    def answer(w: Any) -> None:
        seen["kept"] = field(w, kept_name, QCheckBox)
        seen["other"] = field(w, other, QCheckBox).isChecked()
        seen["said"] = errors(w)
        take_back_with(qtbot, WHY)(w)

    with dialogs(answer):
        from_context_menu(window, sid, TAKE_BACK)
    kept = seen["kept"]
    assert not kept.isEnabled() and not kept.isChecked() and kept.toolTip() == EXTRACTED
    assert seen["other"] is True, "the one that can be taken back is ticked for you"
    assert seen["said"] and seen["said"][0].startswith(f"The mark of {kept_name} can't be taken")
    after = data.booking_statuses(demo_ctx, sid)
    assert (after[kept_name], after[other]) == (BookingStatus.DNA, BookingStatus.BOOKED)
    _look_again(qtbot, demo_ctx, window, sid)
    entry = menu_action(window, sid, TAKE_BACK)
    assert not entry.isEnabled() and entry.toolTip() == EXTRACTED, "nobody's can be now"


def test_the_missed_you_email_states_the_fee_and_is_withdrawn_when_the_mark_is_taken_back(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Marked did-not-attend from the window, the client is e-mailed that they were missed, with
    the no-show fee; taken back before it went, that e-mail is withdrawn, saying why."""
    from app.models import Client
    from app.models.enums import OutboxStatus
    from app.services.outbox.templates import render

    window = open_window(demo_ctx, "manager")
    sid = charged_no_show(demo_ctx)

    def consenting(orm: Any) -> None:
        client = orm.get(
            Client, orm.scalar(select(Booking.client_id).where(Booking.session_id == sid))
        )
        client.notify_consent, client.email = True, "client@mail.example"
        orm.commit()

    data.read(demo_ctx, consenting)
    outbox = data.ids(demo_ctx, OutboxMessage)
    with dialogs(lambda w: press(w, "Mark did not attend")):
        from_context_menu(window, sid, "Did not attend…")
    (missed,) = [m for m in data.new_rows(demo_ctx, OutboxMessage, outbox)
                 if m.session_id == sid and m.channel == OutboxChannel.EMAIL]  # fmt: skip
    (sd,) = data.read(demo_ctx, lambda orm: list(orm.scalars(select(ServiceDelivered).where(
        ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.NO_SHOW))))  # fmt: skip
    fee = f"${sd.amount_cents // 100}.{sd.amount_cents % 100:02d}"
    assert (missed.topic, missed.status) == ("dna", OutboxStatus.PENDING)
    said = render("dna", missed.payload, with_reason=False).text
    assert "We missed you at your" in said
    assert f"A no-show fee of {fee} applies, as the practice's cancellation policy says." in said
    with dialogs(take_back_with(qtbot, WHY)):
        from_context_menu(window, sid, TAKE_BACK)
    gone = data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, missed.id))
    assert gone.status == OutboxStatus.WITHDRAWN
    assert gone.status_reason == "The did-not-attend mark was taken back before this message went."
