"""Declarative base, naming convention and the column types every table shares."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum, MetaData, Table, TypeDecorator
from sqlalchemy.engine import processors
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Root of every FrontDesk mapping."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    @classmethod
    def __table_cls__(cls, *args: Any, **kwargs: Any) -> Table:
        # An id is never handed out twice on SQLite (ids reach the audit, exports and the
        # other system); PostgreSQL sequences never reuse one anyway. Schema 0007.
        return Table(*args, sqlite_autoincrement=True, **kwargs)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, hands back aware UTC; refuses naive input so local time never leaks in."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        """On SQLite, where the stored text is parsed by `datetime.fromisoformat`, the text read
        as UTC in one parse; every read of a week or a bulk job converts thousands."""
        given = self.impl_instance.dialect_impl(dialect).result_processor(dialect, coltype)
        if given is not processors.str_to_datetime:
            return super().result_processor(dialect, coltype)
        return _utc_from_text


_from_text = datetime.fromisoformat


def _utc_from_text(value: str | None) -> datetime | None:
    """Stored naive UTC text → aware UTC, as `UTCDateTime` reads it on SQLite."""
    if value is None:
        return None
    try:
        found = _from_text(value + "+00:00")
        if found.tzinfo is not None:
            return found
    except (TypeError, ValueError):
        pass
    return _from_text(value).replace(tzinfo=UTC)  # a date alone, an offset already


def str_enum(enum_cls: type[enum.Enum], length: int = 24) -> Enum:
    """A portable string enum column (VARCHAR, no native type, no CHECK) storing the values."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
    )


def utcnow() -> datetime:
    """Aware UTC now; services take a clock instead of calling this directly."""
    return datetime.now(UTC)


def as_dict(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """A JSON-ready snapshot of some attributes, for audit before/after."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, enum.Enum):
            value = value.value
        out[name] = value
    return out
