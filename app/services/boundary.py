"""What a window hands a service is untrusted: request DTOs coerce their enum fields by value.

A `QComboBox.currentData()` gives back a plain `str` for a `StrEnum` member; coerced here, that
string means exactly the member it names, and an unknown value is refused with a sentence.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import TypeVar

E = TypeVar("E", bound=Enum)


def as_enum(cls: type[E], value: object, what: str) -> E:
    """`value` as a member of `cls` (a member, or its value); a `ValidationError` otherwise."""
    if isinstance(value, cls):
        return cls(value.value) if type(value) is not cls else value
    try:
        return cls(value)
    except (ValueError, TypeError):
        from app.services.errors import ValidationError

        choices = ", ".join(f"“{m.value}”" for m in cls)
        raise ValidationError(
            f"“{value}” is not a choice FrontDesk knows for the {what} ({choices}). "
            "Choose one from the list.",
            field=what.replace(" ", "_"),
        ) from None


_FIELDS: dict[type, tuple[tuple[str, type[Enum], bool], ...]] = {}


def _enum_fields(cls: type) -> tuple[tuple[str, type[Enum], bool], ...]:
    """(name, enum class, may be None) for each enum-typed field of a dataclass (kept per class)."""
    known = _FIELDS.get(cls)
    if known is not None:
        return known
    found: list[tuple[str, type[Enum], bool]] = []
    for name, hint in typing.get_type_hints(cls).items():
        optional = False
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            optional = len(args) < len(typing.get_args(hint))
            hint = args[0] if len(args) == 1 else None
        if isinstance(hint, type) and issubclass(hint, Enum):
            found.append((name, hint, optional))
    _FIELDS[cls] = tuple(found)
    return _FIELDS[cls]


def coerce_enums(obj: object) -> None:
    """Replace each enum field's value by its member (frozen dataclasses too)."""
    for name, cls, optional in _enum_fields(type(obj)):
        value = getattr(obj, name)
        if value is None and optional:
            continue
        if type(value) is not cls:
            object.__setattr__(obj, name, as_enum(cls, value, name.replace("_", " ")))


class Untrusted:
    """Mixin for request dataclasses: enum fields are coerced when the request is made."""

    def __post_init__(self) -> None:
        coerce_enums(self)
