"""The sign-in dialog first, on a desk where everyone signs in.

The dialog needs only the practice's name, read with plain sqlite3
(quick_week.sign_in_facts), so it paints before the database side (SQLAlchemy, the models,
the services) has loaded. That loads while the receptionist types: the modules on a thread of
their own, the dialog taking keys and clicks meanwhile (`load_while_typing`); the same dialog
then checks the password (Startup.login takes it over). Any other desk (single-user, a first
run, PostgreSQL, an upgrade, a damaged file) starts the usual way; nothing here writes.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

# isort: split
from app.services.schedule import quick_week

# isort: split
import app.ui.pyside_imports  # noqa: F401  (first: every later import skips a source read)

# isort: split
from app.ui import palette
from app.ui.i18n import install_translator
from app.ui.start.login import LoginDialog
from app.ui.start.qapp import make_application, wait_for_paint


def show_sign_in(url: str | None, data_dir: Path | None) -> LoginDialog | None:
    """The sign-in dialog, painted, when this desk opens on it; else None."""
    facts = quick_week.sign_in_facts(url, data_dir)
    if facts is None:
        return None
    app = make_application()
    install_translator(facts.locale, facts.currency)  # before the dialog's first widget
    if not palette.apply_saved_scheme(app):
        palette.follow_system_scheme(app)
    dialog = LoginDialog(facts.practice_name, None)  # no check yet: see LoginDialog
    dialog.setModal(True)  # as exec() will have it
    dialog.show()
    wait_for_paint(dialog)
    return dialog


# What the start goes on to import after the dialog has painted: the start and the database
# side, then the main window's modules (app/ui/start/ahead.py builds the week's frame with them).
WHILE_TYPING = (
    "app.ui.start.application",
    "app.ui.start.unexpected",
    "app.ui.start.main_window",
    "app.ui.start.window_state",
    "app.ui.start.wiring",
)
_POLL_MS = 5


def load_while_typing(dialog: LoginDialog, modules: Sequence[str] = WHILE_TYPING) -> None:
    """Import `modules` on a thread while the dialog takes the person's keys and clicks.

    About a second of imports that would otherwise hold every key back: the dialog echoes
    what is typed at once. A module that fails here is imported again where the start needs
    it, which says what went wrong; nothing is created on the thread but modules.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    done = threading.Event()

    def load() -> None:
        try:
            for name in modules:
                importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - the start imports it again, and says
            logging.getLogger(__name__).warning("Loading ahead stopped at %r", exc)
        finally:
            done.set()

    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(_POLL_MS)
    poll.timeout.connect(lambda: loop.quit() if done.is_set() else None)
    threading.Thread(target=load, name="frontdesk-start-imports", daemon=True).start()
    poll.start()
    if not done.is_set() and dialog.isVisible():
        loop.exec()
    poll.stop()
    done.wait()
