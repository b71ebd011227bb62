"""Another desk changes or bills the session, or changes its clinical note, while this desk's
*Mark billed to insurer…* or *Clinical note…* is open: this desk is told, the dialog opens again
on the record as it is now, and nothing the other desk saved is written over unseen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import AuditEvent, ClinicalNote, InsuranceClaim, Session, User
from app.services.desk import open_desk
from app.services.money.insurance import ClaimRequest, mark_billed
from app.services.records import notes
from tests.ui.flows import data
from tests.ui.flows.driver import (
    confirm_question,
    dialogs,
    field,
    from_context_menu,
    press,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_changed_at_another_desk import (
    CHANGED,
    _left_open,
    _move_an_hour_on,
    told_changed,
)
from tests.ui.flows.test_flow_delete import shown_text

BILL = "Mark billed to insurer…"


def _fill_claim(qtbot: Any, w: Any, funder: str, number: str) -> None:
    type_into(qtbot, field(w, "Insurer or funder", QLineEdit), funder)
    type_into(qtbot, field(w, "Claim number", QLineEdit), number)
    type_into(qtbot, field(w, "Amount", QLineEdit), "95.00")
    press(w, "Mark billed")


def _claims(ctx: AppContext, sid: int) -> list[tuple[str, str]]:
    return data.read(ctx, lambda orm: [(c.insurer, c.claim_number) for c in orm.scalars(
        select(InsuranceClaim).where(InsuranceClaim.session_id == sid).order_by(InsuranceClaim.id))])  # fmt: skip


def test_billing_after_another_desk_moved_the_session_reopens_on_it_and_bills_once(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    start = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "manager")
    told: list[str] = []
    stuck: list[list[str]] = []
    shown: list[str] = []

    def stale(w: Any) -> None:
        shown.append(shown_text(w))
        _move_an_hour_on(other_desk, sid, start)
        _fill_claim(qtbot, w, "Bupa", "BUPA-500")  # the claim's check meets the other change
        _left_open(w, stuck)

    def fresh(w: Any) -> None:
        shown.append(shown_text(w))
        _fill_claim(qtbot, w, "Bupa", "BUPA-500")

    with dialogs(stale, told_changed(told), fresh, confirm_question("Mark billed", "Bupa")):
        from_context_menu(window, sid, BILL)
    assert stuck == [] and told == [CHANGED]
    assert shown[0] != shown[1]  # reopened on the session as it is now: the later time
    assert _claims(demo_ctx, sid) == [("Bupa", "BUPA-500")]


def test_billing_while_another_desk_billed_the_session_reopens_listing_its_claim(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    client, name = data.read(demo_ctx, lambda orm: (
        orm.get(Session, sid).bookings[0].client_id,
        orm.get(Session, sid).bookings[0].client.display_name))  # fmt: skip
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "manager")
    told: list[str] = []
    stuck: list[list[str]] = []
    fresh_text: list[str] = []

    def stale(w: Any) -> None:
        assert "Already billed" not in shown_text(w)
        _fill_claim(qtbot, w, "Bupa", "BUPA-501")  # → checked; the last question
        _left_open(w, stuck)

    def billed_meanwhile(w: Any) -> None:
        # While the desk reads the last question, another desk bills the session to HCF.
        day = demo_ctx.db.clock().date()
        other_desk.write(lambda uow: mark_billed(
            uow, ClaimRequest(sid, client, "HCF", "HCF-9", day, 9500)))  # fmt: skip
        press(w, "Mark billed")

    def fresh(w: Any) -> None:
        fresh_text.append(shown_text(w))
        press(w, "Cancel")

    with dialogs(stale, billed_meanwhile, told_changed(told), fresh):
        from_context_menu(window, sid, BILL)
    assert stuck == [] and told == [CHANGED]
    assert f"Already billed: HCF, claim HCF-9, $95.00, for {name}." in fresh_text[0]
    assert _claims(demo_ctx, sid) == [("HCF", "HCF-9")]  # this desk's claim was not added


NOTE = "Clinical note…"
NOTE_CHANGED = (
    "This session's note was written, changed or finalized at another desk since you opened it, "
    "so nothing was saved. Read the note as it is now before you save your text."
)


def _note(ctx: AppContext, sid: int) -> Any:
    return data.read(ctx, lambda orm: orm.scalar(
        select(ClinicalNote).where(ClinicalNote.session_id == sid)))  # fmt: skip


def test_a_note_written_at_another_desk_meanwhile_reopens_beside_the_text_typed_here(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    other_desk = open_desk(demo_ctx.db, "reception")
    window = open_window(demo_ctx, "manager")
    told: list[str] = []
    stuck: list[list[str]] = []
    seen: dict[str, str] = {}

    def stale(w: Any) -> None:
        assert "New note" in shown_text(w)
        # Meanwhile the front desk writes the session's note.
        other_desk.write(lambda uow: notes.save_note(uow, sid, "Arrived late."))
        type_into(qtbot, field(w, "Clinical note", QPlainTextEdit), "Seen today.")
        press(w, "Save draft")
        _left_open(w, stuck)

    def fresh(w: Any) -> None:
        text = field(w, "Clinical note", QPlainTextEdit)
        seen["editor"] = text.toPlainText()
        seen["other"] = field(w, "The note as saved at another desk (your text is above)",
                              QPlainTextEdit).toPlainText()  # fmt: skip
        type_into(qtbot, text, "Arrived late. Seen today.")
        press(w, "Save draft")

    with dialogs(stale, told_changed(told), fresh):
        from_context_menu(window, sid, NOTE)
    assert stuck == [] and told == [NOTE_CHANGED]
    assert seen == {"editor": "Seen today.", "other": "Arrived late."}
    assert _note(demo_ctx, sid).body == "Arrived late. Seen today."
    actions = data.read(demo_ctx, lambda orm: list(orm.scalars(select(AuditEvent.action).where(
        AuditEvent.session_id == sid, AuditEvent.action.like("note.%")).order_by(AuditEvent.id))))  # fmt: skip
    assert actions == ["note.write", "note.edit"]  # one note, written there and edited here


TYPED = "Seen; plan agreed. Call GP."
DISCARD_TYPED = "Discard the text you typed?"
KEPT = "Your text, not saved (copy what you need)"


def _finalized_meanwhile(qtbot: Any, ctx: AppContext, stuck: list[list[str]]) -> tuple[int, Any]:
    """A session with a draft note, and the first Clinical note… dialog's handler: while it is
    open a manager finalizes the draft at another desk, then this desk types and saves."""
    QGuiApplication.clipboard().setText("")  # nothing copied yet
    sid = data.future_individual(ctx)
    open_desk(ctx.db, "reception").write(
        lambda uow: notes.save_note(uow, sid, "Seen; plan agreed.")
    )
    manager_desk = open_desk(ctx.db, "manager")

    def finalize_there(uow: Any) -> object:
        shown = notes.session_note(uow, sid)
        return notes.save_note(uow, sid, shown.body, revision=shown.revision, finalize=True)

    def stale(w: Any) -> None:
        assert "Draft by" in shown_text(w)
        manager_desk.write(finalize_there)  # meanwhile a manager finalizes the draft
        type_into(qtbot, field(w, "Clinical note", QPlainTextEdit), TYPED)
        press(w, "Save draft")
        _left_open(w, stuck)

    return sid, stale


def _finalized_by_the_manager(ctx: AppContext, sid: int) -> None:
    row = _note(ctx, sid)
    manager = data.read(ctx, lambda orm: orm.scalar(
        select(User.id).where(User.username == "manager")))  # fmt: skip
    assert (row.body, row.finalized, row.finalized_by_id) == ("Seen; plan agreed.", True, manager)


def test_a_note_finalized_at_another_desk_meanwhile_reopens_read_only_keeping_the_text_typed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    told: list[str] = []
    stuck: list[list[str]] = []
    seen: dict[str, Any] = {}
    sid, stale = _finalized_meanwhile(qtbot, demo_ctx, stuck)
    window = open_window(demo_ctx, "reception")

    def fresh(w: Any) -> None:
        text = field(w, "Clinical note", QPlainTextEdit)
        seen["state"] = shown_text(w)
        seen["note"] = (text.toPlainText(), text.isReadOnly())
        kept = field(w, KEPT, QPlainTextEdit)
        seen["kept"] = (kept.toPlainText(), kept.isReadOnly())
        press(w, "Close")  # the typed text would be lost: asked first, and Discard closes

    with dialogs(stale, told_changed(told), fresh, unsaved_question("Discard", DISCARD_TYPED)):
        from_context_menu(window, sid, NOTE)
    assert stuck == [] and told == [NOTE_CHANGED]
    assert "Finalized by" in seen["state"]
    assert seen["note"] == ("Seen; plan agreed.", True)
    assert seen["kept"] == (TYPED, True)
    _finalized_by_the_manager(demo_ctx, sid)


def test_closing_the_read_only_note_asks_before_the_text_typed_here_is_lost_unless_copied(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    told: list[str] = []
    stuck: list[list[str]] = []
    seen: dict[str, Any] = {}
    sid, stale = _finalized_meanwhile(qtbot, demo_ctx, stuck)
    window = open_window(demo_ctx, "reception")

    def fresh(w: Any) -> None:
        press(w, "Close")  # asked; Cancel (the default) goes back to the text
        seen["after Close"] = w.isVisible()
        QTest.keyClick(w, Qt.Key.Key_Escape)  # asked again; Cancel
        seen["after Escape"] = w.isVisible()
        kept = field(w, KEPT, QPlainTextEdit)
        kept.setFocus()
        qtbot.keyClick(kept, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(kept, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        seen["copied"] = QGuiApplication.clipboard().text()
        press(w, "Close")  # all of it copied: closes without asking
        seen["after copying"] = w.isVisible()

    asked = unsaved_question("Cancel", DISCARD_TYPED)
    with dialogs(stale, told_changed(told), fresh, asked, asked):
        from_context_menu(window, sid, NOTE)
    assert stuck == [] and told == [NOTE_CHANGED]
    assert seen == {
        "after Close": True,
        "after Escape": True,
        "copied": TYPED,
        "after copying": False,
    }
    _finalized_by_the_manager(demo_ctx, sid)
