"""A period's invoices at once: one PDF for each chosen client with something of the period to
pay — the plan-managed participants by default, or the self-managed, or everyone — in name
order, with the CSV list of them; nobody to invoice is refused with a sentence, a choice the
service does not know is refused, and a run cut short takes back the files it wrote."""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.models import AuditEvent, Client, OutboxMessage
from app.models.enums import Funding, NdisManagement
from app.services.money import invoice_pdf
from app.services.money.invoice_batch import Who, clients_to_invoice, write_invoices
from app.services.money.invoice_mail import queue_invoice_emails
from app.services.outbox import send_due
from app.services.setup.clients import ClientDraft, check_client
from app.services.setup.funders import plan_managers
from tests.factory import World
from tests.integration.outbox_helpers import SmtpSink, after_grace, use_smtp
from tests.integration.test_invoice import APRIL, _delivered
from tests.integration.test_ndis_plan_management import _late_cancellation, _managed


def _practice(world: World) -> dict[str, int]:
    """Two plan-managed participants, a self-managed one, an agency-managed one (claimed from
    the NDIA, nothing to invoice) and a private client who was seen."""
    made = {name: world.client(name) for name in ("Zoe Plan", "Abe Plan", "Sam Self",
                                                   "Ava Agency")}  # fmt: skip
    made["Pat Private"] = world.client("Pat Private", funding=Funding.PRIVATE)
    for name in ("Zoe Plan", "Abe Plan"):
        _managed(world, made[name], NdisManagement.PLAN)
    _plan_manager(world, made["Zoe Plan"], *MANAGER)  # Abe's record names none yet
    _managed(world, made["Sam Self"], NdisManagement.SELF)
    for hour, name in enumerate(("Zoe Plan", "Abe Plan", "Sam Self", "Ava Agency"), 9):
        _late_cancellation(world, made[name], hour)
    _delivered(world, made["Pat Private"])
    return made


MANAGER = ("Harbour Plan Partners", "invoices@harbourplan.example")


def _plan_manager(world: World, client: int, name: str, email: str) -> None:
    def change(uow: UnitOfWork) -> None:
        row = uow.session.get(Client, client)
        assert row is not None
        row.plan_manager, row.plan_manager_email = name, email

    world.run(world.admin, change)


def _folder(tmp_path: Path) -> Path:
    """A folder of its own for the invoices (the test's data folder is beside it)."""
    out = tmp_path / "invoices"
    out.mkdir()
    return out


def _listing(folder: Path, name: str = "invoices-plan-managed") -> list[dict[str, str]]:
    with (folder / f"{name}-20260401-20260430.csv").open(encoding="utf-8-sig") as stream:
        return list(csv.DictReader(stream))


def test_the_plan_managers_invoices_one_pdf_each_in_name_order(
    world: World, tmp_path: Path
) -> None:
    tmp_path = _folder(tmp_path)
    made = _practice(world)
    run = world.read(lambda uow: write_invoices(uow, *APRIL, Who.PLAN, tmp_path))
    rows = _listing(tmp_path)
    assert [r["Client"] for r in rows] == ["Abe Plan", "Zoe Plan"]
    assert [r["Invoice"] for r in rows] == [
        f"FD-INV-{made[n]}-20260401-20260430" for n in ("Abe Plan", "Zoe Plan")
    ]
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(r["File"] for r in rows)
    assert run.files == tuple(tmp_path / r["File"] for r in rows)
    assert [(r["To"].split(" (")[0], r["E-mail"]) for r in rows] == [
        ("The plan manager of Abe Plan", ""),
        (f"{MANAGER[0]}, plan manager of Zoe Plan", MANAGER[1]),
    ]
    assert "The records of Abe Plan do not name their plan manager" in run.message
    assert run.due_cents == run.total_cents > 0
    assert run.message.startswith(f"Saved 2 invoice(s) to {tmp_path}: total $")
    text = subprocess.run(["pdftotext", str(run.files[0]), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    assert "The plan manager of Abe Plan" in text


def test_everyone_with_something_to_pay_and_the_self_managed(world: World, tmp_path: Path) -> None:
    tmp_path = _folder(tmp_path)
    made = _practice(world)
    assert world.read(lambda uow: clients_to_invoice(uow, *APRIL, "self")) == [made["Sam Self"]]
    world.read(lambda uow: write_invoices(uow, *APRIL, "everyone", tmp_path))
    # By last name. The agency-managed participant's charge is claimed from the NDIA: no invoice.
    assert [r["Client"] for r in _listing(tmp_path, "invoices")] == [
        "Abe Plan", "Zoe Plan", "Pat Private", "Sam Self"
    ]  # fmt: skip


def test_nobody_to_invoice_and_an_unknown_choice_are_refused(world: World, tmp_path: Path) -> None:
    tmp_path = _folder(tmp_path)
    _late_cancellation(world, world.client("Ava Agency"), 9)
    with pytest.raises(ValidationError, match="Nothing to invoice: no session of any plan-managed"):
        world.read(lambda uow: write_invoices(uow, *APRIL, Who.PLAN, tmp_path))
    with pytest.raises(ValidationError, match="Choose whose invoices to make from the list"):
        world.read(lambda uow: write_invoices(uow, *APRIL, "insurers", tmp_path))
    with pytest.raises(ValidationError, match="does not exist; choose an existing folder"):
        world.read(lambda uow: write_invoices(uow, *APRIL, Who.PLAN, tmp_path / "gone"))
    assert list(tmp_path.iterdir()) == []


def test_a_run_cut_short_takes_back_what_it_wrote(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = _folder(tmp_path)
    _practice(world)
    real, calls = invoice_pdf.render_invoice_pdf, []

    def full_disk(invoice: object, path: Path) -> int:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        return real(invoice, path)  # type: ignore[arg-type]

    monkeypatch.setattr(invoice_pdf, "render_invoice_pdf", full_disk)
    with pytest.raises(OSError):
        world.read(lambda uow: write_invoices(uow, *APRIL, Who.EVERYONE, tmp_path))
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []


def test_the_plan_manager_is_kept_only_for_a_plan_managed_plan() -> None:
    plan = ClientDraft("Zoe", "Plan", funding=Funding.NDIS, ndis_number="430000001",
                       ndis_management=NdisManagement.PLAN, plan_manager=f"  {MANAGER[0]} ",
                       plan_manager_email=MANAGER[1])  # fmt: skip
    kept = check_client(plan)
    assert (kept.plan_manager, kept.plan_manager_email) == MANAGER
    for other in (NdisManagement.AGENCY, NdisManagement.SELF):
        gone = check_client(ClientDraft(**{**plan.__dict__, "ndis_management": other}))
        assert (gone.plan_manager, gone.plan_manager_email) == ("", "")
    private = check_client(ClientDraft(**{**plan.__dict__, "funding": Funding.PRIVATE,
                                          "ndis_number": None}))  # fmt: skip
    assert (private.ndis_management, private.plan_manager) == (NdisManagement.AGENCY, "")
    with pytest.raises(ValidationError, match="is not an e-mail address") as refused:
        check_client(ClientDraft(**{**plan.__dict__, "plan_manager_email": "invoices at hpp"}))
    assert refused.value.field == "plan_manager_email"


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


def test_the_invoices_are_emailed_with_their_pdfs_once_for_one_balance(
    world: World, tmp_path: Path, sink: SmtpSink
) -> None:
    """Each saved invoice goes to the address it names with its PDF attached: the plan
    manager's; one whose record names none is not e-mailed, and says why; queued again with
    the same balance, none goes twice."""
    tmp_path = _folder(tmp_path)
    made = _practice(world)
    use_smtp(world, sink.port)
    run = world.read(lambda uow: write_invoices(uow, *APRIL, Who.PLAN, tmp_path))
    sent = list(zip(run.invoices, run.files, strict=True))
    mailed = world.run(world.reception, lambda uow: queue_invoice_emails(uow, sent))
    assert mailed.queued == 1
    assert mailed.not_sent == (("Abe Plan", "no e-mail address to send it to (add the plan "
                                             "manager's, or the client's)"),)  # fmt: skip
    again = world.run(world.reception, lambda uow: queue_invoice_emails(uow, sent))
    assert again.queued == 0 and again.not_sent[1] == ("Zoe Plan", "already e-mailed with "
                                                                    "this balance")  # fmt: skip
    after_grace(world)
    send_due(world.db)
    [mail] = sink.messages
    assert mail["To"] == MANAGER[1]
    number = f"FD-INV-{made['Zoe Plan']}-20260401-20260430"
    assert str(mail["Subject"]).endswith(f"invoice {number} for Zoe Plan")
    text = sink.text()
    assert (
        text.startswith(f"Dear {MANAGER[0]},") and f"Please find attached invoice {number}" in text
    )
    [pdf] = [p for p in mail.iter_attachments()]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == run.files[1].name
    assert pdf.get_content() == run.files[1].read_bytes()
    events = world.read(lambda uow: uow.session.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "invoice.email")).all())  # fmt: skip
    assert events == [{"invoices": [number]}]


def test_an_invoice_to_the_longest_address_is_queued(world: World, tmp_path: Path) -> None:
    """An address as long as the client form takes (200 characters) still makes one key that
    fits the outbox (PostgreSQL refuses a longer one)."""
    tmp_path = _folder(tmp_path)
    made = _practice(world)
    address = "a" * 186 + "@plan.example"
    _plan_manager(world, made["Abe Plan"], "Long Plan Co", address)
    run = world.read(lambda uow: write_invoices(uow, *APRIL, Who.PLAN, tmp_path))
    sent = list(zip(run.invoices, run.files, strict=True))
    assert world.run(world.reception, lambda uow: queue_invoice_emails(uow, sent)).queued == 2
    to = world.read(lambda uow: sorted(uow.session.scalars(
        select(OutboxMessage.recipient).where(OutboxMessage.topic == "invoice"))))  # fmt: skip
    assert to == sorted([address, MANAGER[1]])


def test_the_plan_managers_offered_are_one_each_with_the_address_most_give(world: World) -> None:
    ids = [world.client(n) for n in ("Ann One", "Bob Two", "Cy Three", "Di Four")]
    for cid, (name, email) in zip(ids, (
        ("Harbour Plan Partners", "invoices@harbourplan.example"),
        ("harbour plan partners", "invoices@harbourplan.example"),
        ("Harbour Plan Partners", ""),
        ("Ace Plans", "ap@ace.example"),
    ), strict=True):  # fmt: skip
        _plan_manager(world, cid, name, email)
    offered = world.read(plan_managers)
    assert [(n.casefold(), e) for n, e in offered] == [
        ("ace plans", "ap@ace.example"),
        ("harbour plan partners", "invoices@harbourplan.example"),
    ]
