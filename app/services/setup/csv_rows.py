"""CSV import, one row at a time: each kind's columns, and a row turned into a checked draft.

A row is checked whole: every bad cell is listed, not only the first (`check_every` runs a
service check again with each refused field set to a harmless value until it passes)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import Funding, NdisManagement
from app.services.boundary import checked_date
from app.services.setup.clients import ClientDraft, check_client
from app.services.setup.workers import WEEKDAYS, HoursWindow, WorkerDraft, check_worker


class ImportKind(StrEnum):
    """What a CSV file holds."""

    CLIENTS = "clients"
    WORKERS = "workers"
    SESSIONS = "sessions"


@dataclass(frozen=True)
class ColumnSpec:
    """One column a kind of file may have; `example` is what the README and dialog show."""

    name: str
    required: bool
    example: str
    help: str


def _c(name: str, required: bool, example: str, help_text: str) -> ColumnSpec:
    return ColumnSpec(name, required, example, help_text)


COLUMNS: dict[ImportKind, tuple[ColumnSpec, ...]] = {
    ImportKind.CLIENTS: (
        _c("first_name", True, "Olivia", "given name"),
        _c("last_name", True, "Smith", "family name"),
        _c("email", False, "olivia@example.com", "for notifications"),
        _c("phone", False, "0412 345 678", ""),
        _c("consent", False, "yes", "may be sent notifications: yes/no (default yes)"),
        _c("funding", False, "ndis", "ndis, private or insurance (default private)"),
        _c("ndis_number", False, "430123456", "needed when funding is ndis"),
        _c(
            "ndis_plan",
            False,
            "plan",
            "who manages an NDIS plan: agency, plan or self (default agency)",
        ),
        _c("plan_manager", False, "Harbour Plan Partners", "a plan-managed plan's manager"),
        _c(
            "plan_manager_email",
            False,
            "invoices@harbourplan.example",
            "where the plan manager takes invoices",
        ),  # fmt: skip
        _c("notes", False, "Prefers mornings", ""),
    ),
    ImportKind.WORKERS: (
        _c("name", True, "Dr Maya Chen", "unique"),
        _c("email", False, "maya@example.com", ""),
        _c("phone", False, "02 9876 5432", ""),
        _c("skills", False, "physio", ""),
        _c("colour", False, "#4a90d9", "#rrggbb"),
        _c("hours", False, "Mon-Fri 08:00-17:00; Sat 09:00-12:00", "working hours"),
    ),
    ImportKind.SESSIONS: (
        _c("date", True, "2026-04-13", "YYYY-MM-DD, or DD/MM/YYYY (day first)"),
        _c("start", True, "09:00", "24-hour local time"),
        _c("minutes", False, "60", "default: the service's length"),
        _c("worker", True, "Dr Maya Chen", "a worker's name"),
        _c("service", True, "15_055_0128_1_3", "a service's code"),
        _c("location", False, "Main clinic", "a location's name"),
        _c("clients", False, "Olivia Smith; 430123457", "names or NDIS numbers, ; between"),
        _c("kind", False, "individual", "individual, group or class"),
        _c("capacity", False, "1", "places (default: 1, or the number of clients)"),
    ),
}
D = TypeVar("D")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


class RowReader:
    """The cells of one row by column, collecting a (column, message) per bad cell."""

    def __init__(self, cells: dict[str, str], number: int = 0) -> None:
        self.cells = cells
        self.number = number  # the spreadsheet row
        self.errors: list[tuple[str, str]] = []

    def text(self, column: str) -> str:
        """The trimmed cell of a column (empty when the column is absent)."""
        return (self.cells.get(column) or "").strip()

    def fail(self, column: str, message: str) -> None:
        """Record a problem on a column (the same one twice is listed once)."""
        if (column, message) not in self.errors:
            self.errors.append((column, message))

    def flag(self, column: str, default: bool) -> bool:
        """A yes/no cell, or the default when empty."""
        value = self.text(column).lower()
        if not value:
            return default
        if value not in YES | NO:
            self.fail(
                column,
                translate("setup", "“{text}” is not yes or no; write yes or no.").format(
                    text=self.text(column)
                ),
            )
        return value in YES

    def choice(self, column: str, enum: type[StrEnum], default: StrEnum) -> StrEnum:
        """A cell naming one member of an enum, or the default when empty."""
        value = self.text(column).lower()
        try:
            return enum(value) if value else default
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.fail(
                column,
                translate("setup", "“{text}” is not one of {allowed}; write one of them.").format(
                    text=self.text(column), allowed=allowed
                ),
            )
            return default

    def integer(self, column: str, default: int) -> int:
        """A whole-number cell, or the default when empty."""
        value = self.text(column)
        if not value:
            return default
        if not value.isascii() or not value.isdigit():
            self.fail(
                column,
                translate(
                    "setup", "“{text}” is not a whole number; write digits only, like 60."
                ).format(text=value),
            )
            return default
        return int(value)


def checked(reader: RowReader, check: Callable[[], object], fields: dict[str, str]) -> object:
    """Run a service check; its refusal becomes an error on the column of its field."""
    try:
        return check()
    except ValidationError as exc:
        reader.fail(fields.get(exc.field or "", exc.field or ""), exc.message)
        return None


def check_every(
    reader: RowReader,
    check: Callable[[D], D],
    draft: D,
    harmless: Mapping[str, Callable[[D], D]],
    fields: Mapping[str, str] | None = None,
) -> D | None:
    """Every refusal of a service check, not only its first: each refused field is set to a
    harmless value (`harmless[field]`) and the check runs again. The checked draft, or None
    when the row has any problem (the reader holds them, by column)."""
    tried: set[str] = set()
    for _ in range(len(harmless) + 1):
        try:
            result = check(draft)
        except ValidationError as exc:
            name = exc.field or ""
            reader.fail((fields or {}).get(name, name), exc.message)
            if name in tried or name not in harmless:
                return None
            tried.add(name)
            draft = harmless[name](draft)
            continue
        return None if reader.errors else result
    return None


CLIENT_HARMLESS: dict[str, Callable[[ClientDraft], ClientDraft]] = {
    "first_name": lambda d: replace(d, first_name="-"),
    "last_name": lambda d: replace(d, last_name="-"),
    "email": lambda d: replace(d, email=None),
    "phone": lambda d: replace(d, phone=None),
    "notes": lambda d: replace(d, notes=""),
    "ndis_number": lambda d: replace(d, ndis_number=None, funding=Funding.PRIVATE),
    "plan_manager": lambda d: replace(d, plan_manager=""),
    "plan_manager_email": lambda d: replace(d, plan_manager_email=""),
}
WORKER_HARMLESS: dict[str, Callable[[WorkerDraft], WorkerDraft]] = {
    "name": lambda d: replace(d, name="-"),
    "email": lambda d: replace(d, email=None),
    "phone": lambda d: replace(d, phone=None),
    "skills": lambda d: replace(d, skills=""),
    "colour": lambda d: replace(d, colour="#4a90d9"),
    "hours": lambda d: replace(d, hours=()),
}


def client_draft(reader: RowReader) -> ClientDraft | None:
    """A client row as a checked draft, or None with every problem of the row in the reader."""
    r = reader
    funding = r.choice("funding", Funding, Funding.PRIVATE)
    managed = r.choice("ndis_plan", NdisManagement, NdisManagement.AGENCY)
    draft = ClientDraft(
        r.text("first_name"), r.text("last_name"), r.text("email") or None,
        r.text("phone") or None, r.flag("consent", True), Funding(funding),
        r.text("ndis_number") or None, r.text("notes"), ndis_management=NdisManagement(managed),
        plan_manager=r.text("plan_manager"), plan_manager_email=r.text("plan_manager_email"),
    )  # fmt: skip
    return check_every(r, check_client, draft, CLIENT_HARMLESS, {"notify_consent": "consent"})


def raw_client(reader: RowReader) -> ClientDraft:
    """A client row as written, unchecked (to find the same client twice in a file)."""
    r = reader
    return ClientDraft(r.text("first_name"), r.text("last_name"), r.text("email") or None,
                       ndis_number=r.text("ndis_number") or None)  # fmt: skip


_HOURS_RE = re.compile(
    r"^(?P<d1>[A-Za-z]{3})(?:\s*[-–]\s*(?P<d2>[A-Za-z]{3}))?\s+"
    r"(?P<h1>\d{1,2}):(?P<m1>\d{2})\s*[-–]\s*(?P<h2>\d{1,2}):(?P<m2>\d{2})$"
)


def _weekday(name: str | None) -> int:
    days = [d.lower() for d in WEEKDAYS]
    return days.index(name.lower()) if name and name.lower() in days else -1


def parse_hours(text: str) -> tuple[HoursWindow, ...]:
    """ "Mon-Fri 08:00-17:00; Sat 09:00-12:00" as windows; a sentence when it can't be read."""
    out: list[HoursWindow] = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        m = _HOURS_RE.match(part)
        first = _weekday(m["d1"]) if m else -1
        last = _weekday(m["d2"] or m["d1"]) if m else -1
        if m is None or first < 0 or last < first:
            raise ValidationError(
                translate(
                    "setup", "“{part}” is not working hours; write them like Mon-Fri 08:00-17:00."
                ).format(part=part),
                field="hours",
            )
        start = _minute_of(m["h1"], m["m1"], end=False)
        end = _minute_of(m["h2"], m["m2"], end=True)
        out += [HoursWindow(day, start, end) for day in range(first, last + 1)]
    return tuple(out)


def _minute_of(hour: str, minute: str, *, end: bool) -> int:
    """Minutes of the day of "17:30"; 24:00 only as an end (midnight at the end of the day)."""
    value = int(hour) * 60 + int(minute)
    if int(minute) > 59 or value > 24 * 60 or (value == 24 * 60 and not end):
        raise ValidationError(
            translate(
                "setup",
                "“{text}” is not a time of day; write times from 00:00 to 23:59 "
                "(24:00 for the end of the day).",
            ).format(text=f"{hour}:{minute}"),
            field="hours",
        )
    return value


def worker_draft(reader: RowReader) -> WorkerDraft | None:
    """A worker row as a checked draft, or None with every problem of the row in the reader."""
    r = reader
    hours: list[HoursWindow] = []
    for part in filter(None, (p.strip() for p in r.text("hours").split(";"))):
        try:
            hours += parse_hours(part)
        except ValidationError as exc:  # each unreadable part of the cell is listed
            r.fail("hours", exc.message)
    draft = WorkerDraft(r.text("name"), r.text("email") or None, r.text("phone") or None,
                        r.text("skills"), r.text("colour") or "#4a90d9", True, tuple(hours))  # fmt: skip
    return check_every(r, check_worker, draft, WORKER_HARMLESS)


def parse_date(text: str) -> date:
    """2026-04-13, or 13/04/2026 read day first."""
    try:
        if "/" in text:
            day, month, year = (int(p) for p in text.split("/"))
            return checked_date(date(year, month, day), "date", QT_TRANSLATE_NOOP("fields", "date"))
        return checked_date(date.fromisoformat(text), "date", QT_TRANSLATE_NOOP("fields", "date"))
    except ValueError as exc:
        raise ValidationError(translate("setup", "“{text}” is not a date; write it like 2026-04-13.").format(text=text),
                              field="date") from exc  # fmt: skip


def parse_time(text: str) -> time:
    """09:00 (24-hour)."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if m is None or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValidationError(translate("setup", "“{text}” is not a time; write it like 09:00 or 14:30.").format(text=text),
                              field="start")  # fmt: skip
    return time(int(m[1]), int(m[2]))


@dataclass
class Lookups:
    """Names and codes a sessions file refers to, read once per file."""

    tz: ZoneInfo
    now: datetime
    workers: dict[str, int]
    services: dict[str, tuple[int, int]]
    locations: dict[str, int]
    clients: dict[str, list[int]]
    ndis_numbers: dict[str, list[int]] = field(default_factory=dict)

    def client_ids(self, cell: str) -> tuple[int, ...]:
        """Each "; "-separated name or NDIS number as one client id."""
        ids: list[int] = []
        for item in filter(None, (p.strip() for p in cell.split(";"))):
            key = re.sub(r"\s", "", item)
            found = self.ndis_numbers.get(key) or self.clients.get(
                " ".join(item.lower().split()), [])  # fmt: skip
            if not found:
                raise ValidationError(translate("setup", "There is no client “{item}”; import clients first.").format(item=item),
                                      field="clients")  # fmt: skip
            if (
                len(found) > 1 and key in self.ndis_numbers
            ):  # records kept before numbers were one client's
                raise ValidationError(translate("setup", "Several clients have the NDIS number “{item}”; in Practice ▸ Clients correct it on the records that are not that participant's, then import again.").format(item=item), field="clients")  # fmt: skip
            if len(found) > 1:
                raise ValidationError(translate("setup", "Several clients are called “{item}”; use their NDIS number instead.").format(item=item), field="clients")  # fmt: skip
            ids.append(found[0])
        return tuple(ids)
