"""A session's money and records walked through the real window: a payment taken from the context
menu blocks a delete until a manager removes it from the details panel; a finalized note and an
insurer billing block it too (the billing for good)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTextBrowser, QWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Adjustment, AuditEvent, ClinicalNote, InsuranceClaim, Payment, Session, User
from tests.ui.flows.data import client_funded, future_individual, read
from tests.ui.flows.driver import (
    button,
    choose,
    click_session,
    confirm_question,
    dialogs,
    entries,
    field,
    from_context_menu,
    menu_action,
    press,
    press_default,
    shortcut,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_off_gui_thread import GuiThreadCalls
from tests.ui.flows.test_flow_off_gui_thread import gui_db_calls as gui_db_calls  # noqa: F401

PERMANENT = "Permanently delete — only for a session entered in error"
TODAY = "1/4/2026"  # the demo's today in Sydney (DEMO_NOW is 31 Mar 23:00 UTC)


def shown_text(dialog: QWidget) -> str:
    return "\n".join(lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.isVisible())


def click_link(qtbot: Any, window: Any, text: str) -> None:
    """Click the link that reads `text` in the details panel, where a person clicks it."""
    browser: QTextBrowser = window.details_panel.browser
    window.details_dock.show()
    cursor = browser.document().find(text)
    assert not cursor.isNull(), f"no “{text}” in the details panel: {browser.toPlainText()}"
    href = cursor.charFormat().anchorHref()
    assert href, f"“{text}” is not a link"
    middle = browser.textCursor()
    middle.setPosition(cursor.selectionStart() + 2)
    browser.setTextCursor(middle)
    browser.ensureCursorVisible()
    spot = browser.cursorRect(middle).center()
    assert browser.anchorAt(spot) == href, "the link is not under the pointer"
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def ctrl_del(qtbot: Any, window: Any) -> None:
    shortcut(qtbot, window, "Ctrl+Del")


def test_a_payment_taken_from_the_menu_blocks_delete_until_a_manager_removes_it_with_a_reason(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = future_individual(demo_ctx)
    client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)

    def take_payment(w: Any) -> None:
        choose(field(w, "Method", QComboBox), "EFTPOS")
        type_into(qtbot, field(w, "Amount", QLineEdit), "-95")
        type_date(qtbot, field(w, "Date received"), TODAY)
        type_into(qtbot, field(w, "Reference", QLineEdit), "R-1001")
        press(w, "Record payment")
        assert w.isVisible() and "must be more than $0.00" in shown_text(w)
        type_into(qtbot, field(w, "Amount", QLineEdit), "95.00")
        press(w, "Record payment")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")

    payments = read(
        demo_ctx, lambda o: list(o.scalars(select(Payment).where(Payment.session_id == sid)))
    )
    assert [(p.amount_cents, p.method, p.reference, str(p.received_on)) for p in payments] == [
        (9500, "EFTPOS", "R-1001", "2026-04-01")
    ]
    qtbot.waitUntil(lambda: "$95.00 Payment" in window.details_panel.plain_text(), timeout=3000)
    assert "Payment taken" in window.details_panel.plain_text()  # its audit line

    client = read(demo_ctx, lambda o: o.get(Session, sid).bookings[0].client.display_name)

    def account(w: Any) -> None:
        assert client in w.windowTitle()  # that client's account, not another's
        press(w, "Close")

    with dialogs(account):  # the link beside the client in the details panel
        click_link(qtbot, window, "Client account…")

    def blocked(w: Any) -> None:
        text = shown_text(w)
        assert "Payment of $95.00 (EFTPOS)" in text and "Remove the payment first" in text
        assert not field(w, PERMANENT).isEnabled()
        press(w, "Cancel")

    with dialogs(blocked):
        ctrl_del(qtbot, window)

    def keep(w: Any) -> None:
        assert "$95.00 EFTPOS" in shown_text(w)
        press_default(w)  # Enter keeps the payment

    with dialogs(keep):
        click_link(qtbot, window, "Remove…")
    assert read(demo_ctx, lambda o: o.get(Payment, payments[0].id)) is not None

    def remove(w: Any) -> None:
        assert not button(w, "Remove payment").isEnabled(), "a reason is required first"
        type_into(qtbot, field(w, "Reason", QLineEdit), "Card declined after all")
        press(w, "Remove payment")

    with dialogs(remove):
        click_link(qtbot, window, "Remove…")

    def delete(w: Any) -> None:
        assert "Payment of" not in shown_text(w)
        press(w, PERMANENT)
        press(w, "Delete permanently")

    def confirm(w: Any) -> None:
        press(w, "Delete permanently")

    with dialogs(delete, confirm):
        ctrl_del(qtbot, window)

    def check(o: Any) -> None:
        assert o.get(Session, sid) is None and o.get(Payment, payments[0].id) is None
        removed = o.scalar(select(AuditEvent).where(AuditEvent.action == "payment.remove"))
        assert removed.after == {"reason": "Card declined after all"}
        assert removed.username == "manager" and removed.before["amount_cents"] == 9500
        assert o.scalar(select(AuditEvent.id).where(AuditEvent.action == "payment.post"))

    read(demo_ctx, check)


def test_a_note_written_then_finalized_is_read_only_and_blocks_delete(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)

    def write(w: Any) -> None:
        assert "New note" in shown_text(w)
        press(w, "Save draft")
        assert w.isVisible() and "The note is empty" in shown_text(w)
        text = field(w, "Clinical note", QPlainTextEdit)
        type_into(qtbot, text, "Seen today.")
        QTest.keyClick(text, Qt.Key.Key_Return)
        qtbot.keyClicks(text, "Plan agreed.")
        press(w, "Save draft")

    with dialogs(write):
        from_context_menu(window, sid, "Clinical note…")

    note = read(
        demo_ctx, lambda o: o.scalar(select(ClinicalNote).where(ClinicalNote.session_id == sid))
    )
    assert note is not None and note.body == "Seen today.\nPlan agreed." and not note.finalized

    def finalize(w: Any) -> None:
        name = read(
            demo_ctx, lambda o: o.scalar(select(User.full_name).where(User.username == "reception"))
        )
        assert f"Draft by {name}, last saved" in shown_text(w)
        type_into(
            qtbot,
            field(w, "Clinical note", QPlainTextEdit),
            "Seen today. Plan agreed; review in 4 weeks.",
        )
        press(w, "Finalize…")  # → asked; Enter keeps editing
        assert w.isVisible(), "keeping the note open leaves it a draft"
        press(w, "Finalize…")  # → asked again; this time finalize

    def keep_editing(w: Any) -> None:
        assert "It can't be changed afterwards" in shown_text(w)
        press_default(w)

    def go(w: Any) -> None:
        press(w, "Finalize note")

    with dialogs(finalize, keep_editing, go):
        from_context_menu(window, sid, "Clinical note…")

    def read_only(w: Any) -> None:
        assert "Finalized by" in shown_text(w) and "can no longer be changed" in shown_text(w)
        assert field(w, "Clinical note", QPlainTextEdit).isReadOnly()
        assert not button(w, "Save draft").isEnabled() and not button(w, "Finalize…").isEnabled()
        press(w, "Close")

    with dialogs(read_only):
        from_context_menu(window, sid, "Clinical note…")

    def check(o: Any) -> None:
        row = o.scalar(select(ClinicalNote).where(ClinicalNote.session_id == sid))
        author = o.scalar(select(User.id).where(User.username == "reception"))
        assert row.finalized and row.finalized_by_id == author and row.author_id == author
        assert row.body == "Seen today. Plan agreed; review in 4 weeks."

    read(demo_ctx, check)
    qtbot.waitUntil(lambda: "Finalized by" in window.details_panel.plain_text(), timeout=3000)
    manager = open_window(demo_ctx, "manager")
    click_session(qtbot, manager, sid)

    def blocked(w: Any) -> None:
        text = shown_text(w)
        assert "A finalized clinical note" in text and "can't be deleted" in text
        assert not field(w, PERMANENT).isEnabled()
        press(w, "Cancel")

    with dialogs(blocked):
        ctrl_del(qtbot, manager)
    assert read(demo_ctx, lambda o: o.get(Session, sid)) is not None


def test_insurer_billing_is_a_managers_and_refuses_delete_for_good(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = future_individual(demo_ctx)
    desk = open_window(demo_ctx, "reception")
    entry = menu_action(desk, sid, "Mark billed to insurer…")
    qtbot.waitUntil(lambda: "Your role (reception) cannot mark" in entry.toolTip(), timeout=3000)
    assert not entry.isEnabled()
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)

    def bill(w: Any) -> None:
        assert "can never be permanently deleted" in shown_text(w)
        type_into(qtbot, field(w, "Insurer or funder", QLineEdit), "Bupa")
        type_into(qtbot, field(w, "Claim number", QLineEdit), "BUPA-300001")
        type_date(qtbot, field(w, "Date billed"), TODAY)
        type_into(qtbot, field(w, "Amount", QLineEdit), "120.50")
        press(w, "Mark billed")  # → the last question: Enter keeps the form, nothing billed
        assert w.isVisible() and not _claims(demo_ctx, sid)
        press(w, "Mark billed")  # → the last question again: Mark billed

    def back_with_enter(w: Any) -> None:
        question = w.findChild(QLabel, "confirmQuestion").text()
        assert question.startswith("Mark this session billed to Bupa for "), question
        details = w.findChild(QLabel, "confirmDetails").text()
        assert "Claim BUPA-300001, $120.50, billed " in details, details
        assert "never be permanently deleted" in details
        press_default(w)

    with dialogs(bill, back_with_enter, confirm_question("Mark billed", "billed to Bupa")):
        from_context_menu(window, sid, "Mark billed to insurer…")

    claim = read(
        demo_ctx, lambda o: o.scalar(select(InsuranceClaim).where(InsuranceClaim.session_id == sid))
    )
    assert claim is not None and (claim.insurer, claim.claim_number, claim.amount_cents) == (
        "Bupa", "BUPA-300001", 12050,
    )  # fmt: skip
    qtbot.waitUntil(lambda: "claim BUPA-300001" in window.details_panel.plain_text(), timeout=3000)

    def refused(w: Any) -> None:
        text = shown_text(w)
        assert "Billed to insurance: claim BUPA-300001 to Bupa" in text
        assert "can never be deleted. This is for good" in text
        assert "apply a cancellation instead" in text
        assert not field(w, PERMANENT).isEnabled()
        assert "Remove" not in {b.text() for b in w.findChildren(type(button(w, "Cancel")))}
        press(w, "Cancel")

    with dialogs(refused):
        ctrl_del(qtbot, window)
    assert read(demo_ctx, lambda o: o.get(Session, sid)) is not None


def test_mark_billed_greys_its_buttons_while_the_claim_is_checked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)
    held: list[Any] = []

    def bill(w: Any) -> None:
        check = w.ctx.check
        w.ctx = replace(w.ctx, check=lambda draft, reply: held.append((draft, reply)))
        type_into(qtbot, field(w, "Insurer or funder", QLineEdit), "Bupa")
        type_into(qtbot, field(w, "Claim number", QLineEdit), "BUPA-300002")
        press(w, "Mark billed")  # the check is still running
        assert len(held) == 1
        assert not button(w, "Mark billed").isEnabled() and not button(w, "Cancel").isEnabled()
        QTest.keyClick(w, Qt.Key.Key_Return)  # a second go while it runs: nothing
        assert len(held) == 1 and w.isVisible()
        draft, reply = held[0]
        check(draft, reply)  # the check comes back → the last question → Mark billed

    with dialogs(bill, confirm_question("Mark billed", "billed to Bupa")):
        from_context_menu(window, sid, "Mark billed to insurer…")
    assert [c.claim_number for c in _claims(demo_ctx, sid)] == ["BUPA-300002"]


def test_a_payment_its_removal_a_note_and_a_billing_make_no_database_call_on_the_gui_thread(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, request: pytest.FixtureRequest
) -> None:
    spy: GuiThreadCalls = request.getfixturevalue("gui_db_calls")
    sid = future_individual(demo_ctx)
    client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)
    spy.armed = True

    def take_payment(w: Any) -> None:
        type_into(qtbot, field(w, "Amount", QLineEdit), "40")
        press(w, "Record payment")

    def note(w: Any) -> None:
        type_into(qtbot, field(w, "Clinical note", QPlainTextEdit), "Seen.")
        press(w, "Save draft")

    def bill(w: Any) -> None:
        type_into(qtbot, field(w, "Insurer or funder", QLineEdit), "HCF")
        type_into(qtbot, field(w, "Claim number", QLineEdit), "HCF-77")
        press(w, "Mark billed")
        assert not w.isVisible(), w.error.text()

    def remove(w: Any) -> None:
        type_into(qtbot, field(w, "Reason", QLineEdit), "Wrong session")
        press(w, "Remove payment")

    for text, handler in (
        ("Take payment…", take_payment),
        ("Clinical note…", note),
        ("Mark billed to insurer…", bill),
    ):
        answers = [confirm_question("Mark billed", "HCF")] if handler is bill else []
        with dialogs(handler, *answers):
            from_context_menu(window, sid, text)
    qtbot.waitUntil(lambda: "Remove…" in window.details_panel.plain_text(), timeout=3000)
    with dialogs(remove):
        click_link(qtbot, window, "Remove…")

    def check(o: Any) -> None:
        assert o.scalar(select(Payment.id).where(Payment.session_id == sid)) is None
        assert o.scalar(select(ClinicalNote.body).where(ClinicalNote.session_id == sid)) == "Seen."
        assert o.scalar(select(InsuranceClaim.insurer).where(InsuranceClaim.session_id == sid))

    read(demo_ctx, check)
    assert spy.calls == []


def test_reception_takes_payments_only_and_a_manager_posts_a_discount(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = future_individual(demo_ctx)
    desk = open_window(demo_ctx, "reception")
    click_session(qtbot, desk, sid)

    def reception(w: Any) -> None:
        assert entries(field(w, "What", QComboBox)) == ["Payment received"]
        press(w, "Cancel")

    with dialogs(reception):
        from_context_menu(desk, sid, "Take payment…")
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)

    def discount(w: Any) -> None:
        choose(field(w, "What", QComboBox), "Discount")
        assert not [
            e
            for e in w.findChildren(QLineEdit)
            if e.accessibleName() == "Reference" and e.isVisible()
        ]
        type_into(qtbot, field(w, "Amount", QLineEdit), "10")
        press(w, "Record adjustment")
        assert w.isVisible() and "Say why the adjustment is made" in shown_text(w)
        type_into(qtbot, field(w, "Note", QLineEdit), "Pensioner rate")
        press(w, "Record adjustment")

    with dialogs(discount):
        from_context_menu(window, sid, "Take payment…")
    rows = read(
        demo_ctx,
        lambda o: [
            (a.kind, a.amount_cents, a.note)
            for a in o.scalars(select(Adjustment).where(Adjustment.session_id == sid))
        ],
    )
    assert rows == [("discount", -1000, "Pensioner rate")]


def _claims(ctx: AppContext, sid: int) -> list[Any]:
    return read(
        ctx,
        lambda o: list(o.scalars(select(InsuranceClaim).where(InsuranceClaim.session_id == sid))),
    )


def test_a_claim_recorded_twice_in_another_case_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """An insurer not in the funders list is typed as it comes: "Mutuelle" on one session,
    "mutuelle" on the next, with the same claim number in lower case — the same claim."""
    first, second = future_individual(demo_ctx), future_individual(demo_ctx, series=True)
    window = open_window(demo_ctx, "manager")
    refusals: list[str] = []

    def bill(insurer: str, claim: str) -> Any:
        def fill(w: Any) -> None:
            type_into(qtbot, field(w, "Insurer or funder", QLineEdit), insurer)
            type_into(qtbot, field(w, "Claim number", QLineEdit), claim)
            type_into(qtbot, field(w, "Amount", QLineEdit), "80")
            press(w, "Mark billed")
            if w.isVisible():  # refused, or the last question was not answered: leave
                refusals.append(w.error.text())
                press(w, "Cancel")

        return fill

    with dialogs(bill("Mutuelle", "MU-1"), confirm_question("Mark billed", "billed to Mutuelle")):
        from_context_menu(window, first, "Mark billed to insurer…")
    with dialogs(bill("mutuelle", "mu-1")):
        from_context_menu(window, second, "Mark billed to insurer…")
    assert refusals == [
        f"Claim mu-1 to mutuelle is already recorded, on session #{first}; check the number."
    ], refusals
    assert _claims(demo_ctx, first) and not _claims(demo_ctx, second)
