"""The desk: one object the window holds; each call is one unit of work as the signed-in user."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from app.db import Actor, Database
from app.db import UnitOfWork as UnitOfWork  # what a desk call receives: the window types with it
from app.errors import AccountChangedError
from app.models import User
from app.models.enums import Role
from app.services import practice, users
from app.services.dto import SessionBlock
from app.services.schedule import blocks as schedule_blocks
from app.services.schedule import details as queries

T = TypeVar("T")


class Desk:
    """Binds the database to the acting user; the UI calls services through `write`/`read`."""

    def __init__(self, db: Database, actor: Actor, export_dir: Path | None = None) -> None:
        self.db = db
        self.actor = actor
        self.export_dir = export_dir
        # What the window does when a write is refused because an administrator changed this
        # desk's account at another desk (app/ui/ops.py calls it on the GUI thread): True when
        # the window says so itself (it signs out), False when the caller shows the refusal.
        self.on_account_changed: Callable[[AccountChangedError], bool] | None = None

    def now(self) -> datetime:
        return self.db.clock()

    def write(self, fn: Callable[[UnitOfWork], T]) -> T:
        """Run one service in one write transaction (retried if two desks collide)."""
        return self.db.transact(self.actor, fn)

    def read(self, fn: Callable[[UnitOfWork], T]) -> T:
        """Run one query in one read transaction."""
        with self.db.read(self.actor) as uow:
            return fn(uow)

    def account(self) -> users.DeskAccount:
        """Who this desk should act as now (an administrator may have changed its account)."""
        actor = self.actor
        return self.read(lambda uow: users.desk_account(uow, actor))

    def practice_name(self) -> str:
        return self.read(lambda uow: practice.settings(uow).name)

    def time_zone(self) -> str:
        return self.read(lambda uow: practice.settings(uow).time_zone)

    def schedule(
        self, start: datetime, end: datetime, worker_ids: list[int] | None = None
    ) -> list[SessionBlock]:
        return self.read(lambda uow: schedule_blocks.load_schedule(uow, start, end, worker_ids))

    def db_export_dir(self) -> Path:
        """Where exports are suggested: the data folder's exports, or the home folder."""
        return self.export_dir or Path.home()

    def change_marker(self) -> int:
        return self.read(queries.change_marker)

    def checkpoint(self, label: str) -> None:
        """Anchor the audit trail outside the database after an export (never fails the export)."""
        from app.services.audit.checkpoint import checkpoint_quietly

        checkpoint_quietly(self.db, self.actor, label)


def open_desk(db: Database, username: str | None = None, *, export_dir: Path | None = None) -> Desk:
    """A desk acting as `username`, or as the first administrator in single-user mode."""
    with db.write(Actor(0, "system", Role.ADMIN)) as uow:
        practice.ensure_reference_data(uow)
        user = (
            uow.session.scalar(select(User).where(User.username == username))
            if username
            else practice.first_admin(uow)
        )
        if user is None:
            raise LookupError(f"no user {username!r}")
        return Desk(db, Actor(user.id, user.username, user.role), export_dir)
