"""The window's chrome: menu bar (File, View, Session) and status-bar labels."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from app.db import Actor
from app.ui.schedule.actions import SessionActions
from app.ui.schedule.i18n import tr
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
    refresh = QAction(tr("menus", "&Refresh now"), window)
    refresh.setObjectName("refreshAction")
    refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    file_menu.addAction(refresh)
    file_menu.addSeparator()
    quit_action = file_menu.addAction(tr("menus", "&Quit"))
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


def status_labels(window: QMainWindow, actor: Actor, database: str) -> QLabel:
    """Who is signed in, and a label for the last refresh, which is returned."""
    user = QLabel(
        tr("menus", "Signed in as {user} ({role})").format(
            user=actor.username, role=actor.role.value
        ),
        window,
    )
    live = QLabel(window)
    live.setObjectName("liveLabel")
    live.setAccessibleName(tr("menus", "Last refresh"))
    window.statusBar().addPermanentWidget(live)
    window.statusBar().addPermanentWidget(user)
    window.statusBar().setToolTip(database)
    return live
