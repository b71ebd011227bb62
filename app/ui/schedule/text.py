"""The words on a block, its tooltip and the text Copy details puts on the clipboard."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from app.i18n import search_key, when_text
from app.services.schedule.dto import SessionBlock
from app.services.vocabulary import BookingStatus, SessionKind
from app.ui import format as fmt
from app.ui.i18n import tr


def span(block: SessionBlock, tz: ZoneInfo) -> str:
    """Start–end in local time, e.g. 09:00–10:00."""
    return f"{fmt.hm(block.starts_at, tz)}–{fmt.hm(block.ends_at, tz)}"


def who(block: SessionBlock) -> str:
    """Client names for an individual session; the service and the fill for a group or class."""
    if block.kind == SessionKind.INDIVIDUAL or len(block.clients) <= 1:
        return block.client_names
    present = len(block.clients) - block.count(BookingStatus.CANCELLED)
    return fill(present, block.capacity)


def fill(present: int, capacity: int) -> str:
    """A group's fill, e.g. 3/4 clients."""
    return tr("schedule", "{n}/{cap} clients").format(n=present, cap=capacity)


@lru_cache(maxsize=4096)
def name_forms(names: str) -> tuple[str, str, str]:
    """A name as written, with an initial, and by surname: the shorter forms for a narrow
    block ("Isla Brown", "I. Brown", "Brown"); several names ("A, B") each shortened."""
    people = [n.split() for n in names.split(", ")]
    initial = ", ".join(
        f"{p[0][0]}. {' '.join(p[1:])}" if len(p) > 1 else " ".join(p) for p in people
    )
    surname = ", ".join(" ".join(p[1:] if len(p) > 1 else p) for p in people)
    return names, initial, surname


def shortest_name(name: str) -> str:
    """The shortest form of one client's name a week block shows (the surname)."""
    return name_forms(name)[2]


def too_wide(
    groups: Iterable[Sequence[SessionBlock]], room: float, measure: Callable[[str], float]
) -> bool:
    """Whether a block's shortest name (a surname, a group's fill) is wider than `room`.
    Measured text, not characters; each distinct name once, until one does not fit."""
    solo = SessionKind.INDIVIDUAL
    forms = name_forms
    seen: set[object] = set()
    for group in groups:
        for b in group:
            if b.kind == solo:
                for c in b.clients:
                    name = c.client_name
                    if name not in seen:
                        seen.add(name)
                        if measure(forms(name)[2]) > room:  # by surname (shortest_name)
                            return True
            elif b.capacity not in seen:
                seen.add(b.capacity)
                if measure(fill(b.capacity, b.capacity)) > room:
                    return True
    return False


def chip_options(block: SessionBlock, tz: ZoneInfo, at: str | None = None) -> tuple[str, ...]:
    """Week view, one line, longest first: the time and the name in full, with an initial, by
    surname; a group's time and fill with its service, then without (the fill always stays).
    `at`: the start time as fmt.hm writes it, when the caller has it already."""
    at = fmt.hm(block.starts_at, tz) if at is None else at
    return tuple(f"{at} {line}" for line in name_options(block))


def name_options(block: SessionBlock) -> tuple[str, ...]:
    """A compact week block's second line, longest first: the client's name in full, with an
    initial, by surname; or a group's fill with its service, then the fill alone."""
    if block.kind == SessionKind.INDIVIDUAL or len(block.clients) <= 1:
        return name_forms(block.client_names)
    crowd = who(block)
    return f"{crowd} · {block.service_name}", crowd


def day_lines(block: SessionBlock, tz: ZoneInfo) -> tuple[str, str, str]:
    """Day view, most important first: who, when, what (a group: what, when and fill, who)."""
    if block.kind == SessionKind.INDIVIDUAL:
        return block.client_names, span(block, tz), block.service_name
    return block.service_name, f"{span(block, tz)} · {who(block)}", block.client_names


def day_first_options(block: SessionBlock) -> tuple[str, ...]:
    """A day block's first line, longest first: the client's name in full, with an initial,
    by surname; a group's service."""
    if block.kind == SessionKind.INDIVIDUAL:
        return name_forms(block.client_names)
    return (block.service_name,)


def status_text(block: SessionBlock, now: datetime) -> str:
    """The session's status in words, with partly cancelled and started-unresolved."""
    text = fmt.session_status(block.status)
    if block.partly_cancelled:
        text += tr("schedule", " (partly cancelled)")
    if block.starts_at <= now and block.count(BookingStatus.BOOKED):
        text += tr("schedule", " — started, not yet completed or marked")
    return text


def tooltip_html(block: SessionBlock, tz: ZoneInfo, now: datetime) -> str:
    """The essentials: time, worker, service, location, each client with status, session status."""
    from html import escape  # tooltips only: not needed to paint

    rows = [
        (
            tr("schedule", "When"),
            f"{when_text(block.starts_at.astimezone(tz), '%a %d %b')} {span(block, tz)}",
        ),
        (tr("schedule", "Worker"), block.worker_name),
        (tr("schedule", "Service"), f"{block.service_name} ({block.service_code})"),
        (tr("schedule", "Location"), block.location or "—"),
        (tr("schedule", "Status"), status_text(block, now)),
    ]
    table = "".join(
        f"<tr><td><b>{escape(k)}</b>&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in rows
    )
    clients = "".join(_client_li(c.client_name, c.status) for c in block.clients)
    title = tr("schedule", "Session #{id}").format(id=block.id)
    return f"<b>{escape(title)}</b><table>{table}</table><ul style='margin:0'>{clients}</ul>"


def _client_li(name: str, status: BookingStatus) -> str:
    from html import escape

    text = f"{escape(name)} — {escape(fmt.booking_status(status))}"
    return f"<li><s>{text}</s></li>" if status == BookingStatus.CANCELLED else f"<li>{text}</li>"


def copy_text(block: SessionBlock, tz: ZoneInfo, now: datetime) -> str:
    """Plain text a receptionist can paste into an email or a note."""
    start = block.starts_at.astimezone(tz)
    head = [
        tr("schedule", "Session #{id}").format(id=block.id),
        f"{when_text(start, '%A %d %B %Y')} {span(block, tz)}",
        f"{block.service_name} ({block.service_code})",
        tr("schedule", "Worker: {name}").format(name=block.worker_name),
        tr("schedule", "Location: {name}").format(name=block.location or "—"),
        tr("schedule", "Status: {status}").format(status=status_text(block, now)),
        tr("schedule", "Clients:"),
    ]
    clients = [f"  {c.client_name} ({fmt.booking_status(c.status)})" for c in block.clients]
    return "\n".join(head + clients)


def matches(block: SessionBlock, needle: str) -> bool:
    """Search: client, worker, service name or code, location, or the session number."""
    if not needle:
        return True
    n = search_key(needle).lstrip("#")
    if n.isdigit() and str(block.id) == n:
        return True
    if needle.startswith("#") and n.isdigit():
        return False  # a session number asked for: not the codes that contain its digits
    hay = [block.worker_name, block.service_name, block.service_code, block.location]
    hay += [c.client_name for c in block.clients]
    return any(n in search_key(h) for h in hay)
