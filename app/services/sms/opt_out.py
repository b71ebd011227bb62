"""A client who texts STOP (or another opt-out, `reply_words`) is never texted again, until
they text START (or staff clear the box).

Australia's Spam Act asks that an opt-out be honoured: the request is about the number, so
every client whose mobile is that number (or who was texted there) is opted out of texts,
through the clients' own service, until staff clear "Opted out of texts" in the client form.
It stops texts only: their consent to be contacted (e-mails) is a choice of its own and stays.
Their open waitlist offers close, and texts to them still waiting in the outbox are withdrawn
(the outbox's Withdrawn list, with the sentence the send-time check gives an opted-out client's
text, `withdrawal.TEXT_OPTED_OUT`), as every other waiting message that is no longer true is. The
reply stays on the Replies queue as "Opted out of texts".

START (`reply_words`: an opt-in) turns texts back on for the clients of the number who had
them off, whoever turned them off: the client asks for them. Nothing else changes (offers
closed and texts withdrawn stay so); the reply shows as "Texts back on".
"""

from __future__ import annotations

from sqlalchemy import or_, select, update

from app.db import UnitOfWork
from app.i18n import translate
from app.models import Client, OutboxMessage, SmsReply, WaitlistOffer
from app.models.enums import OutboxChannel, OutboxStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.dto import ChangeSet
from app.services.outbox import withdrawal
from app.services.setup.clients import set_sms_opt_out
from app.services.sms.numbers import e164

OUTCOME = "opted_out"
OPT_IN_OUTCOME = "opted_in"
OFFERS_OPEN = ("waiting", "sent")


def clients_of(uow: UnitOfWork, number: str) -> list[Client]:
    """The clients this number belongs to: their phone is it, or they were texted there."""
    country = practice.settings(uow).country or "AU"
    texted = set(
        uow.session.scalars(
            select(OutboxMessage.client_id).where(
                OutboxMessage.channel == OutboxChannel.SMS, OutboxMessage.recipient == number
            )
        )
    )
    return [
        c
        for c in uow.session.scalars(
            select(Client).where(or_(Client.phone.is_not(None), Client.id.in_(texted - {None})))
            .order_by(Client.id)
        )
        if c.id in texted or e164(c.phone, country) == number
    ]  # fmt: skip


def _close_offers(uow: UnitOfWork, client_ids: list[int]) -> list[int]:
    offers = list(
        uow.session.scalars(
            select(WaitlistOffer).where(
                WaitlistOffer.client_id.in_(client_ids), WaitlistOffer.status.in_(OFFERS_OPEN)
            )
        )
    )
    for offer in offers:
        offer.status = "withdrawn"
    return sorted({o.session_id for o in offers})


def _withdraw_pending(uow: UnitOfWork, reply: SmsReply, client_ids: list[int]) -> int:
    """The texts to these clients (or to the number) still waiting are withdrawn, with why;
    not one a desk is sending this very moment (claimed under a live lease). Audited."""
    m, now = OutboxMessage, uow.now()
    unsent = (
        m.channel == OutboxChannel.SMS,
        m.status == OutboxStatus.PENDING,
        or_(m.client_id.in_(client_ids), m.recipient == reply.from_number),
        or_(m.lease_until.is_(None), m.lease_until <= now),  # one going out this moment is gone
    )
    ids = list(uow.session.scalars(select(m.id).where(*unsent)))
    if not ids:
        return 0
    why = withdrawal.TEXT_OPTED_OUT
    uow.session.execute(
        update(m).where(m.id.in_(ids), *unsent)
        .values(status=OutboxStatus.WITHDRAWN, status_reason=why, next_attempt_at=None)
        .execution_options(synchronize_session="fetch")
    )  # fmt: skip
    gone = list(uow.session.scalars(
        select(m.id).where(m.id.in_(ids), m.status == OutboxStatus.WITHDRAWN).order_by(m.id)))  # fmt: skip
    if gone:
        audit.record(uow, "outbox.withdraw", "outbox", None,
                     after={"messages": gone, "why": why})  # fmt: skip
    return len(gone)


def opt_out(uow: UnitOfWork, reply: SmsReply) -> ChangeSet:
    """Honour the reply's opt-out: texts off (e-mails unchanged), offers closed, waiting texts
    withdrawn; audited."""
    clients = clients_of(uow, reply.from_number)
    why = f"Replied “{reply.body.strip()[:60]}” by text from {reply.from_number}"
    ids = [c.id for c in clients]
    opted_out = [c.id for c in clients if set_sms_opt_out(uow, c.id, True, why)]
    sessions = _close_offers(uow, ids)
    withdrawn = _withdraw_pending(uow, reply, ids)
    names = ", ".join(c.display_name for c in clients)
    reply.outcome = OUTCOME
    reply.note = (
        translate("sms", "Opted out of texts: {names} will not be texted again until “Opted out "
                  "of texts” is cleared in the client form. E-mails still go.").format(names=names)
        if clients
        else translate("sms", "Opted out of texts: no client has this number, so nobody's "
                       "texts were turned off.")
    )  # fmt: skip
    if withdrawn:
        reply.note += " " + translate(
            "sms", "{skipped} text(s) waiting in the outbox will not be sent."
        ).format(skipped=withdrawn)
    audit.record(uow, "sms_reply.opt_out", "sms_reply", reply.id,
                 after={"from": reply.from_number, "clients": ids, "texts_off": opted_out,
                        "offers_closed_in": sessions, "texts_skipped": withdrawn})  # fmt: skip
    return ChangeSet(sessions=frozenset(sessions), clients=frozenset(ids),
                     topics=frozenset({"clients", "offers", "outbox"}))  # fmt: skip


def opt_in(uow: UnitOfWork, reply: SmsReply) -> ChangeSet:
    """The number's clients asked for texts again: their text opt-out is cleared; audited."""
    clients = [c for c in clients_of(uow, reply.from_number) if c.sms_opt_out]
    why = f"Replied “{reply.body.strip()[:60]}” by text from {reply.from_number}"
    back = [c.id for c in clients if set_sms_opt_out(uow, c.id, False, why)]
    names = ", ".join(c.display_name for c in clients)
    reply.outcome = OPT_IN_OUTCOME
    reply.note = (
        translate("sms", "Texts back on: {names} will be texted again (reminders, offers).")
        .format(names=names)
        if clients
        else translate("sms", "Texts back on: no client with this number had texts turned off, "
                       "so nothing changed.")
    )  # fmt: skip
    audit.record(uow, "sms_reply.opt_in", "sms_reply", reply.id,
                 after={"from": reply.from_number, "texts_on": back})  # fmt: skip
    return ChangeSet(clients=frozenset(back), topics=frozenset({"clients"}))
