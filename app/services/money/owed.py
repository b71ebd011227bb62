"""What a client still owes for a session: the one rule, which Take payment asks by, and by
which the invoices, the amounts owed and the remittances are worked out.

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

`priced` applies the rule to many places with a few reads for all of them (a year of a large
practice's invoices holds tens of thousands); `place_cost` and `still_owed` are one place's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.models import Adjustment, Booking, Payment, ServiceDelivered, Session
from app.models.enums import BookingStatus, PaidWith, SdKind
from app.services.rows import id_list
from app.services.setup.funders import (
    billed_to_funder,
    client_pays,
    delivered_bill_to,
)

# The charge line a place that did not go ahead costs, by the booking's status.
CHARGED_AS = {BookingStatus.CANCELLED: SdKind.CANCELLATION, BookingStatus.DNA: SdKind.NO_SHOW}

# Places priced per round of reads: a year of a large practice's invoices holds tens of
# thousands, and each round hands their ids to the database as one list.
CHUNK = 2000


@dataclass(frozen=True)
class Place:
    """A client's place in a session, priced by the rule."""

    booking: Booking
    cost: int  # what the place costs the client (the module's rule), before the two below
    line: ServiceDelivered | None  # its first line of the kind it is charged as, if any
    adjusted: int  # the adjustments posted for the client on the session (signed)
    paid: int  # the payments recorded for the client on the session

    @property
    def owed(self) -> int:
        """What the client still owes for the session: never below zero."""
        return max(0, self.cost + self.adjusted - self.paid)


def priced(uow: UnitOfWork, bookings: Sequence[Booking]) -> list[Place]:
    """Each booking's place, priced, in the order given: the rule applied to many places with a
    few reads for all of them (their lines, adjustments and payments), not a few for each."""
    out: list[Place] = []
    for start in range(0, len(bookings), CHUNK):
        out.extend(_priced(uow, bookings[start : start + CHUNK]))
    return out


def _priced(uow: UnitOfWork, bookings: Sequence[Booking]) -> list[Place]:
    lines = _lines(uow, [b.id for b in bookings])
    sums = _sums(uow, {b.session_id for b in bookings}, {b.client_id for b in bookings})
    places = []
    for b in bookings:
        kind = CHARGED_AS.get(BookingStatus(b.status), SdKind.DELIVERED)
        own = lines.get((b.id, kind), ())
        adjusted, paid = sums.get((b.session_id, b.client_id), (0, 0))
        places.append(Place(b, _cost(b, own), own[0] if own else None, adjusted, paid))
    return places


def _cost(booking: Booking, lines: Iterable[ServiceDelivered]) -> int:
    """The module's rule for one place, from its booking (with its session, service and client)
    and its lines of the kind it is charged as."""
    if PaidWith(booking.paid_with) != PaidWith.INVOICE:
        return 0
    status = BookingStatus(booking.status)
    client = booking.client
    if status == BookingStatus.BOOKED:  # not delivered yet: paid as its line will be
        code = booking.session.service.code
        payer = delivered_bill_to(client, code)
        return int(booking.session.price_cents or 0) if client_pays(client, payer, code) else 0
    funded = billed_to_funder(client)
    if status == BookingStatus.ATTENDED and not funded:
        return int(booking.session.price_cents or 0)
    # A charge taken back after it was claimed stays with a negative line that reverses it.
    return sum(
        line.amount_cents
        for line in lines
        if not funded or client_pays(client, line.bill_to, line.support_item)
    )


def _lines(
    uow: UnitOfWork, booking_ids: list[int]
) -> dict[tuple[int, SdKind], list[ServiceDelivered]]:
    """The bookings' lines by booking and kind, each in the order written."""
    found: dict[tuple[int, SdKind], list[ServiceDelivered]] = defaultdict(list)
    if booking_ids:
        for line in uow.session.scalars(
            select(ServiceDelivered)
            .where(ServiceDelivered.booking_id.in_(id_list(booking_ids)))
            .order_by(ServiceDelivered.id)
        ):
            found[line.booking_id, SdKind(line.kind)].append(line)
    return found


def _sums(
    uow: UnitOfWork, session_ids: Iterable[int], client_ids: Iterable[int]
) -> dict[tuple[int, int], tuple[int, int]]:
    """(session, client) → (adjustments, payments) posted for the client on the session."""
    sessions, clients = list(session_ids), list(client_ids)
    out: dict[tuple[int, int], tuple[int, int]] = {}
    if not sessions or not clients:
        return out
    models: tuple[type[Adjustment] | type[Payment], ...] = (Adjustment, Payment)
    for position, model in enumerate(models):
        rows = uow.session.execute(
            select(model.session_id, model.client_id, func.sum(model.amount_cents))
            .where(model.session_id.in_(id_list(sessions)), model.client_id.in_(id_list(clients)))
            .group_by(model.session_id, model.client_id)
        )
        for session_id, client_id, total in rows:
            pair = list(out.get((session_id, client_id), (0, 0)))
            pair[position] = int(total or 0)
            out[session_id, client_id] = (pair[0], pair[1])
    return out


# What a booking is read with for pricing: its session's price and service, and its client.
PRICING = (
    selectinload(Booking.session).selectinload(Session.service),
    selectinload(Booking.client),
)


def _place(uow: UnitOfWork, session_id: int, client_id: int) -> Place | None:
    booking = uow.session.scalars(
        select(Booking).where(Booking.session_id == session_id, Booking.client_id == client_id)
    ).first()
    return priced(uow, [booking])[0] if booking is not None else None


def place_cost(uow: UnitOfWork, session_id: int, client_id: int) -> int:
    """What the client's place in the session costs them, in cents, before adjustments and
    payments (the module's rule); nothing for a client not booked in it."""
    place = _place(uow, session_id, client_id)
    return place.cost if place is not None else 0


def still_owed(uow: UnitOfWork, session_id: int, client_id: int) -> int:
    """What the client still owes for the session, in cents: what their place costs them
    (`place_cost`), changed by the adjustments posted for them, less the payments already
    recorded for them. Never below zero."""
    place = _place(uow, session_id, client_id)
    if place is not None:
        return place.owed
    adjusted, paid = _sums(uow, [session_id], [client_id]).get((session_id, client_id), (0, 0))
    return max(0, adjusted - paid)
