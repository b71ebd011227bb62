"""The summary figures, computed from the detail rows so the two can never disagree."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import CancelledBy
from app.services.reports.model import Count, DetailRow, ReportSummary, RowKind, WeekCount
from app.services.reports.query import Refunds

HOUR = 60
DAY = 24 * HOUR
NOTICE_BUCKETS: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("report", "Under 24 h"), DAY),
    (QT_TRANSLATE_NOOP("report", "1–2 days"), 2 * DAY),
    (QT_TRANSLATE_NOOP("report", "2–7 days"), 7 * DAY),
    (QT_TRANSLATE_NOOP("report", "7 days +"), None),
)
WHO_LABELS = {
    CancelledBy.CLIENT: QT_TRANSLATE_NOOP("report", "Client"),
    CancelledBy.WORKER: QT_TRANSLATE_NOOP("report", "Worker"),
    CancelledBy.PRACTICE: QT_TRANSLATE_NOOP("report", "Practice"),
}
NO_SHOW_LABEL = QT_TRANSLATE_NOOP("report", "Did not attend")


def who_label(row: DetailRow) -> str:
    """Who cancelled, as the report prints it (translated); a no-show is its own kind."""
    label = NO_SHOW_LABEL if row.kind == RowKind.NO_SHOW else WHO_LABELS[row.cancelled_by]
    return translate("report", label)


def notice_bucket(minutes: int) -> str:
    """The notice histogram's bucket for a cancellation's notice."""
    for label, below in NOTICE_BUCKETS:
        if below is None or minutes < below:
            return translate("report", label)
    return translate("report", NOTICE_BUCKETS[-1][0])


def _breakdown(rows: Iterable[DetailRow], key: Callable[[DetailRow], str]) -> tuple[Count, ...]:
    """Counts and charges per key, most frequent first (ties by label)."""
    counts: Counter[str] = Counter()
    charges: defaultdict[str, int] = defaultdict(int)
    for r in rows:
        counts[key(r)] += 1
        charges[key(r)] += r.charge_cents
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Count(label, n, charges[label]) for label, n in ordered)


def _notice(cancellations: Sequence[DetailRow]) -> tuple[Count, ...]:
    """Every bucket, empty ones too, in notice order (not by size)."""
    found = {
        c.label: c
        for c in _breakdown(cancellations, lambda r: notice_bucket(r.notice_minutes or 0))
    }
    shown = [translate("report", label) for label, _ in NOTICE_BUCKETS]
    return tuple(found.get(label, Count(label, 0)) for label in shown)


def week_of(day: date) -> date:
    """The Monday starting the week of `day`."""
    return day - timedelta(days=day.weekday())


def _weeks(
    rows: Sequence[DetailRow], date_from: date, date_to: date, tz: ZoneInfo
) -> tuple[WeekCount, ...]:
    """Every week of the period, empty ones too, so the trend's axis is continuous."""
    cancels: Counter[date] = Counter()
    shows: Counter[date] = Counter()
    for r in rows:
        week = week_of(r.starts_at.astimezone(tz).date())
        (shows if r.kind == RowKind.NO_SHOW else cancels)[week] += 1
    out = []
    week = week_of(date_from)
    while week <= date_to:
        out.append(WeekCount(week, cancels[week], shows[week]))
        week += timedelta(days=7)
    return tuple(out)


def summarise(
    rows: Sequence[DetailRow],
    bookings: int,
    refunds: Refunds,
    date_from: date,
    date_to: date,
    tz: ZoneInfo,
) -> ReportSummary:
    """All figures of the summary page; undone cancellations are counted only as undone."""
    counted = [r for r in rows if r.counted]
    cancellations = [r for r in counted if r.kind == RowKind.CANCELLATION]
    late = [r for r in cancellations if r.cancelled_by == CancelledBy.CLIENT and r.short_notice]
    waived = [r for r in counted if r.waived]
    undone = {r.cancellation_id for r in rows if r.undone}
    return ReportSummary(
        bookings=bookings,
        cancellations=len(cancellations),
        no_shows=len(counted) - len(cancellations),
        late_cancellations=len(late),
        charges_cents=sum(r.charge_cents for r in counted),
        waived_count=len(waived),
        waived_cents=sum(r.waived_cents for r in waived),
        refund_count=refunds.count,
        refund_credits=refunds.credits,
        refund_cents=refunds.cents,
        undone_count=len(undone),
        by_reason=_breakdown(counted, lambda r: r.reason),
        by_who=_breakdown(counted, who_label),
        by_worker=_breakdown(counted, lambda r: r.worker_name),
        notice=_notice(cancellations),
        by_week=_weeks(counted, date_from, date_to, tz),
    )
