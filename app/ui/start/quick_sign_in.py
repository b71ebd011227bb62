"""The sign-in dialog first, on a desk where everyone signs in.

The dialog needs only the practice's name, read with plain sqlite3
(quick_week.sign_in_facts), so it paints before the database side (SQLAlchemy, the models,
the services) has loaded; that loads while the receptionist types, and the same dialog then
checks the password (Startup.login takes it over). Any other desk (single-user, a first run,
PostgreSQL, an upgrade, a damaged file) starts the usual way; nothing here writes.
"""

from __future__ import annotations

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
    dialog = LoginDialog(facts.practice_name, _not_yet)
    dialog.setModal(True)  # as exec() will have it
    dialog.show()
    wait_for_paint(dialog)
    return dialog


def _not_yet(_username: str, _password: str) -> object:
    """OK pressed while the database is still opening (another dialog of the start ran)."""
    from app.errors import NotAllowedError

    raise NotAllowedError("FrontDesk is still opening the practice's data; try again in a moment.")
