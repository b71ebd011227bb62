"""The day sheet: each worker's sessions for one practice-local day, to print at the desk.

`day_sheet(uow, day)` reads the day in one read transaction and returns a frozen `DaySheet`;
`render_day_sheet_pdf` lays it out with the reports' own page furniture (one worker per page,
a worker with a long day runs on to a second page) and `write_day_sheet_csv` writes the same
lines for a spreadsheet. Print… prints the very PDF that Save writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, LongTable, PageBreak, Paragraph, Spacer, TableStyle

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, date_text, translate, when_text
from app.models.enums import BookingStatus, SessionStatus
from app.services import practice
from app.services.boundary import period_bounds
from app.services.dto import SessionBlock
from app.services.reports.cancellations import actor_name
from app.services.reports.formatting import generated_text, headings
from app.services.reports.pdf_base import (
    Fonts,
    Furniture,
    ReportDocument,
    choose_fonts,
    frame_size,
    grid_style,
    save_pdf,
    styles,
    wrap,
)
from app.services.schedule import blocks as schedule_blocks
from app.services.setup.settings import provider_line
from app.services.storage.csv_safe import write_csv

TITLE = QT_TRANSLATE_NOOP("day sheet", "Day sheet")
# The CSV's columns (in the practice's language when written) and the printed table's headings.
CSV_HEADER = (
    QT_TRANSLATE_NOOP("csv", "Worker"),
    QT_TRANSLATE_NOOP("csv", "Date"),
    QT_TRANSLATE_NOOP("csv", "Start"),
    QT_TRANSLATE_NOOP("csv", "End"),
    QT_TRANSLATE_NOOP("csv", "Clients"),
    QT_TRANSLATE_NOOP("csv", "Service"),
    QT_TRANSLATE_NOOP("csv", "Location"),
    QT_TRANSLATE_NOOP("csv", "Status"),
    QT_TRANSLATE_NOOP("csv", "Session"),
)
COLUMNS = (
    QT_TRANSLATE_NOOP("day sheet", "Time"),
    QT_TRANSLATE_NOOP("day sheet", "Client"),
    QT_TRANSLATE_NOOP("day sheet", "Service"),
    QT_TRANSLATE_NOOP("day sheet", "Location"),
    QT_TRANSLATE_NOOP("day sheet", "Status"),
)
_GREYED = HexColor("#9AA3AE")  # a cancelled session's line


@dataclass(frozen=True)
class DaySheetLine:
    """One session as the sheet prints it."""

    session_id: int
    starts_at: datetime
    ends_at: datetime
    clients: str  # "Ann Lee, Bo Chen (cancelled)"; "" for an open place
    service: str
    location: str
    status: str  # "Booked", "Completed", "Cancelled", "Did not attend", "Open", …
    cancelled: bool


@dataclass(frozen=True)
class WorkerDay:
    worker_id: int
    worker_name: str
    lines: tuple[DaySheetLine, ...]


@dataclass(frozen=True)
class DaySheet:
    day: date
    time_zone: str
    practice_name: str
    provider: str
    paper_size: str
    generated_at: datetime
    generated_by: str
    workers: tuple[WorkerDay, ...]  # by worker name; only workers with a session that day

    @property
    def sessions(self) -> int:
        return sum(len(w.lines) for w in self.workers)


def day_text(day: date) -> str:
    """ "Tuesday 8 December 2026": the weekday and the date as the practice's locale writes it."""
    return translate("day sheet", "{weekday} {date}").format(
        weekday=when_text(day, "%A"), date=date_text(day, length="long")
    )


def period_text(day: date) -> str:
    """The page header's "Tue 8 Dec 2026"."""
    return translate("day sheet", "{weekday} {date}").format(
        weekday=when_text(day, "%a"), date=date_text(day)
    )


def _client_text(block: SessionBlock) -> str:
    def one(name: str, status: BookingStatus) -> str:
        if status == BookingStatus.CANCELLED:
            return translate("day sheet", "{name} (cancelled)").format(name=name)
        if status == BookingStatus.DNA:
            return translate("day sheet", "{name} (did not attend)").format(name=name)
        return name

    return ", ".join(one(c.client_name, c.status) for c in block.clients)


def status_text(block: SessionBlock) -> str:
    """The session's state in the words the desk uses."""
    if block.status == SessionStatus.CANCELLED:
        return translate("day sheet", "Cancelled")
    if not block.clients:
        return translate("day sheet", "Open")
    statuses = {c.status for c in block.clients}
    if statuses == {BookingStatus.CANCELLED}:
        return translate("day sheet", "Clients cancelled")
    # Nobody came is resolved as completed (nothing is still booked): the sheet says so.
    if statuses <= {BookingStatus.DNA, BookingStatus.CANCELLED}:
        return translate("day sheet", "Did not attend")
    if block.status == SessionStatus.COMPLETED:
        return translate("day sheet", "Completed")
    cancelled = block.count(BookingStatus.CANCELLED)
    if cancelled:
        return translate("day sheet", "Booked ({cancelled} cancelled)").format(cancelled=cancelled)
    return translate("day sheet", "Booked")


def _line(block: SessionBlock) -> DaySheetLine:
    return DaySheetLine(
        session_id=block.id,
        starts_at=block.starts_at,
        ends_at=block.ends_at,
        clients=_client_text(block),
        service=block.service_name,
        location=block.location,
        status=status_text(block),
        cancelled=block.status == SessionStatus.CANCELLED,
    )


def day_sheet(
    uow: UnitOfWork, day: date, *, include_cancelled: bool = True, worker_id: int | None = None
) -> DaySheet:
    """Every session of the practice-local `day`, grouped by worker (everyone or one worker)."""
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    start, end = period_bounds(day, day, tz)
    blocks = schedule_blocks.load_schedule(uow, start, end, [worker_id] if worker_id else None)
    by_worker: dict[int, list[SessionBlock]] = {}
    names: dict[int, str] = {}
    for block in sorted(blocks, key=lambda b: (b.starts_at, b.id)):
        if not include_cancelled and block.status == SessionStatus.CANCELLED:
            continue
        by_worker.setdefault(block.worker_id, []).append(block)
        names[block.worker_id] = block.worker_name
    order = sorted(by_worker, key=lambda w: (names[w].casefold(), w))
    return DaySheet(
        day=day,
        time_zone=settings.time_zone,
        practice_name=settings.name,
        provider=provider_line(settings.legal_name, settings.abn, settings.address, settings.phone),
        paper_size=settings.paper_size,
        generated_at=uow.now(),
        generated_by=actor_name(uow),
        workers=tuple(WorkerDay(w, names[w], tuple(_line(b) for b in by_worker[w])) for w in order),
    )


def _hm(moment: datetime, tz: ZoneInfo) -> str:
    return f"{moment.astimezone(tz):%H:%M}"


def _day(moment: datetime, tz: ZoneInfo) -> str:
    """The practice-local day of `moment`, as the CSV writes days: YYYY-MM-DD."""
    return moment.astimezone(tz).date().isoformat()


def _end_text(line: DaySheetLine, tz: ZoneInfo) -> str:
    """The CSV's End: "10:00"; a session ending on a later day than it starts names that day
    as the Date column does ("2026-04-02 00:30"), so an overnight session cannot be read as
    ending before it starts."""
    end = _hm(line.ends_at, tz)
    later = _day(line.ends_at, tz)
    return end if later == _day(line.starts_at, tz) else f"{later} {end}"


def _on(moment: datetime, tz: ZoneInfo, day: date) -> str:
    """ "23:00" on the sheet's `day`; "Wed 23:00" on another."""
    local = moment.astimezone(tz)
    return f"{local:%H:%M}" if local.date() == day else f"{when_text(local, '%a')} {local:%H:%M}"


def time_text(line: DaySheetLine, tz: ZoneInfo, day: date) -> str:
    """ "09:00–10:00"; a session running over midnight names the day it starts or ends when
    that is not the sheet's ("Wed 23:00–00:30", "23:00–Thu 00:30")."""
    return f"{_on(line.starts_at, tz, day)}–{_on(line.ends_at, tz, day)}"


def _texts(sheet: DaySheet) -> Iterator[str]:
    """Every name the PDF prints, to choose a font that has all their letters."""
    yield sheet.practice_name
    yield sheet.provider
    yield sheet.generated_by
    for w in sheet.workers:
        yield w.worker_name
        for line in w.lines:
            yield line.clients
            yield line.service
            yield line.location


def _worker_summary(worker: WorkerDay, tz: ZoneInfo, day: date) -> str:
    """ "3 session(s), 09:00 to 15:30; 1 cancelled (greyed)." said whole in the practice's
    language (a worker is on the sheet only with a session, so one of the counts is not 0)."""
    live = [line for line in worker.lines if not line.cancelled]
    n, cancelled = len(live), len(worker.lines) - len(live)
    if not live:
        return translate("day sheet", "No sessions; %n cancelled (greyed).", None, cancelled)
    first = _on(min(line.starts_at for line in live), tz, day)
    last = _on(max(line.ends_at for line in live), tz, day)
    if cancelled:
        text = translate(
            "day sheet",
            "%n session(s), {first} to {last}; {cancelled} cancelled (greyed).",
            None,
            n,
        )
    else:
        text = translate("day sheet", "%n session(s), {first} to {last}.", None, n)
    return text.format(first=first, last=last, cancelled=cancelled)


# Column widths as parts of the frame's width, and the most lines a cell wraps to: time,
# clients (a group lists them all), service, location, status.
_SHARES = (0.16, 0.30, 0.26, 0.15, 0.13)  # the time wide enough for "Wed 23:00–00:30"
_LINES = (2, 6, 2, 2, 1)


def _worker_table(worker: WorkerDay, sheet: DaySheet, fonts: Fonts, width: float) -> LongTable:
    tz = ZoneInfo(sheet.time_zone)
    size = 9.0
    widths = [width * s for s in _SHARES]
    pad = 6.0  # both paddings of a cell (grid_style's 3 pt a side)
    rows: list[list[str]] = [[translate("day sheet", c) for c in COLUMNS]]
    for line in worker.lines:
        cells = (time_text(line, tz, sheet.day), line.clients or "—", line.service,
                 line.location, line.status)  # fmt: skip
        rows.append(
            [
                wrap(c, w - pad, fonts.regular, size, n)
                for c, w, n in zip(cells, widths, _LINES, strict=True)
            ]
        )
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    commands = grid_style(fonts, size, leading=size + 4)
    for i, line in enumerate(worker.lines, start=1):
        if line.cancelled:
            commands.append(("TEXTCOLOR", (0, i), (-1, i), _GREYED))
    table.setStyle(TableStyle(commands))
    return table


def build_story(sheet: DaySheet, doc: ReportDocument, fonts: Fonts) -> list[Flowable]:
    """One worker per page: their name and day, a line of totals, then their sessions."""
    st = styles(fonts)
    width, _ = frame_size(doc.portrait)
    tz = ZoneInfo(sheet.time_zone)
    story: list[Flowable] = []
    if not sheet.workers:
        story += [
            Paragraph(
                translate("day sheet", "Day sheet — {day}").format(day=day_text(sheet.day)),
                st["title"],
            ),
            Spacer(1, 8),
            Paragraph(translate("day sheet", "No sessions on this day."), st["body"]),
        ]
        return story
    for i, worker in enumerate(sheet.workers):
        if i:
            story.append(PageBreak())
        story += [
            Paragraph(_escape(worker.worker_name), st["title"]),
            Paragraph(day_text(sheet.day), st["subtitle"]),
            Paragraph(_worker_summary(worker, tz, sheet.day), st["note"]),
            Spacer(1, 8),
            _worker_table(worker, sheet, fonts, width),
        ]
    return story


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_day_sheet_pdf(sheet: DaySheet, target: Path | BinaryIO) -> int:
    """Write the day sheet's PDF to a path or a binary stream; returns the number of pages."""
    fonts = choose_fonts(_texts(sheet))
    tz = ZoneInfo(sheet.time_zone)
    furniture = Furniture(
        sheet.practice_name,
        translate("day sheet", TITLE),
        period_text(sheet.day),
        generated_text(sheet.generated_at, tz, sheet.generated_by),
        fonts,
        sheet.provider,
    )
    return save_pdf(target, sheet.paper_size, furniture, lambda doc: build_story(sheet, doc, fonts))


def write_day_sheet_csv(sheet: DaySheet, path: Path) -> int:
    """The same lines for a spreadsheet, one row a session; returns the row count.

    Each row's date is the day its session starts, as the printed sheet names it: a session
    that began the evening before is dated that evening, not the sheet's day. Its end is a
    time, with the day before it only when that is a later day (`_end_text`)."""
    tz = ZoneInfo(sheet.time_zone)
    rows = (
        (w.worker_name, _day(line.starts_at, tz), _hm(line.starts_at, tz), _end_text(line, tz),
         line.clients, line.service, line.location, line.status, line.session_id)
        for w in sheet.workers
        for line in w.lines
    )  # fmt: skip
    return write_csv(path, headings(CSV_HEADER), rows)
