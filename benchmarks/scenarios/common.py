"""What every scenario process shares: arguments, the app context on a copy, the result line."""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULT_PREFIX = "BENCH-RESULT "
# The generator's "now": Wednesday 1 April 2026, 10:00 in Sydney.
NOW = datetime(2026, 3, 31, 23, 0, tzinfo=UTC)


def arguments(description: str, variants: tuple[str, ...] = ("app", "floor")) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--db", type=Path, required=True, help="the generated database")
    p.add_argument("--work", type=Path, required=True, help="a scratch folder for this run")
    p.add_argument("--variant", choices=variants, default=variants[0])
    p.add_argument("--size", type=int, default=0, help="rows, sessions or repetitions")
    p.add_argument("--copy", action="store_true", help="work on a private copy of the database")
    return p.parse_args()


def database(args: argparse.Namespace) -> Path:
    """The database this run uses: a private copy when the scenario writes.

    A copy the `prepare` variant made in the same folder is used as it left it (the desk's
    file after its previous session), so the measured process never pays for the copy.
    The copy is on disk before anything is measured, as a desk's file is: still in the
    system's write cache, the first WAL checkpoint after it would flush the whole copy (about
    0.4 s at the usual size) inside the figure, in the app's and the floor's alike, which
    flatters every ratio with a constant they both pay.
    """
    if not args.copy:
        return Path(args.db)
    args.work.mkdir(parents=True, exist_ok=True)
    target = args.work / "frontdesk.sqlite3"
    if target.exists():
        return target
    shutil.copyfile(args.db, target)
    with target.open("rb+") as written:
        os.fsync(written.fileno())
    key = Path(args.db).with_name(Path(args.db).name + ".audit.key")
    if key.exists():  # the generated history is signed with it
        shutil.copyfile(key, target.with_name(target.name + ".audit.key"))
    return target


def app_context(path: Path, work: Path) -> Any:
    """The app's own composition (prepare_database) at the benchmark's fixed clock."""
    from app.bootstrap import prepare_database
    from app.paths import AppPaths

    paths = AppPaths(work / "data").ensure()
    key = path.with_name(path.name + ".audit.key")
    if key.exists():  # the practice's audit key goes with its database
        shutil.copyfile(key, paths.data_dir / "audit.key")
    return prepare_database(f"sqlite:///{path}", paths, lambda: NOW)


def emit(**figures: Any) -> None:
    """Hand the figures to the runner: one JSON line on stdout."""
    print(RESULT_PREFIX + json.dumps(figures, default=str), flush=True)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(2)


def checkpoint_now(db: Path, work: Path, label: str) -> None:
    """An audit checkpoint of the trail as it stands, in this run's data folder (unmeasured).

    A practice that backs up daily has one from yesterday's backup; the generated history has
    none, and the app's own `write_checkpoint` would first verify every event since the start
    (minutes). The generated chain is verified by the smoke test and by scenario 12.
    """
    from app.db import SYSTEM_ACTOR
    from app.services.audit import checkpoint

    ctx = app_context(db, work)
    try:
        ctx.db.transact(SYSTEM_ACTOR, lambda uow: checkpoint._write(uow, label))
    finally:
        ctx.close()
