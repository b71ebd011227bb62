"""The scenarios `make bench` runs: what each measures, its floor, and its budget."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """One kind of process to run several times: a scenario module in one variant."""

    module: str
    variant: str
    size: int = 0  # the full-scale size; 0: the module's own default
    min_size: int = 0  # the smallest size a tiny scale may shrink it to
    copy: bool = False  # works on a private copy of the database (it writes)
    # A variant run first, unmeasured, in the same scratch folder (the state a start leaves).
    prepare: str = ""

    @property
    def key(self) -> str:
        """The job's name in the results; one size of a module's variant is one job."""
        return f"{self.module}:{self.variant}" + (f"@{self.size}" if self.size else "")

    def size_at(self, scale: float) -> int:
        if not self.size or scale >= 1:
            return self.size
        return max(self.min_size, round(self.size * scale))


@dataclass(frozen=True)
class Scenario:
    """One row of the table: a figure from `job`, compared with `floor` and the budget."""

    name: str
    title: str
    job: Job
    metric: str
    unit: str  # "s", "ms" or "MB": how the figure is printed
    floor: Job | None = None
    floor_metric: str | None = None
    ratio_max: float | None = None
    abs_max: float | None = None  # in the metric's own unit (seconds, ms, MB)
    floor_is_reference: bool = False  # the floor is shown for context; no ratio budget
    # "median" of the runs, or "p95": the nearest-rank 95th percentile over the runs (one
    # figure per fresh process: what happens once per process, like the day's first cancel).
    stat: str = "median"

    def budget_text(self) -> str:
        parts = []
        if self.ratio_max is not None:
            parts.append(f"≤ {self.ratio_max:g}×")
        if self.abs_max is not None:
            parts.append(f"< {fmt(self.abs_max, self.unit)}")
        return " and ".join(parts) or "—"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.0f} MB"


BARE = Job("cold_start", "floor")
# A desk's start after its first: the window state its last session saved is in its settings.
COLD = Job("cold_start", "app", prepare="last_session")
# The default desk (sign-in on): its own copy, single-user mode off, its last session saved.
SIGN_IN = Job("cold_start", "sign_in", copy=True, prepare="sign_in_last_session")
CANCEL = Job("cancel_one", "app", 200, 20, copy=True)
# Started as COLD, every start-up load arrived (peak memory), then the day's first cancellation.
SETTLED = Job("cold_start", "memory", copy=True, prepare="last_session")
BULK = Job("bulk_cancel", "app", 2000, 20, copy=True)
FILE_CARE = Job("file_care", "app", copy=True)
DESKS = Job("two_desks", "app", copy=True)
SCENARIOS = (
    Scenario("cold_start", "1. Cold start → first painted week (quick path, single-user desk)",
             COLD, "seconds", "s", BARE, "seconds", ratio_max=2.0, abs_max=1.0),
    Scenario("sign_in_dialog", "1a. Default desk: launch → sign-in dialog painted", SIGN_IN,
             "dialog_seconds", "s", BARE, "seconds", ratio_max=2.5),
    Scenario("sign_in_week", "1b. Default desk: OK (password check) → week painted", SIGN_IN,
             "signed_in_seconds", "s", abs_max=0.300),
    # The database side loads while the dialog takes keys (app/ui/start/quick_sign_in.py).
    Scenario("sign_in_keys", "1c. Default desk: longest a typed key waits, dialog painted → OK",
             SIGN_IN, "keys_held_seconds", "s"),
    Scenario("week_load", "2. One week, all workers (query+DTO+layout+paint)",
             Job("week_load", "app", 10, 3), "seconds", "s",
             Job("week_load", "floor", 10, 3), "seconds", ratio_max=3.0, abs_max=0.050),
    Scenario("cancel_p50", "3. Client cancellation p50 (preview+confirm)", CANCEL, "p50_ms",
             "ms"),
    Scenario("cancel_p95", "3. Client cancellation p95 (preview+confirm)", CANCEL, "p95_ms",
             "ms", abs_max=50.0),
    Scenario("first_cancel", "3a. First cancellation of the day (fresh window), p95 of runs",
             SETTLED, "first_cancel_ms", "ms", abs_max=250.0, stat="p95"),
    Scenario("bulk_cancel", "4. Bulk cancel 2,000 sessions with refunds",
             BULK, "seconds", "s",
             Job("bulk_cancel", "floor", 2000, 20, copy=True), "seconds",
             ratio_max=3.0, abs_max=10.0),
    # Linear in the sessions: 8,000 take at most 4× the 2,000 (with a tenth for noise).
    Scenario("bulk_cancel_8000", "4b. Bulk cancel 8,000 sessions (floor: the 2,000 of 4)",
             Job("bulk_cancel", "app", 8000, 80, copy=True), "seconds", "s",
             BULK, "seconds", ratio_max=4.4),
    Scenario("report_pdf", "5. Cancellation report PDF, 10,000 rows (floor: tight paged table)",
             Job("report", "app", 10_000, 200), "seconds", "s",
             Job("report", "floor", 10_000, 200), "paged_seconds", ratio_max=1.5),
    Scenario("audit_csv", "6. Audit CSV export, 100,000 events",
             Job("audit_csv", "app", 100_000, 2000), "seconds", "s",
             Job("audit_csv", "floor", 100_000, 2000), "seconds", abs_max=1.0,
             floor_is_reference=True),
    Scenario("memory", "7. Peak RSS, large DB open on a week",
             SETTLED, "rss_mb", "MB", BARE, "rss_mb", abs_max=300.0, floor_is_reference=True),
    Scenario("file_check_cpu", "8. Start-of-day file check, CPU per start (backup made)",
             FILE_CARE, "check_cpu_seconds", "s", abs_max=1.0),
    # Whatever held the event loop while the check ran (the check, or the window's own work).
    Scenario("file_check_stall", "8. Start-of-day file check: longest window stall meanwhile",
             FILE_CARE, "stall_seconds", "s"),
    Scenario("daily_backup", "9. Daily backup (the day's first start), wall clock",
             FILE_CARE, "backup_seconds", "s"),
    Scenario("worklist", "10. Unresolved worklist query (every refresh, every desk)",
             Job("worklist", "app", 10, 3), "seconds", "s", abs_max=0.020),
    Scenario("audit_verify_day", "11. `audit verify` of a day's new events (incremental)",
             Job("audit_verify", "day", copy=True), "seconds", "s", abs_max=1.0),
    Scenario("audit_verify_full", "12. `audit verify --full`, every event",
             Job("audit_verify", "full"), "seconds", "s",
             Job("audit_verify", "floor"), "seconds", ratio_max=1.5),
    Scenario("desk_refresh", "13. Change at one desk → another desk refreshed (wall clock)",
             DESKS, "refresh_seconds", "s", abs_max=2.0),
    Scenario("desk_refresh_cpu", "13. Change at one desk: the idle desk's work (CPU)",
             DESKS, "idle_cpu_seconds", "s", abs_max=0.040),
)  # fmt: skip
