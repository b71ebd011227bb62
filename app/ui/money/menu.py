"""The Accounts menu: a client's account, selling a class pack, a period's invoices, who owes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow

from app.services.auth import Permission
from app.services.dto import ChangeSet
from app.ui.i18n import tr
from app.ui.money.account import open_account
from app.ui.money.pack_dialog import open_pack_dialog
from app.ui.ops import Ops
from app.ui.role_gates import RoleGates

if TYPE_CHECKING:
    from app.services.schedule.changes_since import ChangeFeed

D = TypeVar("D", bound=QDialog)


class _Follows(Protocol):
    """A dialog that takes in changes while it is open."""

    def on_changes(self, changes: ChangeSet) -> None: ...

    def on_changed_elsewhere(self, news: ChangeFeed) -> None: ...


F = TypeVar("F", bound=_Follows)


def install_money(window: QMainWindow, ops: Ops, gates: RoleGates) -> None:
    """Add the Accounts menu to the window: Client account…, Sell a class pack…, Invoices for a
    period…, Record a plan manager's remittance…, Amounts owed…."""
    menu = window.menuBar().addMenu(tr("money", "&Accounts"))
    menu.setObjectName("accountsMenu")
    menu.setToolTipsVisible(True)
    account = QAction(tr("money", "Client &account…"), window)
    account.setObjectName("clientAccountAction")
    account.triggered.connect(lambda _checked=False: open_account(window, ops, None))
    sell = QAction(tr("money", "&Sell a class pack…"), window)
    sell.setObjectName("sellPackAction")
    sell.triggered.connect(
        lambda _checked=False: open_pack_dialog(window, ops, None, _status(window))
    )
    invoices = QAction(tr("money", "&Invoices for a period…"), window)
    invoices.setObjectName("invoicesAction")
    invoices.triggered.connect(lambda _checked=False: _open_invoices(window, ops))
    remittance = QAction(tr("money", "&Record a plan manager's remittance…"), window)
    remittance.setObjectName("remittanceAction")
    remittance.triggered.connect(lambda _checked=False: _open_remittance(window, ops))
    owed = QAction(tr("money", "Amounts &owed…"), window)
    owed.setObjectName("owedAction")
    owed.triggered.connect(lambda _checked=False: _open_owed(window, ops))
    menu.addActions([account, sell])
    menu.addSeparator()
    menu.addActions([invoices, remittance, owed])
    help_text = tr("money", "Packs, credits, refunds and payments of one client")
    gates.permission(account, Permission.SELL_PACKS, help_text)
    gates.permission(
        sell, Permission.SELL_PACKS, tr("money", "Sell a client a pack of class credits")
    )
    gates.permission(
        invoices,
        Permission.TAKE_PAYMENT,
        tr("money", "Every plan-managed participant's invoice for last month (or other days and "
                    "clients), one PDF each"),
    )  # fmt: skip
    gates.permission(
        remittance,
        Permission.TAKE_PAYMENT,
        tr("money", "One transfer from a plan manager paying several participants' invoices, "
                    "recorded against each"),
    )  # fmt: skip
    gates.permission(
        owed,
        Permission.TAKE_PAYMENT,
        tr("money", "Who still owes for sessions of a period, by how long ago, as a CSV"),
    )


def _open_owed(window: QMainWindow, ops: Ops) -> None:
    from app.ui.money.owed_dialog import OwedDialog  # with its first use

    _raised(window, OwedDialog, lambda: _following(window, OwedDialog(ops, window)))


def _open_remittance(window: QMainWindow, ops: Ops) -> None:
    from app.ui.money.remittance_dialog import RemittanceDialog  # with its first use

    _raised(window, RemittanceDialog, lambda: _following(window, RemittanceDialog(ops, window)))


def _following(window: QMainWindow, dialog: F) -> F:
    """`dialog`, told of every change the window learns of, made here or at another desk (the
    amounts owed, and what is due on a remittance's invoices, follow them while open)."""
    from app.ui.start.window_base import WindowBase

    if isinstance(window, WindowBase):
        window.changes_applied.connect(dialog.on_changes)
        window.loader.changed_elsewhere.connect(dialog.on_changed_elsewhere)
    return dialog


def _open_invoices(window: QMainWindow, ops: Ops) -> None:
    from app.ui.money.invoices_dialog import InvoicesDialog  # with its first use

    _raised(window, InvoicesDialog, lambda: InvoicesDialog(ops, window))


def _raised(window: QMainWindow, kind: type[D], make: Callable[[], D]) -> D:
    """The window's dialog of this kind, the one already open raised, or a new one: one of each
    at a time, and the desk keeps working while it runs."""
    dialog = window.findChild(kind)
    if dialog is None:
        dialog = make()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _status(window: QMainWindow) -> Callable[[str], None]:
    """Say a sale in the window's status bar."""
    return lambda message: window.statusBar().showMessage(message, 8000)
