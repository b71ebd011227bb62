"""Edit session… while another desk moves or cancels the same session: Save writes nothing over
the other desk's change; this desk is told, and the form opens again on the session as it is
now (or says why it can no longer be changed), so the person can go on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QMessageBox, QSpinBox

from app.bootstrap import AppContext
from app.models import Session
from app.models.enums import SessionStatus
from app.services.desk import open_desk
from app.services.dto import CancelRequest
from app.services.sessions.cancel import cancel, reasons_for
from app.services.vocabulary import CancelledBy
from tests.ui.flows import data
from tests.ui.flows.driver import click_session, dialogs, field, press, shortcut, type_into
from tests.ui.flows.test_flow_changed_at_another_desk import (
    CHANGED,
    _move_an_hour_on,
    told_changed,
)


def _now(ctx: AppContext, sid: int) -> tuple[Any, Any, SessionStatus]:
    def pick(orm: Any) -> tuple[Any, Any, SessionStatus]:
        s = orm.get(Session, sid)
        return s.starts_at, s.ends_at - s.starts_at, s.status

    return data.read(ctx, pick)


def _longer(qtbot: Any, w: Any, shown: list[int]) -> None:
    """Fifteen minutes longer, then Save (and Save anyway if a warning asks)."""
    length = field(w, "Length", QSpinBox)
    shown.append(length.value())
    type_into(qtbot, length, str(length.value() + 15))
    press(w, "Save")
    if w.isVisible() and not w.warnings.isHidden():
        press(w, "Save anyway")


def test_edit_after_another_desk_moved_the_session_reopens_on_the_new_time_and_keeps_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    start, length, _status = _now(demo_ctx, sid)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    told: list[str] = []
    lengths: list[int] = []
    starts: list[Any] = []
    stuck: list[str] = []

    def stale(w: Any) -> None:
        starts.append(w.draft().starts_at)
        _move_an_hour_on(other_desk, sid, start)
        _longer(qtbot, w, lengths)
        if w.isVisible():  # left open on the old session: what it says, then closed
            stuck.append(w.error.text())
            w.reject()

    def fresh(w: Any) -> None:
        starts.append(w.draft().starts_at)
        _longer(qtbot, w, lengths)
        assert not w.isVisible(), w.error.text()

    with dialogs(stale, told_changed(told), fresh):
        shortcut(qtbot, window, "Ctrl+E")
    assert stuck == [] and told == [CHANGED]
    assert starts == [start, start + timedelta(hours=1)]  # the form reopened on the fresh time
    minutes = int(length.total_seconds() // 60)
    assert lengths == [minutes, minutes]
    after = _now(demo_ctx, sid)
    assert after == (
        start + timedelta(hours=1),
        length + timedelta(minutes=15),
        SessionStatus.ROSTERED,
    )


def test_edit_after_another_desk_cancelled_the_session_writes_nothing_and_says_why(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    start, length, _status = _now(demo_ctx, sid)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    told: list[str] = []
    stuck: list[str] = []

    def stale(w: Any) -> None:
        reason = other_desk.read(lambda uow: reasons_for(uow, CancelledBy.PRACTICE))[0][0]
        other_desk.write(lambda uow: cancel(uow, CancelRequest(
            session_id=sid, cancelled_by=CancelledBy.PRACTICE, reason_id=reason,
            advised_at=uow.now())))  # fmt: skip
        _longer(qtbot, w, [])
        if w.isVisible():
            stuck.append(w.error.text())
            w.reject()

    def refused(box: Any) -> None:
        assert isinstance(box, QMessageBox), type(box).__name__
        told.append(box.text())
        press(box, "OK")

    with dialogs(stale, told_changed(told), refused):
        shortcut(qtbot, window, "Ctrl+E")
    assert stuck == []
    assert told == [
        CHANGED,
        "This session is cancelled; only a rostered session can be changed.",
    ]
    assert _now(demo_ctx, sid) == (start, length, SessionStatus.CANCELLED)
