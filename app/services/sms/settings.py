"""The SMS gateway's settings (`practice_settings.sms_config`): read, check, save (audited),
and "Send test".

Stored as {"gateway": "messagemedia", "username": <API key>, "api_key": <API secret, sealed>,
"sender": <number or name>, "offer_gap_minutes": int, "base_url": <address>}. The API secret is
sealed with the practice's secrets key as the webhook secret is, and never shown again: the
dialog leaves its field empty to keep it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from app.db import UnitOfWork
from app.errors import ConflictError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.services import changed_here, practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require, require_now
from app.services.sms import numbers
from app.services.sms.gateway import (
    DEFAULT_BASE_URL,
    GATEWAYS,
    MESSAGEMEDIA,
    SETTINGS_PLACE,
    GatewayConfig,
    GatewayError,
    open_gateway,
)
from app.services.storage import secret_box

SMS_API_KEY = secret_box.SecretKind(
    "sms_config", "api_key", "SMS gateway API key", SETTINGS_PLACE, "api_key"
)
DEFAULT_OFFER_GAP = 30
MAX_OFFER_GAP = 24 * 60
# An alphanumeric sender ID: up to 11 letters, digits and spaces (the networks' limit).
SENDER_NAME = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")
# What a person types for a number: digits with spaces, dashes, dots, brackets, a leading plus.
NUMBER_LIKE = re.compile(r"^\+?[\d\s().-]+$")
REPLY_TO_NAME = QT_TRANSLATE_NOOP(
    "sms", "Clients cannot reply to a name: leave it empty, or enter a number, for replies."
)
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
# The fields as the dialog changes them, named so in a refusal; the API secret is never shown, so
# it counts as changed only when one is typed.
SMS_GROUPS: tuple[changed_here.Group, ...] = (
    (("gateway",), QT_TRANSLATE_NOOP("sms", "gateway")),
    (("username",), QT_TRANSLATE_NOOP("sms", "API key")),
    (("sender",), QT_TRANSLATE_NOOP("sms", "sender")),
    (("offer_gap_minutes",), QT_TRANSLATE_NOOP("sms", "gap between waitlist offers")),
    (("base_url",), QT_TRANSLATE_NOOP("sms", "base address")),
)
SECRET_GROUP: changed_here.Group = (("api_key",), QT_TRANSLATE_NOOP("sms", "API secret"))
TEST_TEXT = "FrontDesk test message from {practice}: text messages are set up. No reply needed."


@dataclass(frozen=True)
class SmsSettings:
    """The saved settings as the app uses them; `api_key` in plain text ("" when unreadable)."""

    gateway: str
    username: str
    api_key: str
    sender: str
    offer_gap_minutes: int
    base_url: str
    problem: str = ""  # the saved API key cannot be read on this desk: the sentence why

    @property
    def config(self) -> GatewayConfig:
        return GatewayConfig(
            gateway=self.gateway,
            username=self.username,
            api_key=self.api_key,
            sender=self.sender,
            base_url=self.base_url,
            problem=self.problem,
        )


@dataclass(frozen=True)
class SmsDraft:
    """What the dialog collects; `api_key` None keeps the saved one."""

    gateway: str = MESSAGEMEDIA
    username: str = ""
    api_key: str | None = None
    sender: str = ""
    offer_gap_minutes: int = DEFAULT_OFFER_GAP
    base_url: str = DEFAULT_BASE_URL


@dataclass(frozen=True)
class SmsForm:
    """The dialog's values as saved."""

    draft: SmsDraft  # api_key None
    key_saved: bool
    problem: str | None = None  # the saved key cannot be read here: enter it again
    country: str = "AU"
    key_stamp: str = ""  # tells a secret another desk saved since from the one read here


@dataclass(frozen=True)
class SmsTest:
    config: GatewayConfig
    to: str  # E.164
    body: str


def _stored(uow: UnitOfWork) -> dict[str, Any]:
    return dict(practice.settings(uow).sms_config or {})


def sms_settings(uow: UnitOfWork) -> SmsSettings | None:
    """The gateway settings, or None while text messages are not set up (no API key)."""
    data = _stored(uow)
    username = str(data.get("username") or "").strip()
    if not username:
        return None
    try:
        key, problem = secret_box.reveal(uow, data.get("api_key"), SMS_API_KEY), ""
    except secret_box.SecretLostError as exc:  # every send says so; nothing is lost meanwhile
        key, problem = "", exc.message
    return SmsSettings(
        gateway=str(data.get("gateway") or MESSAGEMEDIA),
        username=username,
        api_key=key,
        sender=str(data.get("sender") or ""),
        offer_gap_minutes=int(data.get("offer_gap_minutes") or DEFAULT_OFFER_GAP),
        base_url=str(data.get("base_url") or DEFAULT_BASE_URL),
        problem=problem,
    )


def sms_form(uow: UnitOfWork) -> SmsForm:
    """What Tools ▸ SMS gateway… shows."""
    require_now(uow, Permission.SETTINGS)
    data = _stored(uow)
    draft = SmsDraft(
        gateway=str(data.get("gateway") or MESSAGEMEDIA),
        username=str(data.get("username") or ""),
        sender=str(data.get("sender") or ""),
        offer_gap_minutes=int(data.get("offer_gap_minutes") or DEFAULT_OFFER_GAP),
        base_url=str(data.get("base_url") or DEFAULT_BASE_URL),
    )
    problem = secret_box.problem(uow, data.get("api_key"), SMS_API_KEY)
    row = practice.settings(uow)
    stamp = changed_here.stamp(data.get("api_key"))
    return SmsForm(draft, bool(data.get("api_key")), problem, row.country or "AU", stamp)


def _gap(value: object) -> int:
    """The offer gap as the window handed it, as whole minutes (a refusal when not a number)."""
    try:
        return int(str(value).strip()) if not isinstance(value, bool) else 0
    except ValueError:
        return 0  # refused below with the range


def _coerced(d: SmsDraft) -> SmsDraft:
    """The draft as the window handed it, each field text or a number (the boundary is
    untrusted), trimmed."""
    return SmsDraft(
        gateway=str(d.gateway or ""),
        username=str(d.username or "").strip(),
        api_key=str(d.api_key).strip() if d.api_key is not None else None,
        sender=str(d.sender or "").strip(),
        offer_gap_minutes=_gap(d.offer_gap_minutes),
        base_url=(str(d.base_url or "").strip() or DEFAULT_BASE_URL).rstrip("/"),
    )


def _sender(sender: str, country: str) -> str:
    """The sender as saved: a phone number in E.164, or a name of up to 11 plain letters,
    digits and spaces (a name may start with a digit, like "1st Physio")."""
    if SENDER_NAME.match(sender):
        return sender
    if NUMBER_LIKE.match(sender):
        number = numbers.e164(sender, country)
        if number is None:
            raise ValidationError(translate(
                "sms", "{sender} is not a phone number. Enter the practice's number, or a name "
                "of up to 11 letters and digits, or leave it empty.").format(sender=sender),
                field="sender")  # fmt: skip
        return number
    why = REPLY_TO_NAME
    odd = next((ch for ch in sender if not (ch.isascii() and (ch.isalnum() or ch == " "))), "")
    if odd:
        raise ValidationError(translate(
            "sms", "A sender name can only use the letters A to Z, digits and spaces, so “{odd}” "
            "cannot be in it. {why}").format(odd=odd, why=translate("sms", why)),
            field="sender")  # fmt: skip
    raise ValidationError(translate(
        "sms", "A sender name has up to 11 letters, digits and spaces; “{sender}” has {count}. "
        "{why}").format(sender=sender, count=len(sender), why=translate("sms", why)),
        field="sender")  # fmt: skip


def check_sms(d: SmsDraft, key_saved: bool, country: str = "AU") -> SmsDraft:
    """Refuse what cannot work, with the sentence the dialog shows; returns it trimmed."""
    d = _coerced(d)
    if d.gateway not in GATEWAYS:
        raise ValidationError(translate("sms", "Choose the SMS gateway."), field="gateway")
    if not 1 <= d.offer_gap_minutes <= MAX_OFFER_GAP:
        raise ValidationError(
            translate("sms", "The gap between waitlist offers must be 1 to {most} minutes.").format(
                most=MAX_OFFER_GAP
            ),
            field="offer_gap_minutes",
        )
    if not d.username:
        return d  # text messages off: they wait in the outbox until a gateway is set
    if len(d.username) > 200 or any(ch.isspace() for ch in d.username):
        raise ValidationError(
            translate("sms", "Enter the API key without spaces."), field="username"
        )
    if not d.api_key and not key_saved:
        raise ValidationError(translate("sms", "Enter the API secret."), field="api_key")
    if d.sender:
        d = replace(d, sender=_sender(d.sender, country))
    parts = urlsplit(d.base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            translate("sms", "Enter the gateway's address, like {example}.").format(
                example=DEFAULT_BASE_URL
            ),
            field="base_url",
        )
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise ValidationError(
            translate(
                "sms",
                "Use an https:// address so the API key and clients' numbers travel encrypted "
                "(plain http is only allowed to this computer).",
            ),
            field="base_url",
        )
    return d


def _masked(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ("••••" if k == "api_key" and v else v) for k, v in data.items()}


def _changed_at_both(d: SmsDraft, seen: SmsForm, now: SmsForm) -> list[changed_here.Group]:
    both = changed_here.changed_here(d, seen.draft, now.draft, SMS_GROUPS)[1]
    if d.api_key and now.key_stamp != seen.key_stamp:
        both.append(SECRET_GROUP)
    return both


def reopened_sms_form(d: SmsDraft, seen: SmsForm, now: SmsForm) -> SmsDraft:
    """The dialog after a save refused over another desk's change: the settings as they are
    `now`, keeping what was changed here that nobody else changed (a typed secret included)."""
    merged = changed_here.merged(d, seen.draft, now.draft, SMS_GROUPS)
    clashed = d.api_key and now.key_stamp != seen.key_stamp
    return replace(merged, api_key=None if clashed else d.api_key)


def save_sms_settings(uow: UnitOfWork, draft: SmsDraft, seen: SmsForm | None = None) -> str:
    """Save the dialog (audited); returns the sentence for the status bar. `seen`: the settings
    the dialog was opened on: only what was changed since is written (another desk's change to
    the rest stays), and a field another desk changed too is refused naming it."""
    require(uow.actor, Permission.SETTINGS)
    row = practice.settings(uow)
    old = dict(row.sms_config or {})
    country = row.country or "AU"
    d = check_sms(draft, bool(old.get("api_key")), country)
    if seen is not None:
        now = sms_form(uow)
        both = _changed_at_both(d, seen, now)
        if both:
            raise changed_at_both_desks(both)
        merged = changed_here.merged(d, seen.draft, now.draft, SMS_GROUPS)
        d = check_sms(replace(merged, api_key=d.api_key), bool(old.get("api_key")), country)
    new: dict[str, Any] = {
        "gateway": d.gateway,
        "username": d.username,
        "sender": d.sender,
        "offer_gap_minutes": d.offer_gap_minutes,
        "base_url": d.base_url,
    }
    if d.api_key:
        new["api_key"] = secret_box.seal(uow, d.api_key)
    elif old.get("api_key"):
        new["api_key"] = secret_box.sealed(uow, old["api_key"])
    row.sms_config = new
    audit.record(
        uow, "settings.sms", "practice_settings", row.id, before=_masked(old), after=_masked(new)
    )
    if not d.username:
        return translate(
            "sms", "Text messages are off; they wait in the outbox until a gateway is set."
        )
    return translate("sms", "SMS gateway saved: {gateway}.").format(gateway=GATEWAYS[d.gateway])


def changed_at_both_desks(both: list[changed_here.Group]) -> ConflictError:
    """The refusal of gateway settings another desk changed too, naming them."""
    return changed_here.changed_at_both_desks(both, "sms", translate(
        "sms",
        "Another desk changed the {names} while the SMS gateway settings were open here, so "
        "nothing was saved. The form now shows that desk's {names}, and keeps your other "
        "changes; make your change again and save.",
    ))  # fmt: skip


def prepare_sms_test(uow: UnitOfWork, draft: SmsDraft, to: str) -> SmsTest:
    """The dialog's values (the saved API secret unless a new one was typed), ready to test."""
    require_now(uow, Permission.SETTINGS)
    row = practice.settings(uow)
    country = row.country or "AU"
    saved = dict(row.sms_config or {})
    d = check_sms(draft, bool(saved.get("api_key")), country)
    if not d.username:
        raise ValidationError(translate("sms", "Enter the API key first."), field="username")
    number = numbers.mobile_e164(to, country, field="test_number")
    key = d.api_key or secret_box.reveal(uow, saved.get("api_key"), SMS_API_KEY)
    config = GatewayConfig(d.gateway, d.username, key, d.sender, d.base_url)
    return SmsTest(config, number, TEST_TEXT.format(practice=row.name))


def run_sms_test(test: SmsTest, key: str) -> str:
    """Send the test text now (no transaction open); raises GatewayError with the reason."""
    open_gateway(test.config).send(test.to, test.body, key)
    return translate("sms", "{gateway} accepted the test message to {to}.").format(
        gateway=test.config.name, to=test.to
    )


__all__ = [
    "SMS_API_KEY",
    "GatewayError",
    "SmsDraft",
    "SmsForm",
    "SmsSettings",
    "SmsTest",
    "changed_at_both_desks",
    "check_sms",
    "prepare_sms_test",
    "reopened_sms_form",
    "run_sms_test",
    "save_sms_settings",
    "sms_form",
    "sms_settings",
]
