"""Import clients, workers or sessions from a CSV file: preview with per-row errors, then apply.

Nothing is written unless the whole file is valid, and then all of it is written in the one
transaction of `apply_import`. Rows are numbered as a spreadsheet shows them: the header is
row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.models import Client, Location, Service, Worker
from app.models.enums import SessionKind
from app.services import practice
from app.services.audit import chain as audit
from app.services.boundary import hidden_character
from app.services.dto import ChangeSet
from app.services.setup.clients import ClientDraft, add_client_row
from app.services.setup.clients import refuse_duplicate as client_exists
from app.services.setup.csv_rows import (
    COLUMNS,
    ImportKind,
    Lookups,
    RowReader,
    checked,
    client_draft,
    parse_date,
    parse_time,
    worker_draft,
)
from app.services.setup.policy import SetupAction, require_setup
from app.services.setup.recurrence import occurrences
from app.services.setup.sessions import SessionDraft, book_session, check_draft
from app.services.setup.workers import WorkerDraft, add_worker_row
from app.services.setup.workers import refuse_duplicate as worker_exists

MAX_ROWS = 5000
# Far more than any kind has: a wider file is not an export of clients, workers or sessions.
MAX_COLUMNS = 100
Draft = ClientDraft | WorkerDraft | SessionDraft
SESSION_FIELDS = {"worker": "worker", "service": "service", "location": "location",
                  "duration": "minutes", "capacity": "capacity", "clients": "clients",
                  "start": "start"}  # fmt: skip


@dataclass(frozen=True)
class ImportProblem:
    """One problem: the spreadsheet row, the column, and what to correct."""

    row: int
    column: str
    message: str

    def text(self) -> str:
        """The problem as one line: "Row 3, column email: …"."""
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where.capitalize()}: {self.message}"


@dataclass(frozen=True)
class ImportPreview:
    """The file as read: its header, its records (with row numbers) and every problem."""

    kind: ImportKind
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    errors: tuple[ImportProblem, ...]

    @property
    def ok(self) -> bool:
        """True when there is something to import and nothing is wrong."""
        return bool(self.rows) and not self.errors


@dataclass(frozen=True)
class ImportResult:
    """What `apply_import` wrote."""

    kind: ImportKind
    count: int
    message: str
    changes: ChangeSet


def _read(path: Path) -> list[list[str]]:
    """The file's records; an unreadable file is refused with what to do."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path.name} cannot be read ({exc.strerror}).",
                              field="file") from exc  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{path.name} is not UTF-8 text; in the spreadsheet choose Save As ▸ CSV UTF-8.",
            field="file",
        ) from exc
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise ValidationError(f"{path.name} is not a CSV file ({exc}).", field="file") from exc
    if not records or not any(cell.strip() for cell in records[0]):
        raise ValidationError(f"{path.name} is empty; the first row must name the columns.",
                              field="file")  # fmt: skip
    widest = max(map(len, records))
    if widest > MAX_COLUMNS:
        raise ValidationError(f"{path.name} has too many columns ({widest:,}); FrontDesk reads "
                              f"at most {MAX_COLUMNS}. Save only the columns listed for this kind "
                              "of file.", field="file")  # fmt: skip
    if len(records) - 1 > MAX_ROWS:
        raise ValidationError(f"{path.name} has more than {MAX_ROWS} rows; split it into parts.",
                              field="file")  # fmt: skip
    return records


def _header_problems(kind: ImportKind, header: list[str]) -> list[ImportProblem]:
    """Unknown, doubled and missing columns, in one pass over the header."""
    known = {c.name for c in COLUMNS[kind]}
    use = f"Unknown column; use {', '.join(sorted(known))}."
    problems = [ImportProblem(1, name or "(blank)", use) for name in header if name not in known]
    counts = Counter(header)
    problems += [ImportProblem(1, n, "This column appears twice.")
                 for n in sorted(n for n, seen in counts.items() if seen > 1)]  # fmt: skip
    problems += [ImportProblem(1, c.name, "This column is required but missing.")
                 for c in COLUMNS[kind] if c.required and c.name not in header]  # fmt: skip
    return problems


def _lookups(uow: UnitOfWork) -> Lookups:
    tz = practice.time_zone(uow)
    look = Lookups(
        tz, uow.now(),
        {w.name.lower(): w.id for w in uow.session.scalars(select(Worker).where(Worker.active))},
        {s.code: (s.id, s.default_minutes)
         for s in uow.session.scalars(select(Service).where(Service.active))},
        {loc.name.lower(): loc.id for loc in uow.session.scalars(select(Location))},
        {},
    )  # fmt: skip
    for c in uow.session.scalars(select(Client).where(Client.active)):
        look.clients.setdefault(c.display_name.lower(), []).append(c.id)
        if c.ndis_number:
            look.ndis_numbers[c.ndis_number] = c.id
    return look


def _refs(r: RowReader, look: Lookups) -> tuple[int | None, tuple[int, int] | None, int | None]:
    """The worker, service (id, default minutes) and location a row names."""
    worker = look.workers.get(r.text("worker").lower())
    if worker is None:
        r.fail("worker", f"There is no active worker “{r.text('worker')}”; import workers first.")
    service = look.services.get(r.text("service"))
    if service is None:
        r.fail("service", f"There is no active service with the code “{r.text('service')}”.")
    location = look.locations.get(r.text("location").lower()) if r.text("location") else None
    if r.text("location") and location is None:
        r.fail("location", f"There is no location “{r.text('location')}”; add it first.")
    return worker, service, location


def _start(r: RowReader, look: Lookups) -> datetime | None:
    """The row's local date and time in UTC; refused when it is not in the future."""
    day = checked(r, lambda: parse_date(r.text("date")), {"date": "date"})
    at = checked(r, lambda: parse_time(r.text("start")), {"start": "start"})
    if not isinstance(day, date) or not isinstance(at, time):
        return None
    start = occurrences(datetime.combine(day, at, look.tz), None, look.tz)[0].starts_at
    if start <= look.now:
        r.fail("date", "This session is in the past; import only upcoming sessions.")
        return None
    return start


def _session_draft(uow: UnitOfWork, r: RowReader, look: Lookups) -> SessionDraft | None:
    start = _start(r, look)
    worker, service, location = _refs(r, look)
    found = checked(r, lambda: look.client_ids(r.text("clients")), {"clients": "clients"})
    clients = found if isinstance(found, tuple) else ()
    minutes = r.integer("minutes", service[1] if service else 60)
    group = SessionKind.INDIVIDUAL if len(clients) <= 1 else SessionKind.GROUP
    kind = SessionKind(r.choice("kind", SessionKind, group))
    capacity = r.integer("capacity", 1 if kind == SessionKind.INDIVIDUAL else max(2, len(clients)))
    if r.errors or start is None:
        return None
    draft = SessionDraft(worker, service[0] if service else None, start, minutes, clients,
                         location, kind, capacity)  # fmt: skip
    checked(r, lambda: check_draft(uow, draft), SESSION_FIELDS)
    return None if r.errors else draft


def _duplicate(uow: UnitOfWork, draft: Draft, seen: set[str], r: RowReader) -> None:
    """Refuse a record already in the database or earlier in the file."""
    if isinstance(draft, ClientDraft):
        key = f"{draft.first_name} {draft.last_name} {draft.email or draft.ndis_number or ''}"
        checked(r, lambda: client_exists(uow, draft, None), {})
        column = "first_name"
    elif isinstance(draft, WorkerDraft):
        key = draft.name
        checked(r, lambda: worker_exists(uow, draft.name, None), {})
        column = "name"
    else:
        return
    if key.lower() in seen and not r.errors:
        r.fail(column, "The same record appears earlier in this file.")
    seen.add(key.lower())


def _parse(uow: UnitOfWork, kind: ImportKind, path: Path) -> tuple[ImportPreview, list[Draft]]:
    records = _read(path)
    header = [h.strip().lower() for h in records[0]]
    problems = _header_problems(kind, header)
    rows: list[tuple[int, tuple[str, ...]]] = []
    drafts: list[Draft] = []
    look = _lookups(uow) if kind == ImportKind.SESSIONS and not problems else None
    seen: set[str] = set()
    for number, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append((number, tuple(cells)))
        if problems and problems[0].row == 1:
            continue  # the header is wrong: the cells can't be read by column
        if len(cells) != len(header):
            problems.append(ImportProblem(number, "", f"This row has {len(cells)} cells; the "
                                                      f"header has {len(header)}."))  # fmt: skip
            continue
        r = RowReader(dict(zip(header, cells, strict=True)))
        _hidden_cells(r)
        draft = None if r.errors else _draft(uow, kind, r, look)
        if draft is not None:
            _duplicate(uow, draft, seen, r)
            drafts.append(draft)
        problems += [ImportProblem(number, column, message) for column, message in r.errors]
    if not rows and not problems:
        problems.append(ImportProblem(2, "", "The file has a header but no rows to import."))
    return ImportPreview(kind, tuple(header), tuple(rows), tuple(problems)), drafts


def _hidden_cells(r: RowReader) -> None:
    """A cell holding NUL, a control or a bidi-override character is refused, never stored."""
    for column, cell in r.cells.items():
        found = hidden_character(cell)
        if found is not None:
            r.fail(column, f"The cell contains a hidden control character ({found}); "
                           "remove it in the spreadsheet and save the file again.")  # fmt: skip


def _draft(uow: UnitOfWork, kind: ImportKind, r: RowReader, look: Lookups | None) -> Draft | None:
    if kind == ImportKind.CLIENTS:
        return client_draft(r)
    if kind == ImportKind.WORKERS:
        return worker_draft(r)
    assert look is not None
    return _session_draft(uow, r, look)


def preview_import(uow: UnitOfWork, kind: ImportKind, path: Path) -> ImportPreview:
    """Read and check the whole file without writing; every problem with its row and column."""
    require_setup(uow.actor, SetupAction.IMPORT)
    return _parse(uow, ImportKind(kind), Path(path))[0]


def apply_import(uow: UnitOfWork, kind: ImportKind, path: Path) -> ImportResult:
    """Write every row in this one transaction — or nothing, when any row has a problem."""
    require_setup(uow.actor, SetupAction.IMPORT)
    kind, path = ImportKind(kind), Path(path)
    preview, drafts = _parse(uow, kind, path)
    if not preview.ok:
        first = preview.errors[0].text() if preview.errors else "no rows"
        raise ValidationError(f"{path.name} has {len(preview.errors)} problem(s), so nothing was "
                              f"imported. {first}", field="file")  # fmt: skip
    ids: list[int] = []
    clients: set[int] = set()
    for d in drafts:
        if isinstance(d, ClientDraft):
            ids.append(add_client_row(uow, d).id)
        elif isinstance(d, WorkerDraft):
            ids.append(add_worker_row(uow, d).id)
        else:
            ids.append(book_session(uow, d, d.starts_at, None))
            clients.update(d.client_ids)
    audit.record(uow, f"import.{kind.value}", "import", None,
                 after={"file": path.name, "rows": len(ids)})  # fmt: skip
    sessions = frozenset(ids) if kind == ImportKind.SESSIONS else frozenset()
    if kind == ImportKind.CLIENTS:
        clients = set(ids)
    changes = ChangeSet(sessions, frozenset(clients), frozenset({kind.value}))
    return ImportResult(kind, len(ids), f"Imported {len(ids)} {kind.value} from {path.name}.",
                        changes)  # fmt: skip
