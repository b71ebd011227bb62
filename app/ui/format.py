"""Display helpers shared by views: local times, money, statuses (translatable words)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.services.vocabulary import BookingStatus, SessionStatus
from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.services.dto import SessionBlock

SESSION_STATUS_TEXT = {
    SessionStatus.ROSTERED: "Rostered",
    SessionStatus.COMPLETED: "Completed",
    SessionStatus.CANCELLED: "Cancelled",
}
BOOKING_STATUS_TEXT = {
    BookingStatus.BOOKED: "Booked",
    BookingStatus.ATTENDED: "Attended",
    BookingStatus.CANCELLED: "Cancelled",
    BookingStatus.DNA: "Did not attend",
}


def session_status(status: SessionStatus) -> str:
    return tr("status", SESSION_STATUS_TEXT[status])


def booking_status(status: BookingStatus) -> str:
    return tr("status", BOOKING_STATUS_TEXT[status])


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def hm(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def day_time(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%a %d %b %Y %H:%M")


def money(cents: int) -> str:
    from app.services.vocabulary import format_money  # decimal and fractions: not needed to paint

    return format_money(cents)


def session_label(block: SessionBlock, tz: ZoneInfo, *, with_clients: bool = True) -> str:
    """'Physio with Ana Ruiz, Wed 01 Apr 2026 10:00 — clients': a session named in a dialog."""
    local = block.starts_at.astimezone(tz)
    label = f"{block.service_name} with {block.worker_name}, {local:%a %d %b %Y %H:%M}"
    return f"{label} — {block.client_names}" if with_clients else label
