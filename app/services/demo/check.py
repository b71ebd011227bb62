"""Create the demo practice on first run: no sessions, and no administrator set up yet."""

from __future__ import annotations

from sqlalchemy import select

from app.db import Database
from app.models import Session
from app.services.demo.generate import DemoSummary, generate_demo
from app.services.users import needs_first_admin


def is_empty(db: Database) -> bool:
    """No sessions and nobody signed up yet."""
    # The demo gives `admin` the password "admin": it must never fill a practice whose
    # administrator chose one, even before its first session.
    with db.read() as uow:
        no_sessions = uow.session.scalar(select(Session.id).limit(1)) is None
        return no_sessions and needs_first_admin(uow)


def ensure_demo(db: Database) -> DemoSummary | None:
    """The demo practice if the database is empty; None when it holds (or set up) a practice."""
    return generate_demo(db, db.clock()) if is_empty(db) else None
