"""What a settings form changed since it was opened, for saving only that: another desk's change
to a field left alone is kept, and a field changed at both desks is refused naming it.

A form's fields come in groups written whole or not at all (choosing another country clears the
region), each with its name in a refusal (marked with QT_TRANSLATE_NOOP in the form's context).
A saved secret is never shown, so it is compared by a stamp of what is stored instead."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from app.errors import ConflictError
from app.i18n import translate

T = TypeVar("T")
Group = tuple[tuple[str, ...], str]  # the fields, and their name in a refusal


def _values(d: object, group: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(getattr(d, name) for name in group)


def changed_here(
    d: T, seen: T, now: T, groups: tuple[Group, ...]
) -> tuple[list[tuple[str, ...]], list[Group]]:
    """The groups changed in the form `d` since `seen` (and not already as `now` has them), and
    of those the ones another desk changed too since the form was opened."""
    mine, both = [], []
    for group, what in groups:
        ours, was, theirs = _values(d, group), _values(seen, group), _values(now, group)
        if ours in (was, theirs):
            continue  # left alone here (whatever another desk made it), or made the same
        mine.append(group)
        if theirs != was:
            both.append((group, what))
    return mine, both


def merged(d: T, seen: T, now: T, groups: tuple[Group, ...]) -> T:
    """The values as they are `now`, with what was changed in the form since `seen` put in; a
    group changed at both desks keeps the other desk's values."""
    mine, both = changed_here(d, seen, now, groups)
    clashed = {group for group, _what in both}
    values = {name: getattr(d, name) for group in mine if group not in clashed for name in group}
    return replace(now, **values)  # type: ignore[type-var]


def stamp(stored: Any) -> str:
    """A stand-in for a stored secret (sealed, or where it is kept), to tell whether another desk
    saved a new one; it reveals nothing of it."""
    if not stored:
        return ""
    text = json.dumps(stored, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def changed_at_both_desks(
    both: list[Group], context: str, sentence: str, named: Sequence[str] = (), field: str = ""
) -> ConflictError:
    """The refusal of fields another desk changed too: `sentence` (translated, with {names}) with
    their names put in, then `named` (records of a list, already in words); about the first
    one's field (else `field`), so the form shows it."""
    names = [translate(context, what) for _group, what in both] + list(named)
    return ConflictError(
        sentence.format(names=", ".join(names)), field=both[0][0][0] if both else field
    )
