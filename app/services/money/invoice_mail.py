"""A period's invoices e-mailed: each saved invoice queued in the outbox to the address it
names — a plan-managed participant's plan manager, or the client — with its PDF attached.

The outbox sends them as it sends every e-mail (after the practice's grace period, retried,
listed in Tools ▸ Outbox and alerts). An invoice is queued once for one balance: saved and
e-mailed again with nothing paid since, it is not sent twice; with a payment since, the
invoice saying the new balance goes. Nothing about a client's sessions or notification
consent withdraws it once queued: it is the practice's bill, addressed when it was queued.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Client, OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from app.models.money import format_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require_now
from app.services.money.invoice import Invoice
from app.services.outbox import notify

TOPIC = "invoice"
ATTACHMENT = "attachment"  # the payload's {"name": file name, "pdf": base64 of the PDF}
# Why an invoice was not queued (the dialog lists each with the client's name).
NO_ADDRESS = QT_TRANSLATE_NOOP(
    "invoice", "no e-mail address to send it to (add the plan manager's, or the client's)"
)
NO_CONSENT = QT_TRANSLATE_NOOP("invoice", "the client has not agreed to be e-mailed")
QUEUED_BEFORE = QT_TRANSLATE_NOOP("invoice", "already e-mailed with this balance")


@dataclass(frozen=True)
class Mailed:
    """What queueing the invoices did: how many go, and each that does not, with why."""

    queued: int
    not_sent: tuple[tuple[str, str], ...]  # (client's name, why)

    def sentence(self) -> str:
        said = []
        if self.queued:
            said.append(translate(
                "invoice",
                "{n} invoice e-mail(s) wait in the outbox (Tools ▸ Outbox and alerts) and go "
                "after the practice's grace period.",
            ).format(n=self.queued))  # fmt: skip
        if self.not_sent:
            names = "; ".join(f"{name}: {why}" for name, why in self.not_sent)
            said.append(translate("invoice", "Not e-mailed: {names}.").format(names=names))
        return " ".join(said)


def queue_invoice_emails(uow: UnitOfWork, sent: Sequence[tuple[Invoice, Path]]) -> Mailed:
    """Queue each saved invoice (and the PDF at its path) to the address it names; audited."""
    require_now(uow, Permission.TAKE_PAYMENT)
    settings = practice.settings(uow)
    now, wait = uow.now(), notify.grace(settings)
    queued: list[str] = []
    not_sent: list[tuple[str, str]] = []
    for invoice, path in sent:
        why = _why_not(uow, invoice)
        key = _key(invoice)
        if why is None and uow.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)
        ):
            why = translate("invoice", QUEUED_BEFORE)
        if why is not None:
            not_sent.append((invoice.client_name, why))
            continue
        uow.session.add(OutboxMessage(
            channel=OutboxChannel.EMAIL, topic=TOPIC, idempotency_key=key, session_id=None,
            client_id=invoice.client_id, recipient=invoice.send_to,
            subject=translate("invoice", "{practice}: invoice {number} for {client}").format(
                practice=invoice.practice_name, number=invoice.number,
                client=invoice.client_name)[:255],
            payload=_payload(invoice, path, settings.phone or "", settings.email or ""),
            status=OutboxStatus.PENDING, status_reason="", created_at=now,
            next_attempt_at=now + wait,
        ))  # fmt: skip
        queued.append(invoice.number)
    if queued:
        uow.session.flush()
        audit.record(uow, "invoice.email", "invoice", None, after={"invoices": queued})
    return Mailed(len(queued), tuple(not_sent))


def _key(invoice: Invoice) -> str:
    """The same invoice, balance and address: one message (an address names itself by its
    digest, so the key keeps within the column however long the address)."""
    to = hashlib.sha256(invoice.send_to.lower().encode("utf-8")).hexdigest()[:16]
    return f"invoice:{invoice.number}:{invoice.due_cents}:{to}"


def _why_not(uow: UnitOfWork, invoice: Invoice) -> str | None:
    if not invoice.send_to:
        return translate("invoice", NO_ADDRESS)
    if not invoice.plan_managed:  # the client's own address: their consent to be e-mailed
        client = uow.session.get(Client, invoice.client_id)
        if client is None or not client.notify_consent:
            return translate("invoice", NO_CONSENT)
    return None


def _payload(invoice: Invoice, path: Path, phone: str, email: str) -> dict[str, Any]:
    """The e-mail's text, as the practice says it now, and the PDF it carries."""
    dear = invoice.plan_manager or (
        translate("invoice", "plan manager") if invoice.plan_managed else invoice.client_name
    )
    period = translate("invoice", "{first} to {last}").format(
        first=when_text(invoice.first, "%d %b %Y"), last=when_text(invoice.last, "%d %b %Y")
    )
    lines = [
        translate(
            "invoice",
            "Please find attached invoice {number} for {client}, for the sessions from {period}: "
            "total {total}, paid {paid}, due {due}.",
        ).format(
            number=invoice.number,
            client=invoice.client_name,
            period=period,
            total=format_money(invoice.total_cents + invoice.adjusted_cents),
            paid=format_money(invoice.paid_cents),
            due=format_money(invoice.due_cents),
        ),  # fmt: skip
    ]
    if invoice.payment.strip():
        lines += ["", translate("invoice", "How to pay: {details}").format(
            details=invoice.payment.strip())]  # fmt: skip
    pdf = base64.b64encode(path.read_bytes()).decode("ascii")
    return {
        "practice": invoice.practice_name, "practice_phone": phone, "practice_email": email,
        "client": invoice.client_name, "first_name": dear, "body": "\n".join(lines),
        "invoice": invoice.number, ATTACHMENT: {"name": path.name, "pdf": pdf},
    }  # fmt: skip
