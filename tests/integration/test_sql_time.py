"""Practice-local time text worked out by the database, for large exports (SQLite and PostgreSQL).

It must say exactly what Python says for the same instant, across daylight-saving changes
(both hemispheres, half-hour zones) and on the second either side of each change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.db import make_engine
from app.models.base import UTCDateTime
from app.services.reports.sql_time import local_text, offsets
from tests.conftest import pg_url

ZONES = ("Australia/Sydney", "Australia/Lord_Howe", "Australia/Brisbane", "America/New_York",
         "Asia/Kathmandu", "UTC")  # fmt: skip
SPAN = (datetime(2024, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC))

_meta = sa.MetaData()
_times = sa.Table(
    "times", _meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("at", UTCDateTime())
)


def _instants(tz: ZoneInfo) -> list[datetime]:
    """Each change of offset in the span, a second and an hour either side, plus odd times."""
    found = [datetime(2025, 1, 15, 3, 4, 5, 999_999, tzinfo=UTC), SPAN[0], SPAN[1]]
    for start, _ in offsets(tz, *SPAN)[1:]:
        for delta in (-3600, -1, 0, 1, 3600):
            found.append(start + timedelta(seconds=delta, microseconds=500_000))
            found.append(start + timedelta(seconds=delta))
    return found


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 't.sqlite3'}"
    else:
        url = pg_url(request.getfixturevalue("pg_server"))
    engine = make_engine(url)
    _meta.create_all(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("zone", ZONES)
def test_the_database_gives_the_local_time_python_gives(engine: sa.Engine, zone: str) -> None:
    tz = ZoneInfo(zone)
    instants = _instants(tz)
    with engine.begin() as conn:
        conn.execute(sa.insert(_times), [{"id": i, "at": t} for i, t in enumerate(instants)])
        text = local_text(_times.c.at, tz, engine.dialect.name, SPAN)
        got = dict(conn.execute(sa.select(_times.c.id, text)).all())
    expected = {i: t.astimezone(tz).isoformat(" ", "seconds")[:19] for i, t in enumerate(instants)}
    assert got == expected


def test_offsets_find_each_change_to_the_second() -> None:
    sydney = offsets(ZoneInfo("Australia/Sydney"), datetime(2025, 1, 1, tzinfo=UTC),
                     datetime(2025, 12, 31, tzinfo=UTC))  # fmt: skip
    assert sydney == [
        (datetime(2025, 1, 1, tzinfo=UTC), 11 * 3600),
        (datetime(2025, 4, 5, 16, 0, tzinfo=UTC), 10 * 3600),  # 3:00 AEDT → 2:00 AEST
        (datetime(2025, 10, 4, 16, 0, tzinfo=UTC), 11 * 3600),
    ]
    brisbane = offsets(ZoneInfo("Australia/Brisbane"), *SPAN)
    assert brisbane == [(SPAN[0], 10 * 3600)]
