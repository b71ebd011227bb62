"""Who is acting: every change is attributed to one user (no SQLAlchemy: the window uses it)."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.enums import Role


@dataclass(frozen=True)
class Actor:
    """Who is acting: every change is attributed to one user."""

    user_id: int
    username: str
    role: Role


SYSTEM_ACTOR = Actor(user_id=0, username="system", role=Role.ADMIN)
