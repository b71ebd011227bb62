"""Argument types for the command line, checked by the services' boundary rules.

A bad value is one sentence from argparse and exit code 2 — never an overflow or a traceback
later on — and the limits are the ones a window's input meets.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TypeVar

T = TypeVar("T")


def _sentence(check: Callable[[], T]) -> T:
    from app.errors import ValidationError

    try:
        return check()
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def day(text: str) -> date:
    """YYYY-MM-DD within the years FrontDesk works with."""
    from app.i18n import QT_TRANSLATE_NOOP
    from app.services.boundary import checked_date

    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a date; write it as YYYY-MM-DD"
        ) from None
    return _sentence(lambda: checked_date(value, "date", QT_TRANSLATE_NOOP("fields", "date")))


def _whole(text: str) -> int:
    stripped = text.strip()
    digits = stripped[1:] if stripped[:1] in "+-" else stripped
    if not digits.isascii() or not digits.isdigit() or len(digits) > 30:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number")
    return int(stripped)


def limit(text: str) -> int:
    """A count of rows: 1 to 100,000."""
    from app.services.boundary import checked_limit

    value = _whole(text)
    return _sentence(lambda: checked_limit(value))


def record_id(what: str) -> Callable[[str], int]:
    """A record number (session, job, batch …) a database can hold."""

    def parse(text: str) -> int:
        from app.services.boundary import checked_id

        value = _whole(text)
        return _sentence(lambda: checked_id(value, what))

    parse.__name__ = f"{what} number"  # argparse names the type in its message
    return parse


class OldName(argparse.Action):
    """An option's earlier spelling, kept for scripts: hidden from --help, and it says the new one.

    `p.add_argument("--user", dest="as_user", action=OldName, new="--as", help=argparse.SUPPRESS)`
    """

    def __init__(self, option_strings: list[str], dest: str, *, new: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, **kwargs)  # type: ignore[arg-type]
        self.new = new

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import sys

        print(
            f"frontdesk: note: {option_string} is now spelt {self.new}; "
            f"the old spelling still works for now.",
            file=sys.stderr,
        )
        setattr(namespace, self.dest, values)


def old_name(p: argparse.ArgumentParser, old: str, new: str, dest: str, **kwargs: object) -> None:
    """Accept `old` as a hidden, deprecated spelling of the option `new` (same `dest`)."""
    p.add_argument(old, dest=dest, action=OldName, new=new, help=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]
