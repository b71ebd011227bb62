"""An error nobody caught, in the window: the traceback goes to the log, the person reads one
sentence, and the window goes on; Help ▸ Open log folder opens the data folder's logs/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices

from app import logs
from app.bootstrap import AppContext
from app.ui import messages
from app.ui.start import unexpected, wiring
from tests.ui.test_wiring import build


def help_action(window, name: str) -> QAction:  # type: ignore[no-untyped-def]
    """A Help menu entry, found the way a person finds it: in the menu bar's Help menu."""
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    found = [a for a in menus["Help"].actions() if a.objectName() == name]
    assert len(found) == 1, [a.text() for a in menus["Help"].actions()]
    return found[0]


@pytest.fixture
def logged(tmp_path: Path, qapp) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The log started as the window's start does, in a data folder of the test's own."""
    path = logs.start(tmp_path / "data" / "logs")
    assert path is not None
    undo = unexpected.install(qapp)
    try:
        yield path
    finally:
        undo()
        logs.uninstall_hooks()
        logs.stop()


@pytest.mark.qt_no_exception_capture  # the window's own hook is what is tested here
def test_an_error_in_a_menu_slot_is_logged_with_its_traceback_and_shown_as_one_sentence(
    qtbot, demo_ctx: AppContext, logged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window, _desk, _installed = build(qtbot, demo_ctx, "admin")
    window.show()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: shown.append((title, text)))

    client = " ".join(["Jane", "Citizen"])  # a client's name, never in the source shown

    def broken(ctx: AppContext) -> str:
        raise RuntimeError(f"About text broke for “{client}”")

    monkeypatch.setattr(wiring, "about_text", broken)
    about = next(a for a in window.findChildren(QAction) if a.text() == "&About FrontDesk")
    about.trigger()  # Help ▸ About FrontDesk, its slot raising
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert shown[0][1] == unexpected.sentence()
    assert shown[0][1].startswith("Something went wrong and FrontDesk could not finish that.")
    text = logged.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "Traceback (most recent call last)" in text
    assert "in broken\n    raise RuntimeError(" in text  # where it happened, for whoever helps
    assert "RuntimeError: About text broke for “‹…›”" in text
    assert client not in text
    assert window.isVisible()  # the window goes on
    about.trigger()  # the same trouble at once again: logged again, but no second box
    qtbot.wait(50)
    assert len(shown) == 1 and logged.read_text(encoding="utf-8").count("Traceback") == 2


def test_help_open_log_folder_opens_the_data_folders_logs(
    qtbot, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window, _desk, _installed = build(qtbot, demo_ctx, "reception")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    help_action(window, "openLogFolderAction").trigger()
    assert [u.toLocalFile() for u in opened] == [str(demo_ctx.paths.log_dir)]
    assert demo_ctx.paths.log_dir == demo_ctx.paths.data_dir / "logs"
    assert demo_ctx.paths.log_dir.is_dir()


def test_without_a_file_manager_it_says_where_the_log_is(
    qtbot, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window, _desk, _installed = build(qtbot, demo_ctx, "reception")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    said: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: said.append(text))
    help_action(window, "openLogFolderAction").trigger()
    assert said == [f"FrontDesk's log is in {demo_ctx.paths.log_dir}"]
