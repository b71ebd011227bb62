"""A UTC column read back on SQLite: the stored text in one parse, every stored shape as UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from app.models.base import UTCDateTime


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("2026-04-01 10:00:00.000000", datetime(2026, 4, 1, 10, tzinfo=UTC)),
        ("2026-04-01 10:00:00.250000", datetime(2026, 4, 1, 10, 0, 0, 250_000, tzinfo=UTC)),
        ("2026-04-01 10:00:00", datetime(2026, 4, 1, 10, tzinfo=UTC)),
        ("2026-04-01T10:00:00", datetime(2026, 4, 1, 10, tzinfo=UTC)),
        ("2026-04-01", datetime(2026, 4, 1, tzinfo=UTC)),
        # Text with an offset (written by hand): the wall time taken as UTC, as before.
        ("2026-04-01 10:00:00+10:00", datetime(2026, 4, 1, 10, tzinfo=UTC)),
        (None, None),
    ],
)
def test_sqlite_text_reads_as_utc(stored: str | None, read: datetime | None) -> None:
    engine = sa.create_engine("sqlite://")
    with engine.connect() as conn:
        query = sa.text("SELECT :v AS at").bindparams(v=stored).columns(at=UTCDateTime())
        got = conn.execute(query).scalar()
    assert got == read
    assert got is None or got.utcoffset() is not None and got.utcoffset().total_seconds() == 0


def test_other_databases_keep_the_type_decorator() -> None:
    plain = UTCDateTime().result_processor(postgresql.dialect(), None)
    assert plain is not None
    assert plain(datetime(2026, 4, 1, 10)) == datetime(2026, 4, 1, 10, tzinfo=UTC)
