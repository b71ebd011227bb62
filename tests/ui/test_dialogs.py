"""The dialogs of SPEC section 2 driven end to end on the demo practice (pytest-qt, offscreen)."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWizard
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, InsuranceClaim, Payment, ServiceDelivered, Session
from app.models.enums import BookingStatus, CancelledBy, SessionKind, SessionStatus
from app.models.rules import ChargeContext, evaluate
from app.services import practice
from app.services.desk import Desk, open_desk
from app.services.dto import ChangeSet
from app.services.sessions.cancel_charges import rule_of
from app.services.sessions.scheduling import reschedule_session
from app.ui.sessions import controller as controller_module
from app.ui.sessions.cancel_wizard import CancelContext, CancelWizard
from app.ui.sessions.controller import DialogController
from app.ui.sessions.delete_dialog import DeleteDialog
from app.ui.sessions.move import ReplaceWorkerDialog
from app.ui.sessions.simple import DidNotAttendDialog, UndoContext, UndoDialog
from app.ui.sessions.worker_followup import FollowUp, WorkerFollowUpDialog
from tests.conftest import FakeClock

SYD = ZoneInfo("Australia/Sydney")


class Host:
    def __init__(self) -> None:
        self.changes: list[ChangeSet] = []

    def notify_changed(self, changes: ChangeSet) -> None:
        self.changes.append(changes)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        controller_module, "inform", lambda _p, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(
        controller_module, "warn", lambda _p, title, text: shown.append((title, text))
    )
    return shown


def make(
    qtbot, demo_ctx: AppContext, username: str = "manager"
) -> tuple[DialogController, Desk, Host]:  # type: ignore[no-untyped-def]
    desk = open_desk(demo_ctx.db, username)
    host = Host()
    ctl = DialogController(desk, host)
    return ctl, desk, host


def drive(ctl: DialogController, *steps: Callable[[QDialog], None]) -> list[QDialog]:
    """Replace exec(): each dialog the controller opens is handed to the next step."""
    seen: list[QDialog] = []
    queue = list(steps)

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        dialog.show()
        if queue:
            queue.pop(0)(dialog)
        return dialog.result()

    ctl.run_dialog = run
    return seen


def finish(wizard: QWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()


def walk_to_review(
    wizard: CancelWizard, who: CancelledBy = CancelledBy.CLIENT, pick: int | None = None
) -> None:
    wizard.who_page.buttons[who].setChecked(True)
    wizard.next()
    if wizard.currentPage() is wizard.clients_page and pick is not None:
        list(wizard.clients_page.picker.boxes.values())[pick].setChecked(True)
        wizard.next()
    wizard.next()  # details → review (runs the preview)


def find_session(desk: Desk, *conditions) -> Session:  # type: ignore[no-untyped-def]
    s = desk.read(
        lambda uow: uow.session.scalar(
            select(Session).where(*conditions).order_by(Session.starts_at).limit(1)
        )
    )
    assert s is not None
    return s


def test_client_cancel_of_one_client_in_a_group_leaves_the_others_booked(
    qtbot, demo_ctx, messages
) -> None:  # type: ignore[no-untyped-def]
    ctl, desk, host = make(qtbot, demo_ctx, "reception")
    group = find_session(
        desk,
        Session.kind == SessionKind.GROUP,
        Session.status == SessionStatus.ROSTERED,
        Session.starts_at > desk.now(),
    )

    def step(wizard: QDialog) -> None:
        assert isinstance(wizard, CancelWizard)
        walk_to_review(wizard, pick=1)
        assert wizard.currentPage() is wizard.review_page
        finish(wizard)

    seen = drive(ctl, step)
    ctl.cancel(group.id)
    result = seen[0].result_  # type: ignore[attr-defined]
    assert result is not None and result.session_status is SessionStatus.ROSTERED
    statuses = desk.read(
        lambda uow: list(
            uow.session.scalars(
                select(Booking.status).where(Booking.session_id == group.id).order_by(Booking.id)
            )
        )
    )
    assert statuses.count(BookingStatus.CANCELLED) == 1 and statuses[1] is BookingStatus.CANCELLED
    assert statuses.count(BookingStatus.BOOKED) == len(statuses) - 1
    assert host.changes and group.id in host.changes[0].sessions
    assert isinstance(seen[0], CancelWizard)


def test_notice_and_charge_shown_match_the_rules_module_across_a_public_holiday(
    qtbot, demo_ctx, clock: FakeClock, messages
) -> None:  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 4, 2, 15, 10, tzinfo=SYD))  # Thursday before Good Friday
    ctl, desk, _host = make(qtbot, demo_ctx, "reception")
    easter_monday = datetime(2026, 4, 6, 9, tzinfo=SYD)
    target = find_session(
        desk,
        Session.starts_at == easter_monday,
        Session.kind == SessionKind.INDIVIDUAL,
        Session.status == SessionStatus.ROSTERED,
    )
    expected = desk.read(lambda uow: _expected_charge(uow, target.id, clock()))
    texts: list[str] = []

    def step(wizard: QDialog) -> None:
        assert isinstance(wizard, CancelWizard)
        walk_to_review(wizard)
        texts.append(wizard.review_page.body.toPlainText())
        wizard.reject()

    drive(ctl, step)
    ctl.cancel(target.id)
    body = texts[0]
    assert "Good Friday" in body and "short notice" in body
    assert expected.explanation in html.unescape(body)
    assert f"${expected.charge_cents / 100:,.2f}" in body


def _expected_charge(uow, session_id: int, advised: datetime):  # type: ignore[no-untyped-def]
    from app.models import CancellationReason

    s = uow.session.get(Session, session_id)
    reason = uow.session.scalar(
        select(CancellationReason).where(CancellationReason.code == "ndis_health")
    )
    ctx = ChargeContext(
        s.starts_at,
        advised,
        s.price_cents,
        CancelledBy.CLIENT,
        s.service.allows_cancellation_charge,
        s.service.support_worker_pricing,
    )
    return evaluate(rule_of(reason), ctx, practice.calendar(practice.settings(uow)))


def test_the_256th_character_of_the_note_is_refused(qtbot, demo_ctx, messages) -> None:  # type: ignore[no-untyped-def]
    ctl, desk, _host = make(qtbot, demo_ctx, "reception")
    target = find_session(
        desk,
        Session.kind == SessionKind.INDIVIDUAL,
        Session.status == SessionStatus.ROSTERED,
        Session.starts_at > desk.now(),
    )
    contexts: list[CancelContext] = []
    ctl.cancels.context(target.id, None, contexts.append)
    wizard = CancelWizard(contexts[0])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    note = wizard.details_page.note
    note.setFocus()
    qtbot.keyClicks(note, "a" * 255)
    assert wizard.details_page.counter.text() == "255 / 255"
    qtbot.keyClicks(note, "b")
    assert note.toPlainText() == "a" * 255
    assert "limited to 255 characters" in wizard.details_page.error.text()


def test_worker_cancel_then_replacement_creates_the_linked_session(
    qtbot, demo_ctx, messages
) -> None:  # type: ignore[no-untyped-def]
    ctl, desk, _host = make(qtbot, demo_ctx, "reception")
    target = find_session(
        desk,
        Session.kind == SessionKind.INDIVIDUAL,
        Session.status == SessionStatus.ROSTERED,
        Session.starts_at > desk.now() + timedelta(days=2),
    )

    def cancel_step(wizard: QDialog) -> None:
        assert isinstance(wizard, CancelWizard)
        walk_to_review(wizard, CancelledBy.WORKER)
        finish(wizard)

    def follow_step(dialog: QDialog) -> None:
        assert isinstance(dialog, WorkerFollowUpDialog)
        button = next(
            b
            for b in dialog.findChildren(QPushButton)
            if b.accessibleName() == "Assign replacement worker"
        )
        button.click()
        assert dialog.choice is FollowUp.REPLACE

    def replace_step(dialog: QDialog) -> None:
        assert isinstance(dialog, ReplaceWorkerDialog)
        assert dialog.list.count() >= 1
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    drive(ctl, cancel_step, follow_step, replace_step)
    ctl.cancel(target.id)
    new = desk.read(
        lambda uow: uow.session.scalar(
            select(Session).where(Session.replacement_of_id == target.id)
        )
    )
    assert (
        new is not None
        and new.status is SessionStatus.ROSTERED
        and new.worker_id != target.worker_id
    )
    assert new.starts_at == target.starts_at


def test_undo_blocked_by_an_extracted_sd_lists_it(qtbot, demo_ctx, messages) -> None:  # type: ignore[no-untyped-def]
    ctl, desk, _host = make(qtbot, demo_ctx, "manager")
    sd = desk.read(
        lambda uow: uow.session.scalar(
            select(ServiceDelivered).where(ServiceDelivered.kind == "cancellation").limit(1)
        )
    )

    def extract(uow):  # type: ignore[no-untyped-def]
        uow.session.get(ServiceDelivered, sd.id).extracted_at = uow.now()

    desk.write(extract)
    shown: list[UndoDialog] = []

    def step(dialog: QDialog) -> None:
        assert isinstance(dialog, UndoDialog)
        shown.append(dialog)
        dialog.reject()

    drive(ctl, step)
    ctl.undo(sd.session_id)
    dialog = shown[0]
    assert dialog.blockers.count() == 1 and f"SD #{sd.id}" in dialog.blockers.item(0).text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "already extracted for claiming" in dialog.error.text()


def test_undo_of_a_series_is_greyed_only_while_restoring_a_session_filled_since(
    qtbot, demo_ctx
) -> None:  # type: ignore[no-untyped-def]
    from app.models import Cancellation
    from app.services.schedule.details import session_details

    desk = open_desk(demo_ctx.db, "manager")
    sid = desk.read(lambda uow: uow.session.scalar(select(Cancellation.session_id).limit(1)))
    info = desk.read(lambda uow: session_details(uow, sid).cancellations[0])
    full = "The session on Tue 14 Apr 09:00 is full again (Jo Bloggs booked since)."
    ctx = UndoContext(info, (), lambda *_args: None, ("Tue 14 Apr 2026 09:00",), "", full)
    dialog = UndoDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.all_series.isChecked() and not ok.isEnabled()
    assert dialog.error.isVisible() and dialog.error.text() == full
    dialog.only_this.setChecked(True)  # this session still has its place: it can go back
    assert ok.isEnabled() and not dialog.error.isVisible()
    dialog.all_series.setChecked(True)
    assert not ok.isEnabled() and dialog.error.text() == full


def test_delete_blocked_by_a_payment_lists_it_and_removing_the_payment_enables_delete(
    qtbot, demo_ctx, messages
) -> None:  # type: ignore[no-untyped-def]
    ctl, desk, _host = make(qtbot, demo_ctx, "manager")
    billed = set(
        desk.read(lambda uow: list(uow.session.scalars(select(InsuranceClaim.session_id))))
    )
    from app.models import ClinicalNote

    noted = set(desk.read(lambda uow: list(uow.session.scalars(select(ClinicalNote.session_id)))))
    paid = [
        sid
        for sid in desk.read(lambda uow: list(uow.session.scalars(select(Payment.session_id))))
        if sid not in billed | noted
    ]
    sid = paid[0]

    def extract_free(uow):  # type: ignore[no-untyped-def]
        return uow.session.scalar(
            select(func.count()).where(
                ServiceDelivered.session_id == sid, ServiceDelivered.extracted_at.is_not(None)
            )
        )

    assert desk.read(extract_free) == 0

    asked: list[str] = []

    def step(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteDialog)
        dialog.ask = lambda q: asked.append(q.do) or "Posted twice"
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not dialog.permanent.isEnabled() and not ok.isEnabled()
        assert not dialog.apply.isEnabled()  # a past session can't take a cancellation either
        labels = [b for b in dialog.findChildren(QPushButton) if b.text() == "Remove"]
        assert len(labels) == 1
        labels[0].click()
        assert dialog.permanent.isEnabled() and ok.isEnabled()
        dialog.permanent.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    drive(ctl, step)
    ctl.delete(sid)
    assert asked == ["Remove payment", "Delete permanently"]
    assert desk.read(lambda uow: uow.session.get(Session, sid)) is None


def test_a_past_sessions_cancel_is_refused_and_did_not_attend_works(
    qtbot, demo_ctx, messages
) -> None:  # type: ignore[no-untyped-def]
    ctl, desk, _host = make(qtbot, demo_ctx, "reception")
    past = find_session(
        desk, Session.status == SessionStatus.ROSTERED, Session.starts_at < desk.now()
    )
    errors: list[str] = []

    def cancel_step(wizard: QDialog) -> None:
        assert isinstance(wizard, CancelWizard)
        walk_to_review(wizard)
        errors.append(wizard.details_page.error.text())
        wizard.reject()

    def dna_step(dialog: QDialog) -> None:
        assert isinstance(dialog, DidNotAttendDialog)
        first = next(iter(dialog.picker.boxes.values()))
        first.setChecked(True)
        assert "$" in dialog.charges.text()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    drive(ctl, cancel_step, dna_step)
    ctl.cancel(past.id)
    assert errors == ["This session has started — mark the client as did-not-attend instead."]
    ctl.did_not_attend(past.id)
    statuses = desk.read(
        lambda uow: list(
            uow.session.scalars(select(Booking.status).where(Booking.session_id == past.id))
        )
    )
    assert BookingStatus.DNA in statuses


def test_a_conflict_between_two_desks_shows_the_sentence_and_reopens_on_fresh_data(
    qtbot, demo_ctx, messages
) -> None:  # type: ignore[no-untyped-def]
    ctl, desk, _host = make(qtbot, demo_ctx, "reception")
    other_desk = open_desk(demo_ctx.db, "manager")
    target = find_session(
        desk,
        Session.kind == SessionKind.INDIVIDUAL,
        Session.status == SessionStatus.ROSTERED,
        Session.starts_at > desk.now() + timedelta(days=3),
    )
    versions: list[int] = []

    def first(wizard: QDialog) -> None:
        assert isinstance(wizard, CancelWizard)
        versions.append(wizard.ctx.session.version)
        other_desk.write(
            lambda uow: reschedule_session(
                uow, target.id, target.starts_at + timedelta(hours=1), allow_conflicts=True
            )
        )
        walk_to_review(wizard)

    def second(wizard: QDialog) -> None:
        assert isinstance(wizard, CancelWizard)
        versions.append(wizard.ctx.session.version)
        wizard.reject()

    seen = drive(ctl, first, second)
    ctl.cancel(target.id)
    assert len(seen) == 2 and versions[1] > versions[0]
    assert messages == [
        (
            "Changed at another desk",
            "This session was changed at another desk — reloaded. Check it and try again.",
        )
    ]
