"""The worklist of unresolved sessions reads an index, never the whole history of sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.sessions.attendance import list_unresolved_past_sessions
from tests.conftest import pg_url
from tests.query_plan import plan_of

INDEX = "ix_sessions_status_starts_at"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'w.sqlite3'}"
    return pg_url(request.getfixturevalue("pg_server"))


def _worklist_plan(url: str, data_dir: Path) -> str:
    """The database's plan for the worklist's query of sessions, as the worklist sends it."""
    return plan_of(url, data_dir, "sessions", list_unresolved_past_sessions)


def test_the_worklist_is_a_range_scan_of_rostered_past_sessions(url: str, tmp_path: Path) -> None:
    plan = _worklist_plan(url, tmp_path / "data")
    assert INDEX in plan, plan
    if url.startswith("sqlite"):
        assert "status=? AND starts_at<" in plan, plan
        assert "SCAN sessions" not in plan and "TEMP B-TREE" not in plan, plan
    else:
        assert "Seq Scan" not in plan and "Sort" not in plan, plan
        assert "status" in plan and "starts_at <=" in plan, plan
