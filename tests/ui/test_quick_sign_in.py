"""The sign-in dialog paints before the database side loads, and the start takes it over."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.bootstrap import AppContext, build
from app.db import Actor
from app.services import users
from app.services.demo.generate import generate_demo
from app.services.desk import open_desk
from app.ui.start.login import LoginDialog
from app.ui.start.quick_sign_in import show_sign_in
from app.ui.start.startup import Startup
from tests.conftest import DEMO_NOW


def _demo(data: Path, *, single_user: bool = False) -> None:
    ctx = build(data_dir=data)
    generate_demo(ctx.db, DEMO_NOW)
    with ctx.db.write(_admin(ctx)) as uow:
        users.set_single_user_mode(uow, single_user)
    ctx.close()


def _admin(ctx: AppContext) -> Actor:
    return open_desk(ctx.db).actor


def test_the_dialog_paints_before_sqlalchemy_is_loaded(tmp_path: Path) -> None:
    _demo(tmp_path / "data")
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from app.ui.start.quick_sign_in import show_sign_in
        dialog = show_sign_in(None, Path({str(tmp_path / "data")!r}))
        assert dialog is not None and dialog.isVisible()
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy")
        print("LOADED", len(loaded), dialog.windowTitle())
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "LOADED 0 Sign in to FrontDesk" in done.stdout


def test_the_start_takes_the_painted_dialog_over_and_signs_in(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(tmp_path / "data")
    early = show_sign_in(None, tmp_path / "data")
    assert isinstance(early, LoginDialog) and early.isVisible()
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        assert isinstance(dialog, LoginDialog)
        qtbot.keyClicks(dialog.username, "manager")
        qtbot.keyClicks(dialog.password, "wrong")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        assert "not right" in dialog.error.text()  # the database side checked it
        dialog.password.selectAll()  # typed again over the wrong one
        qtbot.keyClicks(dialog.password, "manager")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        return dialog.result()

    opened = Startup(None, tmp_path / "data", run_dialog=run, early=early).open()
    assert seen == [early]  # the same dialog, not a second one
    assert opened is not None and opened[1].actor.username == "manager"
    opened[0].close()


def test_a_single_user_desk_gets_no_sign_in_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(tmp_path / "data", single_user=True)
    assert show_sign_in(None, tmp_path / "data") is None
    assert show_sign_in(None, tmp_path / "nowhere") is None  # a first run: the usual start


def test_a_dialog_painted_early_is_closed_when_the_start_needs_none(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(tmp_path / "data")
    early = show_sign_in(None, tmp_path / "data")
    assert early is not None
    ctx = build(data_dir=tmp_path / "data")  # meanwhile the desk became single-user
    with ctx.db.write(_admin(ctx)) as uow:
        users.set_single_user_mode(uow, True)
    ctx.close()
    opened = Startup(None, tmp_path / "data", run_dialog=lambda _d: 0, early=early).open()
    assert opened is not None and not early.isVisible()
    opened[0].close()
