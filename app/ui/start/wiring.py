"""Everything the main window gets beyond the schedule; `_connect_signals` is the one block that
connects those parts and the window (ARCHITECTURE rule 9)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QMenu

from app import __version__, migrations
from app.bootstrap import AppContext, sqlite_file
from app.paths import private_folder
from app.services import users
from app.services.auth import Permission
from app.services.desk import Desk
from app.services.vocabulary import Action
from app.ui import messages
from app.ui.bulk.panel import JobsPanel
from app.ui.i18n import tr
from app.ui.printing.menu import install_day_sheet
from app.ui.records.opener import RecordsOpener
from app.ui.role_gates import RoleGates
from app.ui.sessions.controller import DialogController
from app.ui.setup.user_forms import ChangePasswordDialog
from app.ui.setup.users_dialog import UsersDialog
from app.ui.start.account import (
    AccountWatch,
    not_saved_sentence,
    open_dialogs,
    unsaved_titles,
    will_be_lost_sentence,
)
from app.ui.start.idle import IdleWatcher
from app.ui.start.main_window import MainWindow

if TYPE_CHECKING:
    from app.ui.outbox.panel import OutboxPanel
    from app.ui.setup.install import SetupActions


@dataclass
class Installed:
    """What was added to the window (kept alive by this object and the window)."""

    dialogs: DialogController
    records: RecordsOpener  # a session's money and records, opened through `dialogs`
    jobs: JobsPanel
    idle: IdleWatcher | None
    gates: RoleGates
    outbox: OutboxPanel
    setup: SetupActions | None = None
    account: AccountWatch | None = None  # follows an administrator's change to this account


def install_all(
    window: MainWindow,
    desk: Desk,
    ctx: AppContext,
    *,
    resume_jobs: bool = True,
    watch_idle: bool = True,
) -> Installed:
    """Dialogs, bulk jobs, reports, outbox, practice set-up, users, idle sign-out, About."""
    dialogs = DialogController(desk, window, window, ops=window.ops)
    records = RecordsOpener(dialogs)  # take a payment, the note, insurer billing
    dialogs.add_handlers(records.handlers())
    acts = window.actions_.actions
    # What the desk does most comes first; the rest wait behind the toolbar's » when narrow.
    shown = (Action.CANCEL, Action.UNDO, Action.COMPLETE, Action.DNA, Action.UNDO_DNA,
             Action.EDIT, Action.DELETE)  # fmt: skip
    window.details_panel.add_actions([acts[a] for a in shown])
    jobs = JobsPanel(desk, window.runner, window.tz, window, ops=window.ops)
    dock = QDockWidget(tr("wiring", "Jobs"), window)
    dock.toggleViewAction().setText(tr("wiring", "&Jobs"))  # Schedule ▸ Jobs
    dock.setObjectName("jobsDock")
    dock.setWidget(jobs)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    # Every entry that depends on the role is registered here and re-evaluated on each sign-in.
    gates = RoleGates(window)
    for button in (jobs.stop_button, jobs.resume_button, jobs.undo_button):
        gates.permission(button, Permission.BULK_CANCEL)
    _schedule_menu(window, jobs, dock, gates)
    install_day_sheet(window)  # File ▸ Print day sheet… (Ctrl+P)
    _backup_entries(window, ctx, gates)  # File ▸ Back up now, Restore from a backup…
    outbox, setup = _optional_parts(window, desk, gates)
    _admin_menu(window, desk, ctx, gates)
    single, idle_minutes = desk.read(users.sign_in_policy)
    idle = _idle(window, single, idle_minutes) if watch_idle else None
    account = AccountWatch(window, lambda note: lock(window, desk, ctx, note=note),
                           partial(_close_open_dialogs, window), single)  # fmt: skip
    parts = Installed(dialogs, records, jobs, idle, gates, outbox, setup, account)
    _connect_signals(window, desk, ctx, parts)
    gates.apply(desk.actor)
    if resume_jobs:  # the panel shows itself for a job it resumes
        jobs.resume_unfinished()
        jobs.resume_unfinished_undos()
    return parts


# -- wiring: every connection between the window and the parts installed in it ------------------


def _connect_signals(window: MainWindow, desk: Desk, ctx: AppContext, parts: Installed) -> None:
    """The one block where the installed parts and the window are connected to each other."""
    window.action_requested.connect(parts.dialogs.handle)
    # An administrator changed this desk's account at another desk: a refused write, or the
    # live poll seeing users change, signs a disabled account out or applies the new role.
    if parts.account is not None:
        parts.account.install()
        window.loader.changed_elsewhere.connect(parts.account.on_changed_elsewhere)
    # The details panel's links (take a payment, a note, insurer billing, remove a payment, a
    # client's account) open the money and records dialogs; each role sees only its links.
    parts.records.watch(window.details_panel)
    parts.jobs.changed.connect(window.notify_changed)
    window.changes_applied.connect(parts.jobs.on_changes)  # a job's session undone on its own
    window.actor_changed.connect(parts.gates.apply)
    window.refusals.watch(parts.gates.actions())  # a greyed entry's shortcut says why, too
    # A change at this desk: the outbox sends what it queued and reloads the lists it touched.
    window.changes_applied.connect(parts.outbox.on_changes)
    parts.outbox.view.open_session_requested.connect(window.open_session)
    window.installEventFilter(parts.outbox)  # the window closing stops the outbox's sender
    # Clients' text replies that need a person: Tools ▸ Text replies…, a badge and a dock.
    from app.ui.sms.replies_panel import install_replies

    replies = install_replies(window, window.ops, parts.outbox.menu, parts.dialogs,
                              window.open_session)  # fmt: skip
    window.changes_applied.connect(replies.on_changes)
    parts.outbox.pump.pass_finished.connect(replies.on_tick)  # replies fetched at any desk
    if parts.idle is not None:
        parts.idle.idle.connect(lambda: lock(window, desk, ctx, idle=True))
    setup = parts.setup
    if setup is None:
        return
    window.setup_actions = setup
    # Edit session… (Ctrl+E) on the schedule opens the session form, filled in.
    parts.dialogs.add_handlers({Action.EDIT: setup.edit_session})
    # After a client cancellation frees a place, it is offered to the waitlist.
    parts.dialogs.offer_place = setup.offer_waitlist
    # A dragged move is undone as whoever signed in: the next user starts with a clean stack.
    window.actor_changed.connect(lambda _actor: setup.undo_stack.clear())
    # A change made anywhere in the window (a pack sold from Accounts, say): the Clients screen.
    window.changes_applied.connect(setup.on_changes)
    # Ctrl+N opens on the day the schedule shows, with the worker it shows or has selected.
    setup.shown = window.shown_day_and_worker
    # The schedule's empty slots and dragged sessions go to the set-up screens' dialogs.
    window.view.slot_activated.connect(lambda worker, start: setup.new_session(start, worker))
    window.view.session_dropped.connect(
        lambda sid, worker, start: setup.move_session(sid, start, worker)
    )
    # A new practice's first-run checklist: its buttons open the set-up screens, Users… and the
    # e-mail settings; it reads again when a change fans out and when someone else signs in.
    from app.ui.setup.checklist import install_checklist

    users_action = window.findChild(QAction, "usersAction")
    checklist = install_checklist(window, window.ops, setup, users_action,
                                  parts.outbox.settings_action)  # fmt: skip
    window.checklist = checklist
    window.changes_applied.connect(checklist.on_changes)
    window.actor_changed.connect(lambda _actor: checklist.refresh())


# -- menus -------------------------------------------------------------------------------------


def _schedule_menu(
    window: MainWindow, jobs: JobsPanel, dock: QDockWidget, gates: RoleGates
) -> None:
    menu = window.menuBar().addMenu(tr("wiring", "S&chedule"))
    bulk = menu.addAction(tr("wiring", "&Bulk cancel…"))
    bulk.setObjectName("bulkCancelAction")
    gates.permission(bulk, Permission.BULK_CANCEL)

    # The panel shows once a job works (queued, resumed or being undone), not for a dialog
    # closed without one.
    jobs.started.connect(dock.show)
    bulk.triggered.connect(lambda: jobs.open_dialog(window.anchor))
    menu.addAction(dock.toggleViewAction())
    menu.setToolTipsVisible(True)


def _backup_entries(window: MainWindow, ctx: AppContext, gates: RoleGates) -> None:
    from app.services.storage.practice_backups import PracticeFiles
    from app.ui.storage.menu import install_backups

    files = PracticeFiles(ctx.url, sqlite_file(ctx.url), ctx.paths.backup_dir,
                          frozenset(migrations.known_revisions()), ctx.desk_lock)  # fmt: skip
    install_backups(
        window, window.ops, files, gates, window.tz, window.close_for_restore,
        unsaved=lambda: will_be_lost_sentence(unsaved_titles(open_dialogs())),
    )  # fmt: skip


def _new_session_in_session_menu(window: MainWindow, new_session: QAction) -> None:
    """Session ▸ New session… first, above what the selected session offers: where a person
    looks to book one (the same action as Practice ▸ New session…, Ctrl+N)."""
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and menu.objectName() == "sessionMenu":
            entries = menu.actions()
            if entries:
                menu.insertAction(entries[0], new_session)
                menu.insertSeparator(entries[0])
            else:
                menu.addAction(new_session)
            return


def _optional_parts(
    window: MainWindow, desk: Desk, gates: RoleGates
) -> tuple[OutboxPanel, SetupActions | None]:
    """Reports, outbox and practice set-up: each adds its own menu."""
    from app.ui.outbox.panel import install_outbox
    from app.ui.reports.menu import ENTRIES, ReportsMenu, build_reports_menu

    reports = build_reports_menu(window, desk, window.runner)
    window.menuBar().addMenu(reports)
    if isinstance(reports, ReportsMenu):
        for name, _text, _factory, permission in ENTRIES:
            if permission is not None:
                gates.permission(reports.action(name), permission)
    # The outbox's first pass works out reminders, which reads the practice's public holidays:
    # it waits for the start's preload of them (application.preload_after_paint runs it then),
    # or for the pump's first tick, so the window's start loads no holiday calendar.
    outbox = install_outbox(window, desk, runner=window.runner, first_pass_at_once=False)
    gates.permission(outbox.settings_action, Permission.SETTINGS)
    from app.ui.calendar import install_calendar_feed

    # Tools ▸ Calendar feed…, beside the other sending settings.
    gates.permission(install_calendar_feed(window, outbox.menu, window.ops), Permission.SETTINGS)
    from app.ui.sms.gateway_action import install_sms_gateway

    # Tools ▸ SMS gateway…, beside Calendar feed….
    gates.permission(install_sms_gateway(window, outbox.menu, window.ops), Permission.SETTINGS)
    from app.ui.money.account import open_account
    from app.ui.money.menu import install_money

    install_money(window, window.ops, gates)  # Accounts: client accounts, packs, payments
    try:
        from app.ui.setup.install import install_setup
    except ImportError:  # the set-up screens are optional in a trimmed build
        return outbox, None
    actions = install_setup(window, desk, runner=window.runner, fan_out=window.notify_changed)
    actions.apis.open_account = lambda parent, client_id: open_account(
        parent, window.ops, client_id
    )
    _new_session_in_session_menu(window, actions.actions["new_session"])
    gates.permission(actions.actions["settings"], Permission.SETTINGS)
    gates.permission(actions.actions["reminders"], Permission.SETTINGS)
    gates.permission(actions.actions["import"], Permission.IMPORT)
    return outbox, actions


def _admin_menu(window: MainWindow, desk: Desk, ctx: AppContext, gates: RoleGates) -> None:
    menu = window.menuBar().addMenu(tr("wiring", "A&dministration"))
    users_action = menu.addAction(tr("wiring", "&Users…"))
    users_action.setObjectName("usersAction")
    gates.permission(users_action, Permission.MANAGE_USERS)
    users_action.triggered.connect(lambda: _open_users(window, desk))
    sign_out = QAction(tr("wiring", "&Sign out"), window)
    sign_out.setObjectName("signOutAction")
    sign_out.setShortcut(QKeySequence("Ctrl+Shift+L"))
    sign_out.triggered.connect(lambda: lock(window, desk, ctx))
    window.addAction(sign_out)  # its shortcut works wherever the focus is
    menu.addAction(sign_out)
    own_password = QAction(tr("wiring", "Change my &password…"), window)
    own_password.setObjectName("changeOwnPasswordAction")
    own_password.triggered.connect(lambda: _change_own_password(window, desk))
    file_menu = window.findChild(QMenu, "fileMenu")
    if file_menu is not None:  # File ▸ Change my password… and Sign out, just above Quit
        quit_action = window.findChild(QAction, "quitAction")
        for action in (own_password, sign_out):
            if quit_action in file_menu.actions():
                file_menu.insertAction(quit_action, action)
            else:
                file_menu.addAction(action)
    menu.insertAction(sign_out, own_password)
    help_menu = window.menuBar().addMenu(tr("wiring", "&Help"))
    about = QAction(tr("wiring", "&About FrontDesk"), window)
    about.triggered.connect(
        lambda: messages.about(window, tr("wiring", "About FrontDesk"), about_text(ctx))
    )
    help_menu.addAction(about)
    log_folder = QAction(tr("wiring", "Open &log folder"), window)
    log_folder.setObjectName("openLogFolderAction")
    log_folder.triggered.connect(lambda: open_log_folder(window, ctx))
    help_menu.addAction(log_folder)


def _open_users(window: MainWindow, desk: Desk) -> None:
    """Administration ▸ Users…; one's own role changed there, the window follows at once."""
    dialog = UsersDialog(desk, window)
    dialog.own_role_changed.connect(window.sign_in_as)
    dialog.exec()


def _change_own_password(window: MainWindow, desk: Desk) -> None:
    """File ▸ Change my password…: the signed-in user's own; the status bar says when it is done."""

    def change(current: str, password: str, again: str, reply: Any) -> None:
        window.ops.own_reply(
            lambda desk: users.change_own_password(desk.db, desk.actor, current, password, again),
            reply,
        )

    dialog = ChangePasswordDialog(desk.actor.username, change, window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        window.statusBar().showMessage(
            tr("wiring", "Your password was changed; use the new one from your next sign-in."),
            8000,
        )


def open_log_folder(window: MainWindow, ctx: AppContext) -> None:
    """The data folder's logs/ in the file manager; without one, a sentence saying where it is."""
    folder = private_folder(ctx.paths.log_dir)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        messages.inform(
            window,
            tr("wiring", "Log folder"),
            tr("wiring", "FrontDesk's log is in {folder}").format(folder=folder),
        )


def about_text(ctx: AppContext) -> str:
    """Name, version, where the data is, and the schema revision."""
    revision = migrations.current_revision(ctx.db.engine) or "none"
    return tr(
        "wiring",
        "<b>FrontDesk {version}</b><br>The front desk of clinics and care providers.<br><br>"
        "Database: {db}<br>Schema revision: {rev}<br>Data folder: {data}",
    ).format(version=__version__, db=ctx.db.url, rev=revision, data=ctx.paths.data_dir)


def _idle(window: MainWindow, single: bool, minutes: int) -> IdleWatcher | None:
    if single or minutes <= 0:
        return None
    watcher = IdleWatcher(minutes, window)
    app = QApplication.instance()
    if app is not None:
        watcher.start(app)
    return watcher


def lock(
    window: MainWindow, desk: Desk, ctx: AppContext, *, idle: bool = False, note: str = ""
) -> bool:
    """Hide the practice behind the sign-in dialog; whoever signs in takes over the desk.

    `note`: why, on the sign-in dialog (an administrator disabled the account, say)."""
    from app.ui.start.startup import Startup

    if idle:
        note = tr("wiring", "Signed out after a while without use.")
    lost = _close_open_dialogs(window)
    note = " ".join(part for part in (note, not_saved_sentence(lost)) if part)
    central = window.centralWidget()
    assert central is not None  # the main window's tabs
    central.setVisible(False)
    actor = Startup(None, None, parent=window).login(ctx, window.practice, note)
    central.setVisible(True)
    if actor is None:
        window.close()
        return False
    assert window.desk is desk
    window.sign_in_as(actor)  # actor_changed: menus, actions, panels and status bar follow
    window.statusBar().showMessage(tr("wiring", "Signed in as {u}.").format(u=actor.username), 6000)
    window.reload()
    return True


def _close_open_dialogs(window: MainWindow) -> list[str]:
    """Close what the previous user left open: nobody finishes (or reads) it in their name.

    Report and set-up windows were opened with the previous user's permissions, and a
    half-filled dialog would be confirmed as whoever signs in next. Returns the titles of the
    forms whose typing was thrown away, so the sign-in dialog can say so.
    """
    dialogs = open_dialogs()
    lost = unsaved_titles(dialogs)
    for widget in dialogs:
        widget.reject()
    return lost
