"""What a cancellation tells: each leaving client's notice and the other system's message.

The cancellation writer (`cancel_writer`) gathers these rows with the rest of what it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.models.enums import CancelledBy
from app.services.outbox import notify
from app.services.rows import json_text

if TYPE_CHECKING:
    from app.services.sessions.cancel_writer import Act, Shared, Target


def integration_payload(
    session_id: int,
    starts_at: datetime,
    cancellation_id: int,
    cancelled_by: CancelledBy,
    whole_session: bool,
    client_ids: list[int],
    reason_code: str,
) -> dict[str, Any]:
    """What the practice's other system hears about a cancellation."""
    return {
        "event": "session.cancelled",
        "session_id": session_id,
        "cancellation_id": cancellation_id,
        "cancelled_by": cancelled_by.value,
        "whole_session": whole_session,
        "clients": client_ids,
        "reason": reason_code,
        "starts_at": starts_at.isoformat(),
    }


def notices(
    act: Act,
    t: Target,
    cid: int,
    now: datetime,
    when: dict[datetime, str],
    together: Callable[[int], str] | None,
    shared: Shared,
) -> list[dict[str, Any]]:
    """Each leaving client's notice (with the fee sentence when charged), then the integration's;
    a series' or a bulk job's notices to one client grouped by `together`, to go as one e-mail."""
    settings, sid = act.settings, t.before["id"]
    starts = when.get(t.starts_at)
    if starts is None:  # sessions starting together say it alike
        starts = when[t.starts_at] = notify.local_start(t.starts_at, act.tz)
    facts = notify.facts_of(
        sid, t.starts_at, t.service_name, t.worker_name, act.tz, settings, starts
    )
    if shared.reason is not None:
        facts["reason"] = shared.reason
    said = json_text(facts) if t.leaving else None  # what every notice of the session shares
    out = []
    for x in t.leaving:
        fee = bool(x.fee and shared.fee_in_email)  # a notice of its own facts: written whole
        out.append(notify.client_message_values(
            f"cancellation:{cid}:booking:{x.booking_id}:email", act.topic, sid, x.contact,
            {**facts, "fee": x.fee} if fee else facts, now, wait=shared.wait,
            together=None if together is None else together(x.contact.client_id),
            facts_json=None if fee else said,
        ))  # fmt: skip
    effect = shared.effect
    if effect.status is None:  # no other system
        return out
    payload = integration_payload(sid, t.starts_at, cid, act.cancelled_by, t.whole_session,
                                  [x.contact.client_id for x in t.leaving], act.reason.code)  # fmt: skip
    integration = notify.integration_message_values(
        settings, f"cancellation:{cid}:integration", "cancel", sid, payload, now,
        todo=todo(act, t, effect), effect=effect,
    )  # fmt: skip
    return out if integration is None else [*out, integration]


def todo(act: Act, t: Target, effect: notify.IntegrationEffect) -> str:
    """The manual to-do for one cancelled session, naming its clients as the desk knows them."""
    if not effect.manual_required:
        return ""
    name = str((act.settings.integration_config or {}).get("name") or "the practice system")
    clients = [x.contact.name for x in sorted(t.leaving, key=lambda x: x.booking_id)]
    when = notify.short_when(t.starts_at, act.tz)
    return notify.todo_text("cancel", name, when, t.service_name, t.worker_name, clients)
