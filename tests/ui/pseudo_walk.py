"""Every window, dialog and wizard page under the pseudo-translation: each sentence a person reads
must come through the catalogue, so it shows "[!! … !!]". Run in a fresh process:

    python -m tests.ui.pseudo_walk

Prints one line per sentence shown without the brackets, "checked: N windows", and exits 1 when
any was found. Data is not translated: names, numbers, dates, times and amounts (ALLOWED) pass.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[2]
MARK = "[!!"

# Text that is data, not a sentence: no letters at all (times, amounts, counts, "—"), an
# e-mail address, a date or time written with the practice's month and day names.
_NO_LETTERS = re.compile(r"[^A-Za-zÀ-ÿ]*")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
# A date or time as the window writes it: "Wed 01 Apr 2026 10:00", "April 2026", "Thu 15:10".
_DATE = re.compile(rf"\b(({_DAYS})|({_MONTHS})|AM|PM|AEDT|AEST)\b\.?")
_MASK = re.compile(r"[dmyhHMs/:.\s-]+")  # a date field's "dd/mm/yyyy hh:mm"
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"https?://\S+")
_SLUG = re.compile(r"[a-z]+-\d+")  # a calendar's name on the server, "worker-3"
# The product's own name and words that read the same in every language.
ALLOWED = {"FrontDesk", "OK", "…", "NDIS", "ABN", "SMTP", "CSV", "PDF", "iCalendar", "URL"}


_NAMES: set[str] = set()


def _data_names() -> set[str]:
    """The practice's names: clients, workers, services, reasons (data, untranslated)."""
    _load_names()
    return _NAMES


def is_data(text: str) -> bool:
    """A shown text that is data, not a sentence FrontDesk wrote."""
    bare = re.sub(r"<[^>]+>", " ", text).replace("&amp;", "&").replace("&nbsp;", " ")
    bare = bare.replace("&", "").strip()
    if not bare or _NO_LETTERS.fullmatch(bare) or bare in ALLOWED or _MASK.fullmatch(bare):
        return True
    if _SLUG.fullmatch(bare) or _URL.fullmatch(bare):
        return True
    rest = _EMAIL.sub(" ", bare)
    for name in sorted(_data_names(), key=len, reverse=True):
        rest = rest.replace(name, " ")
    rest = _DATE.sub(" ", rest)
    return _NO_LETTERS.fullmatch(rest) is not None


def _texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for what a person reads in `top`: its title, labels, buttons, group boxes,
    tabs, column headers, menus, placeholders."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMainWindow,
        QTabBar,
        QTableView,
        QTextEdit,
        QTreeView,
        QWidget,
        QWizard,
    )

    found: list[tuple[str, str]] = [("window title", top.windowTitle())]
    if isinstance(top, QWizard) and top.currentPage() is not None:
        found.append(("wizard page title", top.currentPage().title()))
        found.append(("wizard page subtitle", top.currentPage().subTitle()))
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            found.append(("menu", action.text()))
            menu = action.menu()
            if menu is not None:
                found += [("menu entry", a.text()) for a in menu.actions() if not a.isSeparator()]
    for widget in top.findChildren(QWidget):
        if not widget.isVisible():
            continue
        kind = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((kind, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((kind, widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(kind, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            found.append((f"{kind} placeholder", widget.placeholderText()))
        elif isinstance(widget, QTextEdit) and widget.isReadOnly():
            found += [(kind, line) for line in widget.toPlainText().splitlines()]
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            horizontal = Qt.Orientation.Horizontal
            found += [
                ("column header", str(model.headerData(c, horizontal) or ""))
                for c in range(model.columnCount(QModelIndex()))
            ]
    return found


def untranslated(top: QWidget) -> list[str]:
    """Each sentence in `top` shown without the pseudo-translation's brackets."""
    out = []
    for where, text in _texts(top):
        if MARK in text or is_data(text):
            continue
        out.append(f"{where}: “{text[:90]}”")
    return sorted(set(out))


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="fd-pseudo-"))
    sys.path.insert(0, str(ROOT / "tools"))
    from pseudo_translate import make_pseudo

    make_pseudo(folder)  # collected afresh: a sentence added today is in it
    os.environ["FRONTDESK_LANG"] = "pseudo"
    from tests.ui import walk

    walk._screen(1366, 768, folder)
    from app.ui.i18n import install_translator
    from app.ui.start.qapp import make_application

    make_application(["frontdesk-pseudo"])
    assert install_translator("en_AU", "AUD", folder=folder) == "pseudo"
    return walk.main(["1366", "768"], inspect=untranslated)


_DATA_SQL = (
    "SELECT full_name FROM users UNION SELECT username FROM users UNION SELECT name FROM workers "
    "UNION SELECT first_name || ' ' || last_name FROM clients UNION SELECT first_name FROM clients "
    "UNION SELECT last_name FROM clients UNION SELECT name FROM services "
    "UNION SELECT code FROM services UNION SELECT name FROM locations UNION SELECT name FROM funders "
    "UNION SELECT label FROM cancellation_reasons UNION SELECT name FROM practice_settings "
    "UNION SELECT legal_name FROM practice_settings UNION SELECT address FROM practice_settings"
)


def _load_names() -> None:
    """Every name the practice holds, read once from the walk's own database."""
    if _NAMES:
        return
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import text

    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "ctx"))
    with window.ctx.db.read() as uow:  # type: ignore[attr-defined]
        rows = uow.session.execute(text(_DATA_SQL)).scalars()
        _NAMES.update(str(r) for r in rows if r and len(str(r)) > 1)


if __name__ == "__main__":
    sys.exit(main())
