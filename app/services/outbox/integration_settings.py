"""The other system's settings (the Integration page): read, validate, save (audited), and send
a signed test event to the webhook."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from app.db import UnitOfWork
from app.errors import ConflictError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import IntegrationKind
from app.services import changed_here, practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require, require_now
from app.services.boundary import Untrusted
from app.services.outbox.adapters import Capabilities, adapter_for
from app.services.outbox.settings import SaveResult, check_number, loopback, masked
from app.services.outbox.webhook import WebhookConfig, send_test_webhook
from app.services.storage import secret_box

MIN_SECRET = 16
# The Integration page's fields, named so in a refusal; the signing secret is never shown, so it
# counts as changed only when one is typed (or generated).
INTEGRATION_GROUPS: tuple[changed_here.Group, ...] = (
    (("kind",), QT_TRANSLATE_NOOP("outbox", "other system")),
    (("name",), QT_TRANSLATE_NOOP("outbox", "other system's name")),
    (("url",), QT_TRANSLATE_NOOP("outbox", "webhook address")),
    (("timeout",), QT_TRANSLATE_NOOP("outbox", "timeout")),
    (("max_attempts",), QT_TRANSLATE_NOOP("outbox", "tries before giving up")),
)
SECRET_GROUP: changed_here.Group = (("secret",), QT_TRANSLATE_NOOP("outbox", "signing secret"))


@dataclass(frozen=True)
class IntegrationDraft(Untrusted):
    """What the Integration page collects; `secret` None keeps the saved one."""

    LABELS: ClassVar[dict[str, str]] = {
        "kind": QT_TRANSLATE_NOOP("fields", "kind"),
    }

    kind: IntegrationKind = IntegrationKind.NONE
    name: str = ""
    url: str = ""
    secret: str | None = None
    timeout: float = 10.0
    max_attempts: int = 8


@dataclass(frozen=True)
class IntegrationSettings:
    draft: IntegrationDraft  # as saved, secret None
    secret_saved: bool
    capabilities: Capabilities
    problem: str | None = None  # the saved secret cannot be read here: enter it again
    secret_stamp: str = ""  # tells a secret another desk saved since from the one read here


def check_integration(d: IntegrationDraft, secret_saved: bool) -> IntegrationDraft:
    """Refuse an integration set-up that cannot work; returns it trimmed."""
    d = replace(d, name=d.name.strip(), url=d.url.strip())
    if d.kind == IntegrationKind.NONE:
        return d
    if not d.name or len(d.name) > 60:
        raise ValidationError(
            translate("outbox", "Name the other system (up to 60 characters), e.g. PracticeHub."),
            field="name",
        )
    if d.kind == IntegrationKind.WEBHOOK:
        parts = urlsplit(d.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationError(
                translate("outbox", "Enter the webhook address, starting with https://."),
                field="url",
            )
        if parts.scheme == "http" and not loopback(parts.hostname):
            raise ValidationError(
                translate(
                    "outbox",
                    "Use an https:// address so client details travel encrypted (plain http is only allowed to this computer).",
                ),
                field="url",
            )
        if d.secret is not None and len(d.secret) < MIN_SECRET:
            raise ValidationError(
                translate(
                    "outbox", "The signing secret needs at least {min_secret} characters."
                ).format(min_secret=MIN_SECRET),
                field="secret",
            )
        if d.secret is None and not secret_saved:
            raise ValidationError(
                translate("outbox", "Enter or generate a signing secret for the webhook."),
                field="secret",
            )
        check_number(d.timeout, 1, 120, "timeout", "The timeout (seconds)")
        check_number(d.max_attempts, 1, 20, "max_attempts", "The number of tries")
    return d


def new_webhook_secret() -> str:
    """A random signing secret to paste into the other system."""
    return secrets.token_hex(32)


def integration_settings(uow: UnitOfWork) -> IntegrationSettings:
    """The Integration page's values as saved."""
    require_now(uow, Permission.SETTINGS)
    row = practice.settings(uow)
    cfg: dict[str, Any] = dict(row.integration_config or {})
    draft = IntegrationDraft(
        kind=row.integration_kind,
        name=str(cfg.get("name") or ""),
        url=str(cfg.get("url") or ""),
        timeout=float(cfg.get("timeout") or 10.0),
        max_attempts=int(cfg.get("max_attempts") or 8),
    )
    problem = secret_box.problem(uow, cfg.get("secret"), secret_box.WEBHOOK_SECRET)
    capabilities = adapter_for(row.integration_kind).capabilities
    stamp = changed_here.stamp(cfg.get("secret"))
    return IntegrationSettings(draft, bool(cfg.get("secret")), capabilities, problem, stamp)


def integration_changed_at_both(
    d: IntegrationDraft, seen: IntegrationSettings, now: IntegrationSettings
) -> list[changed_here.Group]:
    """The Integration page's settings changed in `d` since `seen` that another desk changed
    too."""
    both = changed_here.changed_here(d, seen.draft, now.draft, INTEGRATION_GROUPS)[1]
    if d.secret is not None and now.secret_stamp != seen.secret_stamp:
        both.append(SECRET_GROUP)
    return both


def reopened_integration_form(
    d: IntegrationDraft, seen: IntegrationSettings, now: IntegrationSettings
) -> IntegrationDraft:
    """The Integration page after a save refused over another desk's change: the settings as
    they are `now`, keeping what was changed here that nobody else changed (a typed secret
    included)."""
    merged = changed_here.merged(d, seen.draft, now.draft, INTEGRATION_GROUPS)
    clashed = d.secret is not None and now.secret_stamp != seen.secret_stamp
    return replace(merged, secret=None if clashed else d.secret)


def integration_changed_at_both_desks(both: list[changed_here.Group]) -> ConflictError:
    """The refusal of integration settings another desk changed too, naming them."""
    return changed_here.changed_at_both_desks(both, "outbox", translate(
        "outbox",
        "Another desk changed the {names} while the integration settings were open here, so "
        "nothing was saved. The form now shows that desk's {names}, and keeps your other "
        "changes; make your change again and save.",
    ))  # fmt: skip


def update_integration_settings(
    uow: UnitOfWork, draft: IntegrationDraft, seen: IntegrationSettings | None = None
) -> SaveResult:
    """Save the Integration page (the kind, the other system's name, the webhook). `seen`: the
    settings the page was opened on: only what was changed since is written (another desk's
    change to the rest stays), and a field another desk changed too is refused naming it."""
    require(uow.actor, Permission.SETTINGS)
    row = practice.settings(uow)
    old: dict[str, Any] = dict(row.integration_config or {})
    d = check_integration(draft, bool(old.get("secret")))
    if seen is not None:
        now = integration_settings(uow)
        both = integration_changed_at_both(d, seen, now)
        if both:
            raise integration_changed_at_both_desks(both)
        merged = changed_here.merged(d, seen.draft, now.draft, INTEGRATION_GROUPS)
        d = check_integration(replace(merged, secret=d.secret), bool(old.get("secret")))
    new = {
        **old,
        "name": d.name,
        "url": d.url,
        "timeout": d.timeout,
        "max_attempts": d.max_attempts,
    }
    if d.secret is not None:
        new["secret"] = secret_box.seal(uow, d.secret)
    elif new.get("secret"):  # one saved in plain text by an older FrontDesk is sealed now
        new["secret"] = secret_box.sealed(uow, new["secret"])
    before = {**masked(old), "kind": row.integration_kind.value}
    row.integration_kind, row.integration_config = d.kind, new
    audit.record(
        uow,
        "settings.integration",
        "practice_settings",
        row.id,
        before=before,
        after={**masked(new), "kind": d.kind.value},
    )
    label = translate("settings", adapter_for(d.kind).label)  # as the dialog names it
    return SaveResult(translate("outbox", "Integration saved: {kind}.").format(kind=label))


@dataclass(frozen=True)
class WebhookTest:
    config: WebhookConfig
    practice: str


def prepare_webhook_test(uow: UnitOfWork, draft: IntegrationDraft) -> WebhookTest:
    """The page's webhook values (the saved secret unless a new one was typed), ready to test."""
    require_now(uow, Permission.SETTINGS)
    saved: dict[str, Any] = dict(practice.settings(uow).integration_config or {})
    d = check_integration(replace(draft, kind=IntegrationKind.WEBHOOK), bool(saved.get("secret")))
    secret = (
        d.secret
        if d.secret is not None
        else secret_box.reveal(uow, saved.get("secret"), secret_box.WEBHOOK_SECRET)
    )
    config = WebhookConfig(d.url, secret, d.timeout, d.max_attempts)
    return WebhookTest(config, practice.settings(uow).name)


def run_webhook_test(test: WebhookTest, now: datetime) -> str:
    """POST a signed test event (no transaction open); raises DeliveryError with the reason."""
    return send_test_webhook(test.config, test.practice, now)
