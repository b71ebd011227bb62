"""The one translation function of the window, the marker lupdate looks for, and the translator.

`make translations` collects every `tr(context, text)` here and every `translate(context, text)`
of the services (app/i18n.py) into translations/frontdesk_<lang>.ts, and builds the
.qm files the app loads from resources/translations/. At start (before the first window) the
window installs the practice's catalogue, chosen by practice_settings.locale ("fr_FR" loads
frontdesk_fr_FR.qm, else frontdesk_fr.qm; none: English), or by FRONTDESK_LANG when it is set
("pseudo" for the pseudo-translation tools/pseudo_translate.py makes), and hands the same lookup
to the services, so a refusal or a report heading is in the window's language too.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import i18n as service_text
from app.i18n import translations_dir

tr = QCoreApplication.translate

_installed: dict[str, object] = {"translator": None, "language": None, "qt": None}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a literal for translation; it is translated where it is shown, with `tr`."""
    return text


def chosen_language(practice_locale: str | None) -> str:
    """FRONTDESK_LANG when set (a test, the pseudo-translation), else the practice's locale."""
    return os.environ.get("FRONTDESK_LANG") or practice_locale or service_text.DEFAULT_LOCALE


def catalogue(language: str, folder: Path | None = None) -> Path | None:
    """frontdesk_<language>.qm, else the language's own (fr_FR → fr), else None (English)."""
    folder = folder or translations_dir()
    names = [language, language.split("_")[0]]
    for name in dict.fromkeys(names):
        path = folder / f"frontdesk_{name}.qm"
        if path.is_file():
            return path
    return None


def install_translator(
    practice_locale: str | None = None, currency: str | None = None, folder: Path | None = None
) -> str | None:
    """Load the practice's catalogue into the application and the services; formats follow the
    practice's locale and currency. Returns the catalogue's language, or None for English.

    Called again (the desk re-opened after a restore), it swaps the catalogue: widgets made
    afterwards read the new one.
    """
    service_text.use_practice(practice_locale, currency)
    language = chosen_language(practice_locale)
    if _installed["language"] == language and _installed["translator"] is not None:
        return language
    app = QCoreApplication.instance()
    for key in ("translator", "qt"):
        old = _installed[key]
        if app is not None and isinstance(old, QTranslator):
            app.removeTranslator(old)
    _installed.update(translator=None, language=None, qt=None)
    service_text.set_translator(None)
    path = catalogue(language, folder)
    if path is None or app is None:
        return None
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return None
    if language.split("_")[0] not in ("en", service_text.PSEUDO):
        _installed["qt"] = _qt_catalogue(app, language)
        QLocale.setDefault(QLocale(language))  # Qt's own dialogs and date pickers follow
    app.installTranslator(translator)  # installed last: looked up first (the pseudo's Qt words)
    _installed.update(translator=translator, language=language)
    service_text.set_translator(QCoreApplication.translate, language)
    return language


def catalogue_lookup(language: str, folder: Path | None = None) -> service_text.Translator | None:
    """The catalogue of `language` as a lookup for the services, without an application: the
    command line's words (a refusal, a report's headings) in the practice's language."""
    path = catalogue(language, folder)
    translator = QTranslator()
    if path is None or not translator.load(str(path)):
        return None

    def lookup(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translator.translate(context, text, disambiguation, n) or text

    return lookup


def _qt_catalogue(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's own words (Cancel, Next, the colour and file dialogs) in the language, when Qt has it."""
    qt = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt.load(QLocale(language), "qtbase", "_", folder):
        return None
    app.installTranslator(qt)
    return qt
