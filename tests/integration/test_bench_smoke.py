"""The benchmark at tiny scale, so `make bench` never rots: every scenario yields a figure."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from benchmarks import run
from benchmarks.generate import Spec
from benchmarks.run import benchmark
from benchmarks.scenarios.catalogue import SCENARIOS

# Figures that may rightly be zero: the window never stalled; the check took no measurable CPU.
MAY_BE_ZERO = {"file_check_stall", "file_check_cpu", "desk_refresh_cpu"}


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
        assert math.isfinite(row["median"]), name
        assert row["median"] > 0 or (name in MAY_BE_ZERO and row["median"] == 0), name
        assert row["status"] in ("PASS", "MISS", "info"), name
    assert rows["week_load"]["floor_median"] > 0
    assert rows["week_load"]["extras"]["blocks"] > 0
    assert rows["week_load"]["extras"]["paint_seconds"] > 0
    assert rows["cold_start"]["extras"]["blocks"] > 0
    # The default desk signed in with a password and painted the week.
    assert rows["sign_in_week"]["extras"]["blocks"] > 0
    assert rows["sign_in_dialog"]["floor_median"] > 0
    assert rows["first_cancel"]["extras"]["first_cancel_service_ms"] > 0
    assert rows["bulk_cancel"]["extras"]["done"] > 0
    assert rows["bulk_cancel_8000"]["extras"]["done"] == 4 * rows["bulk_cancel"]["extras"]["done"]
    assert rows["report_pdf"]["extras"]["rows"] > 0
    assert rows["report_pdf"]["floor_extras"]["seconds"] > 0  # the loose table, for reference
    assert rows["audit_csv"]["extras"]["rows"] > 0
    assert rows["daily_backup"]["extras"]["later_backup"] == 0  # one backup a day
    assert (
        rows["audit_verify_day"]["extras"]["rechecked"]
        == rows["audit_verify_day"]["extras"]["day_events"] + 1
    )  # the day's events and nothing before the checkpoint (which is itself an event)
    assert rows["audit_verify_full"]["floor_extras"]["mismatches"] == 0
    assert (
        rows["audit_verify_full"]["extras"]["events"]
        == (rows["audit_verify_full"]["floor_extras"]["events"])
    )
    assert rows["desk_refresh"]["median"] < 60
    # The results say which commit they measured.
    assert len(result["machine"]["git"]["commit"]) == 40
    assert isinstance(result["dirty"], bool)
    assert set(result["load_average"]) == {"before", "after"}


def test_scale_4_is_a_ten_year_practice_of_fifty_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Spec.for_scale(4)
    assert (spec.workers, spec.years, spec.clients) == (50, 10.0, 3750)
    # about a million sessions: 4× the default's worker-years
    assert spec.workers * spec.years / (Spec().workers * Spec().years) == pytest.approx(4, 0.1)
    assert Spec.for_scale(4, years=2).years == 2  # --years still wins
    assert Spec.for_scale(0.02) == Spec(0.02, 7, 3.0)
    seen: list[Spec] = []

    def stop(s: Spec, **_k: Any) -> Path:
        seen.append(s)
        raise SystemExit(0)

    monkeypatch.setattr(run, "ensure_database", stop)
    monkeypatch.setattr(run, "compile_bytecode", lambda: None)
    with pytest.raises(SystemExit):
        run.main(["--scale", "4", "--runs", "1", "--only", "worklist", "--no-save"])
    assert seen == [spec]
