"""The practice's words and formats (app/i18n.py, and app/number_text.py for money and numbers):
money, dates and names in the practice's locale (never the computer's), the checks of its choices,
the services' translate(), and one sentence for a role's refusal."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import i18n, number_text
from app.db import Actor
from app.errors import PermissionDeniedError, ValidationError
from app.models.enums import Role
from app.models.money import format_money, parse_money
from app.services import auth
from app.services.auth import Permission, require
from app.services.setup.policy import MINIMUM_ROLE, SetupAction, require_setup
from app.services.setup.policy import REFUSED as SETUP_REFUSED
from app.services.setup.recurrence import Recurrence, occurrences

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    yield
    i18n.use_practice(None, None)
    i18n.set_translator(None)


def test_money_follows_the_practice_currency_and_locale() -> None:
    assert format_money(123450) == "$1,234.50" and format_money(-500) == "-$5.00"  # en_AU, AUD
    i18n.use_practice("de_DE", "EUR")
    assert format_money(123450) == "1.234,50\xa0€"
    assert format_money(-500) == "-5,00\xa0€"
    assert parse_money("€ 12.50") == 1250 and parse_money("$3") == 300
    i18n.use_practice("hi_IN", "INR")
    assert format_money(1234567800) == "₹1,23,45,678.00"  # the lakh grouping, as babel has it
    i18n.use_practice("en_AU", "AUD")
    assert format_money(123450) == "$1,234.50"


def test_the_fast_money_format_writes_what_babel_writes() -> None:
    from babel.numbers import format_currency

    for locale, currency in (("en_AU", "AUD"), ("fr_FR", "EUR"), ("nl_NL", "EUR"),
                             ("de_CH", "CHF"), ("ja_JP", "JPY"), ("ar_EG", "EGP")):  # fmt: skip
        for cents in (0, 7, -7, 99999999, -123456):
            expected = format_currency(cents / 100, currency, locale=locale, currency_digits=False)
            assert number_text.money(cents, currency, locale) == expected, (locale, cents)


def test_a_report_rate_is_written_the_practice_way() -> None:
    from app.services.reports.formatting import percent

    assert percent(0.052) == "5.2%" and percent(1.0) == "100.0%"  # en_AU
    i18n.use_practice("fr_FR", "EUR")
    assert percent(0.052) == "5,2\xa0%"
    i18n.use_practice("de_DE", "EUR")
    assert percent(0.12345) == "12,3\xa0%"
    i18n.use_practice("tr_TR", "TRY")
    assert percent(0.5) == "%50,0"


def test_the_audit_check_counts_events_the_practice_way() -> None:
    from app.services.audit.verify import ChainReport

    report = ChainReport(1234567, (), 0, 2, 1234567, 1234567)
    assert report.summary() == "Audit trail intact: 1,234,567 events verified; 2 checkpoints held."
    i18n.use_practice("de_DE", "EUR")
    assert "1.234.567 events" in report.summary()
    i18n.use_practice("fr_FR", "EUR")
    assert report.checked_range() == "Every event was re-read (1\u202f234\u202f567)."


def test_day_and_month_names_are_the_practice_language_not_the_computer() -> None:
    day = date(2026, 9, 2)
    assert i18n.when_text(day, "%a %d %b %Y") == "Wed 02 Sept 2026"  # en_AU's CLDR names
    i18n.use_practice("fr_FR", "EUR")
    assert i18n.when_text(day, "%A %d %B") == "mercredi 02 septembre"
    assert i18n.weekday_name(0, wide=True) == "lundi" and i18n.month_name(1) == "janv."


def test_a_skipped_wall_time_is_named_in_the_practice_language() -> None:
    """The clocks go forward at 02:00 on Sun 4 Oct 2026 in Sydney: a weekly 02:30 session
    lands at 03:30 that day, and the note names the day as the practice writes it."""
    sydney = ZoneInfo("Australia/Sydney")
    first = datetime(2026, 9, 27, 2, 30, tzinfo=sydney)
    i18n.use_practice("fr_FR", "EUR")
    notes = [o.note for o in occurrences(first, Recurrence(count=2), sydney) if o.note]
    assert notes == [
        "dim. 04 oct. 02:30 does not exist on the practice clock (the clocks go forward); "
        "that session is at 03:30."
    ]


def test_the_practice_choices_are_checked_with_plain_refusals() -> None:
    assert i18n.check_locale(" en-AU ") == "en_AU" and number_text.check_currency(" nzd ") == "NZD"
    with pytest.raises(ValidationError, match="not a language and region FrontDesk knows") as bad:
        i18n.check_locale("xx_YY")
    assert bad.value.field == "locale"
    with pytest.raises(ValidationError, match="not a currency FrontDesk knows") as money:
        number_text.check_currency("DEM")  # the Deutsche Mark: no country pays in it today
    assert money.value.field == "currency"
    assert ("en_AU", "English (Australia)") in i18n.locale_choices()
    assert ("AUD", "Australian Dollar") in number_text.currency_choices()


def test_the_choices_are_named_in_the_language_the_practice_has_now() -> None:
    """A practice that changes its language sees the languages and currencies offered named in
    the new one at once, not in the one they were first asked in."""
    assert ("AUD", "Australian Dollar") in number_text.currency_choices()
    assert ("fr_FR", "French (France)") in i18n.locale_choices()
    i18n.use_practice("fr_FR", "EUR")
    assert ("AUD", "dollar australien") in number_text.currency_choices()
    assert ("fr_FR", "français (France)") in i18n.locale_choices()
    i18n.use_practice("en_AU", "AUD")
    assert ("AUD", "Australian Dollar") in number_text.currency_choices()


def test_service_text_goes_through_the_installed_translator() -> None:
    assert i18n.translate("cancel", "Choose which client cancelled.") == (
        "Choose which client cancelled."
    )
    i18n.set_translator(lambda _context, text, *_: i18n.pseudo_text(text))
    with pytest.raises(ValidationError) as refused:
        occurrences(datetime(2026, 4, 1, 9, tzinfo=UTC), Recurrence(interval_weeks=5, count=3), UTC)
    assert str(refused.value) == "[!! Repeat every 1, 2, 3 or 4 weeks. !!]"


def test_a_role_refusal_is_one_whole_sentence_for_each_permission_and_set_up_change() -> None:
    """`auth.require` and `policy.require_setup` refuse with a whole sentence of their own, the
    action's words in it (a translator never joins them), and the role's name from the catalogue."""
    asked: list[tuple[str, str]] = []

    def translator(context: str, text: str, *_: object) -> str:
        asked.append((context, text))
        return text

    i18n.set_translator(translator)
    reception = Actor(7, "reception", Role.RECEPTION)
    with pytest.raises(PermissionDeniedError) as permission:
        require(reception, Permission.REPORTS)
    with pytest.raises(PermissionDeniedError) as setup:
        require_setup(reception, SetupAction.EDIT_STAFF)
    assert asked == [
        ("auth", "Your role ({role}) cannot run reports. Ask a manager to do it."),
        ("auth", "reception"),
        (
            "auth",
            "Your role ({role}) cannot change workers, services or locations. "
            "Ask a manager to do it.",
        ),
        ("auth", "reception"),
    ]
    assert permission.value.message == (
        "Your role (reception) cannot run reports. Ask a manager to do it."
    )
    assert setup.value.message == (
        "Your role (reception) cannot change workers, services or locations. Ask a manager to do it."
    )


WHO_CAN = {Role.MANAGER: "a manager", Role.ADMIN: "an administrator"}


def test_every_permission_a_role_may_lack_has_its_sentences_in_the_words_it_always_had() -> None:
    """Each permission some role lacks, and each set-up change, refuses, and says it was taken
    away, in a sentence of its own; in English each reads as the one sentence built around the
    permission's words did."""
    for permission in Permission:
        lowest = auth.lowest_role_with(permission)
        if lowest == Role.RECEPTION:
            assert permission not in auth.REFUSED and permission not in auth.DISABLED, permission
            continue
        who, words = WHO_CAN[lowest], permission.value
        assert (
            auth.REFUSED[permission] == f"Your role ({{role}}) cannot {words}. Ask {who} to do it."
        )
        assert auth.ROLE_CHANGED[permission] == (
            f"Your account no longer allows you to {words}: an administrator has changed your "
            f"role to {{role}}. Ask {who} to do it for you."
        )
        assert auth.DISABLED[permission] == (
            f"Your account no longer allows you to {words}: an administrator has disabled it. "
            "Ask an administrator if you need the account again."
        )
    for action, lowest in MINIMUM_ROLE.items():
        if lowest == Role.RECEPTION:
            assert action not in SETUP_REFUSED, action
            continue
        assert SETUP_REFUSED[action] == (
            f"Your role ({{role}}) cannot {action.value}. Ask {WHO_CAN[lowest]} to do it."
        )


def test_a_role_refusal_comes_out_whole_in_the_practice_language() -> None:
    """A catalogue that has the sentence and the role's name: nothing English is left in it."""
    french = {
        "Your role ({role}) cannot run reports. Ask a manager to do it.": (
            "Votre rôle ({role}) ne permet pas de lancer des rapports. Demandez à un responsable."
        ),
        "Your account no longer allows you to run reports: an administrator has changed your "
        "role to {role}. Ask a manager to do it for you.": (
            "Votre compte ne permet plus de lancer des rapports : un administrateur a changé "
            "votre rôle en {role}. Demandez à un responsable."
        ),
        "reception": "accueil",
    }
    i18n.set_translator(lambda _c, text, *_: french.get(text, text))
    with pytest.raises(PermissionDeniedError) as refused:
        require(Actor(7, "reception", Role.RECEPTION), Permission.REPORTS)
    assert refused.value.message == (
        "Votre rôle (accueil) ne permet pas de lancer des rapports. Demandez à un responsable."
    )
    said = auth.no_longer_allowed(Permission.REPORTS, Actor(7, "reception", Role.RECEPTION))
    assert said == (
        "Votre compte ne permet plus de lancer des rapports : un administrateur a changé votre "
        "rôle en accueil. Demandez à un responsable."
    )


def test_a_practice_in_another_language_gets_its_own_email_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.outbox.templates import render

    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "resources" / "templates", folder)
    (folder / "fr").mkdir()
    (folder / "fr" / "cancel_client.txt").write_text(
        "Bonjour $first_name, votre séance du $starts_local est annulée.\n$reason_line",
        encoding="utf-8",
    )
    monkeypatch.setenv("FRONTDESK_TEMPLATES", str(folder))
    facts = {"first_name": "Ana", "starts_local": "mercredi 1 avril", "reason": "Malade"}
    assert render("cancel", facts, with_reason=True).text.startswith("Dear Ana,")  # en_AU
    i18n.use_practice("fr_FR", "EUR")
    i18n.set_translator(
        lambda _c, text, *_: {"Reason: {reason}": "Motif : {reason}"}.get(text, text)
    )
    email = render("cancel", facts, with_reason=True)
    assert (
        email.text == "Bonjour Ana, votre séance du mercredi 1 avril est annulée.\nMotif : Malade\n"
    )
    assert "Ana" in email.html  # no French HTML copy: the English one, as shipped


def test_plurals_take_the_catalogue_form_or_english() -> None:
    assert [i18n.translate("notice", "%n hour(s)", None, n) for n in (0, 1, 2)] == [
        "0 hours", "1 hour", "2 hours",
    ]  # fmt: skip
    assert i18n.translate("ctx", "%n class(es) booked", None, 1) == "1 class booked"
    assert i18n.translate("ctx", "%n class(es) booked", None, 3) == "3 classes booked"
    forms = {1: "%n heure", 2: "%n heures"}
    i18n.set_translator(lambda _c, text, _d, n: forms[min(n, 2)] if "hour" in text else text)
    assert i18n.translate("notice", "%n hour(s)", None, 1) == "1 heure"
    assert i18n.translate("notice", "%n hour(s)", None, 5) == "5 heures"
    assert (
        i18n.translate("notice", "(s) only counts with a number") == "(s) only counts with a number"
    )


def test_the_notice_working_is_written_in_the_practice_language() -> None:
    """The charge's working (app/models/rules.py, its words in notice_text.py) goes through the
    catalogue, its weekday and month names are the locale's, and its counts are plurals."""
    from app.models.practice_calendar import PracticeCalendar
    from app.models.rules import NDIS_PROFILE, ChargeContext, evaluate

    sydney = ZoneInfo("Australia/Sydney")
    rule = next(t.rule for t in NDIS_PROFILE if t.code == "ndis_health")
    cal = PracticeCalendar("Australia/Sydney", "AU", "NSW")
    facts = ChargeContext(
        session_start=datetime(2026, 9, 28, 9, tzinfo=sydney),
        advised_at=datetime(2026, 9, 17, 10, tzinfo=sydney),
        session_price_cents=19399, cancelled_by="client",
        service_allows_charges=True, support_worker_pricing=False,
    )  # fmt: skip
    english = evaluate(rule, facts, cal).explanation
    assert english.startswith("advised Thu 17 Sept 10:00; clear business days before Mon 28 Sept")
    assert english.endswith(
        "Fri 18 Sept to Sun 27 Sept, skipping weekends → 6 (need 2) → enough notice → no charge"
    )

    i18n.use_practice("fr_FR", "EUR")
    i18n.set_translator(lambda _c, text, *_: i18n.pseudo_text(text))
    pseudo = evaluate(rule, facts, cal).explanation
    assert "[!! advised {when} !!]" not in pseudo  # filled, not shown as a template
    assert pseudo.startswith("[!! [!! [!! [!! advised jeu. 17 sept. 10:00 !!]; clear business")
    assert "[!! ven. 18 sept. to dim. 27 sept., skipping weekends !!]" in pseudo
    assert "[!! enough notice !!]" in pseudo
    for english_word in ("advised", "business day", "notice"):
        assert all("[!!" in part for part in pseudo.split(english_word)[:-1]), english_word


def test_a_pdf_in_a_translated_language_prints_its_headings_letters() -> None:
    """Western names, the default locale, but a Greek catalogue: the headings are Greek, so the
    PDF takes the Unicode fonts rather than Helvetica (whose letters are Western only)."""
    from app.services.reports.pdf_base import CORE, choose_fonts

    assert choose_fonts(["Ana Lopez"]).regular == CORE[0]
    i18n.set_translator(
        lambda _c, text, *_: {"Cancellations": "Ακυρώσεις"}.get(text, text), "el_GR"
    )
    assert i18n.catalogue_language() == "el_GR"
    assert choose_fonts(["Ana Lopez"]).regular != CORE[0]
    i18n.set_translator(None)
    assert i18n.catalogue_language() is None


def test_one_checkpoint_reads_as_a_sentence() -> None:
    from app.services.audit.verify import ChainReport

    report = ChainReport(10, (), 0, 1, 10, 10)
    assert report.summary() == "Audit trail intact: 10 events verified; 1 checkpoint held."


def test_remembered_notice_words_follow_a_change_of_language_and_locale() -> None:
    from datetime import timedelta

    from app.models.notice_text import describe_notice, moment_text

    wall = datetime(2026, 4, 2, 9, 30)  # a Thursday
    assert moment_text(wall, True) == "Thu 2 Apr 09:30"
    assert describe_notice(timedelta(days=2, hours=1)) == "2 days 1 hour"
    i18n.use_practice("fr_FR", "EUR")
    assert moment_text(wall, True) == "jeu. 2 avr. 09:30"
    i18n.set_translator(lambda _context, text, *_: i18n.pseudo_text(text))
    assert describe_notice(timedelta(days=2, hours=1)) == "[!! 2 days !!] [!! 1 hour !!]"
    i18n.set_translator(None)
    i18n.use_practice(None, None)
    assert moment_text(wall, True) == "Thu 2 Apr 09:30"
    assert describe_notice(timedelta(days=2, hours=1)) == "2 days 1 hour"
