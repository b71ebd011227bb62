"""Clients' replies: fetched from the gateway, stored once each, then confirmed at the gateway.

MessageMedia returns the replies not yet confirmed, up to 100 at a time; each page is stored
first and confirmed after, so a desk that stops between the two fetches the page again and
stores nothing twice (`sms_replies.gateway_id` is unique). The outbox loop calls `pull_replies`,
which commits each page before confirming it and then lets the replies' handler act on them;
`fetch_replies` does the same inside one unit of work (tests, the command line).
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.db import SYSTEM_ACTOR, Database, UnitOfWork
from app.models import SmsReply
from app.services import practice
from app.services.sms import numbers
from app.services.sms.gateway import MAX_PAGES, GatewayError, InboundReply, SmsGateway

log = logging.getLogger(__name__)
HANDLER_MODULE = "app.services.sms.replies"
OFFERS_MODULE = "app.services.sms.offers"


def store_replies(uow: UnitOfWork, replies: list[InboundReply]) -> int:
    """Store the replies not stored yet (outcome "new"); returns how many were new."""
    if not replies:
        return 0
    ids = [r.reply_id for r in replies]
    known = set(
        uow.session.scalars(select(SmsReply.gateway_id).where(SmsReply.gateway_id.in_(ids)))
    )
    country = practice.settings(uow).country or "AU"
    added = 0
    for reply in replies:
        if reply.reply_id in known:
            continue
        known.add(reply.reply_id)
        uow.session.add(
            SmsReply(
                gateway_id=reply.reply_id[:80],
                from_number=(numbers.e164(reply.from_number, country) or reply.from_number)[:32],
                body=reply.body,
                received_at=reply.received_at,
                outcome="new",
            )
        )
        added += 1
    uow.session.flush()
    return added


def _store(page: list[InboundReply], uow: UnitOfWork) -> int:
    return store_replies(uow, page)


def fetch_replies(uow: UnitOfWork, gateway: SmsGateway) -> int:
    """Take in every reply waiting at the gateway, page by page; returns how many were new.

    Raises GatewayError when the gateway cannot be asked (offline, wrong key): nothing is lost,
    the replies wait there until the next time.
    """
    total = 0
    for _ in range(MAX_PAGES):
        page = gateway.replies()
        if not page:
            break
        total += store_replies(uow, page)
        gateway.confirm([r.reply_id for r in page])
    return total


@dataclass(frozen=True)
class PullResult:
    """What one fetch of replies did."""

    new: int = 0
    handled: Any = None  # the replies handler's ChangeSet, when it ran
    problem: str = ""  # why the gateway could not be asked (the replies wait there)


def pull_replies(db: Database, gateway: SmsGateway) -> PullResult:
    """The outbox loop's fetch: each page stored in a short transaction, confirmed after it is
    committed (no transaction open while the gateway is asked), then the new replies handled."""
    new = 0
    problem = ""
    try:
        for _ in range(MAX_PAGES):
            page = gateway.replies()
            if not page:
                break
            new += db.transact(SYSTEM_ACTOR, functools.partial(_store, page))
            gateway.confirm([r.reply_id for r in page])
    except GatewayError as exc:
        problem = exc.message
    return PullResult(new, handle_new(db), problem)


def _handler() -> Callable[[UnitOfWork], Any] | None:
    """The replies handler (`replies.handle_new`), loaded lazily; None where it is not built."""
    try:
        module = importlib.import_module(HANDLER_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != HANDLER_MODULE:
            raise
        return None
    handler = getattr(module, "handle_new", None)
    return handler if callable(handler) else None


def handle_new(db: Database) -> Any:
    """Let the replies handler act on stored replies still "new" (cancel, confirm, queue)."""
    handler = _handler()
    if handler is None:
        return None
    with db.read() as uow:
        waiting = uow.session.scalar(select(SmsReply.id).where(SmsReply.outcome == "new").limit(1))
    if waiting is None:
        return None
    # The handler acts as the SMS channel's own actor on what it changes.
    return db.transact(SYSTEM_ACTOR, handler)


def pull_if_set_up(db: Database) -> PullResult | None:
    """The outbox loop's step: fetch and handle replies when text messages are set up."""
    from app.services.sms.gateway import open_gateway
    from app.services.sms.settings import sms_settings

    with db.read() as uow:
        found = sms_settings(uow)
    if found is None:
        return None
    pulled = pull_replies(db, open_gateway(found.config))
    moved = move_offers(db)
    if moved is None or not (moved.sessions or moved.topics):
        return pulled
    handled = moved if pulled.handled is None else pulled.handled.merge(moved)
    return PullResult(pulled.new, handled, pulled.problem)


def move_offers(db: Database) -> Any:
    """Waitlist offers of freed places move along (opened, sent in turn, closed when the place
    is gone): `offers.process_due_offers`, loaded lazily; None where it is not built."""
    try:
        module = importlib.import_module(OFFERS_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != OFFERS_MODULE:
            raise
        return None
    step, pending = getattr(module, "process_due_offers", None), getattr(module, "has_work", None)
    if not callable(step):
        return None
    if callable(pending):  # looked at in a read first: the write lock only when there is work
        with db.read() as uow:
            if not pending(uow):
                return None
    return db.transact(SYSTEM_ACTOR, step)
