"""The window as FrontDesk assembles it, on a real migrated database, signed in as a role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import AppContext
from app.services.desk import open_desk
from app.ui.start.main_window import MainWindow
from app.ui.start.wiring import install_all
from app.ui.tasks import TaskRunner
from tests.conftest import FakeClock, Template
from tests.integration.outbox_helpers import SmtpSink

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: Any) -> Iterator[OpenWindow]:
    """`open_window(ctx, "reception")`: the assembled window, background work inline."""
    opened: list[MainWindow] = []

    def make(ctx: AppContext, username: str = "manager") -> MainWindow:
        window = MainWindow(open_desk(ctx.db, username), ctx, runner=TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.installed = install_all(  # type: ignore[attr-defined]
            window, window.desk, ctx, resume_jobs=False, watch_idle=False
        )
        # The outbox's first pass, which the start runs once its preload of public holidays is done.
        window.installed.outbox.pump.run_now()  # type: ignore[attr-defined]
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.shutdown()


@pytest.fixture
def sink(demo_ctx: AppContext) -> Iterator[SmtpSink]:
    """The practice's e-mail goes to a loopback mail server that keeps what it accepts."""
    from tests.ui.flows.test_flow_off_gui_thread import _use_loopback_email

    server = SmtpSink().start()
    _use_loopback_email(demo_ctx, server.port)
    yield server
    server.stop()


@pytest.fixture
def pg_demo_ctx(
    pg_server: Any, pg_demo_template: Template, tmp_path: Path, clock: FakeClock
) -> Iterator[AppContext]:
    """The demo practice on a throwaway PostgreSQL database, opened with the test's clock."""
    context = pg_demo_template.open_pg_copy(pg_server, tmp_path / "pgdata", clock)
    yield context
    context.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_demo_ctx(request: pytest.FixtureRequest) -> AppContext:
    """The demo practice on each backend (for the flows the issue asks on PostgreSQL too)."""
    name = "demo_ctx" if request.param == "sqlite" else "pg_demo_ctx"
    ctx: AppContext = request.getfixturevalue(name)
    return ctx
