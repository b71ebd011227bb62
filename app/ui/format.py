"""Display helpers shared by views: local times, money, statuses (translatable words)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from app.models.enums import BookingStatus, SessionStatus
from app.ui.i18n import tr

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
    from app.models.money import format_money  # decimal and fractions: not needed to paint

    return format_money(cents)
