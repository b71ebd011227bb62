"""Open every window, dialog and wizard page through the real menus on a screen of a given size,
and print what `fit.problems` finds in each. Run in a fresh process, as the screen size is set
when Qt starts:

    python -m tests.ui.walk 1366 768 [scale [font]]

`scale` is the screen's scale (1.5: a 1920×1080 screen at 150 % gives 1280×720 to lay out);
`font` enlarges the application font (1.5: 150 % fonts on a 100 % screen).

Prints one line per problem (and "checked: N windows"); exit status 1 when any was found.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def _screen(width: int, height: int, folder: Path) -> None:
    config = {"screens": [{"name": "desk", "x": 0, "y": 0, "width": width, "height": height,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip
    path = folder / "screen.json"
    path.write_text(json.dumps(config))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"


# A refusal as long as the longest a form shows (a text message's length), to see the form with it.
REFUSAL = (
    "The text is too long for 4 text messages: it would be sent as 5. Because it contains “’”, "
    "each text message holds only 67 characters instead of 153: emoji and special characters "
    "(such as curly quotes) make every text shorter. Replace or remove “’”, or shorten the text."
)

# Menu entries that end the session or the program, or only flip a view.
SKIP = {"Quit", "Exit", "Sign out", "Lock", "Lock the desk"}


def _bare(text: str) -> str:
    """A menu entry's text without the pseudo-translation's brackets (tests/ui/pseudo_walk.py)."""
    return text.removeprefix("[!! ").removesuffix(" !!]")


def main(argv: list[str], inspect: Callable[[QWidget], list[str]] | None = None) -> int:
    """`inspect`: what to report of each window (default: what does not fit, `fit.problems`)."""
    width, height = int(argv[0]), int(argv[1])
    if len(argv) > 2 and argv[2] != "1":
        os.environ["QT_SCALE_FACTOR"] = argv[2]
    folder = Path(tempfile.mkdtemp(prefix="fd-walk-"))
    _screen(width, height, folder)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWizard

    from app.bootstrap import prepare_database
    from app.errors import ValidationError
    from app.paths import AppPaths
    from app.services.demo.generate import generate_demo
    from app.services.desk import open_desk
    from app.ui.setup.common import EditDialog, ListScreen
    from app.ui.start.application import make_application
    from app.ui.start.main_window import MainWindow
    from app.ui.start.wiring import install_all
    from app.ui.tasks import TaskRunner
    from tests.conftest import DEMO_NOW
    from tests.ui.fit import problems
    from tests.ui.flows.driver import plain

    app = make_application(["frontdesk-walk"])
    if len(argv) > 3:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * float(argv[3]))
        app.setFont(font)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qs"))
    clock = [DEMO_NOW + timedelta(hours=1)]
    ctx = prepare_database(
        f"sqlite:///{folder / 'fd.sqlite3'}", AppPaths(folder / "data").ensure(), lambda: clock[0]
    )
    generate_demo(ctx.db, DEMO_NOW)
    window = MainWindow(open_desk(ctx.db, "admin"), ctx, runner=TaskRunner(synchronous=True))
    window.installed = install_all(  # type: ignore[attr-defined]
        window, window.desk, ctx, resume_jobs=False, watch_idle=False
    )
    window.showMaximized()
    for _ in range(5):
        app.processEvents()
    found: list[str] = []
    checked: list[str] = []

    def check(top: QWidget, where: str, *, may_scroll: bool = False) -> None:
        """`may_scroll`: a refusal showing above the buttons may push the form into scrolling."""
        for _ in range(3):
            app.processEvents()
        checked.append(where)
        look = inspect or (lambda w: problems(w, may_scroll=may_scroll))
        found.extend(f"[{where}] {p}" for p in look(top))

    check(window, "main window")

    def _pages(wizard: QWizard, where: str) -> None:
        """Each page the defaults let a person reach with Next."""
        seen = {wizard.currentId()}
        while True:
            wizard.next()
            for _ in range(3):
                app.processEvents()
            if wizard.currentId() in seen:
                return
            seen.add(wizard.currentId())
            check(wizard, f"{where} › {wizard.windowTitle()} › {wizard.currentPage().title()}")

    added: set[int] = set()  # the list screens whose Add… form was opened

    def add_form(screen: QWidget, where: str) -> None:
        """A list screen's Add… form too (it opens modal: `answer` checks it)."""
        if not isinstance(screen, ListScreen) or id(screen) in added:
            return
        added.add(id(screen))
        if screen.add_button.isVisible() and screen.add_button.isEnabled():
            timer = QTimer()
            timer.timeout.connect(answer(f"{where} › Add…"))
            timer.start(20)
            screen.add_button.click()
            timer.stop()

    def answer(where: str) -> Callable[[], None]:
        def poll() -> None:
            widget = QApplication.activeModalWidget()
            if widget is None or not widget.isVisible():
                return
            check(widget, f"{where} › {widget.windowTitle()}")
            if isinstance(widget, EditDialog) and inspect is None:  # with a long refusal too
                widget.show_refusal(ValidationError(REFUSAL))
                check(widget, f"{where} › {widget.windowTitle()} › a refusal showing",
                      may_scroll=True)  # fmt: skip
            add_form(widget, where)
            if isinstance(widget, QWizard):
                _pages(widget, where)
                widget.reject()
            elif isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

        return poll

    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    for menu in menus:
        for action in menu.actions():
            text = _bare(plain(action.text()))
            if (
                action.isSeparator() or action.menu() is not None or not action.isEnabled()
                or action.isCheckable() or text in SKIP or not text
            ):  # fmt: skip
                continue
            where = f"{plain(menu.title())} › {text}"
            before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
            timer = QTimer()
            timer.timeout.connect(answer(where))
            timer.start(20)
            action.trigger()
            for _ in range(5):
                app.processEvents()
            timer.stop()
            for top in QApplication.topLevelWidgets():
                if top.isVisible() and id(top) not in before and top is not window:
                    check(top, where)
                    add_form(top, where)
                    top.close()
    from app.ui.start.login import FirstRunDialog, LoginDialog

    practice = window.desk.practice_name() if hasattr(window.desk, "practice_name") else "Practice"
    for dialog in (
        LoginDialog(str(practice), lambda _u, _p: window.desk.actor),
        FirstRunDialog(lambda _u, _n, _p: window.desk.actor),
    ):
        dialog.show()
        check(dialog, f"start › {dialog.windowTitle()}")
        dialog.reject()
    session = _future_session(window)
    if session is not None:
        window.select_session(session)
        for _ in range(3):
            app.processEvents()
        check(window, "main window › a session selected")
        for action in window.session_menu(session).actions():
            text = _bare(plain(action.text()))
            if action.isSeparator() or not action.isEnabled() or not text or "Delete" in text:
                continue
            where = f"session › {text}"
            timer = QTimer()
            timer.timeout.connect(answer(where))
            timer.start(20)
            action.trigger()
            for _ in range(5):
                app.processEvents()
            timer.stop()
    for line in found:
        print(line)
    if os.environ.get("FRONTDESK_WALK_VERBOSE"):
        print("\n".join(checked))
    print(f"checked: {len(checked)} windows")
    window.shutdown()
    ctx.close()
    return 1 if found else 0


def _future_session(window: object) -> int | None:
    """A rostered individual session tomorrow or later, with its client booked."""
    from app.services.vocabulary import SessionKind, SessionStatus

    now = window.desk.now()  # type: ignore[attr-defined]
    for block in window.view.blocks():  # type: ignore[attr-defined]
        if (
            block.starts_at > now + timedelta(days=1) and block.status == SessionStatus.ROSTERED
            and block.kind == SessionKind.INDIVIDUAL
        ):  # fmt: skip
            return int(block.id)
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
