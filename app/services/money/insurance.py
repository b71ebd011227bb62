"""Insurer and funder billing: a session marked billed to an insurer or funder, for good.

Once billed, a session can never be permanently deleted (app/services/sessions/deletion.py);
it is cancelled instead, and its charges are corrected through payment entry. A billing is
checked against the session as the desk saw it (`expected_version`) and moves the session's
version on, so a desk that read the session before another desk changed or billed it is told
("changed at another desk") instead of writing over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select

from app.db import Actor, UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Booking, Client, Funder, InsuranceClaim, Session, User
from app.models.base import as_dict
from app.models.money import format_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import Untrusted, checked_cents, checked_date, checked_id, checked_text
from app.services.dto import ChangeSet, OperationResult
from app.services.sessions.common import load_session, touch

FUNDER_MAX = 120
CLAIM_NUMBER_MAX = 40


@dataclass(frozen=True)
class ClaimRequest(Untrusted):
    """Who the session was billed to, the claim's number, day and amount, for which client."""

    session_id: int
    client_id: int
    funder: str
    claim_number: str
    billed_on: date
    amount_cents: int
    expected_version: int | None = None  # the session as the desk saw it; else "changed"


@dataclass(frozen=True)
class ClaimLine:
    id: int
    client_id: int
    client_name: str
    funder: str
    claim_number: str
    billed_at: datetime
    amount_cents: int
    status: str
    marked_by: str


def funder_names(uow: UnitOfWork) -> tuple[str, ...]:
    """The practice's active insurers and funders, by name (the desk may also type another)."""
    return tuple(
        uow.session.scalars(
            select(Funder.name).where(Funder.active.is_(True)).order_by(Funder.name)
        )
    )


def _funder(uow: UnitOfWork, typed: str) -> str:
    name = checked_text(
        typed or "", "funder", QT_TRANSLATE_NOOP("fields", "insurer or funder"), limit=FUNDER_MAX
    )
    if not name:
        raise ValidationError(
            translate(
                "money",
                "Say who the session was billed to: choose the insurer or funder, or type its name.",
            ),
            field="funder",
        )
    known = uow.session.scalar(select(Funder.name).where(func.lower(Funder.name) == name.lower()))
    return known or name


def _claim_number(uow: UnitOfWork, typed: str, funder: str) -> str:
    number = checked_text(
        typed or "",
        "claim_number",
        QT_TRANSLATE_NOOP("fields", "claim number"),
        limit=CLAIM_NUMBER_MAX,
    )
    if not number:
        raise ValidationError(
            translate("money", "Type the claim number the insurer or funder gave the claim."),
            field="claim_number",
        )
    twin = uow.session.scalar(  # "mutuelle" and "MU-1" are "Mutuelle" and "mu-1"
        select(InsuranceClaim.session_id).where(
            func.lower(InsuranceClaim.insurer) == funder.lower(),
            func.lower(InsuranceClaim.claim_number) == number.lower(),
        )
    )
    if twin is not None:
        raise ValidationError(
            translate(
                "money",
                "Claim {number} to {funder} is already recorded, on session #{twin}; check the number.",
            ).format(number=number, funder=funder, twin=twin),
            field="claim_number",
        )
    return number


def _billed_at(uow: UnitOfWork, day: date, at: datetime | None = None) -> datetime:
    """The day billed, as a moment: `at`, else now when it is today, else midday that day."""
    tz = practice.time_zone(uow)
    if isinstance(day, datetime):  # a moment handed over: its day (practice time)
        day = day.astimezone(tz).date() if day.tzinfo else day.date()
    checked_date(day, "billed_on", QT_TRANSLATE_NOOP("fields", "billing date"))
    now = uow.now()
    today = now.astimezone(tz).date()
    if day > today:
        raise ValidationError(
            translate(
                "money",
                "The billing date ({day}) is in the future; enter the day the claim was sent.",
            ).format(day=when_text(day, "%d %b %Y")),
            field="billed_on",
        )
    if at is not None:
        if at.astimezone(tz).date() != day or at > now:
            raise ValidationError(
                translate(
                    "money",
                    "The moment billed must fall on the billing date and not be in the future.",
                ),
                field="billed_on",
            )
        return at
    return now if day == today else datetime.combine(day, time(12), tz)


@dataclass(frozen=True)
class CheckedClaim:
    """A claim that passed every check, as the desk is asked to confirm it."""

    client_name: str
    funder: str
    claim_number: str
    billed_at: datetime
    amount_cents: int


def _checked(uow: UnitOfWork, request: ClaimRequest, actor: Actor,
             at: datetime | None) -> tuple[Session, Client, CheckedClaim]:  # fmt: skip
    require(actor, Permission.BILL_INSURER)
    session = load_session(uow, request.session_id, request.expected_version)
    checked_id(request.client_id, QT_TRANSLATE_NOOP("fields", "client"), "client")
    booked = uow.session.scalar(
        select(Booking.id).where(
            Booking.session_id == request.session_id, Booking.client_id == request.client_id
        )
    )
    client = uow.session.get(Client, request.client_id)
    if booked is None or client is None:
        raise ValidationError(
            translate(
                "money",
                "That client is not booked in this session; choose one of the session's clients.",
            ),
            field="client",
        )
    checked_cents(
        request.amount_cents, "amount", QT_TRANSLATE_NOOP("fields", "amount billed"), negative=True
    )
    if request.amount_cents <= 0:
        raise ValidationError(
            translate(
                "money", "The amount billed must be more than {zero}; type the claim's amount."
            ).format(zero=format_money(0)),
            field="amount",
        )
    funder = _funder(uow, request.funder)
    claim = CheckedClaim(client.display_name, funder,
                         _claim_number(uow, request.claim_number, funder), _billed_at(
                             uow, request.billed_on, at), request.amount_cents)  # fmt: skip
    return session, client, claim


def check_claim(uow: UnitOfWork, request: ClaimRequest) -> CheckedClaim:
    """Every check `mark_billed` makes, without writing: what the desk confirms before it is
    recorded for good."""
    return _checked(uow, request, uow.actor, None)[2]


def mark_billed(
    uow: UnitOfWork,
    request: ClaimRequest,
    *,
    by: Actor | None = None,
    at: datetime | None = None,
) -> OperationResult:
    """Record that the session was billed to an insurer or funder (a manager); for good.

    `at` is the moment it was billed, when known (its day must be `billed_on`); by default now
    when `billed_on` is today, else midday of that day. Refused as "changed at another desk"
    when the session is no longer at `expected_version`; the billing moves its version on.
    """
    actor = by if by is not None else uow.actor
    session, client, claim = _checked(uow, request, actor, at)
    row = InsuranceClaim(
        session_id=request.session_id,
        client_id=client.id,
        insurer=claim.funder,
        claim_number=claim.claim_number,
        amount_cents=claim.amount_cents,
        billed_at=claim.billed_at,
        status="submitted",
        created_by_id=actor.user_id,
    )
    uow.session.add(row)
    touch(uow, session)  # a desk that read the session before this billing is told, not obeyed
    uow.session.flush()
    after = as_dict(row, tuple(c.key for c in InsuranceClaim.__table__.columns))
    audit.record(
        uow, "insurance.bill", "insurance_claim", row.id, session_id=row.session_id, after=after
    )
    return OperationResult(
        message=translate(
            "money",
            "Billed to {funder}: claim {claim}, {amount}. This session can no longer be deleted.",
        ).format(
            funder=claim.funder, claim=row.claim_number, amount=format_money(row.amount_cents)
        ),
        changes=ChangeSet(
            frozenset({request.session_id}), frozenset({client.id}), frozenset({"insurance"})
        ),
        session_id=request.session_id,
    )


def session_claims(uow: UnitOfWork, session_id: int) -> tuple[ClaimLine, ...]:
    """Every insurer or funder billing of the session, oldest first."""
    rows = uow.session.execute(
        select(InsuranceClaim, Client.first_name, Client.last_name)
        .join(Client, Client.id == InsuranceClaim.client_id)
        .where(InsuranceClaim.session_id == session_id)
        .order_by(InsuranceClaim.id)
    ).all()
    users = {r[0]: r[1] for r in uow.session.execute(select(User.id, User.full_name))}
    return tuple(
        ClaimLine(
            c.id,
            c.client_id,
            f"{first} {last}",
            c.insurer,
            c.claim_number,
            c.billed_at,
            c.amount_cents,
            c.status,
            users.get(c.created_by_id or 0, "—"),
        )
        for c, first, last in rows
    )
