"""Checks and results every set-up service shares: text fields, colours, e-mail, saved records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ConflictError, ValidationError
from app.i18n import translate
from app.services.boundary import checked_text, label
from app.services.dto import ChangeSet

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^[0-9 +()\-]{6,40}$")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Saved:
    """The outcome of saving one record: its id, a sentence, warnings and what changed."""

    record_id: int
    message: str
    changes: ChangeSet
    warnings: tuple[str, ...] = ()


def text(value: str, field: str, what: str, limit: int, *, required: bool = False) -> str:
    """A trimmed text field, refused when required and empty, too long or holding a NUL,
    control or bidi-override character."""
    cleaned = checked_text(value, field, what, limit)
    if required and not cleaned:
        raise ValidationError(
            translate("setup", "Enter the {what}.").format(what=label(what)), field=field
        )
    return cleaned


def same_name(
    uow: UnitOfWork, id_col: Any, name_col: Any, name: str, own_id: int | None
) -> int | None:
    """The id of another record called `name` whatever its case, in any script: compared here,
    as SQLite's lower() folds only A to Z ("émile" is "Émile")."""
    key = name.casefold()
    rows = uow.session.execute(select(id_col, name_col).where(id_col != (own_id or 0)))
    return next((row[0] for row in rows if str(row[1]).casefold() == key), None)


def changed_meanwhile(name: str, *, form_reloaded: bool = False) -> ConflictError:
    """The refusal of a form saved over a change another desk made while it was open.
    `form_reloaded`: the screen keeps no Cancel but shows the record again as it now is."""
    if form_reloaded:
        return ConflictError(
            translate(
                "setup",
                "{name} was changed at another desk while you were editing it, so nothing was "
                "saved. The form now shows it as it is; make your change again and save.",
            ).format(name=name)
        )
    return ConflictError(
        translate(
            "setup",
            "{name} was changed at another desk while this form was open, so nothing here was "
            "saved. Press Cancel and open {name} again from the list, which now shows that "
            "change; then make yours.",
        ).format(name=name)
    )


def optional_email(value: str | None, field: str = "email") -> str | None:
    """An e-mail address or None; refused when it cannot be an address."""
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    if len(cleaned) > 200 or not EMAIL_RE.match(cleaned):
        raise ValidationError(
            translate(
                "setup", "“{cleaned}” is not an e-mail address; type it like name@example.com."
            ).format(cleaned=cleaned),
            field=field,
        )
    return cleaned


def optional_phone(value: str | None, field: str = "phone") -> str | None:
    """A phone number (digits, spaces, + - and brackets) or None."""
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    if not PHONE_RE.match(cleaned) or sum(ch.isdigit() for ch in cleaned) < 6:
        raise ValidationError(
            translate(
                "setup", "“{cleaned}” is not a phone number; use digits, spaces and + ( ) -."
            ).format(cleaned=cleaned),
            field=field,
        )
    return cleaned


def colour(value: str, field: str = "colour") -> str:
    """A colour as #rrggbb, lower case."""
    cleaned = value.strip()
    if not COLOUR_RE.match(cleaned):
        raise ValidationError(
            translate("setup", "“{cleaned}” is not a colour; use the form #4a90d9.").format(
                cleaned=cleaned
            ),
            field=field,
        )
    return cleaned.lower()


def number(value: int, low: int, high: int, field: str, what: str) -> int:
    """An integer within [low, high], or the sentence saying the range."""
    if not low <= value <= high:
        raise ValidationError(
            translate("setup", "The {what} must be between {low} and {high}.").format(
                what=label(what), low=low, high=high
            ),
            field=field,
        )
    return value
