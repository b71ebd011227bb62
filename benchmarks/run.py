"""`make bench`: every scenario several times in fresh processes, a table of figures and ratios.

    .venv/bin/python -m benchmarks.run [--runs 5] [--scale 1|4] [--only week_load,bulk_cancel]

Each run of a scenario (and of its floor, interleaved with it) is a new Python process; the
table shows the median, min and max over the runs, the floor's median, the ratio of the two
medians, the budget and PASS/MISS. Results go to benchmarks/results/latest.json (the one
before is kept as previous.json) and the change against the previous run is printed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import Spec, ensure_database
from benchmarks.machine import ROOT, load_average, machine_info
from benchmarks.report_table import print_table, summarise
from benchmarks.scenarios.catalogue import SCENARIOS, Job, Scenario
from benchmarks.scenarios.common import RESULT_PREFIX

RESULTS = Path(__file__).resolve().parent / "results"
TIMEOUT = 900


class ScenarioFailed(RuntimeError):
    pass


def run_job(job: Job, db: Path, scratch: Path, scale: float, n: int) -> dict[str, Any]:
    """One fresh process of `job`; returns the figures it printed."""
    work = Path(tempfile.mkdtemp(prefix=f"{job.module}-{job.variant}-{n}-", dir=scratch))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(work / "config"),
           "FRONTDESK_DATA_DIR": str(work / "data")}  # fmt: skip
    env.pop("FRONTDESK_DB_URL", None)
    script = str(ROOT / "benchmarks" / "scenarios" / f"{job.module}.py")
    cmd = [sys.executable, script, "--db", str(db), "--work", str(work), "--variant", job.variant]
    size = job.size_at(scale)
    if size:
        cmd += ["--size", str(size)]
    if job.copy:
        cmd.append("--copy")
    try:
        if job.prepare:
            before = [sys.executable, script, "--db", str(db), "--work", str(work),
                      "--variant", job.prepare, *(["--copy"] if job.copy else [])]  # fmt: skip
            subprocess.run(before, capture_output=True, env=env, timeout=TIMEOUT, cwd=ROOT,
                           check=True)  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=TIMEOUT,
                              cwd=ROOT)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return dict(json.loads(line[len(RESULT_PREFIX) :]))
    raise ScenarioFailed(
        f"{job.key} printed no result (exit {done.returncode}):\n{done.stderr[-3000:]}"
    )


def measure(scenarios: list[Scenario], db: Path, runs: int, scale: float,
            say: Any) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
    """Every job the scenarios need, `runs` times, app and floor interleaved."""
    jobs: dict[str, Job] = {}
    for s in scenarios:
        jobs.setdefault(s.job.key, s.job)
        if s.floor is not None:
            jobs.setdefault(s.floor.key, s.floor)
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in jobs}
    scratch = Path(tempfile.mkdtemp(prefix="frontdesk-bench-"))
    try:
        for n in range(runs):
            for key, job in jobs.items():
                t = time.perf_counter()
                out[key].append(run_job(job, db, scratch, scale, n))
                say(f"run {n + 1}/{runs} {key} ({time.perf_counter() - t:.1f} s)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _previous(path: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads(path.read_text()))
    except (OSError, ValueError):
        return None


def merge(result: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    """A partial run (--only) with the other rows carried over from the previous latest."""
    if not previous:
        return result
    names = {row["name"] for row in result["rows"]}
    kept = [
        dict(r, carried_from=r.get("carried_from") or previous["finished_at"])
        for r in previous["rows"]
        if r["name"] not in names
    ]
    order = [s.name for s in SCENARIOS]
    rows = sorted(result["rows"] + kept, key=lambda r: order.index(r["name"]))
    return {**result, "rows": rows}


def save(result: dict[str, Any], folder: Path) -> None:
    """latest.json (the run before it becomes previous.json)."""
    folder.mkdir(parents=True, exist_ok=True)
    latest = folder / "latest.json"
    if latest.exists():
        shutil.copyfile(latest, folder / "previous.json")
    latest.write_text(json.dumps(result, indent=2) + "\n")


def compile_bytecode() -> None:
    """The app's modules compiled as an installed copy has them (pip and the frozen build do).

    Without this, an environment with PYTHONDONTWRITEBYTECODE set (or a read-only checkout)
    would compile every module from source at every start, and time the compiler.
    """
    for folder in ("app", "benchmarks"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def benchmark(spec: Spec, runs: int, scenarios: list[Scenario], say: Any = _say) -> dict[str, Any]:
    """Generate (or reuse) the database, run every scenario, and return the result record."""
    compile_bytecode()
    db = ensure_database(spec, quiet=say is not _say)
    started = datetime.now(UTC)
    load_before = load_average()
    raw = measure(scenarios, db, runs, spec.scale, say)
    machine = machine_info()
    return {
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine, "commit": machine["git"]["commit"],
        "dirty": machine["git"]["dirty"],
        "load_average": {"before": load_before, "after": load_average()},
        "spec": spec.__dict__, "database": db.name, "runs": runs,
        "rows": [summarise(s, raw) for s in scenarios], "raw": raw,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=5, help="fresh processes per scenario and floor")
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument(
        "--years",
        type=float,
        default=None,
        help="years of history (default: 3, or what --scale above 1 implies)",
    )
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--only", default="", help="comma-separated scenario names")
    p.add_argument("--results", type=Path, default=RESULTS)
    p.add_argument("--no-save", action="store_true")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    wanted = {n.strip() for n in args.only.split(",") if n.strip()}
    unknown = wanted - {s.name for s in SCENARIOS}
    if unknown:
        p.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    scenarios = [s for s in SCENARIOS if not wanted or s.name in wanted]
    spec = Spec.for_scale(args.scale, args.seed, args.years)
    result = benchmark(spec, args.runs, scenarios, (lambda _m: None) if args.quiet else _say)
    previous = _previous(args.results / "latest.json")
    if wanted:
        result = merge(result, previous)
    print_table(result, previous)
    if not args.no_save:
        save(result, args.results)
        if not args.quiet:
            _say(f"saved {args.results / 'latest.json'}")
    return 0 if all(r["status"] != "MISS" for r in result["rows"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
