"""The window's chrome: menu bar (File, View, Session) and status-bar labels."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from app.services.vocabulary import Actor, Role
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.schedule.actions import SessionActions
from app.ui.schedule.toolbar import ScheduleToolBar


def build_menu_bar(
    window: QMainWindow,
    toolbar: ScheduleToolBar,
    actions: SessionActions,
    docks: list[QDockWidget],
) -> QAction:
    """Fill the window's menu bar; returns the Refresh action for the window to connect."""
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("menus", "&File"))
    file_menu.setObjectName("fileMenu")
    refresh = QAction(tr("menus", "&Refresh now"), window)
    refresh.setObjectName("refreshAction")
    refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    file_menu.addAction(refresh)
    file_menu.addSeparator()
    quit_action = file_menu.addAction(tr("menus", "&Quit"))
    quit_action.setObjectName("quitAction")  # Sign out is added just above it
    quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
    quit_action.triggered.connect(window.close)
    view_menu = bar.addMenu(tr("menus", "&View"))
    tb = toolbar
    for group in (
        (tb.today_action, tb.prev_action, tb.next_action),
        (tb.day_action, tb.week_action),
        (tb.search_action,),
        tuple(d.toggleViewAction() for d in docks),
    ):
        view_menu.addActions(list(group))
        view_menu.addSeparator()
    bar.addMenu(actions.menu(window, tr("menus", "S&ession")))
    return refresh


ROLE_NAMES = {
    Role.RECEPTION: QT_TRANSLATE_NOOP("menus", "Reception"),
    Role.MANAGER: QT_TRANSLATE_NOOP("menus", "Manager"),
    Role.ADMIN: QT_TRANSLATE_NOOP("menus", "Administrator"),
}


def role_name(role: Role) -> str:
    """The role as the status bar names it."""
    return tr("menus", ROLE_NAMES[Role(role)])


def show_user(label: QLabel, actor: Actor) -> None:
    """Put the signed-in user's name and role on the status bar's permanent label."""
    label.setText(
        tr("menus", "{user} ({role})").format(user=actor.username, role=role_name(actor.role))
    )
    label.setToolTip(
        tr(
            "menus", "Signed in as {user}, role {role}. File ▸ Sign out (Ctrl+Shift+L) to change."
        ).format(user=actor.username, role=role_name(actor.role))
    )


def status_labels(window: QMainWindow, actor: Actor, database: str) -> tuple[QLabel, QLabel]:
    """A label for the last refresh and one for who is signed in, in that order."""
    user = QLabel(window)
    user.setObjectName("userLabel")
    user.setAccessibleName(tr("menus", "Signed in as"))
    show_user(user, actor)
    live = QLabel(window)
    live.setObjectName("liveLabel")
    live.setAccessibleName(tr("menus", "Last refresh"))
    window.statusBar().addPermanentWidget(live)
    window.statusBar().addPermanentWidget(user)
    window.statusBar().setToolTip(database)
    return live, user
