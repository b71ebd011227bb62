"""The database a command works on, shared by every command module below `app/cli.py`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.bootstrap import AppContext


def context(args: argparse.Namespace) -> AppContext:
    """The database the command line works on (checked whole, backed up and upgraded), with
    the practice's language and formats in force, as the window has them."""
    from app.bootstrap import build

    ctx = build(args.db, Path(args.data_dir) if args.data_dir else None, verify=True)
    speak_the_practice_language(ctx)
    return ctx


def speak_the_practice_language(ctx: AppContext) -> str | None:
    """Money and dates in the practice's locale and currency, and its catalogue's sentences
    (FRONTDESK_LANG first, as in the window). Returns the language loaded, None for English."""
    from app import i18n
    from app.services import practice

    locale: str | None
    currency: str | None
    try:
        with ctx.db.read() as uow:
            row = practice.settings(uow)
            locale, currency = row.locale, row.currency
    except LookupError:  # a new database: the practice is made by the command itself
        locale = currency = None
    i18n.use_practice(locale, currency)
    language = os.environ.get("FRONTDESK_LANG") or locale or i18n.DEFAULT_LOCALE
    if language.split("_")[0] == "en":
        return None  # English as written: no catalogue to load (nor Qt)
    from app.ui.i18n import catalogue_lookup  # Qt's catalogue reader, without an application

    lookup = catalogue_lookup(language)
    i18n.set_translator(lookup, language)
    return language if lookup is not None else None
