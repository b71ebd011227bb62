"""Workers: the list, working hours per weekday, skills, colour; add, change, deactivate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.errors import NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, weekday_name
from app.models import Session, Worker, WorkingHours
from app.models.base import as_dict
from app.models.enums import SessionStatus
from app.services.audit import chain as audit
from app.services.dto import ChangeSet
from app.services.setup.common import (
    Saved,
    changed_meanwhile,
    colour,
    optional_email,
    optional_phone,
    same_name,
    text,
)
from app.services.setup.policy import SetupAction, require_setup

# The English day names a CSV file may use (app/services/setup/csv_rows.py); shown days come
# from the practice's language (weekday_name).
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WORKER_FIELDS = ("name", "email", "phone", "skills", "colour", "active")


@dataclass(frozen=True)
class HoursWindow:
    """One working window on a weekday (0 = Monday), in local minutes of the day."""

    weekday: int
    start_minute: int
    end_minute: int

    def text(self) -> str:
        """E.g. "Mon 08:00–17:00"."""
        return f"{weekday_name(self.weekday)} {_hm(self.start_minute)}–{_hm(self.end_minute)}"


@dataclass(frozen=True)
class WorkerDraft:
    """What the worker dialog (or a CSV row) collects."""

    name: str
    email: str | None = None
    phone: str | None = None
    skills: str = ""
    colour: str = "#4a90d9"
    active: bool = True
    hours: tuple[HoursWindow, ...] = ()


@dataclass(frozen=True)
class WorkerRow:
    """One worker as the list shows it."""

    id: int
    draft: WorkerDraft

    @property
    def hours_text(self) -> str:
        """The worker's hours in one line."""
        return hours_text(self.draft.hours)


def _hm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def hours_text(hours: Sequence[HoursWindow]) -> str:
    """Working hours in one line, days with the same window grouped: "Mon–Fri 08:00–17:00"."""
    groups: list[tuple[list[int], int, int]] = []
    for h in sorted(hours, key=lambda w: (w.weekday, w.start_minute)):
        last = groups[-1] if groups else None
        if (
            last
            and (last[1], last[2]) == (h.start_minute, h.end_minute)
            and last[0][-1] == h.weekday - 1
        ):
            last[0].append(h.weekday)
        else:
            groups.append(([h.weekday], h.start_minute, h.end_minute))
    parts = []
    for days, start, end in groups:
        span = weekday_name(days[0]) + (f"–{weekday_name(days[-1])}" if len(days) > 1 else "")
        parts.append(f"{span} {_hm(start)}–{_hm(end)}")
    return "; ".join(parts) or "no working hours"


def check_hours(hours: Sequence[HoursWindow]) -> tuple[HoursWindow, ...]:
    """Windows sorted, each inside its day, at most two a day, none overlapping another."""
    ordered = sorted(hours, key=lambda w: (w.weekday, w.start_minute))
    for h in ordered:
        if not 0 <= h.weekday <= 6:
            raise ValidationError(
                translate("setup", "A weekday is Monday to Sunday."), field="hours"
            )
        if not 0 <= h.start_minute < h.end_minute <= 24 * 60:
            raise ValidationError(
                translate("setup", "{value}: the working hours must end after they start.").format(
                    value=weekday_name(h.weekday)
                ),
                field="hours",
            )
    for a, c in zip(ordered, ordered[2:], strict=False):
        if a.weekday == c.weekday:  # the worker's form shows two: a third would be lost there
            raise ValidationError(
                translate(
                    "setup",
                    "{value}: at most two working windows a day (the second for a split shift); "
                    "join two of them into one.",
                ).format(value=weekday_name(a.weekday, wide=True)),
                field="hours",
            )
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.weekday == b.weekday and b.start_minute < a.end_minute:
            raise ValidationError(
                translate("setup", "{value}: {text} and {text2} overlap.").format(
                    value=weekday_name(a.weekday), text=a.text(), text2=b.text()
                ),
                field="hours",
            )
    return tuple(ordered)


def check_worker(draft: WorkerDraft) -> WorkerDraft:
    """The draft trimmed, or the sentence saying what to correct."""
    return replace(
        draft,
        name=text(
            draft.name, "name", QT_TRANSLATE_NOOP("fields", "worker's name"), 120, required=True
        ),
        email=optional_email(draft.email),
        phone=optional_phone(draft.phone),
        skills=text(draft.skills, "skills", QT_TRANSLATE_NOOP("fields", "skills"), 255),
        colour=colour(draft.colour),
        hours=check_hours(draft.hours),
    )


def _draft_of(w: Worker) -> WorkerDraft:
    hours = tuple(HoursWindow(h.weekday, h.start_minute, h.end_minute) for h in w.hours)
    return WorkerDraft(w.name, w.email, w.phone, w.skills, w.colour, w.active, hours)


def list_workers(uow: UnitOfWork, *, active_only: bool = False) -> list[WorkerRow]:
    """Every worker by name, with their working hours."""
    stmt = select(Worker).options(selectinload(Worker.hours)).order_by(Worker.name, Worker.id)
    if active_only:
        stmt = stmt.where(Worker.active.is_(True))
    return [WorkerRow(w.id, _draft_of(w)) for w in uow.session.scalars(stmt)]


def _snapshot(worker: Worker) -> dict[str, Any]:
    data = as_dict(worker, WORKER_FIELDS)
    data["hours"] = hours_text(_draft_of(worker).hours)
    return data


def refuse_duplicate(uow: UnitOfWork, name: str, own_id: int | None) -> None:
    """Refuse a second worker of the same name (rows and imports find workers by name)."""
    found = same_name(uow, Worker.id, Worker.name, name, own_id)
    if found is not None:
        raise ValidationError(
            translate(
                "setup",
                "There is already a worker called “{name}”; give each worker a distinct name.",
            ).format(name=name),
            field="name",
        )


def add_worker_row(uow: UnitOfWork, d: WorkerDraft) -> Worker:
    """Insert a checked worker with their hours and audit it (dialog and CSV import)."""
    worker = Worker(**{name: getattr(d, name) for name in WORKER_FIELDS})
    worker.hours = _hours_rows(d)
    uow.session.add(worker)
    uow.session.flush()
    audit.record(uow, "worker.create", "worker", worker.id, after=_snapshot(worker))
    return worker


def _upcoming(uow: UnitOfWork, worker_id: int) -> int:
    return int(
        uow.session.scalar(
            select(func.count(Session.id)).where(
                Session.worker_id == worker_id,
                Session.starts_at > uow.now(),
                Session.status == SessionStatus.ROSTERED,
            )
        )
        or 0
    )


def save_worker(
    uow: UnitOfWork, worker_id: int | None, draft: WorkerDraft, seen: WorkerDraft | None = None
) -> Saved:
    """Add a worker (worker_id None) or change one, hours included; audited. `seen`: the worker
    as the form was opened on, refused when another desk changed them since."""
    require_setup(uow.actor, SetupAction.EDIT_STAFF)
    d = check_worker(draft)
    refuse_duplicate(uow, d.name, worker_id)
    if worker_id is None:
        worker = add_worker_row(uow, d)
        return Saved(
            worker.id,
            translate("setup", "{name} was added.").format(name=worker.name),
            _changes(),
            _hours_warning(d),
        )
    return _update_worker(uow, worker_id, d, seen)


def _in_order(d: WorkerDraft) -> WorkerDraft:
    return replace(d, hours=tuple(sorted(d.hours, key=lambda h: (h.weekday, h.start_minute))))


def _update_worker(
    uow: UnitOfWork, worker_id: int, d: WorkerDraft, seen: WorkerDraft | None
) -> Saved:
    worker = uow.session.scalar(
        select(Worker).where(Worker.id == worker_id).options(selectinload(Worker.hours))
    )
    if worker is None:
        raise NotFoundError(translate("setup", "That worker no longer exists."))
    if seen is not None and _in_order(_draft_of(worker)) != _in_order(seen):
        raise changed_meanwhile(worker.name)
    before = _snapshot(worker)
    for name in WORKER_FIELDS:
        setattr(worker, name, getattr(d, name))
    worker.hours = _hours_rows(d)
    uow.session.flush()
    audit.record(uow, "worker.update", "worker", worker.id, before=before, after=_snapshot(worker))
    warnings = list(_hours_warning(d))
    upcoming = _upcoming(uow, worker.id)
    if not d.active and upcoming:
        warnings.append(
            translate(
                "setup",
                "{name} still has %n upcoming session(s); they stay on the schedule until you "
                "move or cancel them.",
                None,
                upcoming,
            ).format(name=worker.name)
        )
    return Saved(
        worker.id,
        translate("setup", "{name} was saved.").format(name=worker.name),
        _changes(),
        tuple(warnings),
    )


def _hours_rows(d: WorkerDraft) -> list[WorkingHours]:
    return [
        WorkingHours(weekday=h.weekday, start_minute=h.start_minute, end_minute=h.end_minute)
        for h in d.hours
    ]


def _hours_warning(d: WorkerDraft) -> tuple[str, ...]:
    if d.hours:
        return ()
    return (
        translate(
            "setup", "{name} has no working hours, so every session with them is warned about."
        ).format(name=d.name),
    )


def _changes() -> ChangeSet:
    return ChangeSet(topics=frozenset({"workers"}))
