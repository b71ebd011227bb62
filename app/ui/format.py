"""Display helpers shared by views: local times, money, statuses (translatable words)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.i18n import day_time
from app.services.vocabulary import BookingStatus, SessionStatus
from app.ui.i18n import QT_TRANSLATE_NOOP, tr

if TYPE_CHECKING:
    from app.services.dto import SessionBlock

SESSION_STATUS_TEXT = {
    SessionStatus.ROSTERED: QT_TRANSLATE_NOOP("status", "Rostered"),
    SessionStatus.COMPLETED: QT_TRANSLATE_NOOP("status", "Completed"),
    SessionStatus.CANCELLED: QT_TRANSLATE_NOOP("status", "Cancelled"),
}
BOOKING_STATUS_TEXT = {
    BookingStatus.BOOKED: QT_TRANSLATE_NOOP("status", "Booked"),
    BookingStatus.ATTENDED: QT_TRANSLATE_NOOP("status", "Attended"),
    BookingStatus.CANCELLED: QT_TRANSLATE_NOOP("status", "Cancelled"),
    BookingStatus.DNA: QT_TRANSLATE_NOOP("status", "Did not attend"),
}


def session_status(status: SessionStatus) -> str:
    return tr("status", SESSION_STATUS_TEXT[status])


def booking_status(status: BookingStatus) -> str:
    return tr("status", BOOKING_STATUS_TEXT[status])


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def hm(moment: datetime, tz: ZoneInfo) -> str:
    """ "09:30": every block of the week shows one (an f-string is several times strftime's speed)."""
    local = moment.astimezone(tz)
    return f"{local.hour:02d}:{local.minute:02d}"


def money(cents: int) -> str:
    from app.services.vocabulary import format_money  # decimal and fractions: not needed to paint

    return format_money(cents)


def session_label(block: SessionBlock, tz: ZoneInfo, *, with_clients: bool = True) -> str:
    """'Physio with Ana Ruiz, Wed 01 Apr 2026 10:00 — clients': a session named in a dialog."""
    label = tr("session", "{service} with {worker}, {when}").format(
        service=block.service_name, worker=block.worker_name, when=day_time(block.starts_at, tz)
    )
    return f"{label} — {block.client_names}" if with_clients else label
