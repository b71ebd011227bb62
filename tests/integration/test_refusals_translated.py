"""Every sentence a receptionist reads goes through the catalogue: with the pseudo-translation
installed, a refusal or message of each area comes out wrapped ("[!! … !!]"), called through the
real code paths (a sentence left in English would come out bare)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app import i18n
from app.bootstrap import prepare_database
from app.db import Actor, UnitOfWork
from app.errors import FrontDeskError
from app.models import CancellationReason, Client
from app.models.enums import BillingProfile, Funding, IntegrationKind, Role, SessionStatus
from app.models.lifecycle import Action, SessionFacts, why_not
from app.paths import AppPaths
from app.services.audit.key import AuditKeys
from app.services.auth import Permission, no_longer_allowed
from app.services.money.account import write_account_csv
from app.services.money.account_pdf import write_account_pdf
from app.services.money.packs import PackSale, sell_pack
from app.services.money.payments import (
    AdjustmentKind,
    AdjustmentRequest,
    PaymentMethod,
    PaymentRequest,
    post_adjustment,
    post_payment,
)
from app.services.outbox import integration_settings
from app.services.outbox.integration_settings import IntegrationDraft
from app.services.outbox.notify import todo_text
from app.services.records.notes import save_note, session_note
from app.services.reports.extraction import extract_sds, preview_extraction, reexport_batch
from app.services.sessions.attendance import mark_did_not_attend, preview_did_not_attend
from app.services.sessions.refill import Withdrawn
from app.services.setup.checklist import set_step_aside
from app.services.setup.clients import ClientDraft, save_client
from app.services.setup.csv_import import ImportKind, apply_import, preview_import
from app.services.setup.funders import save_funders
from app.services.setup.reasons import list_reasons, save_reason, set_billing_profile
from app.services.setup.settings import practice_settings, save_practice_settings
from app.services.setup.workers import WorkerDraft, save_worker
from app.services.sms import settings as sms
from app.services.sms.offers import accept_offer
from app.services.sms.settings import SmsDraft, check_sms
from app.services.storage.backup import frontdesk_problem
from app.services.storage.desk_lock import in_use
from tests.conftest import FakeClock
from tests.factory import World, local
from tests.integration.outbox_helpers import HookServer
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn
from tests.integration.test_extraction import DAY, _cancelled_session

NOW = local(2026, 4, 1, 9)
START = datetime(2026, 4, 8, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def pseudo(empty_template: object) -> Iterator[None]:
    """The pseudo-translation, installed once the run's shared template database is made (in
    English: the other tests copy its reference data)."""
    i18n.set_translator(lambda _context, text, *_: i18n.pseudo_text(text))
    yield
    i18n.set_translator(None)


def _refusal(call: Callable[[], object]) -> str:
    with pytest.raises(FrontDeskError) as refused:
        call()
    return refused.value.message


def _lifecycle_cancel(_request: pytest.FixtureRequest, _tmp: Path) -> str | None:
    facts = SessionFacts(SessionStatus.ROSTERED, START, 1, 0, 0, 0, 0, False)
    return why_not(Action.CANCEL, facts, START)  # started: mark did-not-attend instead


def _lifecycle_edit(_request: pytest.FixtureRequest, _tmp: Path) -> str | None:
    facts = SessionFacts(SessionStatus.CANCELLED, START, 0, 1, 0, 0, 1, False)
    return why_not(Action.EDIT, facts, START)  # only a rostered session can be changed


def _bootstrap_foreign_file(_request: pytest.FixtureRequest, tmp: Path) -> str:
    other = tmp / "recipes.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    conn.close()
    data = AppPaths(tmp / "data").ensure()
    return _refusal(lambda: prepare_database(f"sqlite:///{other}", data, FakeClock(NOW)))


def _pack_payment_method(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = World(request.getfixturevalue("ctx"), request.getfixturevalue("clock"))
    client = world.client()
    sale = PackSale(client, "10-class pack", 10, "150", "bitcoin")
    return _refusal(lambda: world.run(world.reception, lambda uow: sell_pack(uow, sale)))


def _sms_settings(_request: pytest.FixtureRequest, _tmp: Path) -> str:
    return _refusal(lambda: check_sms(SmsDraft(gateway="pigeon"), False))


def _outbox_todo(_request: pytest.FixtureRequest, _tmp: Path) -> str:
    return todo_text("cancel", "Cliniko", "Wed 8 Apr 09:00", "Physio", "Ann", ["Bo Li"])


def _refill_withdrawn(_request: pytest.FixtureRequest, _tmp: Path) -> str:
    return Withdrawn("Bo Li", 5000, False, client_told=True, credits_returned=1).sentence()


def _audit_key(_request: pytest.FixtureRequest, tmp: Path) -> str:
    (tmp / "audit.key").write_text("not a key\n")
    return _refusal(lambda: AuditKeys(tmp).current())


def _restore_in_use(_request: pytest.FixtureRequest, tmp: Path) -> str:
    return in_use(tmp / "frontdesk.sqlite3").message


def _world(request: pytest.FixtureRequest) -> World:
    return World(request.getfixturevalue("ctx"), request.getfixturevalue("clock"))


def _client_added(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    draft = ClientDraft("Ann", "Lee", email="ann@example.com")
    return world.run(world.admin, lambda uow: save_client(uow, None, draft)).message


def _client_saved(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    draft = ClientDraft("Ann", "Lee", email="ann@example.com")
    cid = world.run(world.admin, lambda uow: save_client(uow, None, draft)).record_id
    return world.run(world.admin, lambda uow: save_client(uow, cid, draft)).message


def _client_no_email(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    saved = world.run(world.admin, lambda uow: save_client(uow, None, ClientDraft("Bo", "Li")))
    return saved.warnings[0]  # notifications cannot reach them


def _client_no_consent(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    draft = ClientDraft("Bo", "Li", email="bo@example.com", notify_consent=False)
    return world.run(world.admin, lambda uow: save_client(uow, None, draft)).warnings[0]


def _reason_rules(request: pytest.FixtureRequest, _tmp: Path) -> str:
    """Every rule the reasons list describes, one per line (each must be wrapped)."""
    rows = _world(request).read(list_reasons)
    rules = {row.rule_text for row in rows}
    assert len(rules) > 2, rules
    for rule in rules:
        for part in rule.split(" → ")[0:1] + rule.split("; ")[1:]:
            assert part.startswith("[!! ") and part.endswith(" !!]"), rule
    return next(r for r in sorted(rules) if "→" in r).split(" → ")[0]


def _reason_saved(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    row = world.read(list_reasons)[0]
    saved = world.run(world.admin, lambda uow: save_reason(uow, row.id, row.draft))
    assert saved.warnings and all(w.startswith("[!! ") for w in saved.warnings), saved
    return saved.message


def _billing_profile(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    return world.run(
        world.admin, lambda uow: set_billing_profile(uow, BillingProfile.PRIVATE)
    ).message


def _time_zone_notice(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)

    def move(uow: UnitOfWork) -> str:
        draft = replace(practice_settings(uow), time_zone="Australia/Perth")
        return save_practice_settings(uow, draft).warnings[0]

    return world.run(world.admin, move)


def _note_saves(request: pytest.FixtureRequest, _tmp: Path) -> str:
    """A note saved as a draft, saved again, then finalized: each sentence wrapped."""
    world = _world(request)
    session = world.session(world.worker(), world.service(), START, [world.client()])
    said = [world.run(world.admin, lambda uow: save_note(uow, session, "Arrived late.")).message]
    for finalize in (False, True):
        shown = world.read(lambda uow: session_note(uow, session))

        def save(
            uow: UnitOfWork, rev: str | None = shown and shown.revision, fin: bool = finalize
        ) -> str:
            return save_note(uow, session, "Seen.", revision=rev, finalize=fin).message

        said.append(world.run(world.admin, save))
    assert len(set(said)) == 3 and all(s.startswith("[!! ") for s in said), said
    return said[-1]


def _worker_no_hours(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    saved = world.run(world.admin, lambda uow: save_worker(uow, None, WorkerDraft("Jo Park")))
    assert saved.message.startswith("[!! "), saved.message  # "… was added."
    return saved.warnings[0]  # every session with them is warned about


def _funders_unchanged(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    return world.run(world.admin, lambda uow: save_funders(uow, ())).message


def _step_left_for_later(request: pytest.FixtureRequest, _tmp: Path) -> str:
    world = _world(request)
    return world.run(world.admin, lambda uow: set_step_aside(uow, "email")).message


def _import_problems(request: pytest.FixtureRequest, tmp: Path) -> str:
    """A clients file with a problem of the header, of a row and of each kind of cell: every
    problem wrapped, and the row and column around it too."""
    world = _world(request)
    bad = tmp / "clients.csv"
    bad.write_text("first_name,last_name,email,consent,funding,age\n"
                   "Ann,Lee,a@example.com,maybe,medicare,40\nBo\n"
                   "Ann,Lee\x07,a@example.com,yes,private,41\n", encoding="utf-8")  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, bad))
    where = [(p.row, p.column) for p in preview.errors]
    assert where == [(1, "age"), (2, "funding"), (2, "consent"), (3, ""), (3, "last_name"),
                     (4, "last_name"), (4, "first_name")], where  # fmt: skip
    for problem in preview.errors:
        assert problem.message.startswith("[!! ") and "{" not in problem.message, problem
    good = tmp / "good.csv"
    good.write_text("first_name,last_name\nAnn,Lee\n", encoding="utf-8")
    done = world.run(world.admin, lambda uow: apply_import(uow, ImportKind.CLIENTS, good))
    assert done.message == "[!! Imported 1 clients from good.csv. !!]", done.message
    return preview.errors[-1].text()  # "Row 4, column first_name (“ann”): … earlier (row 2) …"


def _backup_file_checks(_request: pytest.FixtureRequest, tmp: Path) -> str:
    """A file offered to restore or open that is missing, not a database, or not a practice."""
    notes = tmp / "notes.sqlite3"
    notes.write_text("notes, not a database")
    other = tmp / "recipes.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    conn.close()
    said = [frontdesk_problem(path, set()) or "" for path in (tmp / "gone.sqlite3", notes, other)]
    assert all(s.startswith("[!! ") and s.endswith(" !!]") for s in said), said
    assert said[0] == "[!! gone.sqlite3 does not exist. !!]", said
    return said[-1]  # "… is a database, but not a FrontDesk one."


def _money_adjusted_and_saved(request: pytest.FixtureRequest, tmp: Path) -> str:
    """An adjustment of each kind recorded, then the account saved as a spreadsheet and a PDF."""
    world = _world(request)
    client = world.client("Ann Lee")
    sid = world.session(world.worker(), world.service(), START, [client])
    said = []
    for kind in AdjustmentKind:
        asked = AdjustmentRequest(sid, client, kind, 500, "Pensioner rate")
        said.append(world.run(world.manager, lambda uow, a=asked: post_adjustment(uow, a)).message)
    assert said[0] == "[!! Write-off of -$5.00 recorded for Ann Lee. !!]", said
    for write, name in ((write_account_csv, "acct.csv"), (write_account_pdf, "acct.pdf")):
        saved = world.read(lambda uow, w=write, n=name: w(uow, client, tmp / n)).message
        said.append(saved)
    assert said[-2] == f"[!! Ann Lee's account was saved to {tmp / 'acct.csv'}. !!]", said
    assert all(s.startswith("[!! ") and s.endswith(" !!]") for s in said), said
    return said[-1]


def _extraction_said(request: pytest.FixtureRequest, tmp: Path) -> str:
    """An NDIS extraction: who was left out and why, what the batch blocks, a second extraction
    with nothing new, and a batch exported again."""
    world = _world(request)
    _cancelled_session(world, world.client("Olivia Smith"))
    private = world.client("Noah Brown", funding=Funding.PRIVATE)
    _cancelled_session(world, private, hour=10)
    unnumbered = world.client("Mia White")

    def forget_number(uow: UnitOfWork) -> None:
        row = uow.session.get(Client, unnumbered)
        assert row is not None
        row.ndis_number = None

    world.run(world.admin, forget_number)
    _cancelled_session(world, unnumbered, hour=11)
    skipped = world.read(lambda uow: preview_extraction(uow, DAY, DAY)).skipped
    done = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, tmp / "a.csv"))
    blocks = [b for locked in done.locked for b in locked.blocks]
    again = world.run(world.manager, lambda uow: extract_sds(uow, DAY, DAY, tmp / "b.csv"))
    batch = done.batch_id or 0
    sent = world.read(lambda uow: reexport_batch(uow, batch, tmp / "c.csv"))
    said = [*skipped, *blocks, done.message, again.message, sent.message]
    assert len(skipped) == 2 and len(blocks) == 2, said
    assert all(s.startswith("[!! ") and "{" not in s for s in said), said
    return sent.message  # "Batch 1 re-exported: 1 SD(s), …"


def _did_not_attend(request: pytest.FixtureRequest, _tmp: Path) -> str:
    """A client who did not come, at a practice without a no-show rule: the preview's working
    and the sentence once marked."""
    world = _world(request)
    sid = world.session(world.worker(), world.service(), START, [world.client("Bo Li")])
    world.clock.set(START + timedelta(minutes=30))

    def no_rule(uow: UnitOfWork) -> None:
        for reason in uow.session.scalars(select(CancellationReason)):
            reason.active = not reason.is_no_show and reason.active

    world.run(world.admin, no_rule)
    preview = world.run(world.reception, lambda uow: preview_did_not_attend(uow, sid, []))
    expected = "[!! The practice has no no-show rule, so no charge applies. !!]"
    assert preview[0].explanation == expected, preview
    return world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid)).message


def _sms_and_webhook_tests(request: pytest.FixtureRequest, _tmp: Path) -> str:
    """A "Yes" to an offer that no longer exists, the SMS gateway's test text accepted, and the
    webhook's signed test event accepted."""
    world = _world(request)
    answer = world.run(world.admin, lambda uow: accept_offer(uow, 999, world.clock()))
    assert answer.note == "[!! The offer this reply answers no longer exists. !!]", answer
    with SmsStandIn() as gateway:
        draft = SmsDraft(username=API_KEY, api_key=API_SECRET, base_url=gateway.base_url)
        test = world.read(lambda uow: sms.prepare_sms_test(uow, draft, "0412 345 678"))
        texted = sms.run_sms_test(test, "sms_test:1")
    assert texted == "[!! MessageMedia accepted the test message to +61412345678. !!]", texted
    hook = HookServer().start()
    try:
        hub = IntegrationDraft(IntegrationKind.WEBHOOK, "Hub", hook.url, "k" * 32)
        test_hook = world.run(
            world.admin, lambda uow: integration_settings.prepare_webhook_test(uow, hub)
        )
        return integration_settings.run_webhook_test(test_hook, world.clock())
    finally:
        hook.stop()


def _field_named_by_its_label(request: pytest.FixtureRequest, _tmp: Path) -> str:
    """A refusal built around a field (too long, a hidden character, a date out of range, an
    unknown choice): the field's name comes from the catalogue too, not glued in English."""
    world = _world(request)
    client = world.client("Ann Lee")
    too_long = PackSale(client, "x" * 130, 10, "150", "cash")
    hidden = PackSale(client, "10-class\x00pack", 10, "150", "cash")
    year = PackSale(client, "10-class pack", 10, "150", "cash", date(2200, 1, 1))

    def sell(sale: PackSale) -> str:
        return _refusal(lambda: world.run(world.reception, lambda uow: sell_pack(uow, sale)))

    said = [sell(sale) for sale in (too_long, hidden, year)]
    assert said[0] == "[!! The [!! pack name !!] is 130 characters long; the limit is 120. !!]"
    assert said[1].startswith("[!! The [!! pack name !!] contains a hidden control character")
    assert said[2].startswith("[!! The [!! expiry date !!] 2200-01-01 is outside the years"), said
    with pytest.raises(FrontDeskError) as unknown:
        PaymentRequest(1, client, "bitcoin", 500, date(2026, 4, 1))  # type: ignore[arg-type]
    assert "for the [!! method !!] (" in unknown.value.message, unknown.value.message
    return said[0]


def _role_refusal(request: pytest.FixtureRequest, _tmp: Path) -> str:
    """A role that lacks a permission, and an account whose role was lowered since: the whole
    sentence is one catalogue entry with the action's words in it, and the role is named by it."""
    world = _world(request)
    client = world.client("Ann Lee")
    sid = world.session(world.worker(), world.service(), START, [client])
    asked = AdjustmentRequest(sid, client, AdjustmentKind.DISCOUNT, 500, "Pensioner rate")
    said = _refusal(lambda: world.run(world.reception, lambda uow: post_adjustment(uow, asked)))
    assert said == (
        "[!! Your role ([!! reception !!]) cannot post adjustments (write-offs, discounts, "
        "corrections). Ask a manager to do it. !!]"
    )
    lowered = no_longer_allowed(Permission.REPORTS, Actor(1, "mgr", Role.RECEPTION))
    assert lowered == (
        "[!! Your account no longer allows you to run reports: an administrator has changed "
        "your role to [!! reception !!]. Ask a manager to do it for you. !!]"
    )
    return said


def _pack_sold_and_payment_recorded(request: pytest.FixtureRequest, _tmp: Path) -> str:
    """A pack sold and a payment recorded: the payment method is named in the practice's
    language inside the sentence, not as the word stored."""
    world = _world(request)
    client = world.client("Ann Lee", funding=Funding.PRIVATE)  # pays for her own sessions
    sold = world.run(
        world.reception,
        lambda uow: sell_pack(uow, PackSale(client, "10-class pack", 10, "150", "cash")),
    ).message
    assert sold == "[!! Ann Lee bought “10-class pack”: 10 credits for $150.00 ([!! cash !!]). !!]"
    sid = world.session(world.worker(), world.service(), START, [client])
    paid = PaymentRequest(sid, client, PaymentMethod.BANK_TRANSFER, 5000, date(2026, 4, 1))
    said = world.run(world.reception, lambda uow: post_payment(uow, paid)).message
    assert said == "[!! Payment of $50.00 ([!! bank transfer !!]) recorded for Ann Lee. !!]"
    return said


@pytest.mark.parametrize(
    "said",
    [
        _lifecycle_cancel,
        _lifecycle_edit,
        _bootstrap_foreign_file,
        _pack_payment_method,
        _sms_settings,
        _outbox_todo,
        _refill_withdrawn,
        _audit_key,
        _restore_in_use,
        _client_added,
        _client_saved,
        _client_no_email,
        _client_no_consent,
        _reason_rules,
        _reason_saved,
        _billing_profile,
        _time_zone_notice,
        _note_saves,
        _worker_no_hours,
        _funders_unchanged,
        _step_left_for_later,
        _import_problems,
        _backup_file_checks,
        _money_adjusted_and_saved,
        _extraction_said,
        _did_not_attend,
        _sms_and_webhook_tests,
        _field_named_by_its_label,
        _role_refusal,
        _pack_sold_and_payment_recorded,
    ],
    ids=lambda f: f.__name__.lstrip("_"),
)
def test_a_sentence_of_each_area_comes_from_the_catalogue(
    said: Callable[[pytest.FixtureRequest, Path], str | None],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    text = said(request, tmp_path) or ""
    assert text.startswith("[!! ") and text.endswith(" !!]"), text
    assert "{" not in text, f"a placeholder left unfilled: {text}"
