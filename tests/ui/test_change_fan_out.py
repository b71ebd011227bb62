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
    parts.outbox.pump.run_now()  # its first pass, which the start runs once its preload is done
    yield window, parts
    window.shutdown()


class Reads:
    """Counts the loads each view asks for."""

    def __init__(self, window: MainWindow, parts: Installed, monkeypatch: pytest.MonkeyPatch):
        self.seen: list[tuple[str, Any]] = []
        loader = window.loader
        for name in (
            "load_snapshot", "load_bookings", "load_worklist", "load_details", "load_blocks",
        ):  # fmt: skip
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
    assert reads.kinds() == {"load_snapshot", "load_worklist", "send"}
    assert window.bookings_stale  # behind the schedule: read when it is shown
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
        "load_snapshot", "load_worklist", "load_details", "outbox", "send",
    }  # fmt: skip
    assert window.bookings_stale
    window.tabs.setCurrentWidget(window.bookings)  # brought forward: it reads now
    assert "load_bookings" in reads.kinds() and not window.bookings_stale


# -- a change made at another desk ----------------------------------------------------------


def _cancel_elsewhere(ctx: AppContext, session_id: int) -> None:
    """Another desk (its own Desk on the same database) cancels the session's clients."""
    from app.models.enums import CancelledBy
    from app.services.dto import CancelRequest
    from app.services.sessions import cancel as cancellation

    other = open_desk(ctx.db, "admin")
    reason = other.read(lambda u: cancellation.reasons_for(u, CancelledBy.CLIENT))[0][0]
    request = CancelRequest(session_id, CancelledBy.CLIENT, other.now(), reason)
    other.write(lambda u: cancellation.cancel(u, request))


def _future_and_past(window: MainWindow) -> tuple[int, int]:
    """A booked individual session later this week, and one that has started already."""
    from datetime import timedelta

    from app.models.enums import BookingStatus, SessionKind

    def booked(b: Any) -> bool:
        return (b.status is SessionStatus.ROSTERED and b.kind is SessionKind.INDIVIDUAL
                and b.count(BookingStatus.BOOKED) == 1)  # fmt: skip

    blocks = window.view.blocks()
    later = next(
        b.id for b in blocks if booked(b) and b.starts_at > window.now + timedelta(hours=2)
    )
    started = next(b.id for b in blocks if booked(b) and b.starts_at < window.now)
    return later, started


def test_another_desks_cancellation_patches_the_week_with_that_session_alone(
    assembled: tuple[MainWindow, Installed], demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, parts = assembled
    later, _started = _future_and_past(window)
    before = len(window.view.blocks())
    reads = Reads(window, parts, monkeypatch)
    _cancel_elsewhere(demo_ctx, later)
    window.loader.poll()  # the desk's next look at the audit trail
    assert ("load_blocks", frozenset({later})) in reads.seen
    # Not the week, not the unresolved list (a session that has not started), not the
    # Bookings tab behind the schedule (it reads when it is shown).
    assert reads.kinds() == {"load_blocks"}
    assert window.view.block(later).status is SessionStatus.CANCELLED  # type: ignore[union-attr]
    assert len(window.view.blocks()) == before
    assert window.bookings_stale
    window.loader.poll()  # nothing new since: nothing read
    assert reads.kinds() == {"load_blocks"} and len(reads.seen) == 1


def test_another_desks_change_to_a_started_session_refreshes_the_unresolved_list(
    assembled: tuple[MainWindow, Installed], demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.sessions import attendance

    window, parts = assembled
    _later, started = _future_and_past(window)
    window.select_session(started)
    reads = Reads(window, parts, monkeypatch)
    other = open_desk(demo_ctx.db, "admin")
    version = window.view.block(started).version  # type: ignore[union-attr]
    other.write(lambda u: attendance.complete_session(u, started, expected_version=version))
    window.loader.poll()
    assert {"load_blocks", "load_worklist", "load_details"} <= reads.kinds()
    assert "load_snapshot" not in reads.kinds()
    assert window.view.block(started).status is SessionStatus.COMPLETED  # type: ignore[union-attr]
    assert started not in {r.session_id for r in window.worklist.model.rows()}


def test_another_desks_rename_of_a_client_reads_the_week_again(
    assembled: tuple[MainWindow, Installed], demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from app.services.setup import clients as client_setup

    window, parts = assembled
    reads = Reads(window, parts, monkeypatch)
    booked = next(b for b in window.view.blocks() if b.clients)
    client = booked.clients[0].client_id
    other = open_desk(demo_ctx.db, "admin")

    def rename(uow: Any) -> None:
        from app.models import Client

        draft = client_setup._draft_of(uow.session.get(Client, client))
        client_setup.save_client(uow, client, replace(draft, first_name="Renamed"))

    other.write(rename)
    window.loader.poll()
    assert "load_snapshot" in reads.kinds()  # every block may name the client
    shown = window.view.block(booked.id)
    assert shown is not None and any(c.client_name.startswith("Renamed") for c in shown.clients)


def test_a_desk_that_missed_many_changes_reads_everything_again(
    assembled: tuple[MainWindow, Installed], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.schedule import changes_since

    window, parts = assembled
    reads = Reads(window, parts, monkeypatch)
    monkeypatch.setattr(changes_since, "MAX_EVENTS", 3)
    window.loader.marker -= 10  # ten events it has not seen: more than a desk's worth
    window.loader.poll()
    assert {"load_snapshot", "load_worklist"} <= reads.kinds()


def test_another_desks_new_time_zone_is_said_above_the_schedule(
    assembled: tuple[MainWindow, Installed], demo_ctx: AppContext
) -> None:
    from dataclasses import replace

    from app.services.setup import settings

    window, _parts = assembled
    banner = window.zone_banner
    assert banner.isHidden()
    other = open_desk(demo_ctx.db, "admin")
    draft = other.read(settings.practice_settings)
    other.write(lambda u: settings.save_practice_settings(
        u, replace(draft, time_zone="Australia/Perth", subdivision="WA")))  # fmt: skip
    window.loader.poll()
    assert not banner.isHidden()
    assert banner.text() == (
        "The practice's time zone is now Australia/Perth, but the times on this desk are still "
        "shown in Australia/Sydney. Close FrontDesk and open it again to show them in "
        "Australia/Perth."
    )
    other.write(lambda u: settings.save_practice_settings(u, draft))  # changed back
    window.loader.poll()
    assert banner.isHidden()
