"""The pure guards behind every refusal and every greyed menu item."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.models.enums import BookingStatus, SessionStatus
from app.models.lifecycle import (
    CANCELLED_SESSION,
    COMPLETED_SESSION,
    NOT_STARTED_COMPLETE,
    NOT_STARTED_DNA,
    NOTHING_BOOKED,
    NOTHING_TO_UNDO,
    STARTED_EDIT,
    STARTED_USE_DNA,
    Action,
    SessionFacts,
    derive_status,
    why_not,
)

START = datetime(2026, 4, 8, 9, tzinfo=UTC)
BEFORE, AFTER = START - timedelta(hours=1), START + timedelta(minutes=5)


def facts(
    status: SessionStatus = SessionStatus.ROSTERED,
    booked: int = 1,
    cancelled: int = 0,
    attended: int = 0,
    dna: int = 0,
    open_cancellations: int = 0,
) -> SessionFacts:
    return SessionFacts(status, START, booked, cancelled, attended, dna, open_cancellations, False)


@pytest.mark.parametrize(
    ("statuses", "by_worker", "expected"),
    [
        ([BookingStatus.BOOKED], False, SessionStatus.ROSTERED),
        ([BookingStatus.BOOKED, BookingStatus.CANCELLED], False, SessionStatus.ROSTERED),
        ([BookingStatus.CANCELLED, BookingStatus.CANCELLED], False, SessionStatus.CANCELLED),
        ([], False, SessionStatus.CANCELLED),
        ([BookingStatus.ATTENDED, BookingStatus.CANCELLED], False, SessionStatus.COMPLETED),
        ([BookingStatus.DNA], False, SessionStatus.COMPLETED),
        ([BookingStatus.BOOKED], True, SessionStatus.CANCELLED),
    ],
)
def test_session_status_is_derived_from_its_bookings(statuses, by_worker, expected) -> None:  # type: ignore[no-untyped-def]
    assert derive_status(statuses, by_worker) is expected


def test_cancel_is_unavailable_once_the_session_has_started_use_did_not_attend() -> None:
    assert why_not(Action.CANCEL, facts(), BEFORE) is None
    assert why_not(Action.CANCEL, facts(), AFTER) == STARTED_USE_DNA
    assert why_not(Action.CANCEL, facts(booked=0, cancelled=1), BEFORE) == NOTHING_BOOKED


def test_complete_and_did_not_attend_only_after_the_start_with_someone_booked() -> None:
    assert why_not(Action.COMPLETE, facts(), BEFORE) == NOT_STARTED_COMPLETE
    assert why_not(Action.DNA, facts(), BEFORE) == NOT_STARTED_DNA
    assert why_not(Action.COMPLETE, facts(), AFTER) is None
    assert why_not(Action.DNA, facts(), AFTER) is None
    assert why_not(Action.COMPLETE, facts(booked=0, attended=1), AFTER) == NOTHING_BOOKED


def test_undo_needs_an_open_cancellation() -> None:
    assert why_not(Action.UNDO, facts(), BEFORE) == NOTHING_TO_UNDO
    assert why_not(Action.UNDO, facts(open_cancellations=1), AFTER) is None


def test_reschedule_and_replace_follow_the_session_status() -> None:
    cancelled = facts(SessionStatus.CANCELLED, booked=0, cancelled=1)
    assert why_not(Action.RESCHEDULE, cancelled, AFTER) is None
    assert why_not(Action.REPLACE_WORKER, facts(), BEFORE) is None
    assert (
        why_not(Action.RESCHEDULE, facts(SessionStatus.COMPLETED, booked=0, attended=1), AFTER)
        == COMPLETED_SESSION
    )
    assert (
        why_not(Action.RESCHEDULE, facts(), AFTER)
        == "This session has started; it can no longer be moved."
    )
    assert CANCELLED_SESSION.startswith("This session is cancelled")


def test_open_copy_and_delete_are_always_offered_the_service_decides_delete() -> None:
    for action in (Action.OPEN, Action.COPY, Action.DELETE):
        assert why_not(action, facts(SessionStatus.COMPLETED, booked=0, attended=1), AFTER) is None


def test_undo_is_greyed_with_the_services_reason_when_something_blocks_it() -> None:
    from dataclasses import replace

    from app.models.lifecycle import UNDO_EXTRACTED

    blocked = replace(facts(open_cancellations=1), undo_blocker=UNDO_EXTRACTED)
    assert why_not(Action.UNDO, blocked, AFTER) == UNDO_EXTRACTED


def test_edit_is_offered_for_a_rostered_session_that_has_not_started() -> None:
    assert why_not(Action.EDIT, facts(), BEFORE) is None
    assert why_not(Action.EDIT, facts(booked=0), BEFORE) is None  # an empty class takes clients
    assert why_not(Action.EDIT, facts(), AFTER) == STARTED_EDIT
    for status in (SessionStatus.CANCELLED, SessionStatus.COMPLETED):
        assert why_not(Action.EDIT, facts(status), BEFORE) == (
            f"This session is {status.value}; only a rostered session can be changed."
        )


def test_take_back_is_greyed_with_the_services_reason_when_no_mark_can_be_taken_back() -> None:
    from dataclasses import replace

    extracted = "Its no-show charge was already extracted for claiming."
    marked = facts(SessionStatus.COMPLETED, booked=0, dna=1)
    assert why_not(Action.UNDO_DNA, marked, AFTER) is None
    blocked = replace(marked, take_back_blocker=extracted)
    assert why_not(Action.UNDO_DNA, blocked, AFTER) == extracted
