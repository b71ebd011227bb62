"""Delete… on a session that has already happened: a finalized clinical note or an insurer's
claim blocks a permanent delete, and since a cancellation can no longer apply, the cure each
blocker names is one the receptionist can do, never "apply a cancellation instead"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QRadioButton
from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import ClinicalNote, InsuranceClaim, Session, User
from app.models.enums import SessionKind, SessionStatus
from tests.ui.flows.driver import button, dialogs, field, from_context_menu, press
from tests.ui.flows.test_flow_delete import PERMANENT, shown_text


def completed_session(s: OrmSession, now: Any) -> Session:
    """The latest completed one-client session before now."""
    found = s.scalar(
        select(Session)
        .where(Session.status == SessionStatus.COMPLETED, Session.starts_at < now,
               Session.kind == SessionKind.INDIVIDUAL)
        .order_by(Session.starts_at.desc())
        .limit(1)
    )  # fmt: skip
    assert found is not None, "the demo practice has no completed session"
    return found


def with_a_finalized_note(s: OrmSession, now: Any) -> int:
    session = completed_session(s, now)
    author = s.scalar(select(User.id).where(User.username == "manager"))
    s.add(ClinicalNote(session_id=session.id, author_id=author, body="Seen; plan agreed.",
                       finalized=True, created_at=now, finalized_at=now))  # fmt: skip
    return session.id


def billed_to_insurance(s: OrmSession, now: Any) -> int:
    session = completed_session(s, now)
    s.add(InsuranceClaim(session_id=session.id, client_id=session.bookings[0].client_id,
                         insurer="Bupa", claim_number="BUPA-400001", amount_cents=9500,
                         billed_at=now))  # fmt: skip
    return session.id


BLOCKERS: dict[str, tuple[Callable[[OrmSession, Any], int], str]] = {
    "note": (with_a_finalized_note, "A session with a finalized note can't be deleted; "),
    "insurance": (billed_to_insurance, "A session ever billed to insurance can never be deleted."),
}


@pytest.mark.parametrize("blocker", list(BLOCKERS))
def test_a_blocked_delete_of_a_session_that_happened_names_a_cure_that_can_be_done(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, blocker: str
) -> None:
    make, cure = BLOCKERS[blocker]
    with OrmSession(demo_ctx.db.engine) as s:
        sid = make(s, demo_ctx.db.clock())
        s.commit()
    window = open_window(demo_ctx, "manager")
    seen: dict[str, str] = {}

    def blocked(w: Any) -> None:
        seen["text"] = shown_text(w)
        assert not field(w, PERMANENT, QRadioButton).isEnabled()
        assert not button(w, "Delete permanently").isEnabled()
        press(w, "Cancel")

    with dialogs(blocked):
        from_context_menu(window, sid, "Delete…")

    text = seen["text"]
    assert cure in text, text
    assert "Apply cancellation is not possible: No client is still booked in this session." in text
    # The cure must not send the person to the choice the same dialog says is not possible.
    assert "apply a cancellation instead" not in text, text
    assert "leave the session as it is: it has already started" in text, text
    with OrmSession(demo_ctx.db.engine) as s:  # nothing changed
        session = s.get(Session, sid)
        assert session is not None and session.status == SessionStatus.COMPLETED
        kept = ClinicalNote if blocker == "note" else InsuranceClaim
        assert s.scalar(select(func.count()).where(kept.session_id == sid)) == 1
