"""Practice settings: name, time zone, public-holiday region, clear-day counting, paper, thresholds,
the provider details (legal name, ABN, NDIS registration, address, phone, e-mail), the funders,
and the practice's language and region (a locale babel knows) and currency (ISO 4217).

The ABN is kept as its 11 digits (no spaces) and shown as "51 824 753 556"; it must pass the
Australian Business Register's check-digit test (weights 10, 1, 3 … 19 after taking 1 from the
first digit; the sum divisible by 89).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import ClassVar
from zoneinfo import available_timezones

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ConflictError, ValidationError
from app.i18n import (
    DEFAULT_CURRENCY,
    DEFAULT_LOCALE,
    QT_TRANSLATE_NOOP,
    check_locale,
    translate,
)
from app.models import AuditEvent
from app.models.enums import ClearDayCounting
from app.models.practice_calendar import PracticeCalendar
from app.number_text import check_currency
from app.services import changed_here, practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require, require_now
from app.services.boundary import Untrusted, ascii_digits, is_digits
from app.services.changed_here import Group
from app.services.dto import ChangeSet
from app.services.setup.common import Saved, number, optional_email, optional_phone, text
from app.services.setup.funders import (
    FunderDraft,
    check_funders,
    funders_changed_at_both,
    list_funders,
    write_funders,
)

PAPER_SIZES = ("A4", "Letter")
SETTING_FIELDS = (
    "name", "time_zone", "country", "subdivision", "clear_day_counting", "paper_size",
    "frequent_canceller_count", "frequent_canceller_weeks", "idle_logoff_minutes",
    "ndis_registration_number", "legal_name", "abn", "address", "phone", "email",
    "locale", "currency", "invoice_payment",
)  # fmt: skip
# The settings as the form changes them: each group is written whole or not at all (choosing
# another country clears the region), and named so in a refusal.
SETTING_GROUPS: tuple[Group, ...] = (
    (("name",), QT_TRANSLATE_NOOP("setup", "practice name")),
    (("time_zone",), QT_TRANSLATE_NOOP("setup", "time zone")),
    (("country", "subdivision"), QT_TRANSLATE_NOOP("setup", "public-holiday region")),
    (("clear_day_counting",), QT_TRANSLATE_NOOP("setup", "clear business days")),
    (("paper_size",), QT_TRANSLATE_NOOP("setup", "paper size")),
    (("frequent_canceller_count", "frequent_canceller_weeks"),
     QT_TRANSLATE_NOOP("setup", "frequent canceller")),
    (("idle_logoff_minutes",), QT_TRANSLATE_NOOP("setup", "idle sign-out time")),
    (("ndis_registration_number",), QT_TRANSLATE_NOOP("setup", "NDIS registration number")),
    (("legal_name",), QT_TRANSLATE_NOOP("setup", "legal name")),
    (("abn",), QT_TRANSLATE_NOOP("setup", "ABN")),
    (("address",), QT_TRANSLATE_NOOP("setup", "address")),
    (("phone",), QT_TRANSLATE_NOOP("setup", "phone number")),
    (("email",), QT_TRANSLATE_NOOP("setup", "e-mail address")),
    (("locale",), QT_TRANSLATE_NOOP("setup", "language and region")),
    (("currency",), QT_TRANSLATE_NOOP("setup", "currency")),
    (("invoice_payment",), QT_TRANSLATE_NOOP("setup", "payment details on invoices")),
)  # fmt: skip
ABN_WEIGHTS = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
MAX_IDLE_MINUTES = 8 * 60
# Written the first time an administrator saves the settings, and whenever the time zone changes:
# the first-run checklist's proof that the practice chose its time zone (no column records it).
TIME_ZONE_CONFIRMED = "settings.time_zone_confirmed"


@dataclass(frozen=True)
class SettingsDraft(Untrusted):
    """What the practice settings dialog collects."""

    LABELS: ClassVar[dict[str, str]] = {
        "clear_day_counting": QT_TRANSLATE_NOOP("fields", "clear day counting"),
    }

    name: str
    time_zone: str
    country: str
    subdivision: str | None
    clear_day_counting: ClearDayCounting
    paper_size: str
    frequent_canceller_count: int
    frequent_canceller_weeks: int
    idle_logoff_minutes: int
    ndis_registration_number: str = ""
    legal_name: str = ""
    abn: str = ""  # 11 digits; spaces typed between them are dropped
    address: str = ""
    phone: str = ""
    email: str = ""
    # The funders list as the dialog shows it; a funder left out stays as it is.
    funders: tuple[FunderDraft, ...] = ()
    locale: str = DEFAULT_LOCALE  # language and region: the window's words, dates and numbers
    currency: str = DEFAULT_CURRENCY  # ISO 4217: the fees' currency
    invoice_payment: str = ""  # how to pay the practice, printed on its invoices


def abn_is_valid(digits: str) -> bool:
    """The ABN check-digit test on 11 digits."""
    if len(digits) != 11 or not is_digits(digits):
        return False
    values = [int(ch) for ch in digits]
    values[0] -= 1
    return sum(w * v for w, v in zip(ABN_WEIGHTS, values, strict=True)) % 89 == 0


def format_abn(digits: str) -> str:
    """An ABN as people write it: "51 824 753 556" (anything else unchanged)."""
    if len(digits) != 11 or not is_digits(digits):
        return digits
    return f"{digits[:2]} {digits[2:5]} {digits[5:8]} {digits[8:]}"


def provider_line(legal_name: str, abn: str, address: str, phone: str) -> str:
    """The provider details in one line, as reports print them under the practice's name."""
    parts = [legal_name.strip(), f"ABN {format_abn(abn)}" if abn else "", address.strip(),
             phone.strip()]  # fmt: skip
    return " · ".join(p for p in parts if p)


def checked_abn(value: str) -> str:
    """The ABN's 11 digits ("" when left empty), or the sentence saying what is wrong."""
    typed = (value or "").strip()
    digits = ascii_digits("".join(ch for ch in typed if not ch.isspace()))
    if not digits:
        return ""
    if not is_digits(digits) or len(digits) != 11:
        raise ValidationError(
            translate(
                "setup", "“{typed}” is not an ABN: an ABN has 11 digits, like 51 824 753 556."
            ).format(typed=typed),
            field="abn",
        )
    if not abn_is_valid(digits):
        raise ValidationError(
            translate(
                "setup",
                "The ABN {abn} fails the ABN check-digit test, so one digit is wrong. Copy it "
                "again from the ABN Lookup or your registration letter.",
            ).format(abn=format_abn(digits)),
            field="abn",
        )
    return digits


@lru_cache(maxsize=1)
def time_zones() -> tuple[str, ...]:
    """Every IANA time zone name this computer knows, sorted."""
    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")))


def zone_named(typed: str) -> str:
    """The time zone `typed` names, spelt as the list spells it whatever the case it was typed
    in (australia/melbourne: Australia/Melbourne); as typed, trimmed, when it names none."""
    name = typed.strip()
    return _zones_by_folded().get(name.casefold(), name)


@lru_cache(maxsize=1)
def _zones_by_folded() -> dict[str, str]:
    # Every name the computer knows, those the list leaves out ("UTC") among them.
    return {z.casefold(): z for z in available_timezones()}


@lru_cache(maxsize=1)
def regions() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Country code → (country name, its subdivisions) for the public-holiday calendars."""
    import holidays  # when the settings dialog opens: loading it would slow every start
    from holidays.registry import COUNTRIES

    names = {info[1]: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", info[0]) for info in COUNTRIES.values()}
    supported = holidays.list_supported_countries()
    return {
        code: (names.get(code, code), tuple(s for s in subs if len(s) <= 8))
        for code, subs in sorted(supported.items())
        if len(code) == 2
    }


def practice_settings(uow: UnitOfWork) -> SettingsDraft:
    """The settings as saved."""
    row = practice.settings(uow)
    values = {name: getattr(row, name) for name in SETTING_FIELDS}
    return SettingsDraft(**values, funders=list_funders(uow))


def settings_form(uow: UnitOfWork) -> SettingsDraft:
    """The settings as saved, for the Practice settings dialog (administrators)."""
    require_now(uow, Permission.SETTINGS)
    return practice_settings(uow)


def check_settings(draft: SettingsDraft) -> SettingsDraft:
    """The draft trimmed, or the sentence saying what to correct (zone and region checked)."""
    country = draft.country.strip().upper()
    subdivision = (draft.subdivision or "").strip() or None
    if subdivision and len(subdivision) > 8:
        raise ValidationError(
            translate("setup", "A state or region code has at most 8 letters, like NSW."),
            field="subdivision",
        )
    if draft.paper_size not in PAPER_SIZES:
        raise ValidationError(translate("setup", "Choose A4 or Letter paper."), field="paper_size")
    d = replace(
        draft,
        name=text(draft.name, "name", QT_TRANSLATE_NOOP("fields", "practice name"), 160, required=True),
        time_zone=zone_named(draft.time_zone),
        country=country,
        subdivision=subdivision,
        clear_day_counting=ClearDayCounting(draft.clear_day_counting),
        frequent_canceller_count=number(draft.frequent_canceller_count, 1, 50,
                                        "frequent_canceller_count", QT_TRANSLATE_NOOP("fields", "number of cancellations")),
        frequent_canceller_weeks=number(draft.frequent_canceller_weeks, 1, 104,
                                        "frequent_canceller_weeks", QT_TRANSLATE_NOOP("fields", "number of weeks")),
        idle_logoff_minutes=number(draft.idle_logoff_minutes, 0, MAX_IDLE_MINUTES,
                                   "idle_logoff_minutes", QT_TRANSLATE_NOOP("fields", "idle time before sign-out (minutes)")),
        ndis_registration_number=ascii_digits(text(draft.ndis_registration_number,
                                                   "ndis_registration_number",
                                                   QT_TRANSLATE_NOOP("fields", "NDIS registration number"), 20)),
        legal_name=text(draft.legal_name, "legal_name", QT_TRANSLATE_NOOP("fields", "legal name"), 160),
        abn=checked_abn(draft.abn),
        address=text(draft.address, "address", QT_TRANSLATE_NOOP("fields", "address"), 255),
        phone=optional_phone(text(draft.phone, "phone", QT_TRANSLATE_NOOP("fields", "phone number"), 40)) or "",
        email=optional_email(text(draft.email, "email", QT_TRANSLATE_NOOP("fields", "e-mail address"), 200)) or "",
        funders=check_funders(tuple(draft.funders)),
        locale=check_locale(draft.locale),
        currency=check_currency(draft.currency),
        invoice_payment=text(draft.invoice_payment, "invoice_payment",
                             QT_TRANSLATE_NOOP("fields", "payment details"), 255),
    )  # fmt: skip
    if d.ndis_registration_number and not is_digits(d.ndis_registration_number):
        raise ValidationError(
            translate(
                "setup",
                "The NDIS registration number is digits only, like 4050012345, as on your "
                "certificate of registration.",
            ),
            field="ndis_registration_number",
        )
    _check_calendar(d)
    return d


def _check_calendar(d: SettingsDraft) -> None:
    """The rules module's own checks, so what is saved is what a cancellation can use."""
    try:
        PracticeCalendar(d.time_zone, d.country, None)
    except ValueError as exc:
        field = "time_zone" if "time zone" in str(exc) else "country"
        raise ValidationError(str(exc), field=field) from exc
    try:
        PracticeCalendar(d.time_zone, d.country, d.subdivision, d.clear_day_counting)
    except ValueError as exc:
        raise ValidationError(str(exc), field="subdivision") from exc


def _audited(d: SettingsDraft) -> dict[str, object]:
    values = asdict(d)
    del values["funders"]
    return values


def _confirm_time_zone(uow: UnitOfWork, row_id: int, before: SettingsDraft,
                       d: SettingsDraft) -> None:  # fmt: skip
    """The administrator saw the time zone and saved it: recorded once, and again on a change."""
    confirmed = uow.session.scalar(
        select(AuditEvent.id).where(AuditEvent.action == TIME_ZONE_CONFIRMED).limit(1)
    )
    if confirmed is None or before.time_zone != d.time_zone:
        audit.record(uow, TIME_ZONE_CONFIRMED, "practice_settings", row_id, after={
            "time_zone": d.time_zone, "country": d.country, "subdivision": d.subdivision})  # fmt: skip


def changed_at_both_desks(
    both: list[Group], funders: tuple[FunderDraft, ...] = ()
) -> ConflictError:
    """The refusal of settings and funders another desk changed too; about the first one's
    field, so the form shows its tab."""
    named = [translate("setup", "funder “{name}”").format(name=f.name) for f in funders]
    return changed_here.changed_at_both_desks(both, "setup", translate(
        "setup",
        "Another desk changed the {names} while the practice settings were open here, so "
        "nothing was saved. The form now shows that desk's {names}, and keeps your other "
        "changes; make your change again and save.",
    ), named, field="funders")  # fmt: skip


def merged_settings(
    d: SettingsDraft, seen: SettingsDraft | None, now: SettingsDraft
) -> SettingsDraft:
    """The settings as they are `now`, with what was changed in the form since `seen` (the
    settings it was opened on) put in; a setting changed at both desks keeps the other desk's
    value. Funders: the form's list (`write_funders` sorts out those left alone)."""
    if seen is None:
        return d
    return replace(changed_here.merged(d, seen, now, SETTING_GROUPS), funders=d.funders)


def reopened_form(d: SettingsDraft, seen: SettingsDraft, now: SettingsDraft) -> SettingsDraft:
    """The form after a save refused over another desk's change: the settings as they are
    `now`, keeping what was changed in the form that nobody else changed (funders included)."""
    merged = merged_settings(d, seen, now)
    was = {f.id: f for f in seen.funders}
    theirs = {f.id: f for f in now.funders}
    ours = {f.id: f for f in d.funders if f.id is not None}
    funders = [ours[f.id] if f.id in ours and ours[f.id] != was.get(f.id) == f else f
               for f in theirs.values()]  # fmt: skip
    added = [f for f in d.funders if f.id is None]
    return replace(merged, funders=(*funders, *added))


def save_practice_settings(
    uow: UnitOfWork, draft: SettingsDraft, seen: SettingsDraft | None = None
) -> Saved:
    """Save the practice settings (administrators); audited with before and after. `seen`: the
    settings as the form was opened on: only what was changed since is written (another desk's
    change to the rest stays), and a setting or funder another desk changed too is refused."""
    require(uow.actor, Permission.SETTINGS)
    checked = check_settings(draft)
    before = practice_settings(uow)
    if seen is not None:
        both = changed_here.changed_here(checked, seen, before, SETTING_GROUPS)[1]
        funders = funders_changed_at_both(checked.funders, seen.funders, before.funders)
        if both or funders:
            raise changed_at_both_desks(both, funders)
    d = merged_settings(checked, seen, before)
    _check_calendar(d)  # the form's region with another desk's time zone, say
    row = practice.settings(uow)
    for name in SETTING_FIELDS:
        setattr(row, name, getattr(d, name))
    uow.session.flush()
    audit.record(uow, "settings.practice", "practice_settings", row.id,
                 before=_audited(before), after=_audited(d))  # fmt: skip
    write_funders(
        uow, d.funders, seen.funders if seen else None
    )  # each funder added or changed is audited on its own
    _confirm_time_zone(uow, row.id, before, d)
    warnings: list[str] = []
    if before.time_zone != d.time_zone:
        warnings.append(
            translate(
                "settings",
                "Sessions keep their moment in time, so their clock times now read in "
                "{zone}. Restart FrontDesk on every desk to show the new time zone.",
            ).format(zone=d.time_zone)
        )
    if (before.locale, before.currency) != (d.locale, d.currency):
        warnings.append(
            translate(
                "settings",
                "Restart FrontDesk on every desk to show the new language, dates and currency.",
            )
        )
    if before.idle_logoff_minutes != d.idle_logoff_minutes:
        warnings.append(
            translate("settings", "The new idle sign-out time applies from the next sign-in.")
        )
    changes = ChangeSet(topics=frozenset({"settings"}))
    return Saved(row.id, translate("setup", "Practice settings saved."), changes, tuple(warnings))
