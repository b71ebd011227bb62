"""Payments and adjustments posted against one session: post, list and remove (with a reason).

Amounts are whole cents. A payment is money received (always more than zero). An adjustment's
amount is signed as it changes what the client owes: a write-off or a discount takes money off
(stored negative, typed as a positive amount), a correction may go either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import select

from app.db import Actor, UnitOfWork
from app.errors import ConfirmationNeeded, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Adjustment, Booking, Client, Payment, User
from app.models.base import as_dict
from app.models.money import format_money, parse_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import (
    Untrusted,
    checked_cents,
    checked_date,
    checked_id,
    checked_text,
    label,
)
from app.services.dto import ChangeSet, OperationResult
from app.services.money.methods import method_word
from app.services.money.owed import still_owed
from app.services.sessions.common import load_session

REASON_MAX = 255
NOTE_MAX = 255
REFERENCE_MAX = 60


class PaymentMethod(StrEnum):
    """How the money came in (the fixed list the desk chooses from)."""

    CASH = "cash"
    CARD = "card"
    EFTPOS = "EFTPOS"
    BANK_TRANSFER = "bank transfer"
    CHEQUE = "cheque"
    OTHER = "other"

    @classmethod
    def _missing_(cls, value: object) -> PaymentMethod | None:
        # "eftpos" and "EFTPOS" are one method (older records were written in lower case).
        text = str(value).strip().casefold()
        return next((m for m in cls if m.value.casefold() == text), None)


class AdjustmentKind(StrEnum):
    WRITE_OFF = "write-off"
    DISCOUNT = "discount"
    CORRECTION = "correction"


# The words a refusal names a payment or an adjustment of each kind by (app/services/boundary.py).
PAYMENT = QT_TRANSLATE_NOOP("fields", "payment")
ADJUSTMENT = QT_TRANSLATE_NOOP("fields", "adjustment")
KIND_LABEL = {
    AdjustmentKind.WRITE_OFF: QT_TRANSLATE_NOOP("fields", "write-off"),
    AdjustmentKind.DISCOUNT: QT_TRANSLATE_NOOP("fields", "discount"),
    AdjustmentKind.CORRECTION: QT_TRANSLATE_NOOP("fields", "correction"),
}


ADJUSTED = {
    AdjustmentKind.WRITE_OFF: QT_TRANSLATE_NOOP(
        "money", "Write-off of {amount} recorded for {name}."
    ),
    AdjustmentKind.DISCOUNT: QT_TRANSLATE_NOOP(
        "money", "Discount of {amount} recorded for {name}."
    ),
    AdjustmentKind.CORRECTION: QT_TRANSLATE_NOOP(
        "money", "Correction of {amount} recorded for {name}."
    ),
}


@dataclass(frozen=True)
class PaymentRequest(Untrusted):
    """A payment as the desk typed it."""

    LABELS: ClassVar[dict[str, str]] = {
        "method": QT_TRANSLATE_NOOP("fields", "method"),
    }

    session_id: int
    client_id: int
    method: PaymentMethod
    amount_cents: int
    received_on: date
    reference: str = ""
    note: str = ""
    expected_version: int | None = None  # the session as the desk saw it; else "changed"
    # More than is still owed for the session is asked about first (ConfirmationNeeded);
    # True once the desk said to record it anyway.
    more_than_owed: bool = False


@dataclass(frozen=True)
class AdjustmentRequest(Untrusted):
    """An adjustment as typed: write-offs and discounts as a positive amount taken off."""

    LABELS: ClassVar[dict[str, str]] = {
        "kind": QT_TRANSLATE_NOOP("fields", "kind"),
    }

    session_id: int
    client_id: int
    kind: AdjustmentKind
    amount_cents: int
    note: str
    expected_version: int | None = None  # the session as the desk saw it; else "changed"


@dataclass(frozen=True)
class MoneyLine:
    """One payment or adjustment of a session, for the window."""

    id: int
    kind: str  # payment | adjustment
    session_id: int
    client_id: int
    client_name: str
    amount_cents: int
    detail: str  # the method, or the adjustment's kind
    reference: str
    received_on: date | None
    note: str
    posted_at: datetime
    posted_by: str


def amount_from_text(text: str, what: str = QT_TRANSLATE_NOOP("fields", "amount")) -> int:
    """An amount as typed ("95", money_example()) in cents; a sentence when it is not money."""
    try:
        return parse_money(str(text))
    except ValueError as exc:
        raise ValidationError(
            translate("money", "The {what}: {exc}").format(what=label(what), exc=exc),
            field="amount",
        ) from None


def _acting(uow: UnitOfWork, by: Actor | None) -> Actor:
    return by if by is not None else uow.actor


def _client_of_session(
    uow: UnitOfWork, session_id: int, client_id: int, expected_version: int | None = None
) -> Client:
    """The client, who must have a booking (of any status) in the session; the session as the
    desk saw it (`expected_version`), else ConflictError."""
    load_session(uow, session_id, expected_version)
    checked_id(client_id, QT_TRANSLATE_NOOP("fields", "client"), "client")
    booked = uow.session.scalar(
        select(Booking.id).where(Booking.session_id == session_id, Booking.client_id == client_id)
    )
    client = uow.session.get(Client, client_id)
    if booked is None or client is None:
        raise ValidationError(
            translate(
                "money",
                "That client is not booked in this session; choose one of the session's clients.",
            ),
            field="client",
        )
    return client


def _positive(cents: int, what: str) -> int:
    """`what`: the label of a payment or of a write-off or discount."""
    checked_cents(cents, "amount", what, negative=True)
    if cents <= 0:
        if what == PAYMENT:
            sentence = translate(
                "money",
                "The {what} must be more than {zero}; type the amount received, for example 95.00.",
            )
        else:  # a write-off or a discount is typed as the amount it takes off
            sentence = translate(
                "money",
                "The {what} must be more than {zero}; type the amount to take off without a minus sign, for example 10.00.",
            )
        raise ValidationError(
            sentence.format(what=label(what), zero=format_money(0)), field="amount"
        )
    return cents


def checked_payment(cents: int) -> int:
    """An amount received, as a payment takes it: more than nothing, refused otherwise."""
    return _positive(cents, PAYMENT)


def _received(uow: UnitOfWork, day: date) -> date:
    if isinstance(day, datetime):  # a moment handed over: its day (practice time)
        day = day.astimezone(practice.time_zone(uow)).date() if day.tzinfo else day.date()
    checked_date(day, "received_on", QT_TRANSLATE_NOOP("fields", "date received"))
    today = uow.now().astimezone(practice.time_zone(uow)).date()
    if day > today:
        raise ValidationError(
            translate(
                "money",
                "The date received ({day}) is in the future; enter the day the money actually came in.",
            ).format(day=when_text(day, "%d %b %Y")),
            field="received_on",
        )
    return day


def _check_not_more_than_owed(uow: UnitOfWork, request: PaymentRequest, cents: int) -> None:
    """A payment above what is still owed (1100 typed for 110.00) is asked about first."""
    if request.more_than_owed:
        return
    owed = still_owed(uow, request.session_id, request.client_id)
    if cents > owed:
        raise ConfirmationNeeded(
            translate(
                "money",
                "{amount} is more than the {owed} still owed for this session. Record {amount} anyway?",
            ).format(amount=format_money(cents), owed=format_money(owed)),
            field="amount",
        )


def post_payment(
    uow: UnitOfWork, request: PaymentRequest, *, by: Actor | None = None, at: datetime | None = None
) -> OperationResult:
    """Record money received from one of the session's clients. More than is still owed for the
    session (`still_owed`) is refused with the question (ConfirmationNeeded) unless the request
    says to record it anyway (`more_than_owed`)."""
    actor = _acting(uow, by)
    require(actor, Permission.TAKE_PAYMENT)
    client = _client_of_session(
        uow, request.session_id, request.client_id, request.expected_version
    )
    cents = _positive(request.amount_cents, PAYMENT)
    received_on = _received(uow, request.received_on)
    reference = checked_text(
        request.reference, "reference", QT_TRANSLATE_NOOP("fields", "reference"), REFERENCE_MAX
    )
    note = checked_text(request.note, "note", QT_TRANSLATE_NOOP("fields", "note"), NOTE_MAX)
    _check_not_more_than_owed(uow, request, cents)  # asked last: the rest must be right first
    row = Payment(
        session_id=request.session_id,
        client_id=client.id,
        amount_cents=cents,
        method=request.method.value,
        received_on=received_on,
        reference=reference,
        note=note,
        posted_at=at or uow.now(),
        posted_by_id=actor.user_id,
    )
    uow.session.add(row)
    uow.session.flush()
    _audit_post(uow, row, "payment")
    return OperationResult(
        message=translate("money", "Payment of {amount} ({method}) recorded for {name}.").format(
            amount=format_money(row.amount_cents),
            method=method_word(row.method),
            name=f"{client.first_name} {client.last_name}",
        ),
        changes=_changes(request.session_id, client.id, "payment"),
        session_id=request.session_id,
    )


def post_adjustment(
    uow: UnitOfWork,
    request: AdjustmentRequest,
    *,
    by: Actor | None = None,
    at: datetime | None = None,
) -> OperationResult:
    """A write-off, discount or correction on what one of the session's clients owes."""
    actor = _acting(uow, by)
    require(actor, Permission.POST_ADJUSTMENT)
    client = _client_of_session(
        uow, request.session_id, request.client_id, request.expected_version
    )
    cents = checked_cents(
        request.amount_cents, "amount", QT_TRANSLATE_NOOP("fields", "adjustment"), negative=True
    )
    if request.kind == AdjustmentKind.CORRECTION:
        if cents == 0:
            raise ValidationError(
                translate(
                    "money",
                    "A correction of {zero} changes nothing; type the amount to add (or, with a minus sign, to take off).",
                ).format(zero=format_money(0)),
                field="amount",
            )
    else:
        cents = -_positive(cents, KIND_LABEL[request.kind])
    note = checked_text(request.note, "note", QT_TRANSLATE_NOOP("fields", "note"), NOTE_MAX)
    if not note:
        raise ValidationError(
            translate("money", "Say why the adjustment is made; the note is kept with it."),
            field="note",
        )
    row = Adjustment(
        session_id=request.session_id,
        client_id=client.id,
        amount_cents=cents,
        kind=request.kind.value,
        note=note,
        posted_at=at or uow.now(),
        posted_by_id=actor.user_id,
    )
    uow.session.add(row)
    uow.session.flush()
    _audit_post(uow, row, "adjustment")
    return OperationResult(
        message=translate("money", ADJUSTED[request.kind]).format(
            amount=format_money(cents), name=f"{client.first_name} {client.last_name}"
        ),
        changes=_changes(request.session_id, client.id, "adjustment"),
        session_id=request.session_id,
    )


def _audit_post(uow: UnitOfWork, row: Payment | Adjustment, what: str) -> None:
    after = as_dict(row, tuple(c.key for c in type(row).__table__.columns))
    audit.record(uow, f"{what}.post", what, row.id, session_id=row.session_id, after=after)


def _changes(session_id: int, client_id: int, topic: str) -> ChangeSet:
    return ChangeSet(frozenset({session_id}), frozenset({client_id}), frozenset({topic}))


def session_money(uow: UnitOfWork, session_id: int) -> tuple[MoneyLine, ...]:
    """The session's payments then adjustments, oldest first."""
    q = uow.session.execute
    users = {r[0]: r[1] for r in q(select(User.id, User.full_name))}
    names = {
        cid: f"{first} {last}"
        for cid, first, last in q(
            select(Client.id, Client.first_name, Client.last_name)
            .join(Booking, Booking.client_id == Client.id)
            .where(Booking.session_id == session_id)
        )
    }
    return (
        *_payment_lines(uow, session_id, names, users),
        *_adjustment_lines(uow, session_id, names, users),
    )


def _payment_lines(
    uow: UnitOfWork, session_id: int, names: dict[int, str], users: dict[int, str]
) -> list[MoneyLine]:
    """The session's payments, oldest first."""
    return [
        MoneyLine(
            p.id,
            "payment",
            p.session_id,
            p.client_id,
            names.get(p.client_id, "?"),
            p.amount_cents,
            p.method,
            p.reference,
            p.received_on,
            p.note,
            p.posted_at,
            users.get(p.posted_by_id, "?"),
        )
        for p in uow.session.scalars(
            select(Payment).where(Payment.session_id == session_id).order_by(Payment.id)
        )
    ]


def _adjustment_lines(
    uow: UnitOfWork, session_id: int, names: dict[int, str], users: dict[int, str]
) -> list[MoneyLine]:
    """The session's adjustments, oldest first."""
    return [
        MoneyLine(
            a.id,
            "adjustment",
            a.session_id,
            a.client_id,
            names.get(a.client_id, "?"),
            a.amount_cents,
            a.kind,
            "",
            None,
            a.note,
            a.posted_at,
            users.get(a.posted_by_id, "?"),
        )
        for a in uow.session.scalars(
            select(Adjustment).where(Adjustment.session_id == session_id).order_by(Adjustment.id)
        )
    ]


# -- removing (a manager, with a reason) --------------------------------------------------------


def remove_payment(uow: UnitOfWork, payment_id: int, reason: str) -> OperationResult:
    """A manager removes a payment posted against a session (e.g. before deleting it), saying why."""
    return _remove(uow, Payment, payment_id, "payment", reason)


def remove_adjustment(uow: UnitOfWork, adjustment_id: int, reason: str) -> OperationResult:
    """A manager removes an adjustment posted against a session, saying why."""
    return _remove(uow, Adjustment, adjustment_id, "adjustment", reason)


def _checked_reason(reason: str, what: str) -> str:
    text = checked_text(reason or "", "reason", QT_TRANSLATE_NOOP("fields", "reason"))
    if not text:
        raise ValidationError(
            translate(
                "money", "Say why the {what} is being removed; the reason is kept in the audit log."
            ).format(what=label(what)),
            field="reason",
        )
    if len(text) > REASON_MAX:
        raise ValidationError(
            translate(
                "money", "The reason is limited to {reason_max} characters; shorten it."
            ).format(reason_max=REASON_MAX),
            field="reason",
        )
    return text


def _remove(
    uow: UnitOfWork,
    model: type[Payment] | type[Adjustment],
    record_id: int,
    what: str,
    reason: str,
) -> OperationResult:
    require(uow.actor, Permission.REMOVE_PAYMENT)
    named = PAYMENT if what == "payment" else ADJUSTMENT
    why = _checked_reason(reason, named)
    row = uow.session.get(model, checked_id(record_id, named))
    if row is None:
        raise NotFoundError(
            translate(
                "money", "That {what} no longer exists; it may have been removed at another desk."
            ).format(what=label(named))
        )
    # Every column of the row: the audit alone must be able to say what money was removed.
    before = as_dict(row, tuple(c.key for c in model.__table__.columns))
    session_id: int = before["session_id"]
    uow.session.delete(row)
    uow.session.flush()
    audit.record(
        uow,
        f"{what}.remove",
        what,
        record_id,
        session_id=session_id,
        before=before,
        after={"reason": why},
    )
    return OperationResult(
        message=translate("money", "The {what} of {amount} was removed.").format(
            what=label(named), amount=format_money(before["amount_cents"])
        ),
        changes=_changes(session_id, before["client_id"], what),
        session_id=session_id,
    )
