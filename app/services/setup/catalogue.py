"""Services (appointment types, NDIS support items) and locations: list, add, change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Location, Service
from app.models.base import as_dict
from app.models.enums import ServiceUnit
from app.models.money import format_money, parse_money, typed_money
from app.services.audit import chain as audit
from app.services.boundary import Untrusted, checked_cents
from app.services.dto import ChangeSet
from app.services.setup.common import Saved, changed_meanwhile, colour, number, same_name, text
from app.services.setup.policy import SetupAction, require_setup

# The GST codes of NDIS claims: P1 taxable, P2 GST-free, P5 out of scope.
GST_CODES = ("P1", "P2", "P5")
SERVICE_FIELDS = (
    "code", "name", "price_cents", "unit", "default_minutes", "allows_cancellation_charge",
    "support_worker_pricing", "gst_code", "colour", "active", "skill",
)  # fmt: skip
MAX_MINUTES = 12 * 60


@dataclass(frozen=True)
class ServiceDraft(Untrusted):
    """What the service dialog collects; the price as typed ("193.99", "$1,234.50"), and as a
    saved service offers it, "193.99" whatever the practice's currency shows."""

    LABELS: ClassVar[dict[str, str]] = {
        "unit": QT_TRANSLATE_NOOP("fields", "unit"),
    }

    code: str
    name: str
    price: str
    unit: ServiceUnit = ServiceUnit.HOUR
    default_minutes: int = 60
    allows_cancellation_charge: bool = True
    support_worker_pricing: bool = False
    gst_code: str = "P2"
    colour: str = "#6aa84f"
    active: bool = True
    skill: str = ""


@dataclass(frozen=True)
class ServiceRow:
    """One service as the list shows it."""

    id: int
    draft: ServiceDraft
    price_cents: int


@dataclass(frozen=True)
class LocationDraft:
    """What the location dialog collects."""

    name: str
    address: str = ""


@dataclass(frozen=True)
class LocationRow:
    """One location as the list shows it."""

    id: int
    name: str
    address: str


def check_service(draft: ServiceDraft) -> tuple[ServiceDraft, int]:
    """The draft trimmed and its price in cents, or the sentence saying what to correct."""
    try:
        cents = parse_money(draft.price)
    except ValueError as exc:
        raise ValidationError(str(exc), field="price") from exc
    if cents <= 0:
        raise ValidationError(
            translate("setup", "The price must be more than {zero}.").format(zero=format_money(0)),
            field="price",
        )
    checked_cents(cents, "price", QT_TRANSLATE_NOOP("fields", "price"))
    gst = draft.gst_code.strip().upper()
    if gst not in GST_CODES:
        raise ValidationError(
            translate(
                "setup", "Choose a GST code: P1 (taxable), P2 (GST-free) or P5 (out of scope)."
            ),
            field="gst_code",
        )
    d = replace(
        draft,
        code=text(draft.code, "code", QT_TRANSLATE_NOOP("fields", "service code"), 40, required=True),
        name=text(draft.name, "name", QT_TRANSLATE_NOOP("fields", "service name"), 160, required=True),
        price=typed_money(cents),
        unit=ServiceUnit(draft.unit),
        default_minutes=number(draft.default_minutes, 5, MAX_MINUTES, "default_minutes",
                               QT_TRANSLATE_NOOP("fields", "default length (minutes)")),
        gst_code=gst,
        colour=colour(draft.colour),
        skill=text(draft.skill, "skill", QT_TRANSLATE_NOOP("fields", "skill needed"), 80),
    )  # fmt: skip
    return d, cents


def _row(s: Service) -> ServiceRow:
    draft = ServiceDraft(
        s.code, s.name, typed_money(s.price_cents), s.unit, s.default_minutes,
        s.allows_cancellation_charge, s.support_worker_pricing, s.gst_code, s.colour, s.active,
        s.skill,
    )  # fmt: skip
    return ServiceRow(s.id, draft, s.price_cents)


def list_services(uow: UnitOfWork, *, active_only: bool = False) -> list[ServiceRow]:
    """Every service by name."""
    stmt = select(Service).order_by(Service.name, Service.id)
    if active_only:
        stmt = stmt.where(Service.active.is_(True))
    return [_row(s) for s in uow.session.scalars(stmt)]


def _snapshot(service: Service) -> dict[str, Any]:
    return as_dict(service, SERVICE_FIELDS)


def save_service(
    uow: UnitOfWork, service_id: int | None, draft: ServiceDraft, seen: ServiceDraft | None = None
) -> Saved:
    """Add a service or change one; sessions already booked keep their agreed price. `seen`: the
    service as the form was opened on, refused when another desk changed it since."""
    require_setup(uow.actor, SetupAction.EDIT_STAFF)
    d, cents = check_service(draft)
    # "pt1" is "PT1", as location and worker names compare
    clash = same_name(uow, Service.id, Service.code, d.code, service_id)
    if clash is not None:
        raise ValidationError(translate("setup", "The code “{code}” is already used by another service.").format(code=d.code),
                              field="code")  # fmt: skip
    values = {name: getattr(d, name) for name in SERVICE_FIELDS if name != "price_cents"}
    values["price_cents"] = cents
    if service_id is None:
        return _add_service(uow, values)
    return _update_service(uow, service_id, values, seen)


def _add_service(uow: UnitOfWork, values: dict[str, Any]) -> Saved:
    service = Service(**values)
    uow.session.add(service)
    uow.session.flush()
    audit.record(uow, "service.create", "service", service.id, after=_snapshot(service))
    return Saved(
        service.id,
        translate("setup", "{name} was added.").format(name=service.name),
        _changes("services"),
    )


def _update_service(
    uow: UnitOfWork, service_id: int, values: dict[str, Any], seen: ServiceDraft | None
) -> Saved:
    service = uow.session.get(Service, service_id)
    if service is None:
        raise NotFoundError(translate("setup", "That service no longer exists."))
    if seen is not None and _row(service).draft != seen:
        raise changed_meanwhile(service.name)
    before = _snapshot(service)
    for name, value in values.items():
        setattr(service, name, value)
    uow.session.flush()
    after = _snapshot(service)
    audit.record(uow, "service.update", "service", service.id, before=before, after=after)
    warnings: tuple[str, ...] = ()
    if before["price_cents"] != after["price_cents"]:
        warnings = (
            translate(
                "setup", "Sessions already booked keep the price agreed when they were booked."
            ),
        )
    return Saved(
        service.id,
        translate("setup", "{name} was saved.").format(name=service.name),
        _changes("services"),
        warnings,
    )


def list_locations(uow: UnitOfWork) -> list[LocationRow]:
    """Every location by name."""
    rows = uow.session.scalars(select(Location).order_by(Location.name))
    return [LocationRow(loc.id, loc.name, loc.address) for loc in rows]


def save_location(
    uow: UnitOfWork,
    location_id: int | None,
    draft: LocationDraft,
    seen: LocationDraft | None = None,
) -> Saved:
    """Add a location or change one; names are unique. `seen`: the location as the form was
    opened on, refused when another desk changed it since."""
    require_setup(uow.actor, SetupAction.EDIT_STAFF)
    name = text(
        draft.name, "name", QT_TRANSLATE_NOOP("fields", "location's name"), 120, required=True
    )
    address = text(draft.address, "address", QT_TRANSLATE_NOOP("fields", "address"), 255)
    clash = same_name(uow, Location.id, Location.name, name, location_id)
    if clash is not None:
        raise ValidationError(
            translate("setup", "There is already a location called “{name}”.").format(name=name),
            field="name",
        )
    if location_id is None:
        location = Location(name=name, address=address)
        uow.session.add(location)
        uow.session.flush()
        audit.record(uow, "location.create", "location", location.id,
                     after={"name": name, "address": address})  # fmt: skip
        return Saved(
            location.id,
            translate("setup", "{name} was added.").format(name=name),
            _changes("locations"),
        )
    found = uow.session.get(Location, location_id)
    if found is None:
        raise NotFoundError(translate("setup", "That location no longer exists."))
    if seen is not None and LocationDraft(found.name, found.address) != seen:
        raise changed_meanwhile(found.name)
    before = {"name": found.name, "address": found.address}
    found.name, found.address = name, address
    audit.record(uow, "location.update", "location", found.id, before=before,
                 after={"name": name, "address": address})  # fmt: skip
    return Saved(
        found.id, translate("setup", "{name} was saved.").format(name=name), _changes("locations")
    )


def _changes(topic: str) -> ChangeSet:
    return ChangeSet(topics=frozenset({topic}))
