"""`frontdesk smoke`: open a demo practice offscreen, paint the main window, exit 0 (checks a build)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    sub.add_parser(
        "smoke",
        help="self-test: migrate, create the demo practice if empty, paint the window offscreen",
    )
    return {"smoke": _cmd_smoke}


def _cmd_smoke(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.cli import context
    from app.services.demo_check import ensure_demo
    from app.services.desk import open_desk
    from app.ui.application import make_application
    from app.ui.main_window import MainWindow

    app = make_application(["frontdesk-smoke"])
    ctx = context(args)
    ensure_demo(ctx.db)
    window = MainWindow(open_desk(ctx.db), ctx)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    image = window.grab()
    painted = not image.isNull() and image.width() > 0
    print(
        f"FrontDesk smoke test: schema {ctx.schema_revision}, database {ctx.db.url}, window painted: {painted}"
    )
    window.close()
    ctx.close()
    return 0 if painted else 1
