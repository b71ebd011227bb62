"""Database passwords are hidden in every address and tool message FrontDesk shows."""

from __future__ import annotations

import pytest

from app.redact import redact, redact_url


def test_an_address_is_shown_without_its_password() -> None:
    url = "postgresql+psycopg://fd:p%40ss:w0rd@db.example:5432/practice"
    assert redact_url(url) == "postgresql+psycopg://fd:***@db.example:5432/practice"
    assert redact_url("sqlite:////srv/frontdesk.sqlite3") == "sqlite:////srv/frontdesk.sqlite3"


@pytest.mark.parametrize(
    "said",
    [
        "connection to postgresql://fd:Hunter2-Pw@db/x failed",
        "could not connect: host=db user=fd password=Hunter2-Pw dbname=x",
        "could not connect: password = 'Hunter2-Pw' host=db",
        "authentication failed for fd (Hunter2-Pw)",
    ],
)
def test_a_tool_message_keeps_its_words_but_not_the_password(said: str) -> None:
    shown = redact(said, "postgresql+psycopg://fd:Hunter2-Pw@db/x")
    assert "Hunter2-Pw" not in shown and "***" in shown
    assert shown.split()[0] == said.split()[0]


def test_an_address_that_is_not_one_still_hides_what_looks_like_a_password() -> None:
    assert "Hunter2" not in redact_url("postgresql://fd:Hunter2@db:port/x")
