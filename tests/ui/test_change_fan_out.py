"""A change made at this desk reaches each view once, and only the views that show it read again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Session
from app.models.enums import SessionStatus
from app.services.desk import open_desk
from app.services.dto import ChangeSet
from app.ui.start.main_window import MainWindow
from app.ui.start.wiring import Installed, install_all
from app.ui.tasks import TaskRunner


@pytest.fixture
def assembled(qtbot: Any, demo_ctx: AppContext) -> Iterator[tuple[MainWindow, Installed]]:
    """The window as FrontDesk assembles it, background work inline."""
    window = MainWindow(
        open_desk(demo_ctx.db, "manager"), demo_ctx, runner=TaskRunner(synchronous=True)
    )
    qtbot.addWidget(window)
    parts = install_all(window, window.desk, demo_ctx, resume_jobs=False, watch_idle=False)
    yield window, parts
    window.shutdown()


class Reads:
    """Counts the loads each view asks for."""

    def __init__(self, window: MainWindow, parts: Installed, monkeypatch: pytest.MonkeyPatch):
        self.seen: list[tuple[str, Any]] = []
        loader = window.loader
        for name in ("load_snapshot", "load_bookings", "load_worklist", "load_details"):
            monkeypatch.setattr(loader, name, self._spy(name, getattr(loader, name)))
        outbox = parts.outbox
        monkeypatch.setattr(outbox, "refresh", self._spy("outbox", outbox.refresh))
        monkeypatch.setattr(outbox.pump, "run_now", self._spy("send", outbox.pump.run_now))

    def _spy(self, name: str, real: Any) -> Any:
        def spy(*args: Any) -> Any:
            self.seen.append((name, args[0] if args else None))
            return real(*args)

        return spy

    def kinds(self) -> set[str]:
        return {name for name, _ in self.seen}


def _two_sessions(ctx: AppContext, window: MainWindow) -> tuple[int, int]:
    start, end = window.visible_range()
    with ctx.db.read() as uow:
        ids = list(uow.session.scalars(select(Session.id).where(
            Session.starts_at >= start, Session.starts_at < end,
            Session.status == SessionStatus.ROSTERED).order_by(Session.id).limit(2)))  # fmt: skip
    return ids[0], ids[1]


def test_a_change_to_one_session_does_not_reload_the_outbox_or_another_sessions_details(
    assembled: tuple[MainWindow, Installed], demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, parts = assembled
    shown, other = _two_sessions(demo_ctx, window)
    window.select_session(shown)
    assert window.details is not None and window.details.block.id == shown
    reads = Reads(window, parts, monkeypatch)
    window.notify_changed(ChangeSet(frozenset({other}), topics=frozenset({"cancel"})))
    assert reads.kinds() == {"load_snapshot", "load_bookings", "load_worklist", "send"}
    assert "outbox" not in reads.kinds()  # the lists did not change: no reload
    assert "load_details" not in reads.kinds()  # the panel shows another session


def test_a_change_to_the_shown_session_refetches_its_details(
    assembled: tuple[MainWindow, Installed], demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, parts = assembled
    shown, _other = _two_sessions(demo_ctx, window)
    window.select_session(shown)
    reads = Reads(window, parts, monkeypatch)
    window.notify_changed(ChangeSet(frozenset({shown}), topics=frozenset({"undo"})))
    assert ("load_details", shown) in reads.seen


def test_a_settings_change_reloads_no_schedule_view(
    assembled: tuple[MainWindow, Installed], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, parts = assembled
    reads = Reads(window, parts, monkeypatch)
    window.notify_changed(ChangeSet(topics=frozenset({"reasons"})))
    assert reads.seen == []


def test_an_outbox_change_reloads_the_outbox_lists_and_not_the_schedule(
    assembled: tuple[MainWindow, Installed], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, parts = assembled
    reads = Reads(window, parts, monkeypatch)
    window.notify_changed(ChangeSet(topics=frozenset({"outbox"})))
    assert reads.kinds() == {"outbox", "send"}


def test_a_change_that_names_nothing_reloads_every_view(
    assembled: tuple[MainWindow, Installed], demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, parts = assembled
    shown, _other = _two_sessions(demo_ctx, window)
    window.select_session(shown)
    reads = Reads(window, parts, monkeypatch)
    window.notify_changed(ChangeSet())
    assert reads.kinds() == {
        "load_snapshot", "load_bookings", "load_worklist", "load_details", "outbox", "send",
    }  # fmt: skip
