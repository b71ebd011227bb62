"""Email (SMTP) settings: read, validate, save (audited), and send a test; what the settings
pages share (`SaveResult`, the checks of a host and a number). The other system's settings:
`integration_settings`."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from app.db import UnitOfWork
from app.errors import ConflictError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.services import changed_here, practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require, require_now
from app.services.outbox import passwords
from app.services.outbox.email import DEFAULT_PORTS, SECURITY, SmtpConfig, send_test_email
from app.services.storage import secret_box

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class EmailDraft:
    """What the Email page collects; `password` None keeps the saved one, "" removes it."""

    host: str = ""
    port: int = 587
    security: str = "starttls"
    username: str = ""
    from_address: str = ""
    password: str | None = None
    reason_in_email: bool = False
    timeout: float = 15.0
    max_attempts: int = 8
    grace_minutes: int = 3  # client messages wait this long, so an undo can still withdraw them
    fee_in_email: bool = True  # the cancellation e-mail states the fee charged and why


# Settings of the Email page kept in their own columns rather than in the SMTP configuration.
_COLUMNS = ("password", "reason_in_email", "grace_minutes", "fee_in_email")
MAX_GRACE_MINUTES = 60
# The Email page's fields as it changes them, named so in a refusal (choosing the security swaps
# a default port); the password is never shown, so it counts as changed only when one is typed
# or the saved one is forgotten.
EMAIL_GROUPS: tuple[changed_here.Group, ...] = (
    (("host",), QT_TRANSLATE_NOOP("outbox", "mail server")),
    (("port", "security"), QT_TRANSLATE_NOOP("outbox", "port and security")),
    (("username",), QT_TRANSLATE_NOOP("outbox", "user name")),
    (("from_address",), QT_TRANSLATE_NOOP("outbox", "from address")),
    (("reason_in_email",), QT_TRANSLATE_NOOP("outbox", "cancellation reason in e-mails")),
    (("fee_in_email",), QT_TRANSLATE_NOOP("outbox", "fee in cancellation e-mails")),
    (("grace_minutes",), QT_TRANSLATE_NOOP("outbox", "wait before client messages go")),
    (("timeout",), QT_TRANSLATE_NOOP("outbox", "timeout")),
    (("max_attempts",), QT_TRANSLATE_NOOP("outbox", "tries before giving up")),
)
PASSWORD_GROUP: changed_here.Group = (("password",), QT_TRANSLATE_NOOP("outbox", "password"))


@dataclass(frozen=True)
class EmailSettings:
    draft: EmailDraft  # as saved, password None
    password_saved: bool
    password_in_keyring: bool
    problem: str | None = None  # the saved password cannot be read here: enter it again
    password_stamp: str = ""  # tells a password another desk saved since from the one read here


@dataclass(frozen=True)
class SaveResult:
    message: str
    warnings: tuple[str, ...] = ()


def loopback(host: str) -> bool:
    return host.strip("[]").lower() in LOOPBACK


def check_number(value: float, low: float, high: float, field: str, what: str) -> None:
    if not low <= value <= high:
        raise ValidationError(
            translate("outbox", "{what} must be between {low} and {high}.").format(
                what=what, low=format(low, "g"), high=format(high, "g")
            ),
            field=field,
        )


def _check_host(host: str) -> None:
    """The mail server as a name or address alone: a web address or a port typed after the name
    (as a provider's help page writes it) would never be found, and every e-mail would fail."""
    if "://" in host or "/" in host or "@" in host:
        raise ValidationError(
            translate(
                "outbox",
                "Enter only the mail server's name, like smtp.example.com, without https://, "
                "an e-mail address or anything after a /.",
            ),
            field="host",
        )
    if host.count(":") == 1:  # "smtp.example.com:587" (an IPv6 address has more colons)
        name, port = host.split(":")
        raise ValidationError(
            translate(
                "outbox",
                "Enter the port in the Port box, not after the server's name: {name} as the "
                "mail server and {port} as the port.",
            ).format(name=name, port=port or "587"),
            field="host",
        )
    if any(ch.isspace() for ch in host) or len(host) > 255:
        raise ValidationError(
            translate("outbox", "Enter the mail server's name, like smtp.example.com."),
            field="host",
        )


def check_email(d: EmailDraft) -> EmailDraft:
    """Refuse what cannot work, with the sentence the Email page shows; returns it trimmed."""
    d = replace(
        d, host=d.host.strip(), username=d.username.strip(), from_address=d.from_address.strip()
    )
    if not 0 <= d.grace_minutes <= MAX_GRACE_MINUTES:
        raise ValidationError(
            translate(
                "outbox",
                "The wait before client messages go must be 0 to {max_grace_minutes} minutes.",
            ).format(max_grace_minutes=MAX_GRACE_MINUTES),
            field="grace_minutes",
        )
    if not d.host:
        return d  # email off: messages wait in the outbox until a server is set
    _check_host(d.host)
    if d.security not in SECURITY:
        raise ValidationError(
            translate("outbox", "Choose how the connection is secured: none, STARTTLS or SSL."),
            field="security",
        )
    check_number(d.port, 1, 65535, "port", "The port")
    if not EMAIL_RE.match(d.from_address):
        raise ValidationError(
            translate(
                "outbox", "Enter the address emails come from, like reception@yourpractice.com.au."
            ),
            field="from_address",
        )
    if d.username and d.security == "none" and not loopback(d.host):
        raise ValidationError(
            translate(
                "outbox",
                "The password would travel unencrypted: choose STARTTLS or SSL, or leave the user name empty.",
            ),
            field="security",
        )
    check_number(d.timeout, 1, 120, "timeout", "The timeout (seconds)")
    check_number(d.max_attempts, 1, 20, "max_attempts", "The number of tries")
    return d


def email_settings(uow: UnitOfWork) -> EmailSettings:
    """The Email page's values as saved."""
    require_now(uow, Permission.SETTINGS)
    row = practice.settings(uow)
    cfg: dict[str, Any] = dict(row.smtp_config or {})
    security = str(cfg.get("security") or "starttls")
    draft = EmailDraft(
        host=str(cfg.get("host") or ""),
        port=int(cfg.get("port") or DEFAULT_PORTS.get(security, 587)),
        security=security,
        username=str(cfg.get("username") or ""),
        from_address=str(cfg.get("from_address") or ""),
        reason_in_email=row.reason_in_email,
        timeout=float(cfg.get("timeout") or 15.0),
        max_attempts=int(cfg.get("max_attempts") or 8),
        grace_minutes=row.message_grace_minutes,
        fee_in_email=row.fee_in_email,
    )
    in_keyring = bool(cfg.get("password_in_keyring"))
    problem = secret_box.problem(uow, cfg.get("password"), secret_box.SMTP_PASSWORD)
    stamp = changed_here.stamp([cfg.get("password"), in_keyring])
    return EmailSettings(draft, in_keyring or bool(cfg.get("password")), in_keyring, problem, stamp)


def email_changed_at_both(
    d: EmailDraft, seen: EmailSettings, now: EmailSettings
) -> list[changed_here.Group]:
    """The Email page's settings changed in `d` since `seen` that another desk changed too."""
    both = changed_here.changed_here(d, seen.draft, now.draft, EMAIL_GROUPS)[1]
    if d.password is not None and now.password_stamp != seen.password_stamp:
        both.append(PASSWORD_GROUP)
    return both


def reopened_email_form(d: EmailDraft, seen: EmailSettings, now: EmailSettings) -> EmailDraft:
    """The Email page after a save refused over another desk's change: the settings as they are
    `now`, keeping what was changed here that nobody else changed (a typed password included)."""
    merged = changed_here.merged(d, seen.draft, now.draft, EMAIL_GROUPS)
    clashed = d.password is not None and now.password_stamp != seen.password_stamp
    return replace(merged, password=None if clashed else d.password)


def email_changed_at_both_desks(both: list[changed_here.Group]) -> ConflictError:
    """The refusal of e-mail settings another desk changed too, naming them."""
    return changed_here.changed_at_both_desks(both, "outbox", translate(
        "outbox",
        "Another desk changed the {names} while the e-mail settings were open here, so nothing "
        "was saved. The form now shows that desk's {names}, and keeps your other changes; make "
        "your change again and save.",
    ))  # fmt: skip


def masked(cfg: dict[str, Any]) -> dict[str, Any]:
    return {k: ("••••" if k in ("password", "secret") and v else v) for k, v in cfg.items()}


def _password_entries(
    uow: UnitOfWork, old: dict[str, Any], d: EmailDraft
) -> tuple[dict[str, Any], list[str]]:
    """Where the password is kept after saving `d`: the keyring when possible, else the settings
    (encrypted: a password saved in plain text by an older FrontDesk is sealed now)."""
    typed = d.password
    if typed is None and old.get("password_in_keyring"):
        moved = (old.get("host"), old.get("username")) != (d.host, d.username)
        # The keyring entry is named after server and user: carry it over when they change.
        if not moved:
            return {"password_in_keyring": True}, []
        typed = passwords.read(str(old.get("host") or ""), str(old.get("username") or "")) or ""
    elif typed is None:
        kept = old.get("password")
        return ({"password": secret_box.sealed(uow, kept)} if kept else {}), []
    if not typed:
        return {}, []
    if passwords.store(d.host, d.username, typed):
        return {"password_in_keyring": True}, []
    warning = translate(
        "outbox",
        "This computer has no password keyring, so the mail password is kept in the "
        "practice database, encrypted.",
    )
    return {"password": secret_box.seal(uow, typed)}, [warning]


def _column_values(reason: bool, grace_minutes: int, fee: bool) -> dict[str, Any]:
    return {"reason_in_email": reason, "message_grace_minutes": grace_minutes, "fee_in_email": fee}


def update_email_settings(
    uow: UnitOfWork, draft: EmailDraft, seen: EmailSettings | None = None
) -> SaveResult:
    """Save the Email page; the password goes to the OS keyring where this computer has one.
    `seen`: the settings the page was opened on: only what was changed since is written
    (another desk's change to the rest stays), and a field another desk changed too is refused
    naming it."""
    require(uow.actor, Permission.SETTINGS)
    d = check_email(draft)
    if seen is not None:
        now = email_settings(uow)
        both = email_changed_at_both(d, seen, now)
        if both:
            raise email_changed_at_both_desks(both)
        merged = changed_here.merged(d, seen.draft, now.draft, EMAIL_GROUPS)
        d = check_email(replace(merged, password=d.password))
    row = practice.settings(uow)
    old: dict[str, Any] = dict(row.smtp_config or {})
    new = {k: v for k, v in asdict(d).items() if k not in _COLUMNS}
    kept, warnings = _password_entries(uow, old, d)
    new.update(kept)
    before = {**masked(old), **_column_values(row.reason_in_email, row.message_grace_minutes,
                                               row.fee_in_email)}  # fmt: skip
    row.smtp_config, row.reason_in_email = new, d.reason_in_email
    row.message_grace_minutes, row.fee_in_email = d.grace_minutes, d.fee_in_email
    audit.record(
        uow,
        "settings.email",
        "practice_settings",
        row.id,
        before=before,
        after={
            **masked(new),
            **_column_values(d.reason_in_email, d.grace_minutes, d.fee_in_email),
        },  # fmt: skip
    )
    message = (
        translate("outbox", "Email settings saved.")
        if d.host
        else translate("outbox", "Email is off; messages wait in the outbox.")
    )
    return SaveResult(message, tuple(warnings))


@dataclass(frozen=True)
class EmailTest:
    config: SmtpConfig
    practice: str


def prepare_email_test(uow: UnitOfWork, draft: EmailDraft) -> EmailTest:
    """The page's values (the saved password unless a new one was typed), ready to test."""
    require_now(uow, Permission.SETTINGS)
    d = check_email(draft)
    if not d.host:
        raise ValidationError(translate("outbox", "Enter the mail server first."), field="host")
    saved: dict[str, Any] = dict(practice.settings(uow).smtp_config or {})
    data = {
        **asdict(d),
        "password": d.password
        if d.password is not None
        else secret_box.reveal(uow, saved.get("password"), secret_box.SMTP_PASSWORD),
    }
    config = SmtpConfig.from_settings(data)
    assert config is not None  # the host was checked above
    return EmailTest(config, practice.settings(uow).name)


def run_email_test(test: EmailTest, to: str, now: datetime) -> str:
    """Send the test email (no transaction open); raises DeliveryError with the reason."""
    return send_test_email(test.config, to.strip(), test.practice, now)
