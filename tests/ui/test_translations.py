"""Translations: the pseudo-translation shows every sentence of every window and dialog and the
report's fixed headings wrapped "[!! … !!]"; the practice's catalogue is installed at start and
reaches the services; the practice's language and currency are chosen in Practice settings."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication

from app import cli_signin, i18n
from app.bootstrap import AppContext
from app.models.enums import BillingProfile
from app.models.money import format_money
from app.services import auth
from app.services.desk import open_desk
from app.services.money.account import STATE_TEXT
from app.services.money.methods import METHOD_WORD
from app.services.money.payments import ADJUSTED
from app.services.records.notes import save_note, session_note
from app.services.reports import ReportFilters, cancellation_report, render_cancellation_pdf
from app.services.reports.audit_log import (
    AuditExport,
    AuditFilter,
    audit_log,
    write_audit_csv,
)
from app.services.reports.extraction import CHANGED_SINCE_PREVIEW
from app.services.reports.formatting import CSV_HEADER, csv_header
from app.services.reports.pdf_audit import render_audit_pdf
from app.services.setup.clients import ClientDraft, save_client
from app.services.setup.csv_import import IMPORTED, TWICE
from app.services.setup.policy import REFUSED as SETUP_REFUSED
from app.services.setup.reasons import list_reasons, set_billing_profile
from app.services.setup.settings import practice_settings
from app.ui.i18n import catalogue, install_translator, tr, translations_dir
from app.ui.money.pack_dialog import METHOD_TEXT
from app.ui.outbox.view import ACTIONS, HINTS, TABS
from app.ui.service_dialog import KEEP
from app.ui.setup.catalogue import GST_TEXT, UNIT_TEXT
from app.ui.setup.checklist import STEP_TEXT
from app.ui.setup.clients import FUNDING_TEXT, LEDGER_TEXT
from app.ui.setup.place_payments import PAID_TEXT
from app.ui.setup.session_dialog import KIND_TEXT, REPEAT_TEXT
from app.ui.setup.settings import PracticeSettingsDialog
from tests.conftest import FakeClock
from tests.factory import World
from tests.integration.test_refusals_translated import (
    _backup_file_checks,
    _did_not_attend,
    _extraction_said,
    _field_named_by_its_label,
    _import_problems,
    _money_adjusted_and_saved,
    _pack_sold_and_payment_recorded,
    _role_refusal,
    _sms_and_webhook_tests,
)
from tests.ui.setup_helpers import click, drive, install
from tests.unit.test_field_labels import field_labels

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from translations import lrelease  # noqa: E402


def test_every_window_and_dialog_is_pseudo_translated() -> None:
    """Every menu entry, dialog, wizard page and session action opened under the pseudo-
    translation (tests/ui/pseudo_walk.py, a fresh process): no sentence without "[!!"."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "FRONTDESK_LANG")}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.pseudo_walk"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    found = [line for line in done.stdout.splitlines() if line.startswith("[")]
    checked = [line for line in done.stdout.splitlines() if line.startswith("checked:")]
    assert checked, f"the walk did not finish:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert int(checked[0].split()[1]) >= 25, checked
    assert not found, "\n".join(found)


def test_the_report_pdf_and_csv_headings_are_pseudo_translated(
    english: None, pseudo_folder: Path, demo_ctx: AppContext, tmp_path: Path
) -> None:
    os.environ["FRONTDESK_LANG"] = "pseudo"
    assert install_translator("en_AU", "AUD", folder=pseudo_folder) == "pseudo"
    desk = open_desk(demo_ctx.db, "manager")
    report = desk.read(
        lambda uow: cancellation_report(uow, ReportFilters(date(2026, 3, 1), date(2026, 4, 30)))
    )
    out = tmp_path / "report.pdf"
    render_cancellation_pdf(report, out)
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    for heading in ("Cancellation report", "Breakdown", "By reason", "Weekly trend", "Detail",
                    "Clients who cancel often", "Page 1 of"):  # fmt: skip
        assert f"[!! {heading}" in text, heading
    assert "[!! Cancellations !!]".upper() in text  # the key figures print their labels in capitals
    assert all(h.startswith("[!! ") for h in csv_header()) and len(csv_header()) == len(CSV_HEADER)


def test_the_audit_log_pdf_and_csv_speak_the_practice_language(
    english: None, pseudo_folder: Path, demo_ctx: AppContext, tmp_path: Path
) -> None:
    os.environ["FRONTDESK_LANG"] = "pseudo"
    assert install_translator("en_AU", "AUD", folder=pseudo_folder) == "pseudo"
    desk = open_desk(demo_ctx.db, "manager")
    flt = AuditFilter(action="session.cancel", date_from=date(2026, 3, 1))
    log = desk.read(lambda uow: audit_log(uow, flt))
    out = tmp_path / "audit.pdf"
    render_audit_pdf(log, out)
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    for said in ("Audit log", "Event", "Outcome", "Changes", "Action: session.cancel",
                 "from ", "Generated ", "Page 1 of"):  # fmt: skip
        assert f"[!! {said}" in text, said
    assert f"[!! {len(log.rows)} events, newest first !!]" in text
    csv_path = tmp_path / "audit.csv"
    desk.read(lambda uow: write_audit_csv(uow, AuditExport(flt, snapshots=True), csv_path))
    header = csv_path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("[!! Event !!],[!! When !!]") and "[!! After !!]" in header, header


def test_the_practice_catalogue_reaches_the_window_and_the_services(
    english: None, tmp_path: Path
) -> None:
    ts = tmp_path / "frontdesk_fr.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="fr">'
        "<context><name>reports</name><message><source>&amp;Reports</source>"
        "<translation>&amp;Rapports</translation></message></context>"
        "<context><name>cancel</name><message><source>Choose which client cancelled.</source>"
        "<translation>Choisissez le client qui a annulé.</translation></message></context></TS>",
        encoding="utf-8",
    )
    lrelease(ts, tmp_path / "frontdesk_fr.qm")
    assert catalogue("fr_FR", tmp_path) == tmp_path / "frontdesk_fr.qm"  # the language's own
    assert install_translator("fr_FR", "EUR", folder=tmp_path) == "fr_FR"
    assert tr("reports", "&Reports") == "&Rapports"
    assert i18n.translate("cancel", "Choose which client cancelled.") == (
        "Choisissez le client qui a annulé."
    )
    assert format_money(123450) == "1\u202f234,50\xa0€"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"  # Qt's own words
    # The shipped starter catalogue loads; English sentences stay as written.
    assert (translations_dir() / "frontdesk_en_AU.qm").is_file()
    assert install_translator("en_AU", "AUD") == "en_AU"
    assert tr("reports", "&Reports") == "&Reports" and format_money(123450) == "$1,234.50"


def test_the_practice_language_and_currency_are_chosen_in_practice_settings(
    qtbot: Any, ctx: AppContext, clock: FakeClock, english: None
) -> None:
    world = World(ctx, clock)
    actions, boxes = install(qtbot, open_desk(world.db, "admin"))

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, PracticeSettingsDialog)
        dialog.tabs.setCurrentIndex(0)
        dialog.currency.lineEdit().clear()
        qtbot.keyClicks(dialog.currency.lineEdit(), "Klingon darsek")
        click(qtbot, dialog.save_button)
        assert "is not a currency FrontDesk knows" in dialog.error.text()
        dialog.language.setCurrentIndex(dialog.language.findText("French (France) — fr_FR"))
        dialog.currency.setCurrentIndex(dialog.currency.findText("EUR — Euro"))
        assert dialog.language.currentIndex() >= 0 and dialog.currency.currentIndex() >= 0
        click(qtbot, dialog.save_button)

    drive(actions, fill)
    actions.actions["settings"].trigger()
    saved = world.read(practice_settings)
    assert (saved.locale, saved.currency) == ("fr_FR", "EUR")
    assert any("new language, dates and currency" in text for _t, text in boxes.shown)


def test_the_lists_words_and_the_setup_sentences_are_in_the_catalogue(
    english: None, pseudo_folder: Path, ctx: AppContext, clock: FakeClock
) -> None:
    """The words a screen keeps in a table (the set-up checklist, the outbox's tabs and hints, the
    choices of a list) and the set-up and note sentences the services write are collected into
    the catalogue: under the pseudo-translation none comes out bare."""
    os.environ["FRONTDESK_LANG"] = "pseudo"
    assert install_translator("en_AU", "AUD", folder=pseudo_folder) == "pseudo"
    steps = [t for s in STEP_TEXT.values() for t in (s.title, s.needs, s.open_text, s.aside_text)]
    tables = [
        *(("checklist", t) for t in steps if t),
        *(("outbox", t) for t in [*dict(TABS).values(), *HINTS.values(), *ACTIONS.values()]),
        *(("money", t) for t in [*STATE_TEXT.values(), *METHOD_TEXT.values()]),
        *(("setup", t) for table in (KIND_TEXT, REPEAT_TEXT, UNIT_TEXT, GST_TEXT, PAID_TEXT,
                                      FUNDING_TEXT, LEDGER_TEXT) for t in table.values()),
        ("dialogs", KEEP),
    ]  # fmt: skip
    bare = [f"{where}: {text}" for where, text in tables if tr(where, text) != f"[!! {text} !!]"]
    assert not bare, "\n".join(bare)
    for where, plural in (("outbox", "%n message(s) failed"), ("outbox", "%n manual to-do(s)"),
                          ("audit", "; %n checkpoint(s) held")):  # fmt: skip
        assert i18n.translate(where, plural, None, 2).startswith("[!! "), plural

    world = World(ctx, clock)
    added = world.run(world.admin, lambda uow: save_client(uow, None, ClientDraft("Ann", "Lee")))
    assert added.message == "[!! Ann Lee was added. !!]"
    assert added.warnings == (
        "[!! This client has no e-mail address, so notifications cannot reach them. !!]",
    )
    rules = {row.rule_text for row in world.read(list_reasons)}
    assert any(r.startswith("[!! under 2 clear business days") for r in rules), rules
    assert all(r.startswith("[!! ") for r in rules), rules
    profile = world.run(world.admin, lambda uow: set_billing_profile(uow, BillingProfile.PRIVATE))
    assert profile.message.startswith("[!! Billing profile: private practice."), profile.message
    start = datetime(2026, 4, 8, 9, tzinfo=UTC)
    session = world.session(world.worker(), world.service(), start, [world.client()])
    said = world.run(world.admin, lambda uow: save_note(uow, session, "Arrived late.")).message
    assert said == "[!! The note was saved as a draft. !!]"
    shown = world.read(lambda uow: session_note(uow, session))
    assert shown is not None
    done = world.run(
        world.admin,
        lambda uow: save_note(uow, session, "Seen.", revision=shown.revision, finalize=True),
    )
    assert done.message == "[!! The note was finalized; it can no longer be changed. !!]"


@pytest.mark.parametrize(
    "said",
    [
        _import_problems,
        _backup_file_checks,
        _money_adjusted_and_saved,
        _extraction_said,
        _did_not_attend,
        _sms_and_webhook_tests,
    ],
    ids=lambda f: f.__name__.lstrip("_"),
)
def test_the_import_backup_money_extraction_attendance_and_sms_sentences_are_in_the_catalogue(
    said: Callable[[pytest.FixtureRequest, Path], str | None],
    english: None,
    pseudo_folder: Path,
    ctx: AppContext,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    """The CSV import's problems, the backup file checks, the money, extraction, did-not-attend
    and SMS sentences, and the ones kept in constants, are collected into the catalogue: each
    comes out of the pseudo-translation's catalogue wrapped, its placeholders filled."""
    os.environ["FRONTDESK_LANG"] = "pseudo"
    assert install_translator("en_AU", "AUD", folder=pseudo_folder) == "pseudo"
    marked = [
        ("setup", TWICE),
        *(("setup", t) for t in IMPORTED.values()),
        *(("money", t) for t in ADJUSTED.values()),
        ("extract", CHANGED_SINCE_PREVIEW),
    ]
    bare = [f"{where}: {text}" for where, text in marked if tr(where, text) != f"[!! {text} !!]"]
    assert not bare, "\n".join(bare)
    text = said(request, tmp_path) or ""
    assert text.startswith("[!! ") and text.endswith(" !!]"), text
    assert "{" not in text, f"a placeholder left unfilled: {text}"


@pytest.mark.parametrize(
    "said",
    [_field_named_by_its_label, _role_refusal, _pack_sold_and_payment_recorded],
    ids=lambda f: f.__name__.lstrip("_"),
)
def test_the_field_names_role_refusals_and_payment_words_are_in_the_catalogue(
    said: Callable[[pytest.FixtureRequest, Path], str | None],
    english: None,
    pseudo_folder: Path,
    ctx: AppContext,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    """The labels the boundary's refusals name a field by, each permission's and set-up change's
    whole refusal sentences with the roles' names, and the payment methods' words are collected
    into the catalogue: each comes out of it wrapped, and so do the sentences built of them."""
    os.environ["FRONTDESK_LANG"] = "pseudo"
    assert install_translator("en_AU", "AUD", folder=pseudo_folder) == "pseudo"
    labels = field_labels()
    assert {"pack name", "expiry date", "note", "cancelled by", "limit"} <= labels, labels
    not_admin = [cli_signin.NOT_ADMIN_DEMO, cli_signin.NOT_ADMIN_AUDIT_KEY,
                 cli_signin.NOT_ADMIN_RESTORE, cli_signin.NOT_ADMIN_USERS]  # fmt: skip
    auth_sentences = [*auth.ROLE_NAME.values(), *auth.REFUSED.values(), auth.ACCOUNT_DISABLED,
                      *auth.ROLE_CHANGED.values(), *auth.DISABLED.values(),
                      *SETUP_REFUSED.values(), *not_admin]  # fmt: skip
    marked = [
        *(("fields", t) for t in sorted(labels)),
        *(("auth", t) for t in auth_sentences),
        *(("money", t) for t in METHOD_WORD.values()),
    ]
    bare = [f"{where}: {text}" for where, text in marked if tr(where, text) != f"[!! {text} !!]"]
    assert not bare, "\n".join(bare)
    text = said(request, tmp_path) or ""
    assert text.startswith("[!! ") and text.endswith(" !!]"), text
    assert "{" not in text, f"a placeholder left unfilled: {text}"
