"""The outbox view's newest-first lists read an index, never every message ever sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.outbox import OutboxFilter, list_outbox
from tests.conftest import pg_url
from tests.query_plan import plan_of

INDEX = "ix_outbox_messages_status_id"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'o.sqlite3'}"
    return pg_url(request.getfixturevalue("pg_server"))


def _list_plan(url: str, data_dir: Path, which: OutboxFilter) -> str:
    """The database's plan for one outbox list's query, as the outbox view sends it."""
    return plan_of(url, data_dir, "outbox_messages", lambda uow: list_outbox(uow, which, 300))


@pytest.mark.parametrize("which", [OutboxFilter.SENT, OutboxFilter.SKIPPED, OutboxFilter.DONE])
def test_a_newest_first_list_reads_the_last_messages_of_its_state_from_an_index(
    url: str, tmp_path: Path, which: OutboxFilter
) -> None:
    plan = _list_plan(url, tmp_path / "data", which)
    assert INDEX in plan, plan
    if url.startswith("sqlite"):
        assert "TEMP B-TREE" not in plan and "SCAN outbox_messages" not in plan, plan
    else:
        assert "Seq Scan" not in plan and "Sort" not in plan, plan
