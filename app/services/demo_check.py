"""Create the demo practice on first run, when the database has no sessions yet."""

from __future__ import annotations

from sqlalchemy import select

from app.db import Database
from app.models import Session
from app.services.demo import DemoSummary, generate_demo


def is_empty(db: Database) -> bool:
    with db.read() as uow:
        return uow.session.scalar(select(Session.id).limit(1)) is None


def ensure_demo(db: Database) -> DemoSummary | None:
    """The demo practice if the database is empty; None when it already holds a practice."""
    return generate_demo(db, db.clock()) if is_empty(db) else None
