"""Live refresh: another desk (another process on the same file) cancels; this window shows it."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import time

from app.bootstrap import AppContext
from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.services.audit.key import KEY_ENV, KEY_FILE
from app.services.desk import open_desk
from app.ui.schedule.loader import POLL_MS
from app.ui.schedule.style import Look
from app.ui.start.main_window import MainWindow
from tests.conftest import DEMO_NOW

OTHER_DESK = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta
    from app.db import Database, make_engine
    from app.models.enums import CancelledBy
    from app.services.sessions.cancel import cancel, reasons_for
    from app.services.desk import open_desk
    from app.services.dto import CancelRequest

    url, session_id, now = sys.argv[1], int(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
    db = Database(make_engine(url), clock=lambda: now)
    desk = open_desk(db, "reception")
    reason = desk.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))[0][0]
    request = CancelRequest(
        session_id=session_id,
        cancelled_by=CancelledBy.CLIENT,
        advised_at=now - timedelta(minutes=3),
        reason_id=reason,
        note="Cancelled at the other desk",
    )
    desk.write(lambda uow: cancel(uow, request))
    db.dispose()
    """
)


def test_another_desks_cancel_shows_within_the_refresh_interval(
    qtbot, demo_ctx: AppContext
) -> None:  # type: ignore[no-untyped-def]
    gc.collect()  # earlier tests' windows go now, on this thread, before any worker runs
    window = MainWindow(open_desk(demo_ctx.db, "reception"), demo_ctx)  # real background tasks
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(window.view.blocks()) > 100, timeout=5000)
    target = next(
        b
        for b in window.view.blocks()
        if b.status is SessionStatus.ROSTERED
        and b.starts_at > DEMO_NOW
        and b.kind is SessionKind.INDIVIDUAL
        and b.count(BookingStatus.BOOKED) == 1
    )
    window.select_session(target.id)
    qtbot.waitUntil(lambda: window.details_panel.details is not None, timeout=5000)
    scroll = window.view.verticalScrollBar().value()
    done = subprocess.run(
        [sys.executable, "-c", OTHER_DESK, demo_ctx.url, str(target.id), DEMO_NOW.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
        # The other desk signs its audit events with the practice's key, as a real desk does.
        env={**os.environ, KEY_ENV: str(demo_ctx.paths.data_dir / KEY_FILE)},
    )
    assert done.returncode == 0, done.stderr
    changed_at = time.monotonic()

    def shown_cancelled() -> bool:
        block = window.view.block(target.id)
        style = window.view.style_for(target.id)
        return (
            block is not None
            and block.status is SessionStatus.CANCELLED
            and style is not None
            and style.look is Look.CANCELLED
        )

    qtbot.waitUntil(shown_cancelled, timeout=5000)
    assert time.monotonic() - changed_at < POLL_MS / 1000 + 2
    assert window.selected == window.view.selected_id == target.id  # the selection survives
    assert window.view.verticalScrollBar().value() == scroll
    qtbot.waitUntil(lambda: "Cancelled at the other desk" in window.details_panel.plain_text())
    window.shutdown()


def test_two_desks_on_one_postgresql_database_see_each_others_cancellations(
    qtbot, pg_server, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from app.bootstrap import prepare_database
    from app.paths import AppPaths
    from app.services.demo.generate import generate_demo
    from tests.conftest import FakeClock, pg_url

    url = pg_url(pg_server)
    ctx = prepare_database(url, AppPaths(tmp_path / "data").ensure(), FakeClock(DEMO_NOW))
    generate_demo(ctx.db, DEMO_NOW)
    gc.collect()
    window = MainWindow(open_desk(ctx.db, "reception"), ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(window.view.blocks()) > 100, timeout=5000)
    target = next(
        b
        for b in window.view.blocks()
        if b.status is SessionStatus.ROSTERED
        and b.starts_at > DEMO_NOW
        and b.kind is SessionKind.INDIVIDUAL
        and b.count(BookingStatus.BOOKED) == 1
    )
    done = subprocess.run(
        [sys.executable, "-c", OTHER_DESK, url, str(target.id), DEMO_NOW.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    changed_at = time.monotonic()
    qtbot.waitUntil(
        lambda: (
            (b := window.view.block(target.id)) is not None and b.status is SessionStatus.CANCELLED
        ),
        timeout=5000,
    )
    assert time.monotonic() - changed_at < 5
    window.shutdown()
    ctx.close()
