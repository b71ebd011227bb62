"""Pure lifecycle rules: the derived session status and why an action is (un)available.

Services raise with these sentences; the schedule greys actions with the same sentences, so a
tooltip and a refusal never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import BookingStatus, SessionStatus


def derive_status(
    booking_statuses: Iterable[BookingStatus], cancelled_by_worker: bool
) -> SessionStatus:
    """Session status from its bookings (SPEC section 1)."""
    statuses = list(booking_statuses)
    if cancelled_by_worker:
        return SessionStatus.CANCELLED
    if any(s == BookingStatus.BOOKED for s in statuses):
        return SessionStatus.ROSTERED
    if all(s == BookingStatus.CANCELLED for s in statuses):
        return SessionStatus.CANCELLED
    return SessionStatus.COMPLETED


class Action(StrEnum):
    """Everything the desk can do to a session."""

    OPEN = "open"
    CANCEL = "cancel"
    UNDO = "undo"
    COMPLETE = "complete"
    DNA = "dna"
    UNDO_DNA = "undo_dna"
    EDIT = "edit"
    RESCHEDULE = "reschedule"
    REPLACE_WORKER = "replace_worker"
    DELETE = "delete"
    COPY = "copy"
    TAKE_PAYMENT = "take_payment"
    NOTE = "note"
    BILL_INSURER = "bill_insurer"


@dataclass(frozen=True)
class SessionFacts:
    """What the guards need to know about one session, gathered by a query."""

    status: SessionStatus
    starts_at: datetime
    booked: int
    cancelled: int
    attended: int
    dna: int
    open_cancellations: int  # cancellations not undone
    cancelled_by_worker: bool
    # Why no standing cancellation can be undone (the latest's reason); None while one can.
    undo_blocker: str | None = None
    # Why no did-not-attend mark can be taken back (their charges extracted); None while one can.
    take_back_blocker: str | None = None


# Module-level sentences, translated where they are shown or raised (`why_not`, the services).
STARTED_USE_DNA = QT_TRANSLATE_NOOP(
    "lifecycle", "This session has started — mark the client as did-not-attend instead."
)
NOTHING_BOOKED = QT_TRANSLATE_NOOP("lifecycle", "No client is still booked in this session.")
NOT_STARTED_COMPLETE = QT_TRANSLATE_NOOP(
    "lifecycle", "This session hasn't started yet; complete it once it has started."
)
NOT_STARTED_DNA = QT_TRANSLATE_NOOP(
    "lifecycle",
    "This session hasn't started yet; a client can only be marked did-not-attend once it has.",
)
NOTHING_TO_UNDO = QT_TRANSLATE_NOOP("lifecycle", "This session has no cancellation to undo.")
NO_DNA_TO_TAKE_BACK = QT_TRANSLATE_NOOP(
    "lifecycle", "No client of this session is marked did-not-attend."
)
UNDO_EXTRACTED = QT_TRANSLATE_NOOP(
    "lifecycle",
    "Its charges were already extracted for claiming, so the cancellation can't be undone; "
    "correct the claim with the funder instead.",
)
CANCELLED_SESSION = QT_TRANSLATE_NOOP(
    "lifecycle", "This session is cancelled; undo the cancellation first, or reschedule it."
)
COMPLETED_SESSION = QT_TRANSLATE_NOOP("lifecycle", "This session is completed; it can't be moved.")
STARTED_EDIT = QT_TRANSLATE_NOOP(
    "lifecycle",
    "This session has started; it can no longer be changed. Record attendance instead.",
)
STARTED_MOVE = QT_TRANSLATE_NOOP(
    "lifecycle", "This session has started; it can no longer be moved."
)
# One whole sentence per status, so a language can put the status where its grammar wants it.
_NOT_ROSTERED_EDIT = {
    SessionStatus.CANCELLED: QT_TRANSLATE_NOOP(
        "lifecycle", "This session is cancelled; only a rostered session can be changed."
    ),
    SessionStatus.COMPLETED: QT_TRANSLATE_NOOP(
        "lifecycle", "This session is completed; only a rostered session can be changed."
    ),
}


def not_rostered_edit(status: SessionStatus) -> str:
    """Why a session that is no longer rostered can't be edited, in the practice's language."""
    return translate("lifecycle", _NOT_ROSTERED_EDIT[SessionStatus(status)])


def why_not(action: Action, facts: SessionFacts, now: datetime) -> str | None:
    """None when `action` applies to a session with `facts` at `now`; otherwise why not, in the
    practice's language (`undo_blocker` and `take_back_blocker` are already: the services
    wrote them)."""
    if action == Action.UNDO:
        return (
            facts.undo_blocker
            if facts.open_cancellations
            else translate("lifecycle", NOTHING_TO_UNDO)
        )
    if action == Action.UNDO_DNA:
        return facts.take_back_blocker if facts.dna else translate("lifecycle", NO_DNA_TO_TAKE_BACK)
    if action == Action.EDIT and facts.status != SessionStatus.ROSTERED:
        return not_rostered_edit(facts.status)
    reason = _why_not(action, facts, now)
    return translate("lifecycle", reason) if reason else None


def _why_not(action: Action, facts: SessionFacts, now: datetime) -> str | None:
    """The English sentence (a catalogue key) of `why_not`, for every other case."""
    started = now >= facts.starts_at
    if action == Action.CANCEL:
        if not facts.booked:  # a completed session has nobody left to mark did-not-attend
            return NOTHING_BOOKED
        return STARTED_USE_DNA if started else None
    if action in (Action.COMPLETE, Action.DNA):
        if not facts.booked:
            return NOTHING_BOOKED
        if not started:
            return NOT_STARTED_COMPLETE if action == Action.COMPLETE else NOT_STARTED_DNA
        return None
    if action == Action.EDIT:
        return STARTED_EDIT if started else None
    if action in (Action.RESCHEDULE, Action.REPLACE_WORKER):
        return _why_not_move(facts, started)
    return None


def _why_not_move(facts: SessionFacts, started: bool) -> str | None:
    if facts.status == SessionStatus.CANCELLED:
        return None  # a cancelled session is rescheduled or replaced by a new linked session
    if facts.status == SessionStatus.COMPLETED:
        return COMPLETED_SESSION
    if started:
        return STARTED_MOVE
    return None
