"""A client's account in the window: credits left, packs, every line with running totals.

`open_account(parent, ops, client_id)` is the one way in (Accounts ▸ Client account…, the
client dialog's Account… button, the details panel): with no client it first asks which one,
in a list one can search. Everything is read off the GUI thread; the window opens when the read
arrives. From the account: sell a pack, export the lines as CSV, save a printable PDF. While it
is open it reads itself again when another desk changes it (the main window's poll).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.i18n import search_key, when_text
from app.services.money.account import (
    STATE_TEXT,
    AccountLine,
    ClientAccount,
    Exported,
    PackRow,
    account_clients,
    client_account,
    write_account_csv,
)
from app.services.vocabulary import format_money
from app.ui.i18n import tr
from app.ui.models.table import Column, DtoTableModel
from app.ui.money.pack_dialog import ClientChoice, open_pack_dialog
from app.ui.ops import Ops
from app.ui.reports.common import choose_save_path
from app.ui.schedule.changes import unknown
from app.ui.screen_fit import open_size
from app.ui.sessions.common import NOTE_STYLE, ErrorLine, banner
from app.ui.setup.common import accessible
from app.ui.setup.widgets import told_apart
from app.ui.single import ACCOUNT, run_single, to_front

if TYPE_CHECKING:
    from app.services.schedule.changes_since import ChangeFeed
    from app.ui.start.window_base import WindowBase

ID_ROLE = int(Qt.ItemDataRole.UserRole)
# What another desk changed that an open account shows (the audit trail's kinds of record,
# app/services/schedule/changes_since.py): credits, payments, adjustments, the practice's
# settings (its name and time zone); and the client itself, by id.
ACCOUNT_TOPICS = frozenset({"credit_ledger", "payment", "adjustment", "settings"})


def pack_columns(tz: Callable[[], ZoneInfo]) -> list[Column[PackRow]]:
    """The packs table's columns (times on the practice clock `tz` gives)."""
    return [
        Column(tr("money", "Bought"), lambda p: f"{when_text(p.bought_at.astimezone(tz()), '%d %b %Y')}",
               lambda p: p.bought_at),
        Column(tr("money", "Pack"), lambda p: p.name),
        Column(tr("money", "Credits"), lambda p: str(p.credits), lambda p: p.credits, align_right=True),
        Column(tr("money", "Left"), lambda p: str(p.left), lambda p: p.left, align_right=True),
        Column(tr("money", "Expires"),
               lambda p: f"{when_text(p.expires_on, '%d %b %Y')}" if p.expires_on else tr("money", "never")),
        Column(tr("money", "Price"), lambda p: format_money(p.price_cents), lambda p: p.price_cents,
               align_right=True),
        Column(tr("money", "State"), lambda p: tr("money", STATE_TEXT.get(p.state, p.state))),
    ]  # fmt: skip


def line_columns(tz: Callable[[], ZoneInfo]) -> list[Column[AccountLine]]:
    """The account lines' columns, with the running totals."""
    return [
        Column(tr("money", "When"), lambda a: f"{when_text(a.when.astimezone(tz()), '%d %b %Y %H:%M')}",
               lambda a: a.when),
        Column(tr("money", "What"), lambda a: a.what),
        Column(tr("money", "Credits"), lambda a: f"{a.credits:+d}" if a.credits else "",
               lambda a: a.credits, align_right=True),
        Column(tr("money", "Credits left"), lambda a: str(a.credits_after), lambda a: a.credits_after,
               align_right=True),
        Column(tr("money", "Amount"), lambda a: format_money(a.amount_cents) if a.amount_cents else "",
               lambda a: a.amount_cents, align_right=True),
        Column(tr("money", "Paid to date"), lambda a: format_money(a.paid_after),
               lambda a: a.paid_after, align_right=True),
        Column(tr("money", "Details"), lambda a: a.details, tooltip=lambda a: a.details),
    ]  # fmt: skip


def _table(model: DtoTableModel[object], name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    accessible(view, name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


class AccountDialog(QDialog):
    """One client's account; reloads after a sale made from it."""

    def __init__(self, ops: Ops, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.client_id = ops, client_id
        self.account: ClientAccount | None = None
        self.setWindowTitle(tr("money", "Client account"))
        self._build_ui()
        self._connect_signals()
        open_size(self, 980, 600)

    def _build_ui(self) -> None:
        self.summary = QLabel(tr("money", "Loading…"), self)
        self.summary.setObjectName("accountSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 12pt; font-weight: bold;")
        accessible(self.summary, tr("money", "Account summary"))
        self.tz = ZoneInfo("UTC")  # the practice's, once the account is read
        self.packs_model: DtoTableModel[PackRow] = DtoTableModel(
            pack_columns(lambda: self.tz), self
        )
        self.lines_model: DtoTableModel[AccountLine] = DtoTableModel(
            line_columns(lambda: self.tz), self
        )
        self.packs = _table(self.packs_model, tr("money", "Class packs"), self)  # type: ignore[arg-type]
        self.packs.setMaximumHeight(150)
        self.lines = _table(self.lines_model, tr("money", "Account lines"), self)  # type: ignore[arg-type]
        self.sell_button = self._button(tr("money", "&Sell a pack…"))
        self.csv_button = self._button(tr("money", "Export &CSV…"))
        self.pdf_button = self._button(tr("money", "&Print / Save PDF…"))
        self.invoice_button = self._button(tr("money", "&Invoice…"))
        self.status = banner("", NOTE_STYLE, self)
        self.status.hide()
        self.error = ErrorLine(self)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        bar = QHBoxLayout()
        for b in (self.sell_button, self.csv_button, self.pdf_button, self.invoice_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(tr("money", "Class packs"), self))
        layout.addWidget(self.packs)
        layout.addWidget(QLabel(tr("money", "Purchases, credits, refunds and payments"), self))
        layout.addWidget(self.lines, 1)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.close_box)

    def _button(self, text: str) -> QPushButton:
        b = QPushButton(text, self)
        accessible(b, text)
        b.setEnabled(False)  # until the account is read
        return b

    def _connect_signals(self) -> None:
        self.close_box.rejected.connect(self.reject)
        self.sell_button.clicked.connect(self._on_sell)
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        self.invoice_button.clicked.connect(self._on_invoice)

    def reload(self, *, keep_place: bool = False) -> None:
        """Read the account again in the background (`keep_place`: the lines stay scrolled
        where they are, for a read the person did not ask for)."""
        cid = self.client_id
        shown = partial(self.show_account, keep_place=keep_place)
        self.ops.read(lambda uow: client_account(uow, cid), shown, self._failed)

    def on_changed_elsewhere(self, news: ChangeFeed) -> None:
        """Another desk's changes: read again when they may touch this account."""
        changes = news.changes
        if self.account is None:
            return  # the first read has not arrived: it is newer than the change
        if unknown(changes) or self.client_id in changes.clients or changes.topics & ACCOUNT_TOPICS:
            self.reload(keep_place=True)

    def show_account(self, account: ClientAccount, *, keep_place: bool = False) -> None:
        """Fill the window with an account read (read again unasked: only when what it shows
        changed, so a change elsewhere that did not touch it keeps the line chosen)."""
        shown = self.account
        if (
            keep_place
            and shown is not None
            and replace(account, generated_at=shown.generated_at) == shown
        ):
            self.account = account
            return
        place = self.lines.verticalScrollBar().value()
        at_end = place >= self.lines.verticalScrollBar().maximum()
        self.account = account
        self.tz = ZoneInfo(account.time_zone)
        self.setWindowTitle(tr("money", "Account of {name}").format(name=account.name))
        summary = (
            tr("money", "{name} · paid by: {payer} · credits left: {n} · paid to date: {paid}")
            if account.balance >= 0  # owed credits are said as owed, never shown as none left
            else tr("money", "{name} · paid by: {payer} · owes {owed} class credit(s): sell a "
                             "class pack to settle · paid to date: {paid}")
        )  # fmt: skip
        self.summary.setText(summary.format(
            name=account.name, payer=tr("money", account.payer), n=account.balance,
            owed=-account.balance, paid=format_money(account.paid_cents)))  # fmt: skip
        self.packs_model.set_rows(account.packs)
        self.lines_model.set_rows(account.lines)
        self.packs.resizeColumnsToContents()
        self.lines.resizeColumnsToContents()
        if keep_place and not at_end:
            self.lines.verticalScrollBar().setValue(place)  # where the person was reading
        elif account.lines:
            self.lines.scrollToBottom()
        for b in (self.sell_button, self.csv_button, self.pdf_button, self.invoice_button):
            b.setEnabled(True)

    def _failed(self, exc: FrontDeskError) -> None:
        self.error.show_message(str(exc))

    def say(self, text: str) -> None:
        """What the last action did, under the buttons."""
        self.error.clear_message()
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _on_sell(self) -> None:
        def sold(message: str) -> None:
            self.say(message)
            self.reload()

        open_pack_dialog(self, self.ops, self.client_id, sold)

    def _on_invoice(self) -> None:
        if self.account is None:
            return
        from app.ui.money.invoice_dialog import InvoiceDialog

        dialog = InvoiceDialog(self.ops, self.client_id, self.account.name, self)
        dialog.exec()
        dialog.deleteLater()
        self.reload()  # a payment of the invoice recorded there shows here

    def _export(self, kind: str) -> None:
        if self.account is None:
            return
        safe = "".join(ch if ch.isalnum() else "-" for ch in self.account.name).strip("-")
        folder = self.ops.desk.db_export_dir()
        if kind == "csv":
            title, filters = (
                tr("money", "Export the account as CSV"),
                tr("money", "CSV files (*.csv)"),
            )
        else:
            title, filters = (
                tr("money", "Save the account as PDF"),
                tr("money", "PDF files (*.pdf)"),
            )
        path = choose_save_path(self, title, folder / f"account-{safe}.{kind}", filters)
        if path is None:
            return
        cid = self.client_id
        if kind == "csv":
            writer = write_account_csv
        else:  # reportlab loads with the first PDF, never at start
            from app.services.money.account_pdf import write_account_pdf as writer
        self.ops.read(lambda uow: writer(uow, cid, Path(path)), self._on_exported, self._failed)

    def _on_exported(self, done: Exported) -> None:
        self.say(done.message)


class ClientChooser(QDialog):
    """Which client's account: a list one searches by any part of the name."""

    def __init__(self, clients: Sequence[ClientChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("money", "Client account"))
        self.chosen: int | None = None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("money", "Type part of a name…"))
        self.search.setClearButtonEnabled(True)
        accessible(self.search, tr("money", "Search"))
        self.list = QListWidget(self)
        accessible(self.list, tr("money", "Clients"))
        names = dict(told_apart([(cid, name) for cid, name, _credits in clients]))
        for cid, _name, credits in clients:
            text = names[cid] + (
                tr("money", " — {n} credit(s)").format(n=credits) if credits else ""
            )
            item = QListWidgetItem(text, self.list)
            item.setData(ID_ROLE, cid)
        self.error = ErrorLine(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button = self.buttons.addButton(
            tr("money", "&Open account"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._on_search)
        self.list.itemDoubleClicked.connect(lambda _item: self._on_open())
        self.buttons.accepted.connect(self._on_open)
        self.buttons.rejected.connect(self.reject)
        self.resize(420, 460)

    def _on_search(self, text: str) -> None:
        needle = search_key(text.strip())
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(needle) and needle not in search_key(item.text())
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def _on_open(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            self.error.show_message(tr("money", "Choose a client in the list first."))
            return
        self.chosen = int(item.data(ID_ROLE))
        self.accept()


def _show_account(parent: QWidget, ops: Ops, client_id: int) -> None:
    if to_front(ACCOUNT):
        return
    dialog = AccountDialog(ops, client_id, parent)
    dialog.reload()
    window = _main_window(parent)
    if window is not None:  # the account follows what other desks change while it is open
        window.loader.changed_elsewhere.connect(dialog.on_changed_elsewhere)
    try:
        run_single(ACCOUNT, dialog)
    finally:
        if window is not None:
            window.loader.changed_elsewhere.disconnect(dialog.on_changed_elsewhere)


def _main_window(widget: QWidget | None) -> WindowBase | None:
    """The main window `widget` was opened from (through any dialogs between), if any."""
    from app.ui.start.window_base import WindowBase  # loaded with the window already

    while widget is not None and not isinstance(widget, WindowBase):
        widget = widget.parentWidget()
    return widget


def open_account(parent: QWidget, ops: Ops, client_id: int | None = None) -> None:
    """Open a client's account; with no client, first ask which one. While an account (or the
    question which one) is open, a second trigger brings it to the front instead."""
    if to_front(ACCOUNT):
        return
    if client_id is not None:
        _show_account(parent, ops, client_id)
        return

    def choose(clients: list[ClientChoice]) -> None:
        if to_front(ACCOUNT):  # a second trigger's read, arrived while the first is open
            return
        chooser = ClientChooser(clients, parent)
        accepted = run_single(ACCOUNT, chooser) == QDialog.DialogCode.Accepted
        if accepted and chooser.chosen is not None:
            _show_account(parent, ops, chooser.chosen)

    ops.read(account_clients, choose)
