"""Money and records walked through the real window, on the details a receptionist or a manager
gets wrong on a busy day: a date typed that does not read, an amount as the window shows it, two
clients of one name, a note left with Escape, a write-off typed with a minus sign, a client who
paid taken off the session."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from sqlalchemy import select

from app import i18n
from app.bootstrap import AppContext
from app.models import (
    Adjustment,
    Client,
    ClinicalNote,
    CreditEntry,
    InsuranceClaim,
    Payment,
    Session,
)
from app.models.enums import BookingStatus
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    click_session,
    confirm_question,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    shortcut,
    tick,
    type_date,
    type_into,
    unsaved_question,
)


def _newcomer(ctx: AppContext) -> tuple[int, str]:
    """An active demo client with no ledger lines yet."""

    def pick(orm: Any) -> tuple[int, str]:
        used = select(CreditEntry.client_id)
        client = orm.scalars(
            select(Client)
            .where(Client.active.is_(True), Client.id.not_in(used))
            .order_by(Client.last_name, Client.id)
        ).first()
        return client.id, client.display_name

    return data.read(ctx, pick)


def _lines(ctx: AppContext, client_id: int) -> list[CreditEntry]:
    return data.read(
        ctx,
        lambda orm: list(
            orm.scalars(select(CreditEntry).where(CreditEntry.client_id == client_id))
        ),
    )


def test_a_pack_expiry_typed_that_is_not_a_date_is_never_sold_with_another_expiry(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    window = open_window(demo_ctx, "reception")

    def sell(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Price", QLineEdit), "150")
        tick(field(w, "Credits expire"))
        type_date(qtbot, field(w, "Expiry date"), "31/6/2026")  # June has 30 days
        press(w, "Sell")
        assert w.isVisible(), "sold with an expiry nobody typed"
        assert _lines(demo_ctx, client_id) == []
        assert "The expiry date" in w.error.text() and "no day 31" in w.error.text()
        type_date(qtbot, field(w, "Expiry date"), "30/6/2026")
        press(w, "Sell")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    [line] = _lines(demo_ctx, client_id)
    assert str(line.expires_on) == "2026-06-30"


def test_insurer_billing_takes_the_session_price_it_offers_in_a_euro_practice(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    price = data.read(demo_ctx, lambda orm: orm.get(Session, sid).price_cents)
    i18n.use_practice("fr_FR", "EUR")  # amounts shown as "120,00 €"
    try:
        window = open_window(demo_ctx, "manager")
        click_session(qtbot, window, sid)

        def bill(w: Any) -> None:
            type_into(qtbot, field(w, "Insurer or funder", QLineEdit), "Mutuelle")
            type_into(qtbot, field(w, "Claim number", QLineEdit), "MU-1")
            press(w, "Mark billed")  # the amount as the dialog offers it: the session's price
            assert not w.isVisible(), w.error.text()

        with dialogs(bill, confirm_question("Mark billed", "Mutuelle")):
            from_context_menu(window, sid, "Mark billed to insurer…")
    finally:
        i18n.use_practice(None, None)
    claim = data.read(
        demo_ctx,
        lambda orm: orm.scalar(select(InsuranceClaim).where(InsuranceClaim.session_id == sid)),
    )
    assert claim is not None and claim.amount_cents == price


def test_a_note_left_with_escape_or_close_asks_first_and_keeps_or_saves_what_was_typed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)

    def write(w: Any) -> None:
        text = field(w, "Clinical note", QPlainTextEdit)
        type_into(qtbot, text, "Knee pain on stairs; home exercises given.")
        QTest.keyClick(text, Qt.Key.Key_Escape)  # → asked; Cancel (the default) keeps it open
        assert w.isVisible() and "home exercises" in text.toPlainText()
        press(w, "Close")  # → asked again; Save keeps it as a draft

    with dialogs(write, unsaved_question("Cancel"), unsaved_question("Save")):
        from_context_menu(window, sid, "Clinical note…")
    body = data.read(
        demo_ctx,
        lambda orm: orm.scalar(select(ClinicalNote.body).where(ClinicalNote.session_id == sid)),
    )
    assert body == "Knee pain on stairs; home exercises given."

    def look(w: Any) -> None:
        QTest.keyClick(field(w, "Clinical note", QPlainTextEdit), Qt.Key.Key_Escape)  # unchanged

    with dialogs(look):  # nothing typed: Escape closes without a question
        from_context_menu(window, sid, "Clinical note…")


def test_two_clients_of_one_name_in_a_group_are_told_apart_and_the_payment_is_the_one_picked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves

    def twins(orm: Any) -> list[int]:
        clients = [b.client for b in orm.get(Session, sid).bookings][:2]
        for c in clients:
            c.first_name, c.last_name = "Sam", "Leeson"
        orm.commit()
        return sorted(c.id for c in clients)

    first, second = data.read(demo_ctx, twins)
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)

    def take_payment(w: Any) -> None:
        client = field(w, "Client", QComboBox)
        names = [client.itemText(i) for i in range(client.count())]
        assert f"Sam Leeson (#{first})" in names and f"Sam Leeson (#{second})" in names, names
        choose(client, f"Sam Leeson (#{second})")
        type_into(qtbot, field(w, "Amount", QLineEdit), "30")
        press(w, "Record payment")

    def bill(w: Any) -> None:
        choose(field(w, "Client", QComboBox), f"Sam Leeson (#{second})")
        type_into(qtbot, field(w, "Insurer or funder", QLineEdit), "HCF")
        type_into(qtbot, field(w, "Claim number", QLineEdit), "HCF-9")
        press(w, "Mark billed")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")
    with dialogs(bill, confirm_question("Mark billed", "for Sam Leeson")):
        from_context_menu(window, sid, "Mark billed to insurer…")
    paid = data.read(
        demo_ctx,
        lambda orm: list(orm.scalars(select(Payment.client_id).where(Payment.session_id == sid))),
    )
    billed = data.read(
        demo_ctx,
        lambda orm: list(
            orm.scalars(select(InsuranceClaim.client_id).where(InsuranceClaim.session_id == sid))
        ),
    )
    assert (paid, billed) == ([second], [second])


def test_a_write_off_typed_with_a_minus_sign_is_refused_with_what_to_type_instead(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)

    def write_off(w: Any) -> None:
        choose(field(w, "What", QComboBox), "Write-off")
        type_into(qtbot, field(w, "Amount", QLineEdit), "-25")
        type_into(qtbot, field(w, "Note", QLineEdit), "Hardship")
        press(w, "Record adjustment")
        said = w.error.text()
        assert w.isVisible() and "amount received" not in said, said
        assert "to take off" in said and "without a minus sign" in said, said
        type_into(qtbot, field(w, "Amount", QLineEdit), "25")
        press(w, "Record adjustment")

    with dialogs(write_off):
        from_context_menu(window, sid, "Take payment…")
    rows = data.read(
        demo_ctx,
        lambda orm: [
            (a.kind, a.amount_cents)
            for a in orm.scalars(select(Adjustment).where(Adjustment.session_id == sid))
        ],
    )
    assert rows == [("write-off", -2500)]


def test_a_client_who_paid_cannot_be_unticked_from_the_session_and_keeps_their_payment(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    payer, name = data.read(
        demo_ctx,
        lambda orm: next(
            (b.client_id, b.client.display_name)
            for b in sorted(orm.get(Session, sid).bookings, key=lambda b: b.client_id)
            if b.status == BookingStatus.BOOKED
        ),
    )
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)

    def take_payment(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Amount", QLineEdit), "40")
        press(w, "Record payment")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")

    def untick(w: Any) -> None:
        items = w.clients.list
        [item] = [
            items.item(i)
            for i in range(items.count())
            if items.item(i).data(Qt.ItemDataRole.UserRole) == payer
        ]
        items.setCurrentItem(item)
        QTest.keyClick(items, Qt.Key.Key_Space)
        assert item.checkState() == Qt.CheckState.Unchecked
        press(w, "Save")
        if w.isVisible() and not w.warnings.isHidden():  # a warning to confirm
            press(w, "Save anyway")
        said = w.error.text()
        assert w.isVisible(), "the client who paid was taken off the session"
        assert name in said and "payment" in said and "cancel" in said, said
        w.reject()

    with dialogs(untick):
        shortcut(qtbot, window, "Ctrl+E")

    def check(orm: Any) -> None:
        booked = {b.client_id for b in orm.get(Session, sid).bookings}
        paid = set(orm.scalars(select(Payment.client_id).where(Payment.session_id == sid)))
        assert paid == {payer} and payer in booked

    data.read(demo_ctx, check)
