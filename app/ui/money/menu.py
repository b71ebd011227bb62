"""The Accounts menu: a client's account and selling a class pack."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.start.role_gates import RoleGates


def install_money(window: QMainWindow, ops: Ops, gates: RoleGates) -> None:
    """Add the Accounts menu to the window."""
    menu = window.menuBar().addMenu(tr("money", "&Accounts"))
    menu.setObjectName("accountsMenu")
    menu.setToolTipsVisible(True)
    del ops, gates  # the entries are added with the account and pack screens
