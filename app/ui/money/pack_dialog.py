"""Sell a class pack: the client, the pack's name, credits, price, how it was paid, expiry.

The dialog fills a `PackSale`; Sell runs `sell_pack` in one background transaction and a
refusal stays on the form, on the field it is about. The clients come from a background read
made before the dialog opens (`open_pack_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.errors import ValidationError
from app.services import practice
from app.services.desk import UnitOfWork
from app.services.money.account import account_clients
from app.services.money.packs import MAX_CREDITS, MIN_CREDITS, PAYMENT_METHODS, PackSale, sell_pack
from app.ui.dates import Clock, DateTimeField, practice_clock
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.ops import Ops
from app.ui.setup.common import EditDialog, accessible
from app.ui.setup.widgets import picked_id, told_apart
from app.ui.single import PACK, run_single, to_front

ClientChoice = tuple[int, str, int]  # id, name, credits left
METHOD_TEXT = {"card": QT_TRANSLATE_NOOP("money", "Card"), "cash": QT_TRANSLATE_NOOP("money", "Cash"), "EFTPOS": QT_TRANSLATE_NOOP("money", "EFTPOS"), "bank transfer": QT_TRANSLATE_NOOP("money", "Bank transfer"),
               "cheque": QT_TRANSLATE_NOOP("money", "Cheque"), "voucher": QT_TRANSLATE_NOOP("money", "Voucher"), "other": QT_TRANSLATE_NOOP("money", "Other")}  # fmt: skip


def client_combo(clients: Sequence[ClientChoice], chosen: int | None, parent: QWidget) -> QComboBox:
    """A combo of clients one can type into to find a name (any part of it)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for cid, name in told_apart([(cid, name) for cid, name, _credits in clients]):
        combo.addItem(name, cid)
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else -1)
    return combo


class PackDialog(EditDialog[PackSale]):
    """One pack sold to one client."""

    def __init__(
        self,
        ops: Ops,
        clients: Sequence[ClientChoice],
        clock: Clock,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("money", "Sell a class pack"),
                         lambda d, reply: ops.write_reply(lambda uow: sell_pack(uow, d), reply),
                         parent)  # fmt: skip
        self.clients = list(clients)
        self.client = self.add_row(tr("money", "Client:"), client_combo(clients, client_id, self),
                                   "client")  # fmt: skip
        self.name = self.add_row(
            tr("money", "Pack:"), QLineEdit(tr("money", "10-class pack")), "name"
        )
        self.credits = self.add_row(tr("money", "Credits:"), QSpinBox(), "credits")
        self.credits.setRange(MIN_CREDITS, MAX_CREDITS)
        self.credits.setValue(10)
        self.price = self.add_row(tr("money", "Price:"), QLineEdit(), "price")
        self.price.setPlaceholderText(tr("money", "e.g. 150.00"))
        self.method = self.add_row(tr("money", "Paid by:"), QComboBox(), "method")
        for method in PAYMENT_METHODS:
            self.method.addItem(tr("money", METHOD_TEXT.get(method, method)), method)
        self.form.addRow(tr("money", "Expiry:"), self._expiry_row(clock))
        self.save_button.setText(tr("money", "&Sell"))
        accessible(self.save_button, tr("money", "Sell"))
        self.setMinimumWidth(480)
        self.finish()

    def _expiry_row(self, clock: Clock) -> QWidget:
        """A year from the practice's today, unless changed (typed "today" is its day too)."""
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.expires = QCheckBox(tr("money", "Credits expire after"), row)
        accessible(self.expires, tr("money", "Credits expire"))
        self.expiry = DateTimeField(row, mode="date", value=clock().date() + timedelta(days=365),
                                    now=clock)  # fmt: skip
        self.expiry.setAccessibleName(tr("money", "Expiry date"))
        self.expiry.setEnabled(False)
        self.expires.toggled.connect(self.expiry.setEnabled)
        self.fields["expires_on"] = self.expiry
        layout.addWidget(self.expires)
        layout.addWidget(self.expiry, 1)
        return row

    def _client_id(self) -> int:
        """The client picked, or the one whose name was typed in full; 0 when none is."""
        return picked_id(self.client) or 0

    def draft(self) -> PackSale:
        """The form as a sale (checked by the service, not here); an expiry typed that does not
        read as a date is refused, never replaced by the one the field showed before."""
        expires: date | None = None
        if self.expires.isChecked():
            if not self.expiry.commit():
                raise ValidationError(
                    tr("money", "The expiry date: {why}").format(why=self.expiry.error_text()),
                    field="expires_on",
                )
            q: QDate = self.expiry.date()
            expires = date(q.year(), q.month(), q.day())
        return PackSale(self._client_id(), self.name.text(), self.credits.value(), self.price.text(),
                        str(self.method.currentData()), expires)  # fmt: skip


def open_pack_dialog(
    parent: QWidget,
    ops: Ops,
    client_id: int | None = None,
    done: Callable[[str], None] | None = None,
) -> None:
    """Read the clients in the background, then sell a pack; `done` gets the sentence after a sale.
    While a sale is open, a second trigger brings it to the front instead of opening another."""
    if to_front(PACK):
        return

    def read(uow: UnitOfWork) -> tuple[list[ClientChoice], ZoneInfo]:
        return account_clients(uow), practice.time_zone(uow)

    def show(found: tuple[list[ClientChoice], ZoneInfo]) -> None:
        if to_front(PACK):  # a second trigger's read, arrived while the first sale is open
            return
        clients, tz = found
        dialog = PackDialog(ops, clients, practice_clock(ops.desk.now, tz), client_id, parent)
        run_single(PACK, dialog)
        if dialog.saved is not None and done is not None:
            done(dialog.saved.message)

    ops.read(read, show)
