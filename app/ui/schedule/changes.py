"""What a change set means for each view: which of them must read again, and which need not.

A change set names the sessions, clients and topics a mutation touched. An empty one says
nothing about what changed (an older caller): every view then reloads, as before.
"""

from __future__ import annotations

from app.services.dto import ChangeSet
from app.services.schedule.details import SessionDetails

# Topics whose records the schedule and the Bookings tab paint (names, colours, rows).
SCHEDULE_TOPICS = frozenset({"sessions", "workers", "services", "locations", "clients", "bulk"})
# Topics of mutations that change what the Clients screen lists (credits among it); a bulk
# cancel gives credits back, and a bulk undo takes them again, without naming the clients.
CLIENT_TOPICS = frozenset({"clients", "credits", "bulk", "undo"})
# Topics of mutations that may queue client or integration messages.
MESSAGE_TOPICS = frozenset({"outbox", "settings", "waitlist", "bulk", "sessions"})


def unknown(changes: ChangeSet) -> bool:
    """Nothing named: the caller could not say what changed."""
    return not (changes.sessions or changes.clients or changes.topics)


def touches_schedule(changes: ChangeSet) -> bool:
    """The schedule (and the Bookings tab) shows a changed session or a renamed record."""
    return unknown(changes) or bool(changes.sessions) or bool(changes.topics & SCHEDULE_TOPICS)


def touches_worklist(changes: ChangeSet) -> bool:
    """The unresolved past sessions list: only a session change can resolve or add one."""
    return unknown(changes) or bool(changes.sessions)


def touches_details(changes: ChangeSet, session_id: int, shown: SessionDetails | None) -> bool:
    """The details panel of `session_id`: its session changed, or one of its clients did."""
    if not session_id:
        return False
    if unknown(changes) or session_id in changes.sessions:
        return True
    if shown is None or shown.block.id != session_id:
        return False
    return any(c.client_id in changes.clients for c in shown.block.clients)


def touches_clients(changes: ChangeSet) -> bool:
    """The Clients screen lists a changed client: details, credit balance, state."""
    return unknown(changes) or bool(changes.clients) or bool(changes.topics & CLIENT_TOPICS)


def sends_messages(changes: ChangeSet) -> bool:
    """The change may have queued messages: the outbox sender should look now."""
    return unknown(changes) or bool(changes.sessions) or bool(changes.topics & MESSAGE_TOPICS)


def touches_jobs(changes: ChangeSet) -> bool:
    """The jobs panel lists a changed bulk job (a session of one undone on its own)."""
    return unknown(changes) or "bulk" in changes.topics


def touches_outbox(changes: ChangeSet) -> bool:
    """The outbox lists themselves changed (a message retried, ticked, withdrawn)."""
    return unknown(changes) or "outbox" in changes.topics
