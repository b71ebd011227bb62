"""Clients: the list with credit balances, one client's credit history, add and change.

A client's funder (`funder_id`, None: the client pays) is one of the practice's active funders;
a funder made inactive stays on the clients who already name it. An NDIS-funded client names
none: their NDIS plan pays (the NDIA or their plan manager).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import func, select

from app.db import UnitOfWork
from app.errors import NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Booking, Client, CreditEntry, Session
from app.models.base import as_dict
from app.models.enums import BookingStatus, Funding, LedgerKind, NdisManagement, SessionStatus
from app.services.audit import chain as audit
from app.services.boundary import Untrusted
from app.services.dto import ChangeSet
from app.services.money.credits import credit_balances
from app.services.setup.common import Saved, optional_email, optional_phone, text
from app.services.setup.funders import check_funder, funder_choices, plan_managers
from app.services.setup.policy import SetupAction, require_setup

NDIS_NUMBER_RE = re.compile(r"^43[0-9]{7}$")
CLIENT_FIELDS = (
    "first_name", "last_name", "email", "phone", "notify_consent", "funding", "ndis_number",
    "notes", "active", "funder_id", "sms_opt_out", "ndis_management", "plan_manager",
    "plan_manager_email",
)  # fmt: skip
NOTES_LIMIT = 2000


@dataclass(frozen=True)
class ClientDraft(Untrusted):
    """What the client dialog (or a CSV row) collects."""

    LABELS: ClassVar[dict[str, str]] = {
        "funding": QT_TRANSLATE_NOOP("fields", "funding"),
        "ndis_management": QT_TRANSLATE_NOOP("fields", "NDIS plan management"),
    }

    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    notify_consent: bool = True
    funding: Funding = Funding.PRIVATE
    ndis_number: str | None = None
    notes: str = ""
    active: bool = True
    funder_id: int | None = None  # who pays the client's sessions; None: the client pays
    # Opted out of texts (replied STOP, or asked at the desk): no texts, e-mails still go.
    sms_opt_out: bool = False
    # Who manages an NDIS participant's plan: the NDIA (claimed), a plan manager or the
    # participant (invoiced); kept as the NDIA for any other funding.
    ndis_management: NdisManagement = NdisManagement.AGENCY
    # A plan-managed participant's plan manager (the business) and the address they take
    # invoices at; kept only while the plan is plan-managed.
    plan_manager: str = ""
    plan_manager_email: str = ""


@dataclass(frozen=True)
class ClientRow:
    """One client as the list shows it."""

    id: int
    draft: ClientDraft
    credit_balance: int
    sms_opt_out_at: datetime | None = None  # when they opted out of texts (UTC)

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.draft.first_name} {self.draft.last_name}"


@dataclass(frozen=True)
class CreditLine:
    """One line of a client's credit ledger."""

    id: int
    created_at: datetime
    kind: LedgerKind
    credits: int
    amount_cents: int
    booking_id: int | None
    note: str


@dataclass(frozen=True)
class ClientDetail:
    """A client with their credit balance and ledger, newest first."""

    row: ClientRow
    history: tuple[CreditLine, ...]
    funders: tuple[tuple[int, str], ...] = ()  # the funders the form offers (id, name)


def check_client(draft: ClientDraft) -> ClientDraft:
    """The draft trimmed, or the sentence saying what to correct (in the order of the form)."""
    d = replace(
        draft,
        first_name=text(
            draft.first_name,
            "first_name",
            QT_TRANSLATE_NOOP("fields", "first name"),
            80,
            required=True,
        ),
        last_name=text(
            draft.last_name,
            "last_name",
            QT_TRANSLATE_NOOP("fields", "last name"),
            80,
            required=True,
        ),
        email=optional_email(draft.email),
        phone=optional_phone(draft.phone),
        funding=Funding(draft.funding),
        notes=text(draft.notes, "notes", QT_TRANSLATE_NOOP("fields", "note"), NOTES_LIMIT),
    )
    number = re.sub(r"\s", "", d.ndis_number or "")
    if number and not NDIS_NUMBER_RE.match(number):
        raise ValidationError(
            translate(
                "setup", "An NDIS participant number is 9 digits starting with 43, like 430123456."
            ),
            field="ndis_number",
        )
    if number and d.funding != Funding.NDIS:
        raise ValidationError(
            translate(
                "setup",
                "An NDIS participant number is kept only for an NDIS-funded client; choose NDIS funding, or clear the number.",
            ),
            field="ndis_number",
        )
    if d.funding == Funding.NDIS and not number:
        raise ValidationError(
            translate("setup", "Enter the NDIS participant number of an NDIS-funded client."),
            field="ndis_number",
        )
    if d.funding == Funding.NDIS and d.funder_id is not None:
        raise ValidationError(
            translate(
                "setup",
                "An NDIS-funded client's sessions are paid through their NDIS plan (the NDIA or their plan manager), not by a funder; leave Paid by as the NDIS plan, or choose Private or Insurance funding for a client a funder pays.",
            ),
            field="funder_id",
        )
    managed = NdisManagement(d.ndis_management) if d.funding == Funding.NDIS else None
    manager, manager_email = "", ""
    if managed == NdisManagement.PLAN:
        manager = text(d.plan_manager, "plan_manager", QT_TRANSLATE_NOOP("fields", "plan manager"),
                       120)  # fmt: skip
        manager_email = optional_email(d.plan_manager_email, "plan_manager_email") or ""
    return replace(d, ndis_number=number or None, ndis_management=managed or NdisManagement.AGENCY,
                   plan_manager=manager, plan_manager_email=manager_email)  # fmt: skip


def _draft_of(c: Client) -> ClientDraft:
    return ClientDraft(
        c.first_name, c.last_name, c.email, c.phone, c.notify_consent, c.funding,
        c.ndis_number, c.notes, c.active, c.funder_id, bool(c.sms_opt_out),
        NdisManagement(c.ndis_management), c.plan_manager or "", c.plan_manager_email or "",
    )  # fmt: skip


def _balances(uow: UnitOfWork, client_ids: list[int] | None = None) -> dict[int, int]:
    """Credits each client can still use today (a lapsed pack's credits are not counted)."""
    return credit_balances(uow, client_ids)


def list_clients(uow: UnitOfWork, *, active_only: bool = False) -> list[ClientRow]:
    """Every client by last name, with their credit balance."""
    stmt = select(Client).order_by(Client.last_name, Client.first_name, Client.id)
    if active_only:
        stmt = stmt.where(Client.active.is_(True))
    balances = _balances(uow)
    return [
        ClientRow(c.id, _draft_of(c), balances.get(c.id, 0), c.sms_opt_out_at)
        for c in uow.session.scalars(stmt)
    ]


def _client(uow: UnitOfWork, client_id: int) -> Client:
    client = uow.session.get(Client, client_id)
    if client is None:
        raise NotFoundError(translate("setup", "That client no longer exists."))
    return client


def client_detail(uow: UnitOfWork, client_id: int) -> ClientDetail:
    """One client with the credit ledger behind the balance."""
    client = _client(uow, client_id)
    entries = uow.session.scalars(
        select(CreditEntry)
        .where(CreditEntry.client_id == client_id)
        .order_by(CreditEntry.created_at.desc(), CreditEntry.id.desc())
    )
    history = tuple(
        CreditLine(e.id, e.created_at, e.kind, e.credits, e.amount_cents, e.booking_id, e.note)
        for e in entries
    )
    balance = _balances(uow, [client.id]).get(client.id, 0)
    funders = funder_choices(uow, client.funder_id)
    row = ClientRow(client.id, _draft_of(client), balance, client.sms_opt_out_at)
    return ClientDetail(row, history, funders)


@dataclass(frozen=True)
class ClientForm:
    """What the client dialog opens with: the client (None for a new one) and the funders."""

    detail: ClientDetail | None
    funders: tuple[tuple[int, str], ...]
    # The plan managers other participants' records name, by name, each with the address it
    # takes invoices at: the form offers them as the name is typed.
    plan_managers: tuple[tuple[str, str], ...] = ()


def client_form(uow: UnitOfWork, client_id: int | None) -> ClientForm:
    """The client with their credits, or a blank form; the funders and the plan managers the
    form offers."""
    managers = plan_managers(uow)
    if client_id is None:
        return ClientForm(None, funder_choices(uow), managers)
    detail = client_detail(uow, client_id)
    return ClientForm(detail, detail.funders, managers)


def same_person_key(d: ClientDraft) -> str | None:
    """What makes two client records one person: the name with the e-mail, else with the NDIS
    number; None with neither (two people may share a name, and then nothing tells them apart)."""
    number = re.sub(r"\s", "", d.ndis_number or "")
    contact = (d.email or "").strip() or number
    if not contact:
        return None
    return " ".join(f"{d.first_name} {d.last_name} {contact}".lower().split())


def refuse_duplicate(uow: UnitOfWork, d: ClientDraft, own_id: int | None) -> None:
    """Refuse a second record of the same person (same name and e-mail or NDIS number), and an
    NDIS participant number another client already has (it names one participant)."""
    others = Client.id != (own_id or 0)
    # A record kept with the number it already had (one older records may share, from before
    # numbers were checked): its other fields can still be put right.
    kept = (
        own_id is not None
        and uow.session.scalar(select(Client.ndis_number).where(Client.id == own_id))
        == d.ndis_number
    )
    if d.ndis_number and not kept:
        holder = uow.session.scalar(
            select(Client).where(Client.ndis_number == d.ndis_number, others).limit(1)
        )
        if holder is not None:
            raise ValidationError(
                translate(
                    "setup",
                    "NDIS participant number {number} is already {name}'s (#{found}); check the number, or open that client's record instead of adding another.",
                ).format(number=d.ndis_number, name=holder.display_name, found=holder.id),
                field="ndis_number",
            )
    if same_person_key(d) is None:
        return
    stmt = select(Client.id).where(
        func.lower(Client.first_name) == d.first_name.lower(),
        func.lower(Client.last_name) == d.last_name.lower(),
    )
    if d.email:
        stmt = stmt.where(func.lower(Client.email) == d.email.lower())
    else:
        stmt = stmt.where(Client.ndis_number == d.ndis_number)
    found = uow.session.scalar(stmt.where(others).limit(1))
    if found is not None:
        raise ValidationError(
            translate(
                "setup",
                "{first_name} {last_name} is already a client (#{found}); open that record instead of adding it again.",
            ).format(first_name=d.first_name, last_name=d.last_name, found=found),
            field="first_name",
        )


def add_client_row(uow: UnitOfWork, d: ClientDraft) -> Client:
    """Insert a checked client and audit it (used by the dialog and by CSV import)."""
    client = Client(**{name: getattr(d, name) for name in CLIENT_FIELDS})
    client.sms_opt_out_at = uow.now() if d.sms_opt_out else None
    uow.session.add(client)
    uow.session.flush()
    audit.record(uow, "client.create", "client", client.id, after=_snapshot(client))
    return client


def _snapshot(client: Client) -> dict[str, Any]:
    return as_dict(client, CLIENT_FIELDS)


def save_client(uow: UnitOfWork, client_id: int | None, draft: ClientDraft) -> Saved:
    """Add a client (client_id None) or change one; audited."""
    require_setup(uow.actor, SetupAction.EDIT_CLIENTS)
    d = check_client(draft)
    own = _client(uow, client_id).funder_id if client_id is not None else None
    d = replace(d, funder_id=check_funder(uow, d.funder_id, own))
    refuse_duplicate(uow, d, client_id)
    if client_id is None:
        client = add_client_row(uow, d)
        message = translate("setup", "{name} was added.").format(name=client.display_name)
    else:
        client = _client(uow, client_id)
        before = _snapshot(client)
        if bool(d.sms_opt_out) != bool(client.sms_opt_out):  # ticked or cleared at the desk
            client.sms_opt_out_at = uow.now() if d.sms_opt_out else None
        for name in CLIENT_FIELDS:
            setattr(client, name, getattr(d, name))
        uow.session.flush()
        audit.record(
            uow, "client.update", "client", client.id, before=before, after=_snapshot(client)
        )
        message = translate("setup", "{name} was saved.").format(name=client.display_name)
    warnings = _contact_warnings(d)
    if client_id is not None and before["active"] and not d.active:
        warnings += _upcoming_warning(uow, client)
    changes = ChangeSet(clients=frozenset({client.id}), topics=frozenset({"clients"}))
    return Saved(client.id, message, changes, warnings)


def set_sms_opt_out(uow: UnitOfWork, client_id: int, opted_out: bool, why: str) -> bool:
    """The client asked not to be texted (texted STOP), or to be texted again (texted START):
    their text opt-out is set or cleared (e-mail consent is theirs apart); audited. False when it
    was so already."""
    client = _client(uow, client_id)
    if bool(client.sms_opt_out) == opted_out:
        return False
    client.sms_opt_out = opted_out
    client.sms_opt_out_at = uow.now() if opted_out else None
    uow.session.flush()
    action = "client.sms_opt_out" if opted_out else "client.sms_opt_in"
    audit.record(uow, action, "client", client.id, before={"sms_opt_out": not opted_out},
                 after={"sms_opt_out": opted_out, "why": why})  # fmt: skip
    return True


def _upcoming_warning(uow: UnitOfWork, client: Client) -> tuple[str, ...]:
    """A client made inactive keeps their bookings: how many are still to come, as the workers'
    screen says of a worker made inactive."""
    upcoming = int(uow.session.scalar(
        select(func.count(Booking.id)).join(Session, Booking.session_id == Session.id).where(
            Booking.client_id == client.id, Booking.status == BookingStatus.BOOKED,
            Session.status == SessionStatus.ROSTERED, Session.starts_at > uow.now(),
        )
    ) or 0)  # fmt: skip
    if not upcoming:
        return ()
    return (
        translate(
            "setup",
            "{name} still has {n} upcoming booking(s); they stay on the schedule until you cancel them.",
        ).format(name=client.display_name, n=upcoming),
    )


def _contact_warnings(d: ClientDraft) -> tuple[str, ...]:
    if d.ndis_management == NdisManagement.PLAN and not (d.plan_manager and d.plan_manager_email):
        return (
            translate(
                "setup",
                "This participant's invoices go to their plan manager: add the plan manager's "
                "name and the e-mail address they take invoices at, so the invoices name them.",
            ),
        )
    if not d.notify_consent:
        return (translate("setup", "This client will not be sent notifications (no consent)."),)
    if not d.email:
        return (
            translate(
                "setup", "This client has no e-mail address, so notifications cannot reach them."
            ),
        )
    return ()
