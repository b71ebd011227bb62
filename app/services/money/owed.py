"""What a client still owes for one session: the one rule, which Take payment asks by.

What the client's place costs them comes first (`place_cost`):
- a place paid up front, with class credits or a single-class purchase, costs nothing more:
  a late cancellation keeps the credit or the purchase as its fee (`app.services.money.refunds`);
- a cancelled place costs its cancellation charge — the charge line the cancellation wrote,
  so nothing when the notice was enough, the charge was waived or withdrawn (a refilled place),
  or the cancellation was by the worker or the practice — never the session's price;
- a place marked did-not-attend costs its no-show charge (nothing when waived);
- a booked or attended place costs the session's price.
For a client whose NDIS plan or funder is their usual payer (`billed_to_funder`), only what is
charged to the client themselves counts; the rest is claimed from the plan or funder instead:
- a charge or an attended place costs its lines marked the client's (`bill_to = "client"`: a
  funder that pays no cancellation fees, or an NDIS participant's line under the practice's own
  service code, which the plan cannot be claimed for); a delivered session's line is not,
  otherwise (`delivered_bill_to`);
- a booked place costs as the line completing it will say (`client_pays`): nothing, otherwise.
The adjustments posted for the client change that (a discount or write-off takes off, a
correction may go either way), and the payments recorded for them are taken off. Never below
zero.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute

from app.db import UnitOfWork
from app.models import Adjustment, Booking, Payment, ServiceDelivered, Session
from app.models.enums import BookingStatus, PaidWith, SdKind
from app.services.setup.funders import (
    billed_to_funder,
    client_pays,
    delivered_bill_to,
)

# The charge line a place that did not go ahead costs, by the booking's status.
CHARGED_AS = {BookingStatus.CANCELLED: SdKind.CANCELLATION, BookingStatus.DNA: SdKind.NO_SHOW}


def place_cost(uow: UnitOfWork, session_id: int, client_id: int) -> int:
    """What the client's place in the session costs them, in cents, before adjustments and
    payments (the module's rule); nothing for a client not booked in it."""
    booking = uow.session.scalars(
        select(Booking).where(Booking.session_id == session_id, Booking.client_id == client_id)
    ).first()
    if booking is None or PaidWith(booking.paid_with) != PaidWith.INVOICE:
        return 0
    status = BookingStatus(booking.status)
    client = booking.client
    if status == BookingStatus.BOOKED:  # not delivered yet: paid as its line will be
        code = booking.session.service.code
        payer = delivered_bill_to(client, code)
        return _price(uow, session_id) if client_pays(client, payer, code) else 0
    funded = billed_to_funder(client)
    if status == BookingStatus.ATTENDED and not funded:
        return _price(uow, session_id)
    # A charge taken back after it was claimed stays with a negative line that reverses it.
    kind = CHARGED_AS.get(status, SdKind.DELIVERED)
    lines = [ServiceDelivered.booking_id == booking.id, ServiceDelivered.kind == kind]
    if not funded:
        return _sum(ServiceDelivered.amount_cents, *lines, uow=uow)
    sd = ServiceDelivered
    found = uow.session.execute(select(sd.amount_cents, sd.bill_to, sd.support_item).where(*lines))
    return sum(cents for cents, bill_to, code in found if client_pays(client, bill_to, code))


def _price(uow: UnitOfWork, session_id: int) -> int:
    """The session's price, in cents."""
    return int(uow.session.scalar(select(Session.price_cents).where(Session.id == session_id)) or 0)


def still_owed(uow: UnitOfWork, session_id: int, client_id: int) -> int:
    """What the client still owes for the session, in cents: what their place costs them
    (`place_cost`), changed by the adjustments posted for them, less the payments already
    recorded for them. Never below zero."""
    return owed_for(uow, session_id, client_id, place_cost(uow, session_id, client_id))


def owed_for(uow: UnitOfWork, session_id: int, client_id: int, cost: int) -> int:
    """`still_owed` of a place whose cost (`place_cost`) is known already: changed by the
    adjustments posted for the client, less the payments recorded for them. Never below zero."""

    def total(model: type[Payment] | type[Adjustment]) -> int:
        return _sum(
            model.amount_cents,
            model.session_id == session_id,
            model.client_id == client_id,
            uow=uow,
        )

    return max(0, cost + total(Adjustment) - total(Payment))


def _sum(column: InstrumentedAttribute[int], *where: ColumnElement[bool], uow: UnitOfWork) -> int:
    """The total of `column` over the rows `where` says (0 when there are none)."""
    return int(uow.session.scalar(select(func.coalesce(func.sum(column), 0)).where(*where)) or 0)
