"""Choices for the report filters, names typed on the command line, and filters in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import search_key, translate
from app.models import CancellationReason, Client, Service, Worker
from app.services import practice
from app.services.reports.model import ReportFilters
from app.services.reports.summary import WHO_LABELS


@dataclass(frozen=True)
class Choice:
    """One entry of a filter list: the id the service wants and the words the user reads."""

    id: int
    label: str


@dataclass(frozen=True)
class FilterOptions:
    workers: tuple[Choice, ...]
    services: tuple[Choice, ...]
    reasons: tuple[Choice, ...]
    clients: tuple[Choice, ...]


def filter_options(uow: UnitOfWork) -> FilterOptions:
    """Everything the report dialog's filter lists offer, in display order."""
    q = uow.session.execute
    workers = tuple(
        Choice(i, n) for i, n in q(select(Worker.id, Worker.name).order_by(Worker.name))
    )
    services = tuple(
        Choice(i, f"{n} ({c})")
        for i, n, c in q(select(Service.id, Service.name, Service.code).order_by(Service.name))
    )
    profiles = practice.profile_names(practice.settings(uow))
    reasons = tuple(
        Choice(i, label)
        for i, label in q(
            select(CancellationReason.id, CancellationReason.label)
            .where(CancellationReason.profile.in_(profiles))
            .order_by(CancellationReason.applies_to, CancellationReason.sort_order)
        )
    )
    clients = tuple(
        Choice(i, f"{f} {last}")
        for i, f, last in q(
            select(Client.id, Client.first_name, Client.last_name).order_by(
                Client.last_name, Client.first_name
            )
        )
    )
    return FilterOptions(workers, services, reasons, clients)


def _one(matches: list[tuple[int, str]], what: str, typed: str) -> int:
    if not matches:
        raise ValidationError(
            translate("reports", "No {what} matches “{typed}”.").format(what=what, typed=typed),
            field=what,
        )
    exact = [m for m in matches if search_key(m[1]) == search_key(typed.strip())]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0][0]
    names = ", ".join(sorted(m[1] for m in matches)[:8])
    raise ValidationError(
        translate("reports", "“{typed}” matches several {what}s ({names}); be more exact.").format(
            typed=typed, what=what, names=names
        ),
        field=what,
    )


def _containing(rows: Iterable[tuple[int, str]], typed: str) -> list[tuple[int, str]]:
    """The (id, name) rows whose name holds `typed`, whatever its case and accents ("nguyen"
    finds Nguyễn: a database's lower() folds only A to Z, so the names are matched here)."""
    needle = search_key(typed.strip())
    return [(i, n) for i, n in rows if needle in search_key(n)]


def worker_id(uow: UnitOfWork, name: str) -> int:
    """The worker whose name is, or uniquely contains, `name` (any case, any accents)."""
    rows = uow.session.execute(select(Worker.id, Worker.name)).tuples()
    return _one(_containing(rows, name), "worker", name)


def client_id(uow: UnitOfWork, name: str) -> int:
    """The client whose full name is, or uniquely contains, `name` (any case, any accents)."""
    full = Client.first_name + " " + Client.last_name
    rows = uow.session.execute(select(Client.id, full)).tuples()
    return _one(_containing(rows, name), "client", name)


def service_id(uow: UnitOfWork, code: str) -> int:
    """The service with this code (exactly, any case)."""
    rows = uow.session.execute(
        select(Service.id, Service.code).where(func.lower(Service.code) == code.lower())
    )
    return _one([(i, c) for i, c in rows], "service", code)


def reason_id(uow: UnitOfWork, code: str) -> int:
    """The reason with this code, or with this label when no code matches."""
    rows = uow.session.execute(
        select(CancellationReason.id, CancellationReason.code).where(
            or_(
                func.lower(CancellationReason.code) == code.lower(),
                func.lower(CancellationReason.label) == code.lower(),
            )
        )
    )
    found = [(i, c) for i, c in rows]
    if not found:  # the codes to choose from, so the next try can be right
        profiles = practice.profile_names(practice.settings(uow))
        codes = uow.session.scalars(
            select(CancellationReason.code)
            .where(CancellationReason.profile.in_(profiles))
            .order_by(CancellationReason.applies_to, CancellationReason.sort_order)
        )
        raise ValidationError(
            translate("reports", "No reason matches “{code}”. The reasons are: {join}.").format(
                code=code, join=", ".join(codes)
            ),
            field="reason",
        )
    return _one(found, "reason", code)


def describe_filters(uow: UnitOfWork, f: ReportFilters) -> str:
    """The filters in words for the report's title block, in the practice's language: "All
    workers, services, reasons and clients" when there are none."""
    get = uow.session.get
    parts: list[str] = []
    if f.worker_id is not None and (w := get(Worker, f.worker_id)) is not None:
        parts.append(translate("report", "Worker: {name}").format(name=w.name))
    if f.service_id is not None and (s := get(Service, f.service_id)) is not None:
        parts.append(translate("report", "Service: {name}").format(name=s.name))
    if f.reason_id is not None and (r := get(CancellationReason, f.reason_id)) is not None:
        parts.append(translate("report", "Reason: {name}").format(name=r.label))
    if f.cancelled_by is not None:
        who = translate("report", WHO_LABELS[f.cancelled_by])
        parts.append(translate("report", "Cancelled by: {who}").format(who=who))
    if f.client_id is not None and (c := get(Client, f.client_id)) is not None:
        parts.append(translate("report", "Client: {name}").format(name=c.display_name))
    if not parts:
        parts.append(translate("report", "All workers, services, reasons and clients"))
    if f.include_undone:
        parts.append(translate("report", "Undone cancellations listed (not counted)"))
    return " · ".join(parts)
