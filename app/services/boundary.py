"""What a window or a command hands a service is untrusted: enums coerced, values range-checked.

A `QComboBox.currentData()` gives back a plain `str` for a `StrEnum` member; coerced here, that
string means exactly the member it names, and an unknown value is refused with a sentence.

Each check names the field in its refusal by a label the caller gives where the field is known,
marked for the catalogue in the context "fields" (`QT_TRANSLATE_NOOP("fields", "pack name")`), and
translated here, so the whole sentence comes out in the practice's language. A request
dataclass names its enum fields in `LABELS`.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.errors import ValidationError

E = TypeVar("E", bound=Enum)


FIELDS = "fields"  # the catalogue's context of the field labels the checks name
LIMIT = QT_TRANSLATE_NOOP("fields", "limit")


def label(what: str) -> str:
    """A field's label (marked in the context "fields") in the practice's language."""
    from app.i18n import translate

    return translate(FIELDS, what)


def as_enum(cls: type[E], value: object, what: str, field: str | None = None) -> E:
    """`value` as a member of `cls` (a member, or its value); a `ValidationError` naming the
    field by its label `what` otherwise."""
    if isinstance(value, cls):
        return cls(value.value) if type(value) is not cls else value
    try:
        return cls(value)
    except (ValueError, TypeError):
        from app.errors import ValidationError
        from app.i18n import translate

        choices = ", ".join(f"“{m.value}”" for m in cls)
        raise ValidationError(
            translate(
                "setup",
                "“{value}” is not a choice FrontDesk knows for the {what} ({choices}). "
                "Choose one from the list.",
            ).format(value=value, what=label(what), choices=choices),
            field=field or what.replace(" ", "_"),
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
    labels: dict[str, str] = getattr(type(obj), "LABELS", {})
    for name, cls, optional in _enum_fields(type(obj)):
        value = getattr(obj, name)
        if value is None and optional:
            continue
        if type(value) is not cls:
            what = labels.get(name, name.replace("_", " "))
            object.__setattr__(obj, name, as_enum(cls, value, what, name))


class Untrusted:
    """Mixin for request dataclasses: enum fields are coerced when the request is made.

    A subclass names each enum field in `LABELS: ClassVar[dict[str, str]]`, field → label marked
    with QT_TRANSLATE_NOOP("fields", …): the word its refusal uses."""

    def __post_init__(self) -> None:
        coerce_enums(self)


# -- Values from outside: dates, text, money, counts and record numbers ------------------------
# Each check returns the value (cleaned) or raises a `ValidationError` whose sentence names the
# field, so nothing that is nonsense is stored and no overflow surfaces as a traceback.

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_CENTS = 10_000_000  # $100,000: more than any one line, fee or payment at a front desk
MAX_LIMIT = 100_000  # rows a list or export may be asked for at once
MAX_ID = 2**31 - 1  # the largest record number either database stores
MAX_DAYS = 3 * 366  # a period longer than three years is a typing slip
# NUL and the other C0 controls (tab and line breaks are text), DEL, and the bidirectional
# embedding, override and isolate controls that make text display other than it reads.
_HIDDEN = frozenset(
    [*map(chr, range(0x00, 0x09)), "\x0b", "\x0c", *map(chr, range(0x0E, 0x20)), "\x7f",
     *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
)  # fmt: skip


def _refuse(message: str, field: str) -> ValidationError:
    from app.errors import ValidationError

    return ValidationError(message, field=field)


def checked_date(value: date, field: str, what: str) -> date:
    """A calendar date within 1900–2100 (`what`: the field's label)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        from app.i18n import translate

        raise _refuse(
            translate(
                "input",
                "The {what} {day} is outside the years FrontDesk works with ({first}–{last}); "
                "check the date.",
            ).format(what=label(what), day=value.isoformat(), first=FIRST_YEAR, last=LAST_YEAR),
            field,
        )
    return value


def period_bounds(date_from: date, date_to: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Bounds of whole practice-local days, [from 00:00, the day after `to` 00:00): a report's
    or a bulk cancellation's period. One that ends before it starts is refused."""
    from app.i18n import translate

    checked_date(date_from, "date_from", QT_TRANSLATE_NOOP("fields", "start date"))
    checked_date(date_to, "date_to", QT_TRANSLATE_NOOP("fields", "end date"))
    if date_to < date_from:
        raise _refuse(
            translate("reports", "The end date is before the start date; choose a later end date."),
            "date_to",
        )
    if (date_to - date_from).days > MAX_DAYS:
        raise _refuse(translate("reports", "Choose a period of at most three years."), "date_to")
    start = datetime.combine(date_from, time.min, tz)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tz)
    return start, end


def checked_moment(value: datetime, field: str, what: str) -> datetime:
    """An aware date and time within 1900–2100 (`what`: the field's label)."""
    if value.tzinfo is None or value.utcoffset() is None:
        from app.i18n import translate

        raise _refuse(
            translate(
                "input", "The {what} has no time zone; FrontDesk cannot tell when it is."
            ).format(what=label(what)),
            field,
        )
    checked_date(value.date(), field, what)
    return value


def hidden_character(value: str) -> str | None:
    """The first control or bidirectional-override character in `value`, as U+XXXX, or None."""
    if _HIDDEN.isdisjoint(value):
        return None
    return next(f"U+{ord(ch):04X}" for ch in value if ch in _HIDDEN)


def ascii_digits(text: str) -> str:
    """The text with every decimal digit of any script ("５", "٥") as its ASCII digit; anything
    else, a superscript "²" among them, as it is (and so refused where digits are wanted)."""
    if text.isascii():
        return text
    return "".join(str(int(ch)) if ch.isdecimal() else ch for ch in text)


def is_digits(text: str) -> bool:
    """True for a text of ASCII digits 0-9 only (str.isdigit also takes "²" and "٣")."""
    return text.isascii() and text.isdigit()


def checked_text(value: str, field: str, what: str, limit: int | None = None) -> str:
    """Trimmed text without NUL, control or bidi-override characters, within `limit` (`what`:
    the field's label)."""
    cleaned = value.strip()
    found = hidden_character(cleaned)
    if found is None and (limit is None or len(cleaned) <= limit):
        return cleaned
    from app.i18n import translate

    if found is not None:
        raise _refuse(
            translate(
                "input",
                "The {what} contains a hidden control character ({found}) that would store or "
                "show the text wrongly; remove it, or type the text again rather than pasting it.",
            ).format(what=label(what), found=found),
            field,
        )
    raise _refuse(
        translate("input", "The {what} is {length} characters long; the limit is {limit}.").format(
            what=label(what), length=len(cleaned), limit=limit
        ),
        field,
    )


def checked_cents(value: int, field: str, what: str, *, negative: bool = False) -> int:
    """An amount in cents up to $100,000 (and down to -$100,000 when `negative`; `what`: the
    field's label)."""
    low = -MAX_CENTS if negative else 0
    if low <= value <= MAX_CENTS:
        return value
    from app.i18n import translate

    if value > MAX_CENTS or value < -MAX_CENTS:
        from app.models.money import format_money

        raise _refuse(
            translate(
                "input",
                "The {what} is more than FrontDesk accepts for one amount ({most}); "
                "check the figure.",
            ).format(what=label(what), most=format_money(MAX_CENTS)),
            field,
        )
    raise _refuse(
        translate("input", "The {what} cannot be negative.").format(what=label(what)), field
    )


def checked_limit(
    value: int, field: str = "limit", high: int = MAX_LIMIT, what: str = LIMIT
) -> int:
    """A count of rows asked for: at least 1, at most `high`."""
    if not 1 <= value <= high:
        from app.i18n import translate
        from app.number_text import number_text

        raise _refuse(
            translate("input", "The {what} must be between 1 and {high}.").format(
                what=label(what), high=number_text(high)
            ),
            field,
        )
    return value


def checked_id(value: int, what: str, field: str = "id") -> int:
    """A record number a database can hold; anything else names no record (`what`: the record's
    label, "session")."""
    if not 1 <= value <= MAX_ID:
        from app.i18n import translate

        raise _refuse(
            translate("input", "There is no {what} numbered {value}; check the number.").format(
                what=label(what), value=value
            ),
            field,
        )
    return value
