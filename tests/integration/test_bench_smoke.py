"""The benchmark at tiny scale, so `make bench` never rots: every scenario yields a figure."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks.generate import Spec
from benchmarks.run import benchmark
from benchmarks.scenarios.catalogue import SCENARIOS


@pytest.mark.slow
def test_every_benchmark_scenario_produces_a_figure_at_tiny_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_BENCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("benchmarks.generate.CACHE", tmp_path / "cache")
    result = benchmark(Spec(scale=0.02, years=0.5), 1, list(SCENARIOS), lambda _m: None)
    rows = {r["name"]: r for r in result["rows"]}
    assert set(rows) == {s.name for s in SCENARIOS}
    for name, row in rows.items():
        assert row["median"] > 0 and math.isfinite(row["median"]), name
        assert row["status"] in ("PASS", "MISS", "info"), name
    assert rows["week_load"]["floor_median"] > 0
    assert rows["week_load"]["extras"]["blocks"] > 0
    assert rows["cold_start"]["extras"]["blocks"] > 0
    assert rows["bulk_cancel"]["extras"]["done"] > 0
    assert rows["report_pdf"]["extras"]["rows"] > 0
    assert rows["audit_csv"]["extras"]["rows"] > 0
