"""Everything the main window gets beyond the schedule, wired in one place (ARCHITECTURE rule 9)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from app import __version__, migrations
from app.bootstrap import AppContext
from app.models.lifecycle import Action
from app.services import users
from app.services.auth import Permission, can
from app.services.desk import Desk
from app.ui.bulk.panel import JobsPanel
from app.ui.dialogs.common import tr
from app.ui.dialogs.controller import DialogController
from app.ui.idle import IdleWatcher
from app.ui.main_window import MainWindow
from app.ui.users_dialog import UsersDialog


@dataclass
class Installed:
    """What was added to the window (kept alive by this object and the window)."""

    dialogs: DialogController
    jobs: JobsPanel
    idle: IdleWatcher | None


def install_all(
    window: MainWindow,
    desk: Desk,
    ctx: AppContext,
    *,
    resume_jobs: bool = True,
    watch_idle: bool = True,
) -> Installed:
    """Dialogs, bulk jobs, reports, outbox, practice set-up, users, idle sign-out, About."""
    dialogs = DialogController(desk, window, window)
    window.action_requested.connect(dialogs.handle)
    acts = window.actions_.actions
    window.details_panel.add_actions(
        [acts[a] for a in (Action.CANCEL, Action.UNDO, Action.COMPLETE, Action.DNA, Action.DELETE)]
    )
    jobs = JobsPanel(desk, window.runner, window.tz, window)
    jobs.changed.connect(window.notify_changed)
    dock = QDockWidget(tr("wiring", "Jobs"), window)
    dock.setObjectName("jobsDock")
    dock.setWidget(jobs)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    _schedule_menu(window, desk, jobs, dock)
    _optional_parts(window, desk)
    setup_actions = getattr(window, "setup_actions", None)
    if setup_actions is not None:
        dialogs.offer_place = setup_actions.offer_waitlist
    _admin_menu(window, desk, ctx)
    idle = _idle(window, desk, ctx) if watch_idle else None
    if resume_jobs and jobs.resume_unfinished():
        dock.show()
    return Installed(dialogs, jobs, idle)


def _schedule_menu(window: MainWindow, desk: Desk, jobs: JobsPanel, dock: QDockWidget) -> None:
    menu = window.menuBar().addMenu(tr("wiring", "Sc&hedule"))
    bulk = menu.addAction(tr("wiring", "&Bulk cancel…"))
    bulk.setObjectName("bulkCancelAction")
    allowed = can(desk.actor, Permission.BULK_CANCEL)
    bulk.setEnabled(allowed)
    if not allowed:
        bulk.setToolTip(tr("wiring", "Only an administrator can bulk cancel."))

    def open_bulk() -> None:
        dock.show()
        jobs.open_dialog(window.anchor)

    bulk.triggered.connect(open_bulk)
    menu.addAction(dock.toggleViewAction())
    menu.setToolTipsVisible(True)


def _optional_parts(window: MainWindow, desk: Desk) -> None:
    """Reports, outbox and practice set-up: each adds its own menu."""
    from app.ui.outbox.panel import install_outbox
    from app.ui.reports.menu import build_reports_menu

    window.menuBar().addMenu(build_reports_menu(window, desk, window.runner))
    install_outbox(window, desk)
    try:
        from app.ui.setup.install import install_setup
    except ImportError:  # the set-up screens are optional in a trimmed build
        return
    actions = install_setup(window, desk)
    window.setup_actions = actions  # type: ignore[attr-defined]
    # The schedule's empty slots and dragged sessions go to the set-up screens' dialogs.
    window.view.slot_activated.connect(lambda worker, start: actions.new_session(start, worker))
    window.view.session_dropped.connect(
        lambda sid, worker, start: actions.move_session(sid, start, worker)
    )


def _admin_menu(window: MainWindow, desk: Desk, ctx: AppContext) -> None:
    menu = window.menuBar().addMenu(tr("wiring", "&Administration"))
    users_action = menu.addAction(tr("wiring", "&Users…"))
    users_action.setEnabled(can(desk.actor, Permission.MANAGE_USERS))
    users_action.triggered.connect(lambda: UsersDialog(desk, window).exec())
    sign_out = menu.addAction(tr("wiring", "&Sign out"))
    sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
    sign_out.triggered.connect(lambda: lock(window, desk, ctx))
    help_menu = window.menuBar().addMenu(tr("wiring", "&Help"))
    about = QAction(tr("wiring", "&About FrontDesk"), window)
    about.triggered.connect(
        lambda: QMessageBox.about(window, tr("wiring", "About FrontDesk"), about_text(ctx))
    )
    help_menu.addAction(about)


def about_text(ctx: AppContext) -> str:
    """Name, version, where the data is, and the schema revision."""
    revision = migrations.current_revision(ctx.db.engine) or "none"
    return tr(
        "wiring",
        "<b>FrontDesk {version}</b><br>The front desk of clinics and care providers.<br><br>"
        "Database: {db}<br>Schema revision: {rev}<br>Data folder: {data}",
    ).format(version=__version__, db=ctx.db.url, rev=revision, data=ctx.paths.data_dir)


def _idle(window: MainWindow, desk: Desk, ctx: AppContext) -> IdleWatcher | None:
    single, minutes = desk.read(users.sign_in_policy)
    if single or minutes <= 0:
        return None
    watcher = IdleWatcher(minutes, window)
    watcher.idle.connect(lambda: lock(window, desk, ctx, idle=True))
    app = QApplication.instance()
    if app is not None:
        watcher.start(app)
    return watcher


def lock(window: MainWindow, desk: Desk, ctx: AppContext, *, idle: bool = False) -> bool:
    """Hide the practice behind the sign-in dialog; whoever signs in takes over the desk."""
    from app.ui.startup import Startup

    note = tr("wiring", "Signed out after a while without use.") if idle else ""
    window.centralWidget().setVisible(False)
    actor = Startup(None, None, parent=window).login(ctx, window.practice, note)
    window.centralWidget().setVisible(True)
    if actor is None:
        window.close()
        return False
    desk.actor = actor
    window.statusBar().showMessage(tr("wiring", "Signed in as {u}.").format(u=actor.username), 6000)
    window.reload()
    return True
