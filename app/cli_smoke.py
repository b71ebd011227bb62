"""`frontdesk smoke`: open a demo practice offscreen, paint the main window, exit 0 (checks a build)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    from app.cli_signin import add_user_option

    p = sub.add_parser(
        "smoke",
        help="self-test: migrate, create the demo practice if empty, paint the window offscreen",
    )
    add_user_option(p)  # needed once the practice has been set up
    return {"smoke": _cmd_smoke}


def _cmd_smoke(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.cli_context import context
    from app.cli_signin import signed_in_desk
    from app.services.demo.check import ensure_demo
    from app.services.desk import open_desk
    from app.services.users import needs_first_admin
    from app.ui.start.main_window import MainWindow
    from app.ui.start.qapp import make_application

    ctx = context(args)
    with ctx.db.read() as uow:
        brand_new = needs_first_admin(uow)
    if brand_new:  # nobody to sign in yet: the demo practice (and its sign-ins) is made
        ensure_demo(ctx.db)
        desk = open_desk(ctx.db)
    else:  # a practice: the window opens as the user who signs in, and nothing is added
        desk = signed_in_desk(ctx, args)
    app = make_application(["frontdesk-smoke"])
    window = MainWindow(desk, ctx)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    image = window.grab()
    painted = not image.isNull() and image.width() > 0
    icon = not window.windowIcon().isNull()  # the resources travelled with the build
    templates = _templates_found()
    print(
        f"FrontDesk smoke test: schema {ctx.schema_revision}, database {ctx.db.url}, window painted: {painted}"
        f", window icon: {icon}, e-mail templates: {templates}"
    )
    window.close()
    ctx.close()
    return 0 if painted and icon and templates else 1


def _templates_found() -> bool:
    from app.services.outbox.dto import DeliveryError
    from app.services.outbox.templates import render

    try:
        return bool(render("undo", {"practice": "Smoke test"}, with_reason=False).text)
    except DeliveryError as missing:
        print(missing)
        return False
