"""Amounts owed: each client who still owes for sessions of a period, by how long ago each
session was — what a practice manager chases at the month's end.

A client's amount is the balance due of their invoice for the period (`invoice.client_invoice`:
what each session costs the client, less what was paid and adjusted, by the one rule Take
payment asks by), each session's part put in the column of its age on the day the list is
made: up to 30 days, 31–60, 61–90, over 90. Written as a CSV for a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Booking
from app.models.money import format_money
from app.services import practice
from app.services.auth import Permission, require_now
from app.services.dto import ChangeSet
from app.services.money.invoice import Invoice, invoices
from app.services.money.invoice_batch import Progress, Who, clients_to_invoice, each_invoice
from app.services.rows import id_list
from app.services.storage.csv_safe import write_csv

AGES = (30, 60, 90)  # the columns' upper bounds in days; the last column is older still
HEADER = (
    QT_TRANSLATE_NOOP("owed", "Client"),
    QT_TRANSLATE_NOOP("owed", "Invoice to"),
    QT_TRANSLATE_NOOP("owed", "Owed"),
    QT_TRANSLATE_NOOP("owed", "Up to 30 days"),
    QT_TRANSLATE_NOOP("owed", "31–60 days"),
    QT_TRANSLATE_NOOP("owed", "61–90 days"),
    QT_TRANSLATE_NOOP("owed", "Over 90 days"),
    QT_TRANSLATE_NOOP("owed", "Oldest session owed"),
    QT_TRANSLATE_NOOP("owed", "Sessions owed"),
)


@dataclass(frozen=True)
class Owing:
    """One client's debt: in total, by age, since when."""

    client_id: int
    name: str
    addressed_to: str
    aged_cents: tuple[int, int, int, int]  # up to 30 days, 31–60, 61–90, over 90
    oldest: date
    sessions: int

    @property
    def total_cents(self) -> int:
        return sum(self.aged_cents)


@dataclass(frozen=True)
class OwedList:
    """Every client who owes, most owed first, and the totals by age."""

    first: date
    last: date
    today: date
    owing: tuple[Owing, ...]

    @property
    def aged_cents(self) -> tuple[int, int, int, int]:
        return tuple(sum(o.aged_cents[i] for o in self.owing) for i in range(4))  # type: ignore[return-value]

    @property
    def total_cents(self) -> int:
        return sum(o.total_cents for o in self.owing)

    def sentence(self) -> str:
        """ "3 client(s) owe $512.30 for sessions from …; $120.00 of it over 90 days." """
        said = translate(
            "owed", "{n} client(s) owe {total} for sessions from {first} to {last}; {old} of it "
            "for sessions over 90 days ago.",
        ).format(n=len(self.owing), total=format_money(self.total_cents),
                 first=when_text(self.first, "%d %b %Y"), last=when_text(self.last, "%d %b %Y"),
                 old=format_money(self.aged_cents[3]))  # fmt: skip
        return said


def amounts_owed(
    uow: UnitOfWork, first: date, last: date, progress: Progress | None = None
) -> OwedList:
    """Who owes what for the sessions from `first` to `last` (practice days), by age today;
    `progress(done, total)` after each client worked out."""
    require_now(uow, Permission.TAKE_PAYMENT)
    today = uow.now().astimezone(practice.time_zone(uow)).date()
    candidates = clients_to_invoice(uow, first, last, Who.EVERYONE)
    owing = _owing(each_invoice(uow, candidates, first, last, progress), today)
    return OwedList(first, last, today, _in_order(owing))


def owed_again(uow: UnitOfWork, listed: OwedList, changes: ChangeSet) -> OwedList:
    """The list brought up to date after `changes` (here or at another desk): the clients they
    name, and those booked in the sessions they name, worked out again as on the day it was
    made; everyone else's line is kept. A change that names nothing: the whole list again."""
    if not (changes.sessions or changes.clients or changes.topics):
        return amounts_owed(uow, listed.first, listed.last)
    require_now(uow, Permission.TAKE_PAYMENT)
    touched = set(changes.clients)
    if changes.sessions:
        booked = Booking.session_id.in_(id_list(sorted(changes.sessions)))
        touched.update(uow.session.scalars(select(Booking.client_id).where(booked)))
    if not touched:
        return listed
    fresh = _owing(invoices(uow, sorted(touched), listed.first, listed.last), listed.today)
    kept = [o for o in listed.owing if o.client_id not in touched]
    return OwedList(listed.first, listed.last, listed.today, _in_order([*kept, *fresh]))


def _owing(made: Iterable[Invoice], today: date) -> list[Owing]:
    """Each invoice with something due as its client's debt, each session's part by its age."""
    owing = []
    for invoice in made:
        if invoice.due_cents <= 0:
            continue
        aged = [0, 0, 0, 0]
        oldest: date | None = None
        count = 0
        for line in invoice.lines:
            owed = line.owed_cents
            if owed <= 0:
                continue
            age = (today - line.day).days
            aged[sum(age > bound for bound in AGES)] += owed
            oldest = line.day if oldest is None else min(oldest, line.day)
            count += 1
        if oldest is not None:
            owing.append(Owing(invoice.client_id, invoice.client_name, invoice.addressed_to,
                               (aged[0], aged[1], aged[2], aged[3]), oldest, count))  # fmt: skip
    return owing


def _in_order(owing: list[Owing]) -> tuple[Owing, ...]:
    """Most owed first; alike, by name."""
    return tuple(sorted(owing, key=lambda o: (-o.total_cents, o.name.casefold())))


def row_of(owing: Owing) -> tuple[str, ...]:
    """A client's line as the list shows it and the CSV writes it, in HEADER's order."""
    return (owing.name, owing.addressed_to, format_money(owing.total_cents),
            *(format_money(c) for c in owing.aged_cents), when_text(owing.oldest, "%d %b %Y"),
            str(owing.sessions))  # fmt: skip


def who_owes(
    uow: UnitOfWork, first: date, last: date, progress: Progress | None = None
) -> OwedList:
    """`amounts_owed`, refused, saying so, when nobody owes anything for the period."""
    owed = amounts_owed(uow, first, last, progress)
    if not owed.owing:
        raise ValidationError(nobody_owes(first, last))
    return owed


def nobody_owes(first: date, last: date) -> str:
    """What the list says when every session of the days that costs a client is paid."""
    return translate(
        "owed",
        "Nobody owes anything for sessions from {first} to {last}: every session that costs a "
        "client is paid. Choose other days to check.",
    ).format(first=when_text(first, "%d %b %Y"), last=when_text(last, "%d %b %Y"))


def write_owed_csv(
    uow: UnitOfWork, first: date, last: date, path: Path, progress: Progress | None = None
) -> OwedList:
    """The list of who owes what as a CSV (a row a client, most owed first, then the totals);
    refused, saying so, when nobody owes anything for the period."""
    owed = who_owes(uow, first, last, progress)
    rows = [row_of(o) for o in owed.owing]
    total = translate("owed", "Total")
    rows.append((total, "", format_money(owed.total_cents),
                 *(format_money(c) for c in owed.aged_cents), "",
                 str(sum(o.sessions for o in owed.owing))))  # fmt: skip
    write_csv(path, [translate("owed", h) for h in HEADER], rows)
    return owed
