"""How `frontdesk` opens the window: the first week first, whenever this desk can paint it.

On a desk that opens straight onto the schedule, the week is read with plain sqlite3
(app/services/schedule/quick_week.py) and painted (app/ui/start/first_week.py) before the
database side (SQLAlchemy, the services) has loaded; the main window takes it over later. On a
desk where everyone signs in, the sign-in dialog paints first the same way
(app/ui/start/quick_sign_in.py). Any other desk loads the database side first, before PySide6
(see app/ui/start/startup.py). So this
module imports neither PySide6 nor SQLAlchemy until it knows which start it is.
"""

from __future__ import annotations

import gc
from pathlib import Path


def launch(url: str | None, data_dir: Path | None, *, demo_if_empty: bool = False) -> int:
    """Open the desk's window (the first week first, when it can) and run until it closes."""
    # The window runs the cycle collector on its own timer (app.ui.qt_compat). Until it shows,
    # the start only makes long-lived objects (modules, classes, reference data), so automatic
    # collections would walk them all for nothing: about 50 ms of every start.
    gc.disable()
    from app.services.schedule import quick_week

    opened = quick_week.connect_url(url, data_dir)
    first = early = None
    if opened is not None:
        from app.ui.start.first_week import show_week

        first = show_week(opened)
    else:  # a desk where everyone signs in: the dialog first, the database side meanwhile
        from app.ui.start.quick_sign_in import load_while_typing, show_sign_in

        early = show_sign_in(url, data_dir)
        if early is not None:
            load_while_typing(early)  # what follows loads while the dialog takes keys
    from app.ui.start.application import run_gui
    from app.ui.start.unexpected import install

    install()  # an error nobody caught: the details to the log, one sentence on the screen
    return run_gui(url, data_dir, demo_if_empty=demo_if_empty, first=first, early=early)
