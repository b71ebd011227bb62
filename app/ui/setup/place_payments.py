"""The session form's "Paid with" rows: how each ticked client's place is paid — on invoice,
with a class credit, or as a single-class purchase with its price and method — the client's
credits left shown beside the choice. A place already paid keeps its payment.

The rows only fill `BookingPayment`s (app/services/money/packs.py); the session's save checks
and records them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.services.money.packs import PAYMENT_METHODS, BookingPayment
from app.services.setup.sessions import SessionDraft
from app.services.vocabulary import PaidWith
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.setup.common import accessible

PAID_TEXT = {PaidWith.INVOICE: QT_TRANSLATE_NOOP("setup", "Invoice"), PaidWith.CREDITS: QT_TRANSLATE_NOOP("setup", "A class credit"),
             PaidWith.PURCHASE: QT_TRANSLATE_NOOP("setup", "A single-class purchase")}  # fmt: skip


METHOD_TEXT = {
    "card": QT_TRANSLATE_NOOP("setup", "Card"),
    "cash": QT_TRANSLATE_NOOP("setup", "Cash"),
    "EFTPOS": QT_TRANSLATE_NOOP("setup", "EFTPOS"),
    "bank transfer": QT_TRANSLATE_NOOP("setup", "Bank transfer"),
    "cheque": QT_TRANSLATE_NOOP("setup", "Cheque"),
    "voucher": QT_TRANSLATE_NOOP("setup", "Voucher"),
    "other": QT_TRANSLATE_NOOP("setup", "Other"),
}


class PaymentRows(QWidget):
    """For each ticked client: paid with (invoice, a class credit, a single-class purchase), and a
    purchase's price and method; a place already paid keeps its payment (shown, not changeable)."""

    changed = Signal()  # a payment choice, price or method edited

    def __init__(
        self,
        clients: Sequence[tuple[int, str]],
        credits: Mapping[int, int],
        draft: SessionDraft,
        parent: QWidget,
    ) -> None:
        """`clients`: (id, name) of those who may be ticked; `credits`: class credits left."""
        super().__init__(parent)
        self.names = dict(clients)
        self.credits = credits
        self.fixed = {p.client_id: PaidWith(p.paid_with) for p in draft.payments}
        self.rows: dict[int, tuple[QLabel, QComboBox, QLineEdit, QComboBox]] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)

    def _row(self, cid: int) -> tuple[QLabel, QComboBox, QLineEdit, QComboBox]:
        found = self.rows.get(cid)
        if found is not None:
            return found
        name = self.names.get(cid, f"#{cid}")
        n = self.credits.get(cid, 0)
        label = QLabel(tr("setup", "{name} ({n} credit(s) left)").format(name=name, n=n), self)
        paid = QComboBox(self)
        for how, text in PAID_TEXT.items():
            paid.addItem(tr("setup", text), how)
        price = QLineEdit(self)
        price.setPlaceholderText(tr("setup", "session price"))
        method = QComboBox(self)
        for m in PAYMENT_METHODS:
            method.addItem(tr("setup", METHOD_TEXT.get(m, m)), m)
        named: tuple[tuple[QWidget, str], ...] = (
            (paid, tr("setup", "Paid with: {name}")),
            (price, tr("setup", "Price: {name}")),
            (method, tr("setup", "Paid by: {name}")),
        )
        for widget, what in named:
            accessible(widget, what.format(name=name))
        if cid in self.fixed:
            paid.setCurrentIndex(paid.findData(self.fixed[cid]))
            paid.setEnabled(False)
            paid.setToolTip(tr("setup", "Already paid; cancel the booking to give it back."))
        paid.currentIndexChanged.connect(lambda _i, c=cid: self._sync(c))
        paid.currentIndexChanged.connect(self.changed)
        price.textEdited.connect(self.changed)
        method.currentIndexChanged.connect(self.changed)
        r = 2 * len(self.rows)  # the name and credits on one line, the choice under them
        self.grid.addWidget(label, r, 0, 1, 3)
        for col, cell in enumerate((paid, price, method)):
            self.grid.addWidget(cell, r + 1, col)
        price.setMinimumWidth(price.fontMetrics().horizontalAdvance(price.placeholderText()) + 24)
        method.setMinimumWidth(method.fontMetrics().horizontalAdvance("Bank transfer") + 40)
        self.rows[cid] = (label, paid, price, method)
        self._sync(cid)
        return self.rows[cid]

    def _sync(self, cid: int) -> None:
        _label, paid, price, method = self.rows[cid]
        purchase = PaidWith(paid.currentData()) == PaidWith.PURCHASE and cid not in self.fixed
        price.setEnabled(purchase)
        method.setEnabled(purchase)

    def show_clients(self, ids: Sequence[int]) -> None:
        """Rows for the ticked clients (choices kept when a client is unticked and ticked again)."""
        for cid in ids:
            self._row(cid)
        for cid, widgets in self.rows.items():
            for w in widgets:
                w.setVisible(cid in ids)

    def fields(self, ids: Sequence[int]) -> list[QWidget]:
        """The rows' fields in the order they are shown, for the form's tab order."""
        return [w for cid in ids if cid in self.rows for w in self.rows[cid][1:]]

    def payments(self, ids: Sequence[int]) -> tuple[BookingPayment, ...]:
        """The chosen payments of these clients (not the places already paid)."""
        out = []
        for cid in ids:
            if cid in self.fixed or cid not in self.rows:
                continue
            _label, paid, price, method = self.rows[cid]
            out.append(BookingPayment(cid, PaidWith(paid.currentData()), price.text(),
                                      str(method.currentData())))  # fmt: skip
        return tuple(out)
