"""The outbox in the window: alerts view, status badge, background sender, settings dialog."""

from app.ui.outbox.badge import StatusBadge
from app.ui.outbox.panel import OutboxPanel, install_outbox
from app.ui.outbox.pump import OutboxPump, PumpReport
from app.ui.outbox.settings_dialog import SettingsDialog
from app.ui.outbox.view import OutboxView
from app.ui.outbox.waiting import EmailWaiting

__all__ = [
    "EmailWaiting",
    "OutboxPanel",
    "OutboxPump",
    "OutboxView",
    "PumpReport",
    "SettingsDialog",
    "StatusBadge",
    "install_outbox",
]
