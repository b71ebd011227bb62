"""The toolbar's search (Ctrl+F): the schedule marks the sessions that match, the status bar
counts them, and Enter opens the next one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.ui.start.window_base import WindowBase


def show_matches(window: WindowBase, needle: str) -> None:
    """Mark the sessions matching `needle` and say how many there are."""
    window.view.set_search(needle)
    found = window.view.matches()
    if needle.strip():
        words = (
            tr("main", "1 session matches") if len(found) == 1 else tr("main", "{n} sessions match")
        )
        window.statusBar().showMessage(words.format(n=len(found)), 5000)


def open_next_match(window: WindowBase) -> None:
    """Open the match after the selected session (the first one, going round)."""
    found = window.view.matches()
    if not found:
        return
    at = found.index(window.selected) + 1 if window.selected in found else 0
    window.open_session(found[at % len(found)])
