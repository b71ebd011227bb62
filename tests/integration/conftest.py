"""Lifecycle fixtures: a hand-built practice on a migrated database file."""

from __future__ import annotations

import pytest

from app.bootstrap import AppContext
from tests.conftest import FakeClock
from tests.factory import World


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)
