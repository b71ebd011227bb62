"""Provider details in the practice settings (ABN, registration, contact) and funders that do or
do not pay late-cancellation and no-show fees: a fee their client is charged goes to the client."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import PermissionDeniedError, ValidationError
from app.models import (
    AuditEvent,
    CancellationLine,
    Client,
    Funder,
    PracticeSettings,
    ServiceDelivered,
)
from app.models.enums import Funding
from app.services.sessions.attendance import mark_did_not_attend, preview_did_not_attend
from app.services.sessions.cancel import cancel_booking, preview_cancellation
from app.services.setup.funders import FunderDraft, list_funders, save_funders
from app.services.setup.settings import (
    abn_is_valid,
    format_abn,
    practice_settings,
    save_practice_settings,
)
from tests.factory import World, local


def _save(world: World, **changes: object) -> None:
    def run(uow: UnitOfWork) -> None:
        save_practice_settings(uow, replace(practice_settings(uow), **changes))  # type: ignore[arg-type]

    world.run(world.admin, run)


def _settings(world: World) -> PracticeSettings:
    return world.read(lambda uow: uow.session.get(PracticeSettings, 1))


def test_provider_details_are_saved_with_the_abn_as_digits(world: World) -> None:
    _save(world, legal_name="Harbourside Allied Health Pty Ltd", abn=" 51 824 753 556 ",
          ndis_registration_number="4050012345", address="1 Quay St, Sydney NSW 2000",
          phone="02 9555 0100", email="accounts@harbourside.example")  # fmt: skip
    s = _settings(world)
    assert (s.legal_name, s.abn, s.ndis_registration_number) == (
        "Harbourside Allied Health Pty Ltd", "51824753556", "4050012345")  # fmt: skip
    assert (s.address, s.phone, s.email) == (
        "1 Quay St, Sydney NSW 2000", "02 9555 0100", "accounts@harbourside.example")  # fmt: skip
    assert format_abn(s.abn) == "51 824 753 556"
    event = world.read(lambda uow: uow.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "settings.practice")).all()[-1])  # fmt: skip
    assert event.after["abn"] == "51824753556"


@pytest.mark.parametrize(
    ("abn", "said"),
    [
        ("51 824 753 557", "fails the ABN check-digit test"),
        ("51 824 753", "an ABN has 11 digits"),
        ("51-824-753-556", "an ABN has 11 digits"),
    ],
)
def test_a_wrong_abn_is_refused_with_a_sentence(world: World, abn: str, said: str) -> None:
    with pytest.raises(ValidationError) as err:
        _save(world, abn=abn)
    assert said in err.value.message and err.value.field == "abn"
    assert _settings(world).abn == ""


def test_the_abn_check_digit_test() -> None:
    assert abn_is_valid("51824753556") and abn_is_valid("53004085616")
    assert not abn_is_valid("51824753557") and not abn_is_valid("12345678901")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "accounts at harbourside"}, "email"),
        ({"phone": "call us"}, "phone"),
        ({"ndis_registration_number": "REG-1"}, "ndis_registration_number"),
        ({"legal_name": "x" * 161}, "legal_name"),
    ],
)
def test_bad_provider_details_are_refused(
    world: World, changes: dict[str, str], field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        _save(world, **changes)
    assert err.value.field == field


def test_funders_are_added_renamed_and_deactivated_never_deleted(world: World) -> None:
    _save(world, funders=(FunderDraft(None, " Medicare "), FunderDraft(None, "DVA", True)))
    funders = world.read(list_funders)
    assert [(f.name, f.pays_fees, f.active) for f in funders] == [
        ("DVA", True, True), ("Medicare", False, True)]  # fmt: skip
    dva, medicare = funders
    _save(world, funders=(replace(dva, name="DVA (Veterans)", active=False),))
    after = world.read(list_funders)
    assert [(f.id, f.name, f.active) for f in after] == [
        (dva.id, "DVA (Veterans)", False), (medicare.id, "Medicare", True)]  # fmt: skip
    actions = world.read(lambda uow: list(uow.session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "funder"))))  # fmt: skip
    assert actions == ["funder.add", "funder.add", "funder.change"]


def test_a_funder_name_twice_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as err:
        _save(world, funders=(FunderDraft(None, "Medicare"), FunderDraft(None, "medicare")))
    assert "Two funders are named" in err.value.message
    _save(world, funders=(FunderDraft(None, "Medicare"),))
    with pytest.raises(ValidationError) as err:
        _save(world, funders=(FunderDraft(None, "MEDICARE"),))
    assert "already exists" in err.value.message
    with pytest.raises(ValidationError):
        _save(world, funders=(FunderDraft(None, "  "),))


def test_only_an_administrator_changes_funders(world: World) -> None:
    with pytest.raises(PermissionDeniedError):
        world.run(world.manager, lambda uow: save_funders(uow, (FunderDraft(None, "DVA"),)))
    assert world.read(lambda uow: uow.session.scalars(select(Funder)).all()) == []


def _private_client_of(world: World, funder: str, pays_fees: bool) -> int:
    _save(world, funders=(FunderDraft(None, funder, pays_fees),))
    c = world.client("Noah Brown", funding=Funding.PRIVATE)

    def link(uow: UnitOfWork) -> None:
        fid = uow.session.scalar(select(Funder.id).where(Funder.name == funder))
        uow.session.get(Client, c).funder_id = fid

    world.run(world.admin, link)
    return c


@pytest.mark.parametrize(("pays_fees", "bill_to"), [(False, "client"), (True, "")])
def test_a_late_fee_goes_to_the_client_when_their_funder_does_not_pay_it(
    world: World, pays_fees: bool, bill_to: str
) -> None:
    world.use_private_profile()
    world.clock.set(local(2026, 4, 1, 12))
    c = _private_client_of(world, "Medicare", pays_fees)
    sid = world.session(world.worker(), world.service("PHYSIO", 11000), local(2026, 4, 2, 9), [c])
    req = world.client_request(sid, [c], "private_late", local(2026, 4, 1, 12))
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    sentence = "Charged to the client (Medicare does not pay cancellation fees)."
    assert preview.charges[0].bill_to == bill_to
    assert (sentence in preview.charges[0].explanation) is (not pays_fees)
    res = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    sd = world.read(lambda uow: uow.session.get(ServiceDelivered, res.sd_ids[0]))
    assert sd.bill_to == bill_to and sd.amount_cents == 6000
    line = world.read(lambda uow: uow.session.scalars(select(CancellationLine)).one())
    assert (sentence in line.explanation) is (not pays_fees)


def test_a_no_show_fee_goes_to_the_client_when_their_funder_does_not_pay_it(
    world: World,
) -> None:
    world.use_private_profile()
    world.clock.set(local(2026, 4, 6, 8))
    c = _private_client_of(world, "WorkCover", False)
    sid = world.session(world.worker(), world.service("PHYSIO", 11000), local(2026, 4, 6, 9), [c])
    world.clock.set(local(2026, 4, 6, 9, 30))
    (preview,) = world.run(world.reception, lambda uow: preview_did_not_attend(uow, sid, []))
    assert "WorkCover does not pay cancellation fees" in preview.explanation
    res = world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    sd = world.read(lambda uow: uow.session.get(ServiceDelivered, res.sd_ids[0]))
    assert sd.bill_to == "client" and sd.amount_cents > 0


def test_an_ndis_participant_is_never_billed_for_their_funder(world: World) -> None:
    world.clock.set(local(2026, 4, 1, 12))
    _save(world, funders=(FunderDraft(None, "Medicare"),))
    c = world.client()

    def link(uow: UnitOfWork) -> None:
        uow.session.get(Client, c).funder_id = uow.session.scalar(select(Funder.id))

    world.run(world.admin, link)
    sid = world.session(world.worker(), world.service(), local(2026, 4, 2, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", local(2026, 4, 1, 12))
    res = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    sd = world.read(lambda uow: uow.session.get(ServiceDelivered, res.sd_ids[0]))
    assert sd.bill_to == "" and sd.claim_type == "CANC"


def test_the_cancellation_report_shows_the_provider_and_who_pays_the_fee(
    world: World, tmp_path: Path
) -> None:
    import csv

    from pypdf import PdfReader

    from app.services.reports import (
        ReportFilters,
        cancellation_report,
        render_cancellation_pdf,
        write_cancellation_csv,
    )

    world.use_private_profile()
    _save(world, legal_name="Harbourside Allied Health Pty Ltd", abn="51824753556",
          address="1 Quay St, Sydney NSW 2000", phone="02 9555 0100")  # fmt: skip
    world.clock.set(local(2026, 4, 1, 12))
    c = _private_client_of(world, "Medicare", False)
    sid = world.session(world.worker(), world.service("PHYSIO", 11000), local(2026, 4, 2, 9), [c])
    req = world.client_request(sid, [c], "private_late", local(2026, 4, 1, 12))
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    filters = ReportFilters(date(2026, 4, 1), date(2026, 4, 30))
    report = world.run(world.manager, lambda uow: cancellation_report(uow, filters))
    assert [r.bill_to for r in report.rows] == ["client"]
    pdf = tmp_path / "report.pdf"
    render_cancellation_pdf(report, pdf)
    pages = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    provider = "Harbourside Allied Health Pty Ltd · ABN 51 824 753 556 · 1 Quay St, Sydney NSW 2000"
    assert all(provider in page for page in pages)
    text = " ".join(" ".join(pages).split())
    assert "$60.00 *" in text and "* Charged to the client" in text
    out = tmp_path / "report.csv"
    write_cancellation_csv(report, out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["Charged to"] == "client (funder pays no cancellation fees)"


def test_client_emails_are_signed_with_the_practice_phone_and_email(world: World) -> None:
    from app.models import OutboxMessage
    from app.models.enums import OutboxChannel
    from app.services.outbox.templates import render

    _save(world, phone="02 9555 0100", email="desk@harbourside.example")
    world.clock.set(local(2026, 4, 1, 12))
    c = world.client()
    sid = world.session(world.worker(), world.service(), local(2026, 4, 2, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", local(2026, 4, 1, 12))
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    payload = world.read(
        lambda uow: uow.session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.channel == OutboxChannel.EMAIL)
        ).one()
    )
    mail = render("cancel", payload, with_reason=False)
    name = _settings(world).name
    assert mail.text.endswith(
        f"Kind regards,\n{name}\nPhone 02 9555 0100 · desk@harbourside.example\n"
    )
    assert "Phone 02 9555 0100 · desk@harbourside.example</p>" in mail.html
    plain = render(
        "cancel", {**payload, "practice_phone": "", "practice_email": ""}, with_reason=False
    )
    assert plain.text.endswith(f"Kind regards,\n{name}\n")


def test_the_audit_log_pdf_prints_the_provider_details(world: World, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from app.services.reports.audit_log import AuditFilter, audit_log
    from app.services.reports.pdf_audit import render_audit_pdf

    _save(world, legal_name="Harbourside Allied Health Pty Ltd", abn="51824753556")
    log = world.run(world.admin, lambda uow: audit_log(uow, AuditFilter(action="funder")))
    assert log.provider == "Harbourside Allied Health Pty Ltd · ABN 51 824 753 556"
    pdf = tmp_path / "audit.pdf"
    render_audit_pdf(log, pdf)
    assert log.provider in PdfReader(str(pdf)).pages[0].extract_text()


def test_an_ndis_participant_names_no_funder_their_plan_pays(world: World) -> None:
    """Paid by a funder is refused for an NDIS-funded client, whatever the form sends; the same
    client on private funding may name one; the account says the NDIS plan pays."""
    from app.services.money.account import client_account
    from app.services.setup.clients import ClientDraft, save_client

    _save(world, funders=(FunderDraft(None, "Medicare"),))
    medicare = world.read(lambda uow: uow.session.scalar(select(Funder.id)))
    ndis = ClientDraft("Nina", "Plan", "nina@example.com", None, True, Funding.NDIS, "430555111")
    with pytest.raises(ValidationError) as refused:
        world.run(
            world.reception, lambda uow: save_client(uow, None, replace(ndis, funder_id=medicare))
        )
    assert refused.value.field == "funder_id"
    assert str(refused.value) == (
        "An NDIS-funded client's sessions are paid through their NDIS plan (the NDIA or their plan "
        "manager), not by a funder; leave Paid by as the NDIS plan, or choose Private or Insurance "
        "funding for a client a funder pays."
    )
    assert (
        world.read(
            lambda uow: uow.session.scalar(select(Client.id).where(Client.first_name == "Nina"))
        )
        is None
    )
    saved = world.run(world.reception, lambda uow: save_client(uow, None, ndis))
    assert world.read(lambda uow: client_account(uow, saved.record_id)).payer == "NDIS plan"
    private = replace(ndis, funding=Funding.PRIVATE, ndis_number=None, funder_id=medicare)
    world.run(world.reception, lambda uow: save_client(uow, saved.record_id, private))
    assert world.read(lambda uow: uow.session.get(Client, saved.record_id).funder_id) == medicare
