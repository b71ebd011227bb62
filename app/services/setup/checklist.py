"""The first-run checklist of a new practice: what is set up, worked out from the database.

Which practice has one: a practice whose administrator was created by the first-run dialog (the
audit holds `user.first_admin`). The demo practice never does: its administrator comes with the
demo. The checklist is finished when every step is done or set aside; the first time an
administrator's desk sees it finished it writes `setup.checklist_finished` (`finish_checklist`),
and from then on the practice has no checklist, even if a step later comes undone (the last
service made inactive, say).

When each step is done (there is no column for any of this: the records and the audit say it):

- **practice** — details and time zone: the practice confirmed its time zone. The settings
  service writes the audit event `settings.time_zone_confirmed` when an administrator first saves
  Practice settings (and whenever the time zone changes); the step is done once it exists. The
  first-run dialog asks the practice's name and time zone with this computer's proposed
  (`computer_time_zone`) and saves them through that service (`set_up_practice`), so a practice
  set up that way starts with the step done. A new database holds Australia/Sydney by the
  model's default: until a confirmation exists the step proposes this computer's time zone and
  the holiday region that goes with it.
- **workers** — at least one active worker.
- **services** — at least one active service.
- **reasons** — reasons and rules: active reasons exist for clients and for workers, and the
  practice has looked at them: it added or changed a reason or chose its billing profile
  (`reason.create`, `reason.update`, `settings.billing_profile`), or said in the checklist that
  they are right.
- **users** — a second active user besides the administrator, or single-user mode on.
- **email** — an SMTP server saved, or "Not now" pressed.

Setting a step aside ("They are right", "I'll do this later", "Not now") is the audit event
`setup.step_set_aside` naming the step. Only reasons, users and e-mail can be set aside: the time
zone must be confirmed, and nothing can be booked without a worker and a service.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import ColumnElement, func, select

from app.db import Actor, UnitOfWork
from app.errors import ValidationError
from app.i18n import translate
from app.models import AuditEvent, CancellationReason, Service, User, Worker
from app.models.enums import CancelledBy
from app.services import practice, users
from app.services.audit import chain as audit
from app.services.auth import Permission, can, require
from app.services.dto import ChangeSet
from app.services.setup.settings import (
    TIME_ZONE_CONFIRMED,
    check_settings,
    practice_settings,
    save_practice_settings,
    time_zones,
    zone_named,
)

FIRST_ADMIN = "user.first_admin"
SET_ASIDE = "setup.step_set_aside"
FINISHED = "setup.checklist_finished"
REASONS_LOOKED_AT = ("reason.create", "reason.update", "settings.billing_profile")
STEPS = ("practice", "workers", "services", "reasons", "users", "email")
MAY_SET_ASIDE = frozenset({"reasons", "users", "email"})
ZONEINFO = Path("/usr/share/zoneinfo")
# The state whose public holidays a capital's (or a town's own) time zone keeps.
AU_STATES = {
    "Sydney": "NSW", "Broken_Hill": "NSW", "Lord_Howe": "NSW", "Melbourne": "VIC",
    "Brisbane": "QLD", "Lindeman": "QLD", "Adelaide": "SA", "Perth": "WA", "Eucla": "WA",
    "Hobart": "TAS", "Currie": "TAS", "Darwin": "NT", "Canberra": "ACT", "ACT": "ACT",
}  # fmt: skip


@dataclass(frozen=True)
class Proposal:
    """The time zone and holiday region this computer suggests for the practice."""

    time_zone: str
    country: str | None  # None: the computer's zone says nothing about the country
    subdivision: str | None
    currency: str | None = None  # the country's money (NZD in New Zealand), when it has one


def country_currency(country: str | None) -> str | None:
    """The currency a country pays in today ("NZ" → "NZD"), or None when babel cannot say."""
    if not country:
        return None
    from datetime import date

    from babel.numbers import get_territory_currencies

    try:
        found = get_territory_currencies(country, date.today())
    except Exception:  # noqa: BLE001 - an unknown territory: nothing to propose
        return None
    return str(found[0]) if found else None


def regional_locale(locale: str, country: str | None) -> str:
    """The practice's language in the country it is in ("en_AU" in NZ → "en_NZ"), when babel
    knows that pairing; else the locale as it was."""
    from babel import Locale, UnknownLocaleError

    if not country:
        return locale
    language = locale.split("_")[0]
    try:
        return str(Locale.parse(f"{language}_{country}"))
    except (UnknownLocaleError, ValueError):
        return locale


@dataclass(frozen=True)
class Step:
    """One line of the checklist."""

    key: str
    done: bool
    set_aside: bool = False
    detail: str = ""  # what is there now, in a few words

    @property
    def settled(self) -> bool:
        """Done, or set aside for later: it no longer holds the checklist open."""
        return self.done or self.set_aside

    @property
    def may_set_aside(self) -> bool:
        return self.key in MAY_SET_ASIDE


@dataclass(frozen=True)
class Checklist:
    """The checklist as the database has it, for one signed-in user."""

    applies: bool  # a practice started by the first-run dialog (never the demo)
    steps: tuple[Step, ...]
    time_zone: str  # as saved
    proposal: Proposal | None  # while the time zone is not confirmed, this computer's
    may_edit: bool  # the user may change the settings (administrators)

    @property
    def finished(self) -> bool:
        return all(s.settled for s in self.steps)

    @property
    def shown(self) -> bool:
        """Shown to an administrator of a practice that is still being set up."""
        return self.applies and self.may_edit and not self.finished

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)


@dataclass(frozen=True)
class SetAside:
    """The outcome of setting a step aside."""

    step: str
    message: str
    changes: ChangeSet


# -- this computer's time zone ------------------------------------------------------------------


def computer_time_zone(
    env: Mapping[str, str] | None = None, etc: Path = Path("/etc")
) -> str | None:
    """This computer's IANA time zone: $TZ, /etc/timezone, or where /etc/localtime points.

    None when it cannot be read (Windows without tzlocal) or is not a place (UTC): then the
    administrator chooses one.
    """
    env = os.environ if env is None else env
    known = time_zones()
    readers: tuple[Callable[[], str | None], ...] = (
        lambda: _tz_variable(env.get("TZ", "")), lambda: _etc_timezone(etc),
        lambda: _localtime_link(etc), _tzlocal,
    )  # fmt: skip
    for read in readers:
        found = read()
        if found in known:
            return found
    return None


def _tzlocal() -> str | None:
    try:
        import tzlocal  # type: ignore[import-not-found, unused-ignore]

        return str(tzlocal.get_localzone_name() or "") or None
    except Exception:  # noqa: BLE001 - not installed, or it cannot tell either
        return None


def _tz_variable(value: str) -> str | None:
    value = value.strip().lstrip(":")
    if not value:
        return None
    if "zoneinfo/" in value:  # TZ=/usr/share/zoneinfo/Europe/Paris
        value = value.split("zoneinfo/", 1)[1]
    return value


def _etc_timezone(etc: Path) -> str | None:
    try:
        return (etc / "timezone").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _localtime_link(etc: Path) -> str | None:
    try:
        target = os.readlink(etc / "localtime")
    except OSError:
        return None
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None


def zone_country(zone: str, zoneinfo: Path = ZONEINFO) -> str | None:
    """The country a time zone is in (from the zone table), or None when the table can't say."""
    for table in _zone_tables(zoneinfo):
        for line in table.splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#") and parts[2] == zone:
                return parts[0].split(",")[0]
    return None


def _zone_tables(zoneinfo: Path) -> list[str]:
    tables = []
    for place in (zoneinfo / "zone.tab", _tzdata_table()):
        try:
            if place is not None:
                tables.append(place.read_text(encoding="utf-8"))
        except OSError:
            continue
    return tables


def _tzdata_table() -> Path | None:
    try:
        import tzdata  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return None
    return Path(tzdata.__file__).parent / "zoneinfo" / "zone.tab"


def propose(zone: str | None) -> Proposal | None:
    """The time zone and holiday region to propose for `zone` (None: nothing to propose)."""
    if zone is None:
        return None
    country = zone_country(zone)
    subdivision = AU_STATES.get(zone.split("/")[-1]) if country == "AU" else None
    return Proposal(zone, country, subdivision, country_currency(country))


# -- the checklist ------------------------------------------------------------------------------


def _count(uow: UnitOfWork, model: type, *where: ColumnElement[bool]) -> int:
    return int(uow.session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _audited(uow: UnitOfWork, *actions: str) -> bool:
    found = uow.session.scalar(select(AuditEvent.id).where(AuditEvent.action.in_(actions)).limit(1))
    return found is not None


def _set_aside(uow: UnitOfWork) -> set[str]:
    rows = uow.session.scalars(select(AuditEvent.after).where(AuditEvent.action == SET_ASIDE))
    return {str((after or {}).get("step")) for after in rows}


def read_checklist(uow: UnitOfWork, computer_zone: str | None = None) -> Checklist:
    """Each step done or not, from the records and the audit (see the module docstring)."""
    row = practice.settings(uow)
    aside = _set_aside(uow)
    confirmed = _audited(uow, TIME_ZONE_CONFIRMED)
    workers = _count(uow, Worker, Worker.active.is_(True))
    services = _count(uow, Service, Service.active.is_(True))
    reasons = {
        who: _count(uow, CancellationReason, CancellationReason.active.is_(True),
                    CancellationReason.applies_to == who)
        for who in (CancelledBy.CLIENT, CancelledBy.WORKER)
    }  # fmt: skip
    users = _count(uow, User, User.active.is_(True))
    active_reasons = sum(reasons.values())
    email = bool(dict(row.smtp_config or {}).get("host"))
    steps = (
        Step("practice", confirmed, detail=f"{row.name} · {row.time_zone}"),
        Step("workers", workers > 0,
             detail=translate("setup", "%n active worker(s)", None, workers)),
        Step("services", services > 0, detail=translate("setup", "%n service(s)", None, services)),
        Step("reasons", all(reasons.values()) and _audited(uow, *REASONS_LOOKED_AT),
             "reasons" in aside, translate("setup", "%n active reason(s)", None, active_reasons)),
        Step("users", users > 1 or row.single_user_mode, "users" in aside,
             translate("setup", "single-user mode") if row.single_user_mode
             else translate("setup", "%n user(s)", None, users)),
        Step("email", email, "email" in aside,
             translate("setup", "set up") if email else translate("setup", "not set up")),
    )  # fmt: skip
    return Checklist(
        applies=_audited(uow, FIRST_ADMIN) and not _audited(uow, FINISHED),
        steps=steps,
        time_zone=row.time_zone,
        proposal=None if confirmed else propose(computer_zone),
        may_edit=can(uow.actor, Permission.SETTINGS),
    )


def set_step_aside(uow: UnitOfWork, step: str) -> SetAside:
    """An administrator leaves a step for later (or, for the reasons, says they are right)."""
    require(uow.actor, Permission.SETTINGS)
    key = str(step or "").strip()
    if key not in MAY_SET_ASIDE:
        raise ValidationError(
            translate(
                "setup",
                "Only the reasons, the users and the e-mail steps can be left for later; the time zone, a worker and a service are needed before the practice can book.",
            ),
            field="step",
        )
    audit.record(uow, SET_ASIDE, "practice_settings", 1, after={"step": key})
    return SetAside(
        key, translate("setup", "Left for later."), ChangeSet(topics=frozenset({"checklist"}))
    )


def finish_checklist(uow: UnitOfWork) -> SetAside | None:
    """Every step settled: the practice has no checklist from now on (None: not finished yet,
    or already recorded)."""
    require(uow.actor, Permission.SETTINGS)
    state = read_checklist(uow)
    if not state.applies or not state.finished:
        return None
    audit.record(uow, FINISHED, "practice_settings", 1,
                 after={"steps": {s.key: "done" if s.done else "later" for s in state.steps}})  # fmt: skip
    return SetAside(
        "",
        translate("setup", "The practice is set up."),
        ChangeSet(topics=frozenset({"checklist"})),
    )


def set_up_practice(
    uow: UnitOfWork, username: str, full_name: str, password: str, name: str, time_zone: str
) -> Actor:
    """The first-run dialog in one transaction: the administrator, then the practice's name and
    the time zone they confirmed (with the holiday region, the currency and the language's region
    that go with it), saved through the settings service, which records the confirmation."""
    actor = users.set_up_first_admin(uow, username, full_name, password)
    current = practice_settings(uow)
    zone = zone_named(time_zone or "")
    if not zone:
        raise ValidationError(
            translate(
                "setup",
                "Choose the practice's time zone, like Australia/Melbourne: session times and notice are counted in it.",
            ),
            field="time_zone",
        )
    place = propose(zone)
    draft = replace(current, name=name, time_zone=zone)
    if place is not None and place.country:  # else the region stays as it is, for Settings
        draft = replace(draft, currency=place.currency or draft.currency,
                        locale=regional_locale(draft.locale, place.country))  # fmt: skip
        there = replace(draft, country=place.country, subdivision=place.subdivision)
        with suppress(ValidationError):  # a country without a holiday calendar: keep the region
            draft = check_settings(there)
    save_practice_settings(uow, draft)
    return actor
