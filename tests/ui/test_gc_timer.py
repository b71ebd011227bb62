"""The window's timed cycle collections: young generations each tick, every one once a minute."""

from __future__ import annotations

import pytest

from app.ui import qt_compat


def test_ticks_walk_young_generations_and_all_once_a_minute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    walked: list[int] = []
    monkeypatch.setattr(qt_compat.gc, "collect", lambda generation=2: walked.append(generation))
    monkeypatch.setattr(qt_compat, "_ticks", [0])
    for _ in range(2 * qt_compat.FULL_GC_EVERY):
        qt_compat._timed_collection()
    assert walked.count(2) == 2
    assert walked.count(1) == 2 * qt_compat.FULL_GC_EVERY - 2
    assert walked[qt_compat.FULL_GC_EVERY - 1] == 2


def test_the_start_is_settled_once_and_only_where_the_window_collects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(qt_compat.gc, "collect", lambda generation=2: calls.append("collect"))
    monkeypatch.setattr(qt_compat.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(qt_compat, "_state", {"gc": False})
    qt_compat.settle_start_garbage()
    assert calls == []  # the collector is Python's own: nothing to settle
    qt_compat._state["gc"] = True
    qt_compat.settle_start_garbage()
    qt_compat.settle_start_garbage()
    assert calls == ["collect", "freeze"]
