"""Where every block goes: rows per worker, lanes for overlaps, computed once per change.

Coordinates are "body" coordinates: x = 0 at the left of the time/day area, y = 0 at the top
of the first row. The view adds the worker column, the header and the scroll offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from operator import attrgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF

from app.services.schedule.dto import SessionBlock, WorkerRow
from app.ui.schedule import text
from app.ui.schedule.range import ViewMode

DAY_FIRST_HOUR = 8  # the day view shows at least 08:00–18:00, more when sessions need it
DAY_LAST_HOUR = 18
EMPTY_DAY_SHARE = 0.55  # a week column without sessions (e.g. Sunday) gets this share
# A week block's text starts 8 px in from its left and stops 2 px before its badges, which
# end 3 px before its right (painter._chip_text, painter._badges); 3 px each side of a block
# to its day's lines.
TEXT_INSET = 8 + 2 + 3
BLOCK_MARGIN = 6
ByWorker = dict[int, list[SessionBlock]]
Measure = Callable[[str], float]  # the width of a block's text in the block's font
_START_THEN_ID = attrgetter("starts_at", "id")  # the order of blocks within a row or a day


class Metrics(NamedTuple):
    """Sizes derived from the font, so the layout scales with the user's font and DPI."""

    line: float
    char: float
    name_width: float
    # A week block's text, measured in its font: a start time and a space ("09:00 "), and
    # one badge pill with its gap (the "✓" of a completed session).
    stamp: float = 0.0
    badge: float = 0.0
    short_day: float = 0.0  # the widest short day heading ("Wed 28") in bold

    @property
    def pad(self) -> float:
        """Inner spacing, from the line height."""
        return max(3.0, self.line * 0.25)

    @property
    def lane(self) -> float:
        """The height of a day-view block with two lines."""
        return 2 * self.line + 2 * self.pad + 2

    @property
    def tall_lane(self) -> float:
        """A lane with room for a third line, used when the rows leave the window half empty."""
        return 3 * self.line + 2 * self.pad + 2

    @property
    def chip(self) -> float:
        """The height of a week-view block (one line)."""
        return self.line + self.pad + 3

    @property
    def tall_chip(self) -> float:
        """A compact week's block: the time and badges, then the client's name below."""
        return 2 * self.line + self.pad + 1

    @property
    def narrowest_day(self) -> float:
        """A week column never gets narrower than a start time beside a badge (nor than seven
        average characters); below it the week scrolls across."""
        return max(self.char * 7, BLOCK_MARGIN + TEXT_INSET + self.stamp + self.badge)


class Laid:
    """One block and its rectangle in body coordinates.

    The rectangle is kept as four floats and made a QRectF when first asked for: a week lays
    out ~1,700 blocks and paints a few hundred of them, and each Qt value object costs far
    more to make and free than the floats.
    """

    __slots__ = ("_rect", "block", "height", "row", "width", "x", "y")

    def __init__(
        self, block: SessionBlock, x: float, y: float, width: float, height: float, row: int
    ) -> None:
        self.block = block
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.row = row
        self._rect: QRectF | None = None

    @property
    def rect(self) -> QRectF:
        """The block's rectangle in body coordinates."""
        if self._rect is None:
            self._rect = QRectF(self.x, self.y, self.width, self.height)
        return self._rect


class Row:
    """One worker's row."""

    __slots__ = ("height", "laid", "lefts", "top", "widest", "worker")

    def __init__(self, worker: WorkerRow, top: float, height: float) -> None:
        self.worker = worker
        self.top = top
        self.height = height
        self.laid: list[Laid] = []
        self.lefts: list[float] = []
        self.widest = 0.0


class Layout:
    """The computed geometry; hit-testing and exposed-rect queries read it.

    A plain class, as Row and Laid: the schedule's classes load with the start's first week,
    and a dataclass writes and compiles its methods as its module loads.
    """

    __slots__ = (
        "by_id", "col_lefts", "col_width", "compact", "days", "first_hour", "height", "metrics",
        "mode", "rows", "tops", "tz", "width",
    )  # fmt: skip

    def __init__(
        self,
        mode: ViewMode,
        days: list[date],
        tz: ZoneInfo,
        metrics: Metrics,
        col_lefts: list[float],  # week: each day's left; day: each hour's left
        col_width: list[float],
        first_hour: int,
        width: float,
    ) -> None:
        self.mode = mode
        self.days = days
        self.tz = tz
        self.metrics = metrics
        self.rows: list[Row] = []
        self.col_lefts = col_lefts
        self.col_width = col_width
        self.first_hour = first_hour
        self.width = width
        self.height = 0.0
        self.by_id: dict[int, Laid] = {}
        self.tops: list[float] = []
        # Week: the days are too narrow for a start time and a name on one line, so each block
        # has two (the time and badges, then the name).
        self.compact = False

    def row_at(self, y: float) -> int | None:
        """The row under body y, if any."""
        i = bisect_right(self.tops, y) - 1
        if 0 <= i < len(self.rows) and y < self.rows[i].top + self.rows[i].height:
            return i
        return None

    def rows_between(self, y0: float, y1: float) -> range:
        """Indexes of the rows that meet [y0, y1)."""
        return range(max(0, bisect_right(self.tops, y0) - 1), bisect_left(self.tops, y1))

    def in_rect(self, area: QRectF) -> Iterator[Laid]:
        """Blocks whose rectangle meets `area` (body coordinates)."""
        for i in self.rows_between(area.top(), area.bottom()):
            row = self.rows[i]
            lo = bisect_left(row.lefts, area.left() - row.widest)
            hi = bisect_right(row.lefts, area.right())
            for laid in row.laid[lo:hi]:
                if laid.rect.intersects(area):
                    yield laid

    def at(self, x: float, y: float) -> Laid | None:
        """The block under body (x, y), if any."""
        i = self.row_at(y)
        if i is None:
            return None
        return next((b for b in self.rows[i].laid if b.rect.contains(x, y)), None)

    def slot_at(self, x: float, y: float, keep: time | None = None) -> tuple[int, datetime] | None:
        """The worker and local start under body (x, y): day view snaps to 15 minutes; week
        view keeps `keep` (a dragged session's time of day) or 09:00 on the day clicked."""
        i = self.row_at(y)
        if i is None or not self.col_lefts:
            return None
        worker = self.rows[i].worker.id
        if self.mode == ViewMode.DAY:
            width = self.col_width[0] or 1.0
            minutes = int(round((self.first_hour + x / width) * 60 / 15) * 15)
            start = datetime.combine(self.days[0], time.min, self.tz) + timedelta(minutes=minutes)
            return worker, start
        column = max(0, min(len(self.days) - 1, bisect_right(self.col_lefts, x) - 1))
        return worker, datetime.combine(self.days[column], keep or time(9, 0), self.tz)

    def drop_at(
        self, block: SessionBlock, travelled: float, x: float, y: float
    ) -> tuple[int, datetime] | None:
        """Where `block`, dragged `travelled` pixels along, lands with the pointer at body
        (x, y): the worker under the pointer; day view moves its start as far as the pointer
        went (in quarter hours, wherever the block was grabbed), week view keeps its time of
        day on the day under the pointer. None off the body, or back where it was."""
        local = block.starts_at.astimezone(self.tz)
        slot = self.slot_at(x, y, local.time())
        if slot is None:
            return None
        worker, start = slot
        if self.mode == ViewMode.DAY:
            quarters = round(travelled / (self.col_width[0] or 1.0) * 4)
            start = local + timedelta(minutes=15 * quarters)  # wall clock, as the columns are
        if worker == block.worker_id and start == block.starts_at:
            return None  # let go where it was: nothing moves, nobody is told
        return worker, start

    def x_of(self, moment: datetime) -> float:
        """Day view: the x of a moment on the shown day (wall-clock hours)."""
        local = moment.astimezone(self.tz)
        hours = (local.date() - self.days[0]).days * 24 + local.hour + local.minute / 60
        width = self.col_width[0] if self.col_width else 0.0
        return (hours - self.first_hour) * width

    def day_index(self, moment: datetime) -> int | None:
        """The column of the moment's local day in the shown days, if shown."""
        local = moment.astimezone(self.tz).date()
        return self.days.index(local) if local in self.days else None


def build(
    mode: ViewMode,
    days: list[date],
    tz: ZoneInfo,
    workers: Sequence[WorkerRow],
    blocks: Sequence[SessionBlock],
    metrics: Metrics,
    viewport_width: float,
    viewport_height: float = 0.0,
    measure: Measure | None = None,
) -> Layout:
    """Lay the blocks out for the viewport's size.

    `measure` gives the width of a block's text; the week uses it to choose one-line blocks
    (a start time and a name, the surname at least) or two-line ones. Without it, one line.
    """
    shown = {w.id for w in workers}
    by_worker: ByWorker = defaultdict(list)
    for b in blocks:
        if b.worker_id in shown:
            by_worker[b.worker_id].append(b)
    if mode == ViewMode.DAY:
        layout = _build_day(days, tz, workers, by_worker, metrics, viewport_width, viewport_height)
    else:
        layout = _build_week(days, tz, workers, by_worker, metrics, viewport_width, measure)
    layout.tops = [r.top for r in layout.rows]
    return layout


def _hours(blocks: ByWorker, day: date, tz: ZoneInfo) -> tuple[int, int]:
    first, last = DAY_FIRST_HOUR, DAY_LAST_HOUR
    for group in blocks.values():
        for b in group:
            start, end = b.starts_at.astimezone(tz), b.ends_at.astimezone(tz)
            first = min(first, start.hour if start.date() == day else 0)
            end_h = end.hour + (1 if end.minute else 0) if end.date() == day else 24
            last = max(last, end_h)
    return first, last


def _lanes(blocks: list[SessionBlock]) -> list[int]:
    """Greedy lane per block (blocks sorted by start): overlapping sessions sit side by side."""
    ends: list[datetime] = []
    out = []
    for b in blocks:
        lane = next((i for i, end in enumerate(ends) if end <= b.starts_at), len(ends))
        if lane == len(ends):
            ends.append(b.ends_at)
        else:
            ends[lane] = b.ends_at
        out.append(lane)
    return out


def _build_day(
    days: list[date],
    tz: ZoneInfo,
    workers: Sequence[WorkerRow],
    by_worker: ByWorker,
    m: Metrics,
    viewport_width: float,
    viewport_height: float,
) -> Layout:
    first, last = _hours(by_worker, days[0], tz)
    grouped = [sorted(by_worker.get(w.id, []), key=_START_THEN_ID) for w in workers]
    lanes_of = [_lanes(g) for g in grouped]
    total = sum(max(lanes, default=0) + 1 for lanes in lanes_of)
    room = (viewport_height - 2 * m.pad * len(workers)) / max(1, total)
    lane_h = min(max(m.lane, room), m.tall_lane)
    hour_w = max(m.char * 13, viewport_width / max(1, last - first))
    hours = last - first
    lefts = [i * hour_w for i in range(hours)]
    layout = Layout(ViewMode.DAY, days, tz, m, lefts, [hour_w] * hours, first, 0.0)
    layout.width = hour_w * hours
    y = 0.0
    for index, (worker, group, lanes) in enumerate(zip(workers, grouped, lanes_of, strict=True)):
        row = Row(worker, y, (max(lanes, default=0) + 1) * lane_h + 2 * m.pad)
        for b, lane in zip(group, lanes, strict=True):
            x0 = max(0.0, layout.x_of(b.starts_at))
            x1 = min(layout.width, layout.x_of(b.ends_at))
            top = y + m.pad + lane * lane_h
            _place(layout, row, Laid(b, x0 + 1, top, max(6.0, x1 - x0 - 2), lane_h - 2, index))
        layout.rows.append(row)
        y += row.height
    layout.height = y
    return layout


def _build_week(
    days: list[date],
    tz: ZoneInfo,
    workers: Sequence[WorkerRow],
    by_worker: ByWorker,
    m: Metrics,
    viewport_width: float,
    measure: Measure | None,
) -> Layout:
    col_of = _day_columns(days, tz, by_worker)
    unit, widths = _day_widths(len(days), set(col_of.values()), m, viewport_width)
    lefts = [sum(widths[:i]) for i in range(len(days))]
    layout = Layout(ViewMode.WEEK, days, tz, m, lefts, widths, 0, sum(widths))
    # A day too narrow for a block's start time, its shortest name (a surname, a group's fill)
    # and a badge on one line: every block of the week gets two lines.
    room = unit - BLOCK_MARGIN - TEXT_INSET - m.stamp - m.badge
    layout.compact = measure is not None and text.too_wide(by_worker.values(), room, measure)
    _week_rows(layout, workers, by_worker, col_of)
    return layout


def _day_widths(
    count: int, busy: set[int | None], m: Metrics, viewport_width: float
) -> tuple[float, list[float]]:
    """The width of a day with sessions, and of each day.

    The days share the width the window gives; a day without sessions gets a smaller share,
    never too small for its short heading ("Sun 05"). Only below the narrowest a block can be
    drawn (a time beside a badge) does the week scroll across."""
    empty = [i for i in range(count) if i not in busy]
    shares = [1.0 if i in busy else EMPTY_DAY_SHARE for i in range(count)]
    unit = viewport_width / sum(shares)
    empty_w = max(unit * EMPTY_DAY_SHARE, m.short_day + 2 * 4)
    if empty and len(empty) < count and empty_w > unit * EMPTY_DAY_SHARE:
        unit = (viewport_width - len(empty) * empty_w) / (count - len(empty))
    unit = max(m.narrowest_day, unit)
    empty_w = max(unit * EMPTY_DAY_SHARE, min(empty_w, unit))
    return unit, [unit if i in busy else empty_w for i in range(count)]


def _week_rows(
    layout: Layout,
    workers: Sequence[WorkerRow],
    by_worker: ByWorker,
    col_of: dict[datetime, int | None],
) -> None:
    """A row a worker, each day's blocks stacked in its column, in order of their start."""
    # ~1,700 blocks a week: everything per block is hoisted out of the loops below.
    m, lefts, widths = layout.metrics, layout.col_lefts, layout.col_width
    pad = m.pad
    chip = m.tall_chip if layout.compact else m.chip
    step = chip + 2
    by_id = layout.by_id
    y = 0.0
    for index, worker in enumerate(workers):
        per_day: dict[int, list[SessionBlock]] = {}
        for b in sorted(by_worker.get(worker.id, ()), key=_START_THEN_ID):
            col = col_of[b.starts_at]
            if col is not None:
                found = per_day.get(col)
                if found is None:
                    per_day[col] = [b]
                else:
                    found.append(b)
        most = max(map(len, per_day.values()), default=0)
        row = Row(worker, y, max(1, most) * step + 2 * pad)
        tops = [y + pad + k * step for k in range(most)]  # the k-th block of a day
        add, laid_out = row.laid.append, row.laid
        for col in sorted(per_day):
            x, width = lefts[col] + 3, widths[col] - 6
            day = per_day[col]
            for b, top in zip(day, tops, strict=False):  # a day has at most `most`
                add(Laid(b, x, top, width, chip, index))
            row.lefts += [x] * len(day)
            row.widest = max(row.widest, width)
        by_id.update([(laid.block.id, laid) for laid in laid_out])
        layout.rows.append(row)
        y += row.height
    layout.height = y


def _day_columns(days: list[date], tz: ZoneInfo, by_worker: ByWorker) -> dict[datetime, int | None]:
    """The column of each distinct start (None: not a shown day); a week has ~100 of them."""
    index = {d: i for i, d in enumerate(days)}
    out: dict[datetime, int | None] = {}
    for group in by_worker.values():
        for b in group:
            if b.starts_at not in out:
                out[b.starts_at] = index.get(b.starts_at.astimezone(tz).date())
    return out


def _place(layout: Layout, row: Row, laid: Laid) -> None:
    row.laid.append(laid)
    row.lefts.append(laid.x)
    row.widest = max(row.widest, laid.width)
    layout.by_id[laid.block.id] = laid
