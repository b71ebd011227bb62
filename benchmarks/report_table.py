"""Turning raw runs into table rows (median, min, max, floor, ratio, budget) and printing them."""

from __future__ import annotations

import math
import statistics
from typing import Any

from benchmarks.scenarios.catalogue import Scenario, fmt

NOISY_SPREAD = 0.5  # (max - min) / median above this: re-run that scenario on a quieter machine


def _values(runs: list[dict[str, Any]], metric: str) -> list[float]:
    return [float(r[metric]) for r in runs if r.get(metric) is not None]


def _extras(runs: list[dict[str, Any]], skip: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in runs[0] if runs else ():
        if key == skip:
            continue
        values = [r[key] for r in runs if isinstance(r.get(key), int | float)]
        if len(values) == len(runs):
            out[key] = statistics.median(values)
    return out


def _noisy(values: list[float], median: float) -> bool:
    return len(values) > 1 and median > 0 and (max(values) - min(values)) / median > NOISY_SPREAD


def nearest_rank(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def summarise(s: Scenario, raw: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One table row from the runs of the scenario's job and floor."""
    values = _values(raw[s.job.key], s.metric)
    median = statistics.median(values) if s.stat == "median" else nearest_rank(values, 95)
    floor = None
    if s.floor is not None and s.floor_metric:
        floor_values = _values(raw[s.floor.key], s.floor_metric)
        floor = statistics.median(floor_values) if floor_values else None
    ratio = median / floor if floor else None
    ok = True
    if s.ratio_max is not None and not s.floor_is_reference:
        ok &= ratio is not None and ratio <= s.ratio_max
    if s.abs_max is not None:
        ok &= median < s.abs_max
    has_budget = s.abs_max is not None or (s.ratio_max is not None and not s.floor_is_reference)
    return {
        "name": s.name,
        "title": s.title,
        "unit": s.unit,
        "metric": s.metric,
        "stat": s.stat,
        "median": median,
        "min": min(values),
        "max": max(values),
        "values": values,
        "floor_median": floor,
        "ratio": ratio,
        "budget": s.budget_text(),
        "ratio_max": s.ratio_max,
        "abs_max": s.abs_max,
        "status": ("PASS" if ok else "MISS") if has_budget else "info",
        "noisy": _noisy(values, median),
        "extras": _extras(raw[s.job.key], s.metric),
        "floor_extras": _extras(raw[s.floor.key], s.floor_metric or "") if s.floor else {},
    }


def _change(row: dict[str, Any], previous: dict[str, Any] | None) -> str:
    if not previous:
        return "—"
    old = next((r for r in previous.get("rows", []) if r["name"] == row["name"]), None)
    if not old or not old.get("median"):
        return "—"
    change = (row["median"] - old["median"]) / old["median"] * 100
    return f"{change:+.0f}%"


def table_lines(result: dict[str, Any], previous: dict[str, Any] | None) -> list[str]:
    """The table as Markdown, so the README can quote it as printed."""
    head = ("Scenario", "Median", "Min", "Max", "Floor median", "Ratio", "Budget", "Result",
            "vs previous")  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in result["rows"]:
        u = r["unit"]
        ratio = f"{r['ratio']:.2f}×" if r.get("ratio") is not None else "—"
        status = r["status"] + (" (noisy)" if r.get("noisy") else "")
        if r.get("carried_from"):
            status += " ·"  # carried over from an earlier run (see the note under the table)
        cells = (r["title"], fmt(r["median"], u), fmt(r["min"], u), fmt(r["max"], u),
                 fmt(r.get("floor_median"), u), ratio, r["budget"], status,
                 _change(r, previous))  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def print_table(result: dict[str, Any], previous: dict[str, Any] | None) -> None:
    m = result["machine"]
    spec = result["spec"]
    print()
    print(f"FrontDesk benchmarks — {result['finished_at']} — {result['runs']} fresh processes "
          f"per figure — scale {spec['scale']:g} ({result['database']})")  # fmt: skip
    print(
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB; Python {m['python']}, "
        f"Qt {m['qt']}, SQLite {m['sqlite']}; load average {result['load_average']}"
    )
    git = m.get("git", {})
    print(
        f"commit {git.get('commit', '?')}"
        + (" with uncommitted changes (dirty tree)" if git.get("dirty") else " (clean tree)")
    )
    print()
    for line in table_lines(result, previous):
        print(line)
    if previous:
        print(f"\n(vs previous: the median against {previous.get('finished_at', '?')})")
    carried = {r["carried_from"] for r in result["rows"] if r.get("carried_from")}
    if carried:
        print(f"(· rows carried over from the run of {', '.join(sorted(carried))})")


def main() -> None:
    """Print the table of benchmarks/results/latest.json again (for the README)."""
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "results"
    result = json.loads((folder / "latest.json").read_text())
    previous_path = folder / "previous.json"
    previous = json.loads(previous_path.read_text()) if previous_path.exists() else None
    print_table(result, previous)


if __name__ == "__main__":
    main()
