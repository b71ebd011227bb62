"""The demo practice's reminder rules, saved by the service behind Practice ▸ Reminder rules…,
as the administrator would: an e-mail two days ahead, then a text the morning before, both
naming the cancellation deadline. With no SMS gateway set, the texts wait in the outbox."""

from __future__ import annotations

from app.db import UnitOfWork
from app.services.sms.reminder_rules import DEFAULT_TEMPLATE, RuleDraft, save_rule

RULES = (
    RuleDraft(None, "E-mail two days before", channel="email", hours_before=48,
              template=DEFAULT_TEMPLATE["email"]),
    RuleDraft(None, "Text the day before", channel="sms", days_before=1, at_time="10:00",
              template=DEFAULT_TEMPLATE["sms"]),
)  # fmt: skip


def add_reminder_rules(uow: UnitOfWork) -> None:
    """The practice's reminder rules, saved by the administrator."""
    for draft in RULES:
        save_rule(uow, draft)
