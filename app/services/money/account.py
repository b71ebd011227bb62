"""A client's account: credits left, packs, every ledger line and payment with running totals.

The lines come from the one credit ledger (packs and single classes bought, credits used,
refunds and their reversals, adjustments) and from the payments posted against the client's
sessions, oldest first. Two running totals follow them: the credits (a pack's credits that
lapsed on its expiry show as an "Expired" line the day after) and the money the client has
paid, less what was refunded. The same account is exported as a spreadsheet-safe CSV and a
printable PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import NotFoundError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Adjustment, Client, CreditEntry, Funder, Payment, User
from app.models.enums import Funding, LedgerKind
from app.models.money import format_money
from app.services import practice
from app.services.boundary import checked_id
from app.services.money.credits import balance, buckets_of, today, valid_on
from app.services.money.methods import method_word
from app.services.money.payments import KIND_LABEL, AdjustmentKind
from app.services.setup.settings import provider_line
from app.services.storage.csv_safe import write_csv
from app.services.storage.export_target import checked_target

# What each line is, in the words of the account's What column (translated when read).
KIND_TEXT = {
    LedgerKind.PURCHASE: QT_TRANSLATE_NOOP("money", "Purchase"),
    LedgerKind.USE: QT_TRANSLATE_NOOP("money", "Credit used"),
    LedgerKind.REFUND: QT_TRANSLATE_NOOP("money", "Refund"),
    LedgerKind.REFUND_REVERSAL: QT_TRANSLATE_NOOP("money", "Refund reversed"),
    LedgerKind.ADJUSTMENT: QT_TRANSLATE_NOOP("money", "Adjustment"),
}
PAYMENT = QT_TRANSLATE_NOOP("money", "Payment")
EXPIRED = QT_TRANSLATE_NOOP("money", "Expired")
ADJUSTMENT = QT_TRANSLATE_NOOP("money", "Adjustment")
# A pack's state ("open", "used up", "expired": PackRow.state) as the window and the PDF name it.
STATE_TEXT = {
    "open": QT_TRANSLATE_NOOP("money", "Open"),
    "used up": QT_TRANSLATE_NOOP("money", "Used up"),
    "expired": QT_TRANSLATE_NOOP("money", "Expired"),
}
CSV_HEADER = (
    QT_TRANSLATE_NOOP("money", "Date"),
    QT_TRANSLATE_NOOP("money", "Time"),
    QT_TRANSLATE_NOOP("money", "What"),
    QT_TRANSLATE_NOOP("money", "Details"),
    QT_TRANSLATE_NOOP("money", "Credits"),
    QT_TRANSLATE_NOOP("money", "Credits left"),
    QT_TRANSLATE_NOOP("money", "Amount"),
    QT_TRANSLATE_NOOP("money", "Paid to date"),
)


@dataclass(frozen=True)
class PackRow:
    """A pack the client bought: its credits, how many are left, and until when."""

    entry_id: int
    bought_at: datetime
    name: str
    credits: int
    left: int
    expires_on: date | None
    price_cents: int
    method: str
    state: str  # "open", "used up", "expired" (STATE_TEXT names them)


@dataclass(frozen=True)
class AccountLine:
    """One line of the account with the running totals after it; `what` and `details` are in the
    practice's language."""

    when: datetime
    what: str
    details: str
    credits: int
    amount_cents: int  # money the client paid (+) or got back (-)
    credits_after: int
    paid_after: int
    entry_id: int | None = None
    payment_id: int | None = None
    adjustment_id: int | None = None


@dataclass(frozen=True)
class ClientAccount:
    """Everything the account window, the CSV and the PDF show."""

    client_id: int
    name: str
    payer: str
    balance: int  # below zero: the client owes that many class credits
    packs: tuple[PackRow, ...]
    lines: tuple[AccountLine, ...]
    paid_cents: int
    practice_name: str
    time_zone: str
    paper_size: str
    generated_at: datetime
    generated_by: str
    # The provider details printed under the practice's name (legal name, ABN, address, phone).
    provider: str = ""


@dataclass(frozen=True)
class Exported:
    """A file written: where and how many lines."""

    path: Path
    count: int
    message: str


def _client(uow: UnitOfWork, client_id: int) -> Client:
    client = uow.session.get(
        Client, checked_id(client_id, QT_TRANSLATE_NOOP("fields", "client"), "client")
    )
    if client is None:
        raise NotFoundError(translate("money", "That client no longer exists."))
    return client


def _payer(uow: UnitOfWork, client: Client) -> str:
    if client.funding == Funding.NDIS:
        return translate("money", "NDIS plan")
    if client.funder_id is None:
        return translate("money", "Client pays")
    funder = uow.session.get(Funder, client.funder_id)
    return funder.name if funder is not None else translate("money", "Client pays")


def _packs(entries: list[CreditEntry], buckets: dict[date | None, int], day: date) -> list[PackRow]:
    """Each pack with what is left: a bucket's credits sit in its newest packs (oldest used first).
    Credits owed (a bucket below zero) come out of the valid packs that would be used last."""
    left_in = {exp: max(0, n) for exp, n in buckets.items()}
    owed = -sum(n for n in buckets.values() if n < 0)
    last_used = sorted((exp for exp, n in left_in.items() if n > 0 and valid_on(exp, day)),
                       key=lambda exp: (exp is None, exp or date.max), reverse=True)  # fmt: skip
    for exp in last_used:
        off = min(owed, left_in[exp])
        left_in[exp] -= off
        owed -= off
    rows: list[PackRow] = []
    packs = [e for e in entries if e.kind == LedgerKind.PURCHASE and e.credits > 0]
    for e in sorted(packs, key=lambda e: e.id, reverse=True):
        left = min(e.credits, left_in.get(e.expires_on, 0))
        left_in[e.expires_on] = left_in.get(e.expires_on, 0) - left
        expired = e.expires_on is not None and e.expires_on < day
        state = "expired" if expired and left else "used up" if not left else "open"
        rows.append(PackRow(e.id, e.created_at, e.note, e.credits, left, e.expires_on,
                            e.amount_cents, e.method, state))  # fmt: skip
    return sorted(rows, key=lambda r: r.entry_id)


def _day(day: date) -> str:
    return when_text(day, "%d %b %Y")


def _ledger_details(e: CreditEntry) -> str:
    """The line's note, with how it was paid and until when a pack's credits are valid:
    "10-class pack (card), valid until 30 Jun 2026"."""
    method = method_word(e.method) if e.method and e.amount_cents else ""
    valid = e.kind == LedgerKind.PURCHASE and e.credits and e.expires_on is not None
    if method and valid:
        text = translate("money", "{note} ({method}), valid until {day}")
    elif method:
        text = translate("money", "{note} ({method})")
    elif valid:
        text = translate("money", "{note}, valid until {day}")
    else:
        return e.note
    return text.format(note=e.note, method=method, day=e.expires_on and _day(e.expires_on))


def _ledger_rows(entries: list[CreditEntry]) -> list[tuple[datetime, int, dict[str, Any]]]:
    rows = []
    for e in entries:
        rows.append((e.created_at, 0, {"what": translate("money", KIND_TEXT[e.kind]),
                     "details": _ledger_details(e), "credits": e.credits,
                     "amount_cents": e.amount_cents, "entry_id": e.id}))  # fmt: skip
    return rows


def _payment_details(p: Payment) -> str:
    """ "Session #12 (card, ref. 4471, received 2 Apr 2026): paid by the plan manager"."""
    facts = [method_word(p.method)]
    if p.reference:
        facts.append(translate("money", "ref. {reference}").format(reference=p.reference))
    if p.received_on:
        facts.append(translate("money", "received {day}").format(day=_day(p.received_on)))
    text = (
        translate("money", "Session #{session} ({facts}): {note}")
        if p.note
        else translate("money", "Session #{session} ({facts})")
    )
    return text.format(session=p.session_id, facts=", ".join(facts), note=p.note)


def _payment_rows(uow: UnitOfWork, client_id: int) -> list[tuple[datetime, int, dict[str, Any]]]:
    rows = []
    for p in uow.session.scalars(select(Payment).where(Payment.client_id == client_id)):
        rows.append((p.posted_at, 1, {"what": translate("money", PAYMENT),
                     "details": _payment_details(p), "credits": 0,
                     "amount_cents": p.amount_cents, "payment_id": p.id}))  # fmt: skip
    return rows


def _adjustment_rows(uow: UnitOfWork, client_id: int) -> list[tuple[datetime, int, dict[str, Any]]]:
    """Write-offs, discounts and corrections: shown with their amount, which is not money paid
    (a write-off is stored negative: it takes the amount off what the client owes)."""
    rows = []
    for a in uow.session.scalars(select(Adjustment).where(Adjustment.client_id == client_id)):
        rows.append((a.posted_at, 1, {"what": translate("money", ADJUSTMENT),
                     "details": _adjustment_details(a), "credits": 0,
                     "amount_cents": 0, "adjustment_id": a.id}))  # fmt: skip
    return rows


_ADJUSTED_DETAILS = {  # (taken off what is owed, with a note): the line's details
    (True, False): QT_TRANSLATE_NOOP("money", "Session #{session}: {kind}, {amount} off"),
    (True, True): QT_TRANSLATE_NOOP("money", "Session #{session}: {kind}, {amount} off — {note}"),
    (False, False): QT_TRANSLATE_NOOP("money", "Session #{session}: {kind}, {amount} added"),
    (False, True): QT_TRANSLATE_NOOP(
        "money", "Session #{session}: {kind}, {amount} added — {note}"
    ),
}


def _adjustment_details(a: Adjustment) -> str:
    """ "Session #12: write-off, $40.00 off — hardship" in the practice's language."""
    known = a.kind in {k.value for k in AdjustmentKind}
    kind = translate("fields", KIND_LABEL[AdjustmentKind(a.kind)]) if known else a.kind
    text = translate("money", _ADJUSTED_DETAILS[(a.amount_cents < 0, bool(a.note))])
    return text.format(session=a.session_id, kind=kind, amount=format_money(abs(a.amount_cents)),
                       note=a.note)  # fmt: skip


def _expiry_rows(
    packs: list[PackRow], day: date, tz: ZoneInfo
) -> list[tuple[datetime, int, dict[str, Any]]]:
    """A line the day after each expiry date whose packs still held credits."""
    lapsed: dict[date, list[PackRow]] = {}
    for p in packs:
        if p.state == "expired" and p.expires_on is not None and p.expires_on < day:
            lapsed.setdefault(p.expires_on, []).append(p)
    rows = []
    for exp, group in lapsed.items():
        at = datetime.combine(exp + timedelta(days=1), time(0, 0), tzinfo=tz).astimezone(UTC)
        n = sum(p.left for p in group)
        names = ", ".join(f"“{p.name}”" for p in group)
        lapsed_text = translate("money", "%n credit(s) of {packs} lapsed after {day}", None, n)
        rows.append((at, 2, {"what": translate("money", EXPIRED), "credits": -n, "amount_cents": 0,
                     "details": lapsed_text.format(packs=names, day=_day(exp))}))  # fmt: skip
    return rows


def client_account(uow: UnitOfWork, client_id: int) -> ClientAccount:
    """The client's account as of now: balance, packs and every line with running totals."""
    client = _client(uow, client_id)
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    day = today(uow)
    entries = list(uow.session.scalars(
        select(CreditEntry).where(CreditEntry.client_id == client.id).order_by(CreditEntry.id)
    ))  # fmt: skip
    buckets = buckets_of(uow, client.id)
    packs = _packs(entries, buckets, day)
    raw = (
        _ledger_rows(entries) + _payment_rows(uow, client.id)
        + _adjustment_rows(uow, client.id) + _expiry_rows(packs, day, tz)
    )  # fmt: skip
    raw.sort(key=lambda r: (r[0], r[1], r[2].get("entry_id") or r[2].get("payment_id")
                            or r[2].get("adjustment_id") or 0))  # fmt: skip
    lines: list[AccountLine] = []
    credits = paid = 0
    for when, _order, values in raw:
        credits += values["credits"]
        paid += values["amount_cents"]
        lines.append(AccountLine(when, credits_after=credits, paid_after=paid, **values))
    user = uow.session.get(User, uow.actor.user_id) if uow.actor.user_id else None
    return ClientAccount(
        client.id, client.display_name, _payer(uow, client), balance(buckets, day), tuple(packs),
        tuple(lines), paid, settings.name, settings.time_zone, settings.paper_size, uow.now(),
        user.full_name if user is not None else uow.actor.username,
        provider_line(settings.legal_name, settings.abn, settings.address, settings.phone),
    )  # fmt: skip


def line_cells(line: AccountLine, tz: ZoneInfo) -> list[Any]:
    """One line as the CSV writes it (numbers stay numbers)."""
    local = line.when.astimezone(tz)
    return [
        f"{local:%Y-%m-%d}", f"{local:%H:%M}", line.what, line.details,
        line.credits if line.credits else None, line.credits_after,
        format_money(line.amount_cents) if line.amount_cents else "", format_money(line.paid_after),
    ]  # fmt: skip


def write_account_csv(uow: UnitOfWork, client_id: int, path: Path) -> Exported:
    """The account's lines as a spreadsheet-safe CSV (formula-looking cells neutralised)."""
    account = client_account(uow, client_id)
    target = checked_target(Path(path))
    tz = ZoneInfo(account.time_zone)
    header = [translate("money", name) for name in CSV_HEADER]
    count = write_csv(target, header, [line_cells(line, tz) for line in account.lines])
    said = translate("money", "{name}'s account was saved to {path}.").format(
        name=account.name, path=target
    )
    return Exported(target, count, said)


def account_clients(uow: UnitOfWork) -> list[tuple[int, str, int]]:
    """Every client (id, name, credits left) for the account's client picker, by last name."""
    from app.services.money.credits import credit_balances

    balances = credit_balances(uow)
    rows = uow.session.execute(
        select(Client.id, Client.first_name, Client.last_name).order_by(
            Client.last_name, Client.first_name, Client.id
        )
    )
    return [(cid, f"{first} {last}", balances.get(cid, 0)) for cid, first, last in rows]
