"""Practice ▸ Calendar feed: how clients are named on workers' calendars, and where the live
feed publishes each worker's calendar (read, check, save audited, send a test, publish now).

The password is sealed in the practice's settings as the webhook secret is
(app.services.storage.secret_box), so every desk that sends the outbox can use it; the
operating system's keyring holds one computer's secrets only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import translate
from app.models import Session, Worker
from app.models.enums import SessionStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require, require_now
from app.services.calendar_feed import events, hook
from app.services.outbox.caldav import CALDAV_PASSWORD, CaldavConfig, send_test_event
from app.services.reports.ical import INITIALS, NAME_CHOICES, CalendarStyle, EventFacts
from app.services.storage import secret_box

PUBLISH_DAYS = 56  # "Publish now" sends the sessions of the last week and the next eight


@dataclass(frozen=True)
class FeedDraft:
    """What the dialog collects; `password` None keeps the saved one, "" removes it."""

    names: str = INITIALS
    enabled: bool = False
    base_url: str = ""
    username: str = ""
    password: str | None = None
    paths: dict[int, str] = field(default_factory=dict)  # worker id → folder or address


@dataclass(frozen=True)
class FeedSettings:
    draft: FeedDraft  # as saved, password None
    password_saved: bool
    workers: tuple[tuple[int, str], ...]  # the active workers, by name
    problem: str | None = None  # the saved password cannot be read here: enter it again


@dataclass(frozen=True)
class FeedTest:
    config: CaldavConfig
    worker_id: int
    worker: str
    ics: bytes


def _workers(uow: UnitOfWork) -> tuple[tuple[int, str], ...]:
    rows = uow.session.execute(
        select(Worker.id, Worker.name).where(Worker.active.is_(True)).order_by(Worker.name)
    ).all()
    return tuple((int(i), str(n)) for i, n in rows)


def feed_settings(uow: UnitOfWork) -> FeedSettings:
    """The dialog's values as saved."""
    require_now(uow, Permission.SETTINGS)
    row = practice.settings(uow)
    cfg: dict[str, Any] = dict(row.calendar_feed_config or {})
    draft = FeedDraft(
        names=row.calendar_client_names if row.calendar_client_names in NAME_CHOICES else INITIALS,
        enabled=bool(cfg.get("enabled")),
        base_url=str(cfg.get("base_url") or ""),
        username=str(cfg.get("username") or ""),
        paths={int(k): str(v) for k, v in dict(cfg.get("paths") or {}).items() if v},
    )
    problem = secret_box.problem(uow, cfg.get("password"), CALDAV_PASSWORD)
    return FeedSettings(draft, bool(cfg.get("password")), _workers(uow), problem)


def check_feed(draft: FeedDraft) -> FeedDraft:
    """The draft tidied, or a ValidationError naming the field and what to enter."""
    if draft.names not in NAME_CHOICES:
        raise ValidationError(
            translate("calendar", "Choose how clients are named on the calendars."), field="names"
        )
    url = draft.base_url.strip()
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError(
                translate(
                    "calendar",
                    "Enter the calendar server's address starting with https:// (for example "
                    "https://cloud.example.com/remote.php/dav/calendars/frontdesk/).",
                ),
                field="base_url",
            )
    elif draft.enabled:
        raise ValidationError(
            translate("calendar", "Enter the calendar server's address to turn the live feed on."),
            field="base_url",
        )
    paths = {w: p.strip() for w, p in draft.paths.items() if p.strip()}
    return FeedDraft(draft.names, draft.enabled, url, draft.username.strip(), draft.password, paths)


def save_feed_settings(uow: UnitOfWork, draft: FeedDraft) -> str:
    """Save the dialog (audited, the password sealed); the sentence to show."""
    require(uow.actor, Permission.SETTINGS)
    d = check_feed(draft)
    row = practice.settings(uow)
    old: dict[str, Any] = dict(row.calendar_feed_config or {})
    # The dialog lists the active workers: a worker it did not show (made inactive, their
    # sessions still to come published) keeps the calendar saved for them.
    shown = {int(w) for w in draft.paths}
    unseen = {k: v for k, v in dict(old.get("paths") or {}).items() if int(k) not in shown}
    new: dict[str, Any] = {
        **old,
        "enabled": d.enabled,
        "base_url": d.base_url,
        "username": d.username,
        "paths": {**unseen, **{str(w): p for w, p in d.paths.items()}},
    }
    if d.password is not None:
        new["password"] = secret_box.seal(uow, d.password)
    before = {**_masked(old), "names": row.calendar_client_names}
    row.calendar_feed_config, row.calendar_client_names = new, d.names
    audit.record(uow, "settings.calendar_feed", "practice_settings", row.id,
                 before=before, after={**_masked(new), "names": d.names})  # fmt: skip
    names = NAME_CHOICES[d.names].split(" (")[0].lower()
    if not d.enabled:
        return translate(
            "calendar", "Calendar settings saved: clients show as {names}; the live feed is off."
        ).format(names=names)
    return translate(
        "calendar",
        "Calendar settings saved: clients show as {names}; each change of a session is "
        "published to the workers' calendars.",
    ).format(names=names)


def _masked(cfg: dict[str, Any]) -> dict[str, Any]:
    return {**cfg, "password": "••••" if cfg.get("password") else ""}


def prepare_feed_test(uow: UnitOfWork, draft: FeedDraft, worker_id: int) -> FeedTest:
    """The dialog's values (the saved password unless a new one was typed), ready to test."""
    require_now(uow, Permission.SETTINGS)
    d = check_feed(draft)
    if not d.base_url:
        raise ValidationError(
            translate("calendar", "Enter the calendar server's address first."), field="base_url"
        )
    saved: dict[str, Any] = dict(practice.settings(uow).calendar_feed_config or {})
    password = (
        d.password
        if d.password is not None
        else secret_box.reveal(uow, saved.get("password"), CALDAV_PASSWORD)
    )
    config = CaldavConfig(d.base_url, d.username, password, dict(d.paths))
    worker = uow.session.get(Worker, worker_id)
    if worker is None:
        raise ValidationError(
            translate("calendar", "Choose a worker whose calendar to test."), field="worker"
        )
    return FeedTest(config, worker.id, worker.name, _test_ics(uow, worker))


def _test_ics(uow: UnitOfWork, worker: Worker) -> bytes:
    style = CalendarStyle.of(practice.settings(uow))
    now = uow.now()
    facts = EventFacts(
        0, 1, worker.id, worker.name, "TEST", "FrontDesk test event", "",
        now + timedelta(hours=1), now + timedelta(hours=2), SessionStatus.ROSTERED, (),
    )  # fmt: skip
    return events.one_event_ics(facts, style, now)


def run_feed_test(test: FeedTest, now: datetime) -> str:
    """PUT and DELETE a test event (no transaction open); raises DeliveryError with the reason."""
    return send_test_event(test.config, test.worker_id, test.worker, test.ics, now)


def publish_now(uow: UnitOfWork) -> int:
    """Queue every session of the last week and the next eight for the feed; the number."""
    require(uow.actor, Permission.SETTINGS)
    if not hook.feed_on(uow):
        raise ValidationError(
            translate(
                "calendar",
                "Turn the live feed on and save first; then the schedule can be published.",
            ),
            field="enabled",
        )
    now = uow.now()
    ids = uow.session.scalars(
        select(Session.id).where(
            Session.starts_at >= now - timedelta(days=7),
            Session.starts_at < now + timedelta(days=PUBLISH_DAYS),
        )
    ).all()
    return hook.queue_changes(uow, {int(i): set() for i in ids}, {})
