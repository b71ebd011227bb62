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
    from app.services.boundary import checked_date

    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a date; write it as YYYY-MM-DD"
        ) from None
    return _sentence(lambda: checked_date(value, "date"))


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
