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
from app.services.desk import open_desk
from app.ui.start.login import LoginDialog
from app.ui.start.quick_sign_in import show_sign_in
from app.ui.start.startup import Startup
from tests.conftest import demo_practice_in


def _demo(template: Path, data: Path, *, single_user: bool = False) -> None:
    demo_practice_in(template, data)
    ctx = build(data_dir=data)
    with ctx.db.write(_admin(ctx)) as uow:
        users.set_single_user_mode(uow, single_user)
    ctx.close()


def _admin(ctx: AppContext) -> Actor:
    return open_desk(ctx.db).actor


def test_the_dialog_paints_before_sqlalchemy_is_loaded(tmp_path: Path, demo_template: Path) -> None:
    _demo(demo_template, tmp_path / "data")
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


def test_the_start_takes_the_painted_dialog_over_and_signs_in(
    qtbot, tmp_path: Path, demo_template: Path
) -> None:  # type: ignore[no-untyped-def]
    _demo(demo_template, tmp_path / "data")
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
        error = dialog.error  # the whole sentence shows, wrapped, not its first line
        assert (
            error.height()
            >= error.heightForWidth(error.width())
            > error.fontMetrics().height() * 1.5
        )
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


def test_a_single_user_desk_gets_no_sign_in_dialog(
    qtbot, tmp_path: Path, demo_template: Path
) -> None:  # type: ignore[no-untyped-def]
    _demo(demo_template, tmp_path / "data", single_user=True)
    assert show_sign_in(None, tmp_path / "data") is None
    assert show_sign_in(None, tmp_path / "nowhere") is None  # a first run: the usual start


def test_a_dialog_painted_early_is_closed_when_the_start_needs_none(
    qtbot, tmp_path: Path, demo_template: Path
) -> None:  # type: ignore[no-untyped-def]
    _demo(demo_template, tmp_path / "data")
    early = show_sign_in(None, tmp_path / "data")
    assert early is not None
    ctx = build(data_dir=tmp_path / "data")  # meanwhile the desk became single-user
    with ctx.db.write(_admin(ctx)) as uow:
        users.set_single_user_mode(uow, True)
    ctx.close()
    opened = Startup(None, tmp_path / "data", run_dialog=lambda _d: 0, early=early).open()
    assert opened is not None and not early.isVisible()
    opened[0].close()


def _slow_module(folder: Path, name: str, seconds: float) -> str:
    """A module whose import takes `seconds` (the database side's imports, in small)."""
    (folder / f"{name}.py").write_text(
        f"import time\ntime.sleep({seconds})\nLOADED_AT = time.monotonic()\n"
    )
    sys.path.insert(0, str(folder))
    return name


def test_keys_typed_while_the_database_side_loads_show_at_once(
    qtbot, tmp_path: Path, demo_template: Path
) -> None:  # type: ignore[no-untyped-def]
    import time

    from PySide6.QtCore import QTimer

    from app.ui.start.quick_sign_in import load_while_typing

    _demo(demo_template, tmp_path / "data")
    early = show_sign_in(None, tmp_path / "data")
    assert early is not None
    name = _slow_module(tmp_path, "fd_slow_side", 0.6)
    typed: list[float] = []

    def type_name() -> None:
        qtbot.keyClicks(early.username, "manager")
        typed.append(time.monotonic())

    QTimer.singleShot(50, type_name)
    load_while_typing(early, [name])
    assert early.username.text() == "manager"  # in the field while the import went on
    assert typed and typed[0] < sys.modules[name].LOADED_AT
    assert early.isVisible()


def test_ok_pressed_while_loading_signs_in_once_the_check_is_there(
    qtbot, tmp_path: Path, demo_template: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    from app.ui.start.quick_sign_in import load_while_typing

    _demo(demo_template, tmp_path / "data")
    early = show_sign_in(None, tmp_path / "data")
    assert early is not None
    said: list[str] = []

    def type_and_press() -> None:
        qtbot.keyClicks(early.username, "manager")
        qtbot.keyClicks(early.password, "manager")
        qtbot.keyClick(early.password, Qt.Key.Key_Return)
        said.append(early.waiting.text() if early.waiting and early.waiting.isVisible() else "")

    QTimer.singleShot(30, type_and_press)
    load_while_typing(early, [_slow_module(tmp_path, "fd_slow_ok", 0.5)])
    assert said and "still opening the practice's data" in said[0]
    assert early.isVisible()  # kept, not refused or closed

    # The start takes the dialog over: the OK pressed earlier signs in, nobody presses again.
    def run(dialog: QDialog) -> int:  # as exec(), without pressing anything
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        return dialog.result()

    opened = Startup(None, tmp_path / "data", run_dialog=run, early=early).open()
    assert opened is not None and opened[1].actor.username == "manager"
    opened[0].close()


def test_cancel_while_loading_ends_the_start_without_a_second_dialog(
    qtbot, tmp_path: Path, demo_template: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    from app.ui.start.quick_sign_in import load_while_typing

    _demo(demo_template, tmp_path / "data")
    early = show_sign_in(None, tmp_path / "data")
    assert early is not None
    cancel = early.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    QTimer.singleShot(30, lambda: qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton))
    load_while_typing(early, [_slow_module(tmp_path, "fd_slow_cancel", 0.4)])
    shown: list[QDialog] = []
    opened = Startup(None, tmp_path / "data", run_dialog=shown.append, early=early).open()
    assert opened is None and shown == [] and not early.isVisible()
