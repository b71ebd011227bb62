"""The selected session and what is done to it: selecting, opening (the schedule brought to its
day), its context menu, and the session actions — those that need a dialog are handed on
through `WindowBase.action_requested`; copy and complete run here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import SIGNAL, QPoint, Qt
from PySide6.QtWidgets import QMenu

from app.services.dto import OperationResult, SessionBlock
from app.services.vocabulary import Action
from app.ui import messages
from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.ui.start.window_base import WindowBase


def select(window: WindowBase, session_id: int) -> None:
    """Select a session (0: none); its details are read in the background."""
    if session_id == window.selected:
        return
    window.selected = session_id
    window.details = None
    window.view.select(session_id, ensure_visible=False, notify=False)
    if not session_id:
        window.loader.forget_details()
        window.actions_.clear()
        window.details_panel.show_message(tr("main", "No session selected."))
        return
    window.loader.load_details(session_id)


def open_session(window: WindowBase, session_id: int) -> None:
    """Select it, bring the schedule to its day, and show the details panel."""
    window.revealing = session_id
    window.tabs.setCurrentWidget(window.view)
    window.details_dock.show()
    window.details_dock.raise_()
    if session_id != window.selected:
        select(window, session_id)
    elif window.view.block(session_id):
        window.view.select(session_id, notify=False)
        window.revealing = 0
    else:
        window.loader.load_details(session_id)


def block_of(window: WindowBase, session_id: int) -> SessionBlock | None:
    """The freshest block the window holds for a session, wherever it is shown."""
    found = window.view.block(session_id)
    details = window.details
    if found is None and details is not None and details.block.id == session_id:
        found = details.block
    if found is None:
        rows = window.bookings.model.rows()
        found = next((r.block for r in rows if r.block.id == session_id), None)
    return found


def session_menu(window: WindowBase, session_id: int) -> QMenu:
    """The context menu for a session: every action, greyed ones saying why."""
    loading = session_id != window.selected  # selecting it reads its details
    select(window, session_id)
    block = block_of(window, session_id)
    facts = window.commands.known_facts(block) if block is not None else None
    window.now = window.desk.now()
    if facts is not None:
        window.actions_.update_for(facts, window.desk.actor, window.now)
    else:  # greyed until the session's details (read in the background) bring its facts
        window.actions_.clear()
        if not loading:
            window.loader.load_details(session_id)
    return window.actions_.menu(window, tr("main", "Session #{id}").format(id=session_id))


def show_context_menu(window: WindowBase, session_id: int, pos: QPoint) -> None:
    """The session's context menu at `pos` (a right-click)."""
    menu = session_menu(window, session_id)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(pos)


def run_action(window: WindowBase, value: str) -> None:
    """A session action chosen (menu, toolbar or shortcut) for the selected session."""
    action, sid = Action(value), window.selected
    block = block_of(window, sid) if sid else None
    if not sid:
        return
    if action == Action.OPEN:
        open_session(window, sid)
    elif action == Action.COMPLETE and has_dialogs(window):
        request_action(window, action, sid)  # the dialog lists the SDs completing creates
    elif action not in (Action.COPY, Action.COMPLETE):
        request_action(window, action, sid)
    elif block is None:
        return  # its block is still loading; the action is greyed until then
    elif action == Action.COPY:
        window.commands.copy(block)
        window.statusBar().showMessage(tr("main", "Session details copied."), 4000)
    else:

        def done(result: OperationResult) -> None:
            window.statusBar().showMessage(result.message, 8000)  # its changes fanned out already

        window.commands.complete(block, done, window.reload)


def has_dialogs(window: WindowBase) -> bool:
    """True when someone opens the actions' dialogs (`action_requested` is connected)."""
    return window.receivers(SIGNAL("action_requested(QString,int)")) > 0


def request_action(window: WindowBase, action: Action, session_id: int) -> None:
    """Hand a dialog action to whoever listens on `action_requested`; say so if nobody does."""
    if has_dialogs(window):
        window.action_requested.emit(action.value, session_id)
        return
    name = window.actions_.actions[action].text().replace("&", "").rstrip("…")
    messages.inform(
        window,
        name,
        tr(
            "main", "“{name}” opens its dialog here; that dialog is not part of this build yet."
        ).format(name=name),
    )
