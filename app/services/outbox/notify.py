"""Outbox rows for client notifications and integration messages, planned and written."""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Client, OutboxMessage, PracticeSettings, Session
from app.models.enums import BookingStatus, IntegrationKind, OutboxChannel, OutboxStatus
from app.models.money import format_money
from app.models.notice_text import describe_notice
from app.models.rules import NoticeWorking
from app.services import practice
from app.services.dto import PlannedMessage
from app.services.rows import JsonText, json_with

TOPIC_TEXT = {
    "cancel": QT_TRANSLATE_NOOP("notify", "cancellation notice"),
    "cancel_worker": QT_TRANSLATE_NOOP("notify", "cancellation notice (practitioner unavailable)"),
    "cancel_practice": QT_TRANSLATE_NOOP("notify", "cancellation notice (practice closure)"),
    "undo": QT_TRANSLATE_NOOP("notify", "“your booking is back” notice"),
    "dna": QT_TRANSLATE_NOOP("notify", "did-not-attend notice"),
    "reschedule": QT_TRANSLATE_NOOP("notify", "new time notice"),
    "bulk_closure": QT_TRANSLATE_NOOP("notify", "closure notice"),
    "fee_withdrawn": QT_TRANSLATE_NOOP("notify", "“cancellation fee withdrawn” notice"),
    "invoice": QT_TRANSLATE_NOOP("notify", "invoice"),
}
# Messages to the address they were queued for, about no session (an invoice e-mailed to a
# plan manager): nothing of the client's consent or sessions makes them untrue.
ADDRESSED_TOPICS = frozenset({"invoice"})

# Operations the other system should hear about.
INTEGRATION_TOPICS = {"cancel", "undo", "delete", "complete", "dna", "dna_undo", "reschedule"}
# Client messages saying a booking is cancelled: an undo or a re-booking makes them untrue.
CANCEL_TOPICS = frozenset(
    {"cancel", "cancel_worker", "cancel_practice", "bulk_closure", "fee_withdrawn"}
)
# The client notices of one series cancellation, or of one bulk cancellation (a closure), for one
# client carry a group key under this name in their payload: a row per session still (an undo
# withdraws just its own), sent as one e-mail listing the sessions (`sender`).
TOGETHER = "together"
# …and once that e-mail went, the rows it was sent for, kept on each of them.
SENT_TOGETHER = "sent_together"
# The rows of one e-mail may fall due a moment apart: a bulk job writes them batch by batch, a
# fraction of a second each. The sender's pass that takes one of them takes the group's rows due
# up to this long after the earliest it took; and a bulk job's notices wait at least this long
# (`closure_wait`), so by then every batch written meanwhile is there to go with them. A pass
# between two batches does not split a client's e-mail in two.
TOGETHER_WINDOW = timedelta(minutes=1)
# What the person must do in the other system, per operation ({when} {what} {who} {system}).
# Translated where the to-do is written (`todo_text`).
TODO_WORDING = {
    "cancel": QT_TRANSLATE_NOOP(
        "outbox", "Cancel {when} {what} for {who} in {system}, then tick it done here."
    ),
    "undo": QT_TRANSLATE_NOOP(
        "outbox",
        "Restore {when} {what} for {who} in {system} (the cancellation was undone), then tick it "
        "done here.",
    ),
    "reschedule": QT_TRANSLATE_NOOP(
        "outbox", "Move {what} for {who} to {when} in {system}, then tick it done here."
    ),
    "complete": QT_TRANSLATE_NOOP(
        "outbox", "Mark {when} {what} as attended by {who} in {system}, then tick it done here."
    ),
    "dna": QT_TRANSLATE_NOOP(
        "outbox",
        "Mark {who} as did-not-attend for {when} {what} in {system}, then tick it done here.",
    ),
    "dna_undo": QT_TRANSLATE_NOOP(
        "outbox",
        "Take back the did-not-attend mark of {who} for {when} {what} in {system} "
        "(it was entered by mistake), then tick it done here.",
    ),
    "delete": QT_TRANSLATE_NOOP(
        "outbox", "Delete {when} {what} for {who} in {system}, then tick it done here."
    ),
}


@dataclass(frozen=True)
class IntegrationEffect:
    text: str
    manual_required: bool
    status: OutboxStatus | None  # None: nothing to write


class Contact(NamedTuple):
    """A client as a notice needs them: from a loaded client or from plain rows (bulk jobs)."""

    client_id: int
    name: str
    first_name: str
    email: str | None
    consent: bool

    @classmethod
    def of(cls, client: Client) -> Contact:
        return cls(
            client.id, client.display_name, client.first_name, client.email, client.notify_consent
        )


def client_message(client: Client | Contact, topic: str) -> PlannedMessage:
    """What will happen for this client: an email, or why not."""
    return message_planner(topic)(client)


def message_planner(topic: str) -> Callable[[Client | Contact], PlannedMessage]:
    """`client_message` for the clients of one topic, its texts looked up once (a bulk plan
    asks it for thousands of clients)."""
    summary = translate("notify", TOPIC_TEXT.get(topic, topic))
    email_to = translate("notify", "Email {summary} to {name}")

    def planned(client: Client | Contact) -> PlannedMessage:
        who = client if isinstance(client, Contact) else Contact.of(client)
        why = why_not_sent(who)
        if why is not None:
            return PlannedMessage("email", who.name, summary, False, why)
        return PlannedMessage("email", who.email or "", email_to.format(summary=summary,
                              name=who.name), True)  # fmt: skip

    return planned


def why_not_sent(who: Contact) -> str | None:
    """Why no e-mail goes to this client (no consent, no address), or None: it goes."""
    if not who.consent:
        return translate("notify", "no consent to be contacted")
    if not who.email:
        return translate("notify", "no email address on file")
    return None


def integration_effect(settings: PracticeSettings, topic: str) -> IntegrationEffect:
    """What the practice's other system gets for `topic`."""
    kind = settings.integration_kind
    if kind == IntegrationKind.NONE or topic not in INTEGRATION_TOPICS:
        return IntegrationEffect(translate("outbox", "No other system to update."), False, None)
    name = str(
        settings.integration_config.get("name") or translate("outbox", "the practice system")
    )
    if kind == IntegrationKind.WEBHOOK:
        said = translate("outbox", "{name} is updated automatically.").format(name=name)
        return IntegrationEffect(said, False, OutboxStatus.PENDING)
    return IntegrationEffect(
        translate(
            "outbox",
            "Manual update required: also make this change in {name} yourself; "
            "it stays on the to-do list until you tick it done.",
        ).format(name=name),
        True,
        OutboxStatus.MANUAL,
    )


def session_facts(session: Session, tz: ZoneInfo, settings: PracticeSettings) -> dict[str, Any]:
    """The facts a message template needs, in the practice's local time."""
    return facts_of(
        session.id, session.starts_at, session.service.name, session.worker.name, tz, settings
    )


def local_start(starts_at: datetime, tz: ZoneInfo) -> str:
    """When a session starts, as its messages say it: "Tuesday 14 April 2026, 8:00 AM"."""
    return when_text(starts_at.astimezone(tz), "%A %d %B %Y, %I:%M %p").replace(" 0", " ")


def facts_of(
    session_id: int,
    starts_at: datetime,
    service: str,
    worker: str,
    tz: ZoneInfo,
    settings: PracticeSettings,
    starts_local: str | None = None,
) -> dict[str, Any]:
    """`session_facts` from plain values; `starts_local` is `local_start(starts_at, tz)` when the
    caller has it already (the sessions of a bulk batch share their starts)."""
    return {
        "practice": settings.name,
        # The signature's contact lines (practice settings ▸ Provider details).
        "practice_phone": settings.phone,
        "practice_email": settings.email,
        "session_id": session_id,
        "service": service,
        "worker": worker,
        "starts_local": local_start(starts_at, tz) if starts_local is None else starts_local,
        "starts_utc": starts_at.isoformat(),
    }


def write_client_message(
    uow: UnitOfWork,
    *,
    key: str,
    topic: str,
    session: Session,
    client: Client,
    facts: dict[str, Any],
) -> OutboxMessage:
    """Queue the email (or record why none goes) in the current transaction."""
    wait = grace(practice.settings(uow))
    row = OutboxMessage(
        **client_message_values(
            key, topic, session.id, Contact.of(client), facts, uow.now(), wait=wait
        )
    )
    uow.session.add(row)
    return row


def grace(settings: PracticeSettings) -> timedelta:
    """How long a client message waits before it may go, so an undo can still withdraw it."""
    return timedelta(minutes=max(0, settings.message_grace_minutes or 0))


def together_key(first_cancellation_id: int, client_id: int) -> str:
    """The group key of one client's notices of one series cancellation."""
    return f"series:{first_cancellation_id}:client:{client_id}"


def closure_wait(settings: PracticeSettings) -> timedelta:
    """How long a bulk job's client notices wait: the grace period, and at least
    `TOGETHER_WINDOW` even when the practice sends at once."""
    return max(grace(settings), TOGETHER_WINDOW)


def closure_key(job_id: int, client_id: int) -> str:
    """The group key of one client's notices of one bulk cancellation, whichever of the job's
    batches wrote them."""
    return f"bulk:{job_id}:client:{client_id}"


def is_closure(key: str) -> bool:
    """Whether a group key is a bulk cancellation's (`closure_key`), not a series'."""
    return key.startswith("bulk:")


def client_message_values(
    key: str,
    topic: str,
    session_id: int,
    who: Contact,
    facts: dict[str, Any],
    now: datetime,
    *,
    wait: timedelta,
    together: str | None = None,
    facts_json: JsonText | None = None,
) -> dict[str, Any]:
    """The outbox row of a client notice, as column values; it may go `wait` after `now`.

    Rows given the same `together` key go as one e-mail when they are due at once.
    `facts_json`: `facts` already encoded (`json_text`), which the payload is written on from
    (rows for `insert_rows` only: the ORM takes a dict).
    """
    why_not = why_not_sent(who)
    more = {"client": who.name, "first_name": who.first_name}
    if together is not None:
        more[TOGETHER] = together
    payload = {**facts, **more} if facts_json is None else json_with(facts_json, more)
    return {
        "channel": OutboxChannel.EMAIL,
        "topic": topic,
        "idempotency_key": unique_key(key),
        "session_id": session_id,
        "client_id": who.client_id,
        "recipient": who.email or "",
        "subject": f"{facts['practice']}: {TOPIC_TEXT.get(topic, topic)}",
        "payload": payload,
        "status": OutboxStatus.PENDING if why_not is None else OutboxStatus.SKIPPED,
        "status_reason": why_not or "",
        "created_at": now,
        "next_attempt_at": now + wait if why_not is None else None,
    }


def write_integration_message(
    uow: UnitOfWork,
    settings: PracticeSettings,
    *,
    key: str,
    topic: str,
    session_id: int | None,
    payload: dict[str, Any],
    created_at: datetime,
) -> OutboxMessage | None:
    """Queue the event for the other system, or a manual to-do; nothing when standalone."""
    todo = manual_todo(uow, settings, topic, session_id, payload)
    values = integration_message_values(
        settings, key, topic, session_id, payload, created_at, todo=todo
    )
    if values is None:
        return None
    row = OutboxMessage(**values)
    uow.session.add(row)
    return row


def integration_message_values(
    settings: PracticeSettings,
    key: str,
    topic: str,
    session_id: int | None,
    payload: dict[str, Any],
    created_at: datetime,
    *,
    todo: str = "",
    effect: IntegrationEffect | None = None,
) -> dict[str, Any] | None:
    """The outbox row for the other system as column values; None when standalone.

    A manual to-do says what to change there (`todo`), or the general wording without it.
    `effect` is `integration_effect(settings, topic)` when the caller has it already.
    """
    if effect is None:
        effect = integration_effect(settings, topic)
    if effect.status is None:
        return None
    why = (todo or effect.text) if effect.manual_required else ""
    return {
        "channel": OutboxChannel.INTEGRATION,
        "topic": topic,
        "idempotency_key": unique_key(key),
        "session_id": session_id,
        "client_id": None,
        "recipient": "",
        "subject": "",
        "payload": payload,
        "status": effect.status,
        "status_reason": why[:255],
        "created_at": created_at,
        "next_attempt_at": created_at if effect.status == OutboxStatus.PENDING else None,
    }


def unique_key(about: str) -> str:
    """An idempotency key: what the message is about, and a random token.

    Ids in `about` may repeat after a restore of an older backup, and the other system keeps
    the keys it has seen; the token makes every message's key its own. Retries of one row
    send the same key.
    """
    return f"{about[:100]}:{_TOKENS.getrandbits(64):016x}"


# The tokens must differ, not be secret: drawn from a generator seeded once from the system's
# randomness, not a system call per message (a closure queues thousands at once).
_TOKENS = random.Random(os.urandom(32))


def fee_sentence(charge_cents: int, notice: NoticeWorking) -> str:
    """What the client is charged and why, as the cancellation e-mail states it; "" when free."""
    if charge_cents <= 0:
        return ""
    if notice.clear_days is not None:
        n = notice.clear_days  # a plain name: the catalogue's reader finds the count by it
        given = translate("email", "%n clear business day(s)", None, n)
    else:  # "1 day", not "1 day 0 hours"
        given = describe_notice(notice.notice, drop_zero=True)
    return translate(
        "email",
        "A cancellation fee of {fee} applies: you gave {given} of notice "
        "and this service needs {threshold}.",
    ).format(fee=format_money(charge_cents), given=given, threshold=notice.threshold_text)


def todo_text(
    topic: str, system: str, when: str, service: str, worker: str, clients: Sequence[str]
) -> str:
    """The manual to-do: what to change in the other system, naming session, time and clients."""
    wording = TODO_WORDING.get(topic)
    if wording is None:
        return ""
    who = _names(clients)
    what = translate("outbox", "{service} with {worker}").format(service=service, worker=worker)
    return translate("outbox", wording).format(when=when, what=what, who=who, system=system)


def _names(clients: Sequence[str]) -> str:
    if not clients:
        return translate("outbox", "no client")
    if len(clients) > 3:
        return translate("outbox", "{names} and {more} more").format(
            names=", ".join(clients[:3]), more=len(clients) - 3
        )
    if len(clients) == 1:
        return clients[0]
    return translate("outbox", "{names} and {last}").format(
        names=", ".join(clients[:-1]), last=clients[-1]
    )


def short_when(moment: datetime, tz: ZoneInfo) -> str:
    """A session's date-time as a to-do names it: "Tue 7 Apr 09:00"."""
    local = moment.astimezone(tz)
    return f"{when_text(local, '%a')} {local.day} {when_text(local, '%b %H:%M')}"


def manual_todo(
    uow: UnitOfWork,
    settings: PracticeSettings,
    topic: str,
    session_id: int | None,
    payload: dict[str, Any],
) -> str:
    """The to-do for a change to a session still on file; "" when it can't be named."""
    if not integration_effect(settings, topic).manual_required or session_id is None:
        return ""
    session = uow.session.get(Session, session_id)
    if session is None:
        return ""
    wanted = payload.get("clients")
    if isinstance(wanted, list):
        picked = [b for b in session.bookings if b.client_id in set(wanted)]
    else:
        picked = [b for b in session.bookings if b.status == BookingStatus.BOOKED]
    tz = ZoneInfo(settings.time_zone)
    return todo_text(
        topic,
        str((settings.integration_config or {}).get("name") or "the practice system"),
        short_when(session.starts_at, tz),
        session.service.name,
        session.worker.name,
        [b.client.display_name for b in picked],
    )
