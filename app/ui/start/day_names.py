"""The practice's day and month names, kept in the desk's settings from one start to the next.

The schedule measures and paints its day headings in the practice's language (app/i18n.py,
from babel's CLDR data). Loading babel and its locale data takes about 60 ms, a third of what a
bare window takes to show, and the quick start's first week (first_week.py) would wait for it.
The window keeps the names when it closes, stamped with babel's data files as installed; the
next start uses them while that stamp matches (an upgrade of babel reads them afresh).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QSettings

from app import i18n

FORMS = ("a", "A", "b", "B", "p")  # weekday, month and AM/PM names, as when_text has them


def _stamp(locale: str) -> str | None:
    """babel's data for `locale` as installed, without importing babel (None: not found)."""
    try:
        spec = importlib.util.find_spec("babel")
        if spec is None or spec.origin is None:
            return None
        data = Path(spec.origin).parent / "locale-data"
        root, own = (data / "root.dat").stat(), (data / f"{locale}.dat").stat()
    except (OSError, ValueError, ImportError):
        return None
    return f"{root.st_size}:{root.st_mtime_ns}:{own.st_size}:{own.st_mtime_ns}"


def recall(locale: str) -> bool:
    """Use the names kept for `locale` at an earlier close, when babel's data is the same."""
    stamp, settings = _stamp(locale), QSettings()
    settings.beginGroup(f"names/{locale}")
    if stamp is None or settings.value("stamp") != stamp:
        return False
    kept = {form: settings.value(form) for form in FORMS}
    return i18n.keep_names(locale, {k: v for k, v in kept.items() if isinstance(v, list)})


def keep(locale: str) -> None:
    """Keep the names for the next start (written only when they changed)."""
    stamp = _stamp(locale)
    if stamp is None:
        return
    names = i18n.day_and_month_names(locale)
    settings = QSettings()
    settings.beginGroup(f"names/{locale}")
    if settings.value("stamp") == stamp and all(
        settings.value(form) == list(names[form]) for form in FORMS
    ):
        return
    for form in FORMS:
        settings.setValue(form, list(names[form]))
    settings.setValue("stamp", stamp)
