"""Class packs through the real window: sell a 10-class pack (Accounts ▸ Sell a class pack…),
book a class paid with a credit (Practice ▸ New session…), cancel it in bulk (the credit comes
back), undo the job (the credit is taken again); the client's account shows each step."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QSpinBox,
    QTableView,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import Booking, Client, CreditEntry, Funder, Session, Worker
from app.models.enums import BookingStatus, Funding, LedgerKind, PaidWith, SessionStatus
from app.ui.money.account import AccountDialog
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    tick,
    type_date,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_bulk import GO, save_as
from tests.ui.flows.test_flow_delete import PERMANENT
from tests.ui.flows.test_flow_off_gui_thread import GuiThreadCalls, gui_db_calls  # noqa: F401
from tests.ui.flows.test_flow_worker_cancel import worker_cancels

CLASS_DAY = "2/4/2026 06:30"  # Thursday, early: before the demo's sessions, inside "this week"


def _newcomer(ctx: AppContext) -> tuple[int, str]:
    """An active demo client with no ledger lines yet."""

    def pick(orm: Any) -> tuple[int, str]:
        used = select(CreditEntry.client_id)
        client = orm.scalars(
            select(Client).where(Client.active.is_(True), Client.id.not_in(used))
            .order_by(Client.last_name, Client.id)
        ).first()  # fmt: skip
        return client.id, client.display_name

    return data.read(ctx, pick)


def _worker(ctx: AppContext) -> str:
    return data.read(ctx, lambda orm: orm.scalars(
        select(Worker.name).where(Worker.active.is_(True)).order_by(Worker.name)).first())  # fmt: skip


def _balance(ctx: AppContext, client_id: int) -> int:
    return data.read(ctx, lambda orm: orm.scalar(
        select(func.coalesce(func.sum(CreditEntry.credits), 0)).where(
            CreditEntry.client_id == client_id)))  # fmt: skip


def _account_rows(qtbot: Any, window: Any, name: str, folder: Path) -> list[tuple[str, str, str]]:
    """Open Accounts ▸ Client account…, find the client, read the lines (what, credits, left),
    export them as CSV and save the PDF into `folder`."""
    seen: dict[str, Any] = {}

    def chooser(w: Any) -> None:
        type_into(qtbot, field(w, "Search", QLineEdit), name)
        assert field(w, "Clients", QListWidget).currentItem().text().startswith(name)
        press(w, "Open account")

    def account(w: Any) -> None:
        assert isinstance(w, AccountDialog)
        model = field(w, "Account lines", QTableView).model()
        seen["rows"] = [tuple(model.index(r, c).data() for c in (1, 2, 3))
                        for r in range(model.rowCount())]  # fmt: skip
        seen["summary"] = w.summary.text()
        press(w, "Export CSV")  # → save as
        press(w, "Print / Save PDF")  # → save as
        assert str(folder / "account.pdf") in w.status.text()
        press(w, "Close")

    saves = (save_as(folder / "account.csv"), save_as(folder / "account.pdf"))
    with dialogs(chooser, account, *saves):
        from_menu(window, "Accounts", "Client account")
    seen["rows"].append(("summary", seen["summary"], ""))
    return seen["rows"]


def test_a_pack_sold_pays_a_class_a_bulk_cancel_refunds_it_and_undo_takes_it_back(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    client_id, name = _newcomer(demo_ctx)
    worker = _worker(demo_ctx)

    # 1. Accounts ▸ Sell a class pack…: a refusal stays on the form, then the sale.
    def sell(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Credits", QSpinBox), "10")
        type_into(qtbot, field(w, "Price", QLineEdit), "-20")
        press(w, "Sell")
        assert w.isVisible() and "cannot be negative" in w.error.text()
        type_into(qtbot, field(w, "Price", QLineEdit), "150")
        choose(field(w, "Paid by", QComboBox), "Cash")
        press(w, "Sell")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    [pack] = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(CreditEntry).where(CreditEntry.client_id == client_id))))  # fmt: skip
    assert (pack.kind, pack.credits, pack.amount_cents, pack.method) == (
        LedgerKind.PURCHASE, 10, 15000, "cash")  # fmt: skip

    # 2. Practice ▸ New session…: a class for the client, paid with a class credit.
    before = data.ids(demo_ctx, Session)

    def new_class(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), worker)
        type_date(qtbot, field(w, "Start"), CLASS_DAY)
        choose(field(w, "Kind", QComboBox), "Class")
        clients = w.clients
        type_into(qtbot, clients.filter, name)
        visible = [clients.list.item(i) for i in range(clients.list.count())
                   if not clients.list.item(i).isHidden()]  # fmt: skip
        clients.list.setCurrentItem(visible[0])
        QTest.keyClick(clients.list, Qt.Key.Key_Space)
        assert clients.chosen() == (client_id,)
        label = f"Paid with: {name}"
        paid = field(w, label, QComboBox)
        assert [paid.itemText(i) for i in range(paid.count())] == [
            "Invoice", "A class credit", "A single-class purchase"]  # fmt: skip
        choose(paid, "A class credit")
        press(w, "Save")
        if w.isVisible():  # warnings first (early morning): save anyway
            press(w, "Save anyway")

    with dialogs(new_class):
        from_menu(window, "Practice", "New session")
    [session] = data.new_rows(demo_ctx, Session, before)
    booking = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Booking).where(Booking.session_id == session.id)).one())  # fmt: skip
    assert (booking.paid_with, booking.credits_used) == (PaidWith.CREDITS, 1)
    assert _balance(demo_ctx, client_id) == 9

    # 3. Schedule ▸ Bulk cancel…: only this class; the credit goes back onto the balance.
    out = tmp_path / "closure.csv"

    def bulk(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), worker)
        press(w, "Select none")
        table: QTableView = field(w, "Sessions to cancel", QTableView)
        rows = [table.model().row(r) for r in range(table.model().rowCount())]
        row = next(r for r, line in enumerate(rows) if line.session_id == session.id)
        index = table.model().index(row, 0)
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(index).center())  # fmt: skip
        QTest.keyClick(table.viewport(), Qt.Key.Key_Space)
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        press(w, GO)

    def go(w: Any) -> None:
        press(w, "Cancel sessions")

    def ok(w: Any) -> None:
        assert isinstance(w, QMessageBox)
        press(w, "OK")

    with dialogs(bulk, save_as(out), go, ok):
        from_menu(window, "Schedule", "Bulk cancel")
    status = data.read(demo_ctx, lambda orm: orm.get(Session, session.id).status)
    assert status == SessionStatus.CANCELLED
    assert _balance(demo_ctx, client_id) == 10

    # 4. The Jobs panel: Undo job… takes the credit back.
    jobs = window.installed.jobs
    jobs.table.selectRow(0)
    job_row = jobs.model.row(jobs.table.currentIndex().row())
    assert job_row.id == jobs.last_job

    def reason(w: Any) -> None:
        line = w.findChild(QLineEdit)
        type_into(qtbot, line, "Car park open again")
        press(w, "Undo job")

    with dialogs(reason, ok):
        QTest.mouseClick(button(jobs, "Undo job"), Qt.MouseButton.LeftButton)
    status = data.read(demo_ctx, lambda orm: orm.get(Session, session.id).status)
    assert status == SessionStatus.ROSTERED
    assert _balance(demo_ctx, client_id) == 9

    # 5. Accounts ▸ Client account…: each step, with the running credits.
    rows = _account_rows(qtbot, window, name, tmp_path)
    assert rows[:4] == [
        ("Purchase", "+10", "10"),
        ("Credit used", "-1", "9"),
        ("Refund", "+1", "10"),
        ("Refund reversed", "-1", "9"),
    ]
    assert "credits left: 9" in rows[-1][1] and "paid to date: $150.00" in rows[-1][1]
    lines = list(csv.reader((tmp_path / "account.csv").open(encoding="utf-8-sig")))
    assert [(r[2], r[4], r[5]) for r in lines[1:5]] == [
        ("Purchase", "10", "10"), ("Credit used", "-1", "9"), ("Refund", "1", "10"),
        ("Refund reversed", "-1", "9")]  # fmt: skip
    assert (tmp_path / "account.pdf").read_bytes().startswith(b"%PDF")


def test_a_class_paid_with_a_credit_the_client_does_not_have_is_refused_on_the_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    client_id, name = _newcomer(demo_ctx)
    before = data.ids(demo_ctx, Session)

    def new_class(w: Any) -> None:
        choose(field(w, "Kind", QComboBox), "Class")
        type_date(qtbot, field(w, "Start"), CLASS_DAY)
        clients = w.clients
        type_into(qtbot, clients.filter, name)
        first = next(clients.list.item(i) for i in range(clients.list.count())
                     if not clients.list.item(i).isHidden())  # fmt: skip
        clients.list.setCurrentItem(first)
        QTest.keyClick(clients.list, Qt.Key.Key_Space)
        assert f"{name} (0 credit(s) left)" in [lbl.text() for lbl in w.paid.findChildren(QLabel)]
        choose(field(w, f"Paid with: {name}", QComboBox), "A class credit")
        press(w, "Save")
        assert w.isVisible()
        assert f"{name} has 0 class credit(s) valid on 02 Apr 2026" in w.error.text()
        press(w, "Cancel")

    with dialogs(new_class, unsaved_question("Discard")):
        from_menu(window, "Practice", "New session")
    assert data.new_rows(demo_ctx, Session, before) == []
    assert _balance(demo_ctx, client_id) == 0


def test_a_class_after_the_clients_pack_expires_is_refused_saying_the_credits_expire_first(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    client_id, name = _newcomer(demo_ctx)
    before = data.ids(demo_ctx, Session)

    def sell(w: Any) -> None:  # 3 credits that lapse tonight (the demo's today is 1 April)
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Credits", QSpinBox), "3")
        type_into(qtbot, field(w, "Price", QLineEdit), "45")
        tick(field(w, "Credits expire"))
        type_date(qtbot, field(w, "Expiry date"), "1/4/2026")
        press(w, "Sell")

    def new_class(w: Any) -> None:  # tomorrow, paid with a credit
        choose(field(w, "Kind", QComboBox), "Class")
        type_date(qtbot, field(w, "Start"), CLASS_DAY)
        clients = w.clients
        type_into(qtbot, clients.filter, name)
        first = next(clients.list.item(i) for i in range(clients.list.count())
                     if not clients.list.item(i).isHidden())  # fmt: skip
        clients.list.setCurrentItem(first)
        QTest.keyClick(clients.list, Qt.Key.Key_Space)
        choose(field(w, f"Paid with: {name}", QComboBox), "A class credit")
        press(w, "Save")
        assert w.isVisible()
        said = w.error.text()
        assert f"{name} has 0 class credit(s) valid on 02 Apr 2026" in said
        assert "3 credit(s) held today expire before that day." in said
        press(w, "Cancel")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    assert _balance(demo_ctx, client_id) == 3
    with dialogs(new_class, unsaved_question("Discard")):
        from_menu(window, "Practice", "New session")
    assert data.new_rows(demo_ctx, Session, before) == []
    assert _balance(demo_ctx, client_id) == 3


def test_a_payment_changed_after_a_warning_is_checked_again_before_it_is_saved(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    client_id, name = _newcomer(demo_ctx)
    before = data.ids(demo_ctx, Session)

    def new_class(w: Any) -> None:
        choose(field(w, "Kind", QComboBox), "Class")
        type_date(qtbot, field(w, "Start"), "2/3/2026 06:30")  # a month ago: a warning
        clients = w.clients
        type_into(qtbot, clients.filter, name)
        first = next(clients.list.item(i) for i in range(clients.list.count())
                     if not clients.list.item(i).isHidden())  # fmt: skip
        clients.list.setCurrentItem(first)
        QTest.keyClick(clients.list, Qt.Key.Key_Space)
        press(w, "Save")
        assert w.isVisible() and "past" in w.warnings.text()
        button(w, "Save anyway")  # the warning is on the form, to be confirmed
        choose(field(w, f"Paid with: {name}", QComboBox), "A class credit")
        assert w.warnings.isHidden(), "the warning was about the form before the change"
        press(w, "Save")  # checked again: the credit the client does not have is refused
        assert w.isVisible()
        assert f"{name} has 0 class credit(s) valid on" in w.error.text()
        press(w, "Cancel")

    with dialogs(new_class, unsaved_question("Discard")):
        from_menu(window, "Practice", "New session")
    assert data.new_rows(demo_ctx, Session, before) == []
    assert _balance(demo_ctx, client_id) == 0


def test_the_client_form_names_the_funder_opens_the_account_and_reads_nothing_on_the_gui_thread(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    gui_db_calls: GuiThreadCalls,  # noqa: F811
) -> None:
    with OrmSession(demo_ctx.db.engine) as s:
        s.add_all([Funder(name="Medicare", pays_fees=False), Funder(name="Old fund", active=False)])
        s.commit()
        medicare = s.scalar(select(Funder.id).where(Funder.name == "Medicare"))
    client_id, name = _newcomer(demo_ctx)
    with OrmSession(demo_ctx.db.engine) as s:  # a private client: an NDIS participant's plan pays
        newcomer = s.get(Client, client_id)
        newcomer.funding, newcomer.ndis_number = Funding.PRIVATE, None
        s.commit()
    window = open_window(demo_ctx, "reception")
    gui_db_calls.armed = True

    def sell(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Price", QLineEdit), "45")
        tick(field(w, "Credits expire"))
        type_date(qtbot, field(w, "Expiry date"), "30/6/2026")
        press(w, "Sell")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    assert screen.select_id(client_id)

    def edit(w: Any) -> None:
        payer = field(w, "Paid by", QComboBox)
        assert [payer.itemText(i) for i in range(payer.count())] == ["Client pays", "Medicare"]
        choose(payer, "Medicare")
        press(w, "Account")  # the account opens over the form
        press(w, "Save")

    def account(w: Any) -> None:
        assert isinstance(w, AccountDialog) and name in w.summary.text()
        packs = field(w, "Class packs", QTableView).model()
        assert [packs.index(0, c).data() for c in (2, 3, 4, 6)] == [
            "10", "10", "30 Jun 2026", "Open"]  # fmt: skip
        press(w, "Close")

    with dialogs(edit, account):
        press(screen, "Edit")
    with OrmSession(demo_ctx.db.engine) as s:
        assert s.get(Client, client_id).funder_id == medicare
        line = s.scalars(select(CreditEntry).where(CreditEntry.client_id == client_id)).one()
        assert (line.credits, line.amount_cents, line.expires_on) == (10, 4500, date(2026, 6, 30))
    assert gui_db_calls.calls == []


def test_two_clients_of_one_name_are_told_apart_and_the_pack_goes_to_the_one_picked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    with OrmSession(demo_ctx.db.engine) as s:
        twins = [Client(first_name="Sam", last_name="Leeson") for _ in range(2)]
        s.add_all(twins)
        s.commit()
        first, second = (c.id for c in twins)
    window = open_window(demo_ctx, "reception")
    seen: list[str] = []

    def sell(w: Any) -> None:
        client = field(w, "Client", QComboBox)
        seen.extend(
            client.itemText(i) for i in range(client.count()) if "Leeson" in client.itemText(i)
        )
        choose(client, f"Sam Leeson (#{second})")
        type_into(qtbot, field(w, "Price", QLineEdit), "150")
        press(w, "Sell")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    assert seen == [f"Sam Leeson (#{first})", f"Sam Leeson (#{second})"]
    buyers = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(CreditEntry.client_id).where(CreditEntry.client_id.in_([first, second])))))  # fmt: skip
    assert buyers == [second]


def _class_paid_with_a_credit(ctx: AppContext, client_id: int, purchase: int = 0) -> int:
    """The next class, with the client booked on it paid with one of the 10 credits of a pack
    (the lines New session… writes); with `purchase`, paid instead as a single class of that
    many cents."""
    sid = data.crowded_class(ctx, clients=0)

    def book(orm: Any) -> None:
        now = ctx.db.clock()
        session = orm.get(Session, sid)
        paid = ({"paid_with": PaidWith.PURCHASE, "purchase_cents": purchase} if purchase
                else {"paid_with": PaidWith.CREDITS, "credits_used": 1})  # fmt: skip
        booking = Booking(client_id=client_id, status=BookingStatus.BOOKED, created_at=now, **paid)
        session.bookings.append(booking)
        session.capacity = len(session.bookings)
        orm.flush()
        orm.add_all([
            CreditEntry(client_id=client_id, booking_id=booking.id, kind=LedgerKind.PURCHASE,
                        credits=0, amount_cents=purchase, created_at=now, note="Single class",
                        method="card"),
        ] if purchase else [
            CreditEntry(client_id=client_id, kind=LedgerKind.PURCHASE, credits=10,
                        amount_cents=15000, created_at=now, note="10-class pack", method="cash"),
            CreditEntry(client_id=client_id, booking_id=booking.id, kind=LedgerKind.USE,
                        credits=-1, amount_cents=0, created_at=now, note="Class"),
        ])  # fmt: skip
        orm.commit()

    data.read(ctx, book)
    return sid


def test_a_class_the_worker_cancelled_then_deleted_gives_its_credit_back_once(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, _name = _newcomer(demo_ctx)
    sid = _class_paid_with_a_credit(demo_ctx, client_id)
    assert _balance(demo_ctx, client_id) == 9
    window = open_window(demo_ctx, "manager")
    with dialogs(worker_cancels, lambda w: press(w, "Leave cancelled")):
        from_context_menu(window, sid, "Cancel…")
    assert _balance(demo_ctx, client_id) == 10  # the worker cancelled: the credit came back

    def delete(w: Any) -> None:  # the class was entered in error after all
        press(w, PERMANENT)
        press(w, "Delete permanently")

    with dialogs(delete, lambda w: press(w, "Delete permanently")):
        from_context_menu(window, sid, "Delete…")
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid)) is None
    assert _balance(demo_ctx, client_id) == 10, "the credit came back twice"


def test_a_single_class_bought_then_deleted_as_entered_in_error_is_refunded_and_said(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    sid = _class_paid_with_a_credit(demo_ctx, client_id, purchase=2500)
    window = open_window(demo_ctx, "manager")
    said: list[str] = []

    def delete(w: Any) -> None:  # the class was entered in error
        press(w, PERMANENT)
        press(w, "Delete permanently")

    def confirm(w: Any) -> None:  # the question lists what goes
        said.append(w.findChild(QLabel, "confirmDetails").text())
        press(w, "Delete permanently")

    with dialogs(delete, confirm):
        from_context_menu(window, sid, "Delete…")
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid)) is None
    assert f"$25.00 {name} paid for it is recorded as refunded" in said[0], said
    money = data.read(demo_ctx, lambda orm: orm.execute(
        select(CreditEntry.kind, CreditEntry.amount_cents)
        .where(CreditEntry.client_id == client_id).order_by(CreditEntry.id)).all())  # fmt: skip
    assert [(LedgerKind(k), c) for k, c in money] == [
        (LedgerKind.PURCHASE, 2500),
        (LedgerKind.REFUND, -2500),
    ]


def test_a_pack_sold_from_the_client_forms_account_shows_on_the_form_and_in_the_list(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    assert screen.select_id(client_id)
    seen: dict[str, Any] = {}

    def edit(w: Any) -> None:
        assert w.balance.text() == "Balance: 0 credit(s)"
        press(w, "Account")  # → the account, and from it the sale
        seen["balance"] = w.balance.text()
        seen["history"] = w.history_model.rowCount()
        press(w, "Cancel")  # nothing changed on the form itself

    def account(w: Any) -> None:
        press(w, "Sell a pack")
        press(w, "Close")

    def sell(w: Any) -> None:
        type_into(qtbot, field(w, "Price", QLineEdit), "150")
        press(w, "Sell")

    with dialogs(edit, account, sell):
        press(screen, "Edit")
    assert _balance(demo_ctx, client_id) == 10
    assert seen == {"balance": "Balance: 10 credit(s)", "history": 1}, (
        "the form showed the old balance"
    )
    credits = next(c for c in range(screen.model.columnCount())
                   if screen.model.headerData(c, Qt.Orientation.Horizontal) == "Credits")  # fmt: skip
    assert screen.select_id(client_id)
    row = screen.table.selectionModel().selectedRows()[0]
    assert row.siblingAtColumn(credits).data() == "10", f"{name}'s credits in the list"
    screen.close()


def _credits_listed(screen: Any, client_id: int) -> str:
    """The client's Credits cell as the Clients screen shows it."""
    credits = next(c for c in range(screen.model.columnCount())
                   if screen.model.headerData(c, Qt.Orientation.Horizontal) == "Credits")  # fmt: skip
    assert screen.select_id(client_id), "the client is not in the list"
    row = screen.table.selectionModel().selectedRows()[0]
    return str(row.siblingAtColumn(credits).data())


def test_a_pack_sold_from_the_accounts_menu_shows_on_the_open_clients_screen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    assert _credits_listed(screen, client_id) == "0"

    def sell(credits: str) -> Any:
        def handle(w: Any) -> None:
            choose(field(w, "Client", QComboBox), name)
            type_into(qtbot, field(w, "Credits", QSpinBox), credits)
            type_into(qtbot, field(w, "Price", QLineEdit), "150")
            choose(field(w, "Paid by", QComboBox), "Cash")
            press(w, "Sell")
            assert not w.isVisible(), f"the sale was refused: {w.error.text()}"

        return handle

    # Accounts ▸ Sell a class pack…, the Clients screen left open behind it.
    with dialogs(sell("10")):
        from_menu(window, "Accounts", "Sell a class pack")
    assert _balance(demo_ctx, client_id) == 10
    assert _credits_listed(screen, client_id) == "10", f"{name}'s credits in the open list"

    # Accounts ▸ Client account… ▸ Sell a pack…: the list follows that sale too.
    def chooser(w: Any) -> None:
        type_into(qtbot, field(w, "Search", QLineEdit), name)
        press(w, "Open account")
        assert not w.isVisible(), "the account did not open"

    def account(w: Any) -> None:
        press(w, "Sell a pack")
        press(w, "Close")
        assert not w.isVisible(), "the account stayed open"

    with dialogs(chooser, account, sell("5")):
        from_menu(window, "Accounts", "Client account")
    assert _balance(demo_ctx, client_id) == 15
    assert _credits_listed(screen, client_id) == "15", f"{name}'s credits in the open list"
    screen.close()


def test_a_class_moved_past_the_packs_expiry_and_paid_with_a_credit_in_one_edit_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    sid = data.crowded_class(demo_ctx, clients=0)

    def book(orm: Any) -> None:  # on invoice, with 3 credits that lapse after 30 April
        now = demo_ctx.db.clock()
        session = orm.get(Session, sid)
        session.bookings.append(Booking(client_id=client_id, status=BookingStatus.BOOKED,
                                        created_at=now, paid_with=PaidWith.INVOICE))  # fmt: skip
        session.capacity = len(session.bookings)
        orm.add(CreditEntry(client_id=client_id, kind=LedgerKind.PURCHASE, credits=3,
                            amount_cents=4500, created_at=now, note="3-class pack",
                            method="cash", expires_on=date(2026, 4, 30)))  # fmt: skip
        orm.commit()

    data.read(demo_ctx, book)
    window = open_window(demo_ctx, "reception")

    def edit(w: Any) -> None:  # moved to May, and paid with a credit, in the same edit
        type_date(qtbot, field(w, "Start"), "7/5/2026 06:30")
        choose(field(w, f"Paid with: {name}", QComboBox), "A class credit")
        press(w, "Save")
        if w.isVisible() and not w.warnings.isHidden():  # a warning to confirm
            press(w, "Save anyway")
        assert w.isVisible(), "saved with a credit that lapses before the class"
        said = w.error.text()
        assert f"{name} has 0 class credit(s) valid on 07 May 2026" in said
        assert "3 credit(s) held today expire before that day." in said
        press(w, "Cancel")

    with dialogs(edit, unsaved_question("Discard")):
        from_context_menu(window, sid, "Edit session…")
    booking = data.read(demo_ctx, lambda orm: orm.scalars(select(Booking).where(
        Booking.session_id == sid, Booking.client_id == client_id)).one())  # fmt: skip
    assert booking.paid_with == PaidWith.INVOICE
    assert _balance(demo_ctx, client_id) == 3


def test_a_class_paid_with_a_credit_moved_past_the_packs_expiry_is_refused_saying_when_it_expires(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    sid = data.crowded_class(demo_ctx, clients=0)

    def book(orm: Any) -> Any:  # paid with a credit of a pack that lapses after 30 April
        now = demo_ctx.db.clock()
        session = orm.get(Session, sid)
        booking = Booking(client_id=client_id, status=BookingStatus.BOOKED, created_at=now,
                          paid_with=PaidWith.CREDITS, credits_used=1)  # fmt: skip
        session.bookings.append(booking)
        session.capacity = len(session.bookings)
        orm.flush()
        orm.add_all([
            CreditEntry(client_id=client_id, kind=LedgerKind.PURCHASE, credits=3, amount_cents=4500,
                        created_at=now, note="3-class pack", method="cash",
                        expires_on=date(2026, 4, 30)),
            CreditEntry(client_id=client_id, booking_id=booking.id, kind=LedgerKind.USE, credits=-1,
                        created_at=now, note="Class", expires_on=date(2026, 4, 30)),
        ])  # fmt: skip
        orm.commit()
        return session.starts_at

    starts = data.read(demo_ctx, book)
    window = open_window(demo_ctx, "reception")

    def edit(w: Any) -> None:  # moved to May: the credit's pack no longer covers it
        type_date(qtbot, field(w, "Start"), "7/5/2026 06:30")
        press(w, "Save")
        if w.isVisible() and not w.warnings.isHidden():  # a warning to confirm
            press(w, "Save anyway")
        assert w.isVisible(), "moved past the expiry of the pack that paid for it"
        said = w.error.text()
        assert (
            f"{name}'s place is paid with a class credit from a pack that expires on "
            "Thu 30 Apr 2026, so it can't pay for the class on Thu 07 May 2026." in said
        ), said
        assert "Keep the class on or before Thu 30 Apr 2026, or cancel" in said, said
        press(w, "Cancel")  # → the unsaved-changes question, answered Discard
        assert not w.isVisible(), "the form stayed open"

    def discard(box: Any) -> None:
        unsaved_question("Discard")(box)
        assert not box.isVisible(), "the question stayed open"

    with dialogs(edit, discard):
        from_context_menu(window, sid, "Edit session…")
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at) == starts
    assert _balance(demo_ctx, client_id) == 2
