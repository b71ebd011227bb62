"""The feed's messages: a session's event as the one-event calendar a CalDAV server stores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.db import UnitOfWork
from app.models import Session, Worker
from app.models.enums import SessionStatus
from app.services import practice
from app.services.outbox.caldav import DELETE, PUT
from app.services.outbox.notify import short_when
from app.services.reports.ical import CalendarStyle, EventFacts, calendar_of, session_event

PAYLOAD_KEYS = ("action", "session_id", "worker_id", "href", "ics", "calendar_name")


def href(session_id: int, practice_uid: str) -> str:
    """The event's file name in the worker's calendar (its UID without the domain)."""
    return (
        f"session-{session_id}-{practice_uid}.ics" if practice_uid else f"session-{session_id}.ics"
    )


def one_event_ics(facts: EventFacts, style: CalendarStyle, now: datetime) -> bytes:
    """A calendar holding one session's event and its time zone, as CalDAV stores each event."""
    day = facts.starts_at.astimezone(style.tz).date()
    cal = calendar_of(style, [session_event(facts, style, now)], day, day)
    content: bytes = cal.to_ical()
    return content


@dataclass
class Kit:
    """What every message of one transaction shares."""

    uow: UnitOfWork
    style: CalendarStyle
    workers: dict[int, str]

    @classmethod
    def of(cls, uow: UnitOfWork) -> Kit:
        style = CalendarStyle.of(practice.settings(uow))
        return cls(uow, style, {})

    def worker_name(self, worker_id: int) -> str:
        if worker_id not in self.workers:
            w = self.uow.session.get(Worker, worker_id)
            self.workers[worker_id] = w.name if w is not None else f"Worker #{worker_id}"
        return self.workers[worker_id]

    def put(self, session: Session) -> dict[str, Any]:
        """The message storing the session's event in its worker's calendar."""
        facts = EventFacts.of_session(session)
        state = " (cancelled)" if facts.status == SessionStatus.CANCELLED else ""
        return self._message(
            PUT,
            session.id,
            session.id,
            session.worker_id,
            f"{short_when(facts.starts_at, self.style.tz)} {facts.service_name}{state}",
            one_event_ics(facts, self.style, self.uow.now()).decode("utf-8"),
        )

    def delete(
        self, session_id: int, worker_id: int, starts_at: datetime, why: str
    ) -> dict[str, Any]:
        """The message taking the event off a worker's calendar (`why`: moved or deleted)."""
        ref = session_id if why == "moved" else None  # a deleted session has no row to point at
        when = short_when(starts_at, self.style.tz)
        return self._message(DELETE, session_id, ref, worker_id, f"{when} ({why})", "")

    def _message(
        self, action: str, sid: int, ref: int | None, worker_id: int, what: str, ics: str
    ) -> dict[str, Any]:
        name = self.worker_name(worker_id)
        return {
            "action": action,
            "session_id": sid,
            "session_ref": ref,
            "worker_id": worker_id,
            "href": href(sid, self.style.practice_uid),
            "ics": ics,
            "calendar_name": name,
            "subject": f"{name}: {what}" if action == PUT else f"{name}: remove {what}",
        }
