"""Tools ▸ SMS gateway…: the entry beside Calendar feed…; the dialog loads when it is opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.ui.ops import Ops


def install_sms_gateway(window: QWidget, menu: QMenu, ops: Ops) -> QAction:
    """Add the entry to `menu` and return it (the caller gates it on the settings permission)."""
    action = QAction(tr("sms", "S&MS gateway…"), window)
    action.setObjectName("smsGatewayAction")

    def open_dialog() -> None:
        from app.ui.sms.gateway_dialog import open_sms_gateway

        open_sms_gateway(window, ops)

    action.triggered.connect(lambda _checked=False: open_dialog())
    menu.addAction(action)
    return action
