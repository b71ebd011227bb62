"""The demo practice's reminder rules, saved by the service behind Practice ▸ Reminder rules…,
as the administrator would: an e-mail two days ahead, then a text the morning before, both
naming the cancellation deadline. With no SMS gateway set, the texts wait in the outbox."""

from __future__ import annotations

from app.db import UnitOfWork
from app.services.sms.reminder_rules import RuleDraft, default_template, save_rule


def add_reminder_rules(uow: UnitOfWork) -> None:
    """The practice's reminder rules, saved by the administrator (the texts a new rule starts
    with, in the practice's language)."""
    for draft in (
        RuleDraft(None, "E-mail two days before", channel="email", hours_before=48,
                  template=default_template("email")),
        RuleDraft(None, "Text the day before", channel="sms", days_before=1, at_time="10:00",
                  template=default_template("sms")),
    ):  # fmt: skip
        save_rule(uow, draft)
