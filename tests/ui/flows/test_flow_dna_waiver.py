"""Did not attend with the no-show charge waived, walked through the real window by a manager:
the waiver and its reason are asked, kept, audited, shown in the details and the report, and
no charge is made; reception can't waive, and a waiver without a reason is refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit
from sqlalchemy import select, update
from sqlalchemy.orm import Session as Orm

from app.bootstrap import AppContext
from app.models import AuditEvent, Booking, OutboxMessage, Service, ServiceDelivered, Session
from app.models.enums import BookingStatus, OutboxChannel, SdKind
from app.services.desk import open_desk
from app.services.reports import ReportFilters, RowKind, cancellation_report
from tests.ui.fit import problems
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    errors,
    field,
    from_context_menu,
    press,
    tick,
    type_into,
)

WHY = "Hospital admission, family rang"
ONE_DAY = timedelta(days=1)


def charged_no_show(ctx: AppContext) -> int:
    """A started, unresolved session whose service allows no-show charges (the rule charges)."""
    sid = data.started_unresolved(ctx)
    with Orm(ctx.db.engine) as orm, orm.begin():
        service_id = orm.scalar(select(Session.service_id).where(Session.id == sid))
        orm.execute(
            update(Service).where(Service.id == service_id).values(allows_cancellation_charge=True)
        )
    return sid


def waive_with(qtbot: Any, why: str, shown: list[str], cut: list[str] | None = None) -> Any:
    """The Did not attend dialog as a manager answers it: tick Waive, say why, Mark."""

    def answer(w: Any) -> None:
        shown.append(field(w, "No-show charges").text())  # the charge before the waiver
        tick(field(w, "Waive the charge", QCheckBox))
        shown.append(field(w, "No-show charges").text())  # and after it
        type_into(qtbot, field(w, "Why the charge is waived", QLineEdit), why)
        if cut is not None:
            cut.extend(problems(w))
        press(w, "Mark did not attend")

    return answer


def test_a_manager_waives_a_no_show_charge_with_a_reason_and_no_charge_is_made(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = charged_no_show(demo_ctx)
    (name,) = data.booking_statuses(demo_ctx, sid)
    sds = data.ids(demo_ctx, ServiceDelivered)
    mails = data.ids(demo_ctx, OutboxMessage)
    window = open_window(demo_ctx, "manager")
    shown: list[str] = []
    cut: list[str] = []
    with dialogs(waive_with(qtbot, WHY, shown, cut)):
        from_context_menu(window, sid, "Did not attend…")
    assert cut == []
    fee = shown[0].split(": ", 1)[1].split(" — ")[0]
    assert fee != "$0.00"  # the rule charges: there is something to waive
    assert shown[1].startswith(f"{name}: $0.00 (waived; was {fee}) — ")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.DNA}
    assert data.new_rows(demo_ctx, ServiceDelivered, sds) == []  # no chargeable SD
    (booking,) = data.read(
        demo_ctx, lambda orm: list(orm.scalars(select(Booking).where(Booking.session_id == sid)))
    )
    assert booking.no_show_waived and booking.no_show_waiver_reason == WHY
    assert f"${booking.no_show_waived_cents / 100:,.2f}" == fee
    (after,) = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "session.did_not_attend",
                                       AuditEvent.session_id == sid))))  # fmt: skip
    assert after["waived"] is True and after["waiver_reason"] == WHY
    assert after["charges"] == {str(booking.id): 0}
    # The client is told they were missed; the waived fee is not in the e-mail.
    new_mail = data.new_rows(demo_ctx, OutboxMessage, mails)
    (missed,) = [m for m in new_mail if m.channel == OutboxChannel.EMAIL and m.session_id == sid]
    assert missed.topic == "dna" and "fee" not in missed.payload

    window.open_session(sid)
    qtbot.waitUntil(lambda: "Services delivered" in window.details_panel.plain_text(), timeout=3000)
    assert f"No-show charge {fee} waived: {WHY}" in window.details_panel.plain_text()

    day = window.desk.now().date()  # the practice's day is this one or next to it
    report = open_desk(demo_ctx.db, "manager").read(
        lambda uow: cancellation_report(uow, ReportFilters(day - ONE_DAY, day + ONE_DAY))
    )
    (row,) = [r for r in report.rows if r.kind == RowKind.NO_SHOW and r.session_id == sid]
    assert row.waived and row.charge_cents == 0 and f"${row.waived_cents / 100:,.2f}" == fee
    assert row.note == f"Waived: {WHY}"
    assert report.summary.waived_count >= 1


def test_waiving_without_a_reason_is_refused_with_a_sentence_and_nothing_is_marked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = charged_no_show(demo_ctx)
    (name,) = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    said: list[str] = []

    def answer(w: Any) -> None:
        tick(field(w, "Waive the charge", QCheckBox))
        press(w, "Mark did not attend")
        said.extend(errors(w))
        press(w, "Cancel")

    with dialogs(answer):
        from_context_menu(window, sid, "Did not attend…")
    assert said == ["Say why the charge is waived."]
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.BOOKED}


def test_reception_can_not_waive_and_the_box_says_why(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = charged_no_show(demo_ctx)
    sds = data.ids(demo_ctx, ServiceDelivered)
    window = open_window(demo_ctx, "reception")
    seen: list[tuple[bool, str]] = []

    def answer(w: Any) -> None:
        box = field(w, "Waive the charge", QCheckBox)
        seen.append((box.isEnabled(), box.toolTip()))
        press(w, "Mark did not attend")

    with dialogs(answer):
        from_context_menu(window, sid, "Did not attend…")
    assert seen == [(False, "Only a manager can waive a charge.")]
    assert [sd.kind for sd in data.new_rows(demo_ctx, ServiceDelivered, sds)] == [SdKind.NO_SHOW]
