"""Import clients, workers or sessions from a CSV file: preview with per-row errors, then apply.

The preview lists every problem of every row at once — each bad cell of a row, not only the
first, and every bad row, not only the first — with the row, the column, the cell's value and
what to do. Nothing is written unless the whole file is valid, and then all of it is written in
the one transaction of `apply_import`. Rows are numbered as a spreadsheet shows them: the header
is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import zip_longest
from pathlib import Path

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Client, Location, Service, Worker
from app.models.enums import SessionKind
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require_now
from app.services.boundary import hidden_character
from app.services.dto import ChangeSet
from app.services.setup.clients import ClientDraft, add_client_row, same_person_key
from app.services.setup.clients import refuse_duplicate as client_exists
from app.services.setup.csv_rows import (
    COLUMNS,
    ImportKind,
    Lookups,
    RowReader,
    check_every,
    checked,
    client_draft,
    parse_date,
    parse_time,
    raw_client,
    worker_draft,
)
from app.services.setup.recurrence import occurrences
from app.services.setup.sessions import SessionDraft, book_session, check_draft
from app.services.setup.workers import WorkerDraft, add_worker_row
from app.services.setup.workers import refuse_duplicate as worker_exists
from app.services.storage.csv_safe import write_csv

MAX_ROWS = 5000
# Far more than any kind has: a wider file is not an export of clients, workers or sessions.
MAX_COLUMNS = 100
Draft = ClientDraft | WorkerDraft | SessionDraft
TWICE = QT_TRANSLATE_NOOP(
    "setup", "This column appears twice; keep one of them and delete the other."
)
IMPORTED = {
    ImportKind.CLIENTS: QT_TRANSLATE_NOOP("setup", "Imported {count} clients from {name}."),
    ImportKind.WORKERS: QT_TRANSLATE_NOOP("setup", "Imported {count} workers from {name}."),
    ImportKind.SESSIONS: QT_TRANSLATE_NOOP("setup", "Imported {count} sessions from {name}."),
}
SESSION_FIELDS = {"worker": "worker", "service": "service", "location": "location",
                  "duration": "minutes", "capacity": "capacity", "clients": "clients",
                  "start": "start"}  # fmt: skip


@dataclass(frozen=True)
class ImportProblem:
    """One problem: the spreadsheet row, the column, what is wrong and what to do, and the
    value the cell holds ("" for a problem of the whole row or an empty cell)."""

    row: int
    column: str
    message: str
    value: str = ""

    def text(self) -> str:
        """The problem as one line: "Row 3, column email (“cat-at-home”): …"."""
        # The column and the cell's value as ever shown here: in small letters.
        column, value = self.column.lower(), _short(self.value).lower()
        if not self.column:
            where = translate("setup", "Row {row}").format(row=self.row)
        elif not self.value:
            where = translate("setup", "Row {row}, column {column}").format(
                row=self.row, column=column
            )
        else:
            where = translate("setup", "Row {row}, column {column} (“{value}”)").format(
                row=self.row, column=column, value=value
            )
        return translate("setup", "{where}: {problem}").format(where=where, problem=self.message)


def _short(value: str, limit: int = 60) -> str:
    """A cell's value to show beside its problem: one line, at most `limit` characters."""
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


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

    @property
    def rows_with_problems(self) -> int:
        """How many rows (the header row counted) have at least one problem."""
        return len({p.row for p in self.errors})


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
        raise ValidationError(translate("setup", "{name} cannot be read ({strerror}).").format(name=path.name, strerror=exc.strerror),
                              field="file") from exc  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            translate(
                "setup", "{name} is not UTF-8 text; in the spreadsheet choose Save As ▸ CSV UTF-8."
            ).format(name=path.name),
            field="file",
        ) from exc
    try:
        records = _without_empty_columns(
            list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
        )
    except csv.Error as exc:
        raise ValidationError(
            translate("setup", "{name} is not a CSV file ({exc}).").format(name=path.name, exc=exc),
            field="file",
        ) from exc
    if not records or not any(cell.strip() for cell in records[0]):
        raise ValidationError(translate("setup", "{name} is empty; the first row must name the columns.").format(name=path.name),
                              field="file")  # fmt: skip
    widest = max(map(len, records))
    if widest > MAX_COLUMNS:
        raise ValidationError(translate("setup", "{name} has too many columns ({widest}); FrontDesk reads at most {max_columns}. Save only the columns listed for this kind of file.").format(name=path.name, widest=format(widest, ","), max_columns=MAX_COLUMNS), field="file")  # fmt: skip
    if len(records) - 1 > MAX_ROWS:
        raise ValidationError(translate("setup", "{name} has more than {max_rows} rows; split it into parts.").format(name=path.name, max_rows=MAX_ROWS),
                              field="file")  # fmt: skip
    return records


def _delimiter(text: str) -> str:
    """What separates the cells: a comma, or what the header row uses instead of one. A
    spreadsheet set to a decimal comma (most of Europe) saves "CSV" with semicolons between the
    cells, and a copy from a table puts tabs there."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    if "," in header:
        return ","
    return next((d for d in (";", "\t") if d in header), ",")


def _without_empty_columns(records: list[list[str]]) -> list[list[str]]:
    """The records without the columns that have neither a name nor anything under them (a
    spreadsheet saves the empty columns beside its table that once held something)."""
    if not records:
        return records
    empty = {
        i
        for i, name in enumerate(records[0])
        if not name.strip() and all(i >= len(r) or not r[i].strip() for r in records[1:])
    }
    if not empty:
        return records
    return [[cell for i, cell in enumerate(r) if i not in empty] for r in records]


def column_name(cell: str) -> str:
    """A header cell as the column it names: "First name", "first-name" and "FIRST_NAME" are all
    first_name."""
    return re.sub(r"[\s_-]+", "_", cell.strip().lower())


def _header_problems(kind: ImportKind, header: list[str]) -> list[ImportProblem]:
    """Unknown, doubled and missing columns, in one pass over the header."""
    known = {c.name for c in COLUMNS[kind]}
    use = translate("setup", "Unknown column; rename it to one of {columns}, or delete it.").format(
        columns=", ".join(sorted(known))
    )
    blank = translate("setup", "(blank)")
    problems = [ImportProblem(1, name or blank, use) for name in header if name not in known]
    counts = Counter(header)
    problems += [ImportProblem(1, n, translate("setup", TWICE))
                 for n in sorted(n for n, seen in counts.items() if seen > 1)]  # fmt: skip
    missing = translate("setup", "This column is required but missing; add it to the first row "
                                 "and fill it in for every row.")  # fmt: skip
    problems += [ImportProblem(1, c.name, missing)
                 for c in COLUMNS[kind] if c.required and c.name not in header]  # fmt: skip
    return problems


def _lookups(uow: UnitOfWork) -> Lookups:
    tz = practice.time_zone(uow)
    look = Lookups(
        tz, uow.now(),
        {w.name.lower(): w.id for w in uow.session.scalars(select(Worker).where(Worker.active))},
        {s.code.lower(): (s.id, s.default_minutes)  # one code whatever its case, as on save
         for s in uow.session.scalars(select(Service).where(Service.active))},
        {loc.name.lower(): loc.id for loc in uow.session.scalars(select(Location))},
        {},
    )  # fmt: skip
    for c in uow.session.scalars(select(Client).where(Client.active)):
        look.clients.setdefault(c.display_name.lower(), []).append(c.id)
        if c.ndis_number:
            look.ndis_numbers.setdefault(c.ndis_number, []).append(c.id)
    return look


def _refs(r: RowReader, look: Lookups) -> tuple[int | None, tuple[int, int] | None, int | None]:
    """The worker, service (id, default minutes) and location a row names."""
    worker = look.workers.get(r.text("worker").lower())
    if worker is None:
        r.fail("worker", translate("setup", "There is no active worker “{name}”; import workers "
                                            "first.").format(name=r.text("worker")))  # fmt: skip
    service = look.services.get(r.text("service").lower())
    if service is None:
        r.fail("service", translate("setup", "There is no active service with the code “{code}”."
                                    ).format(code=r.text("service")))  # fmt: skip
    location = look.locations.get(r.text("location").lower()) if r.text("location") else None
    if r.text("location") and location is None:
        r.fail("location", translate("setup", "There is no location “{name}”; add it first."
                                     ).format(name=r.text("location")))  # fmt: skip
    return worker, service, location


def _start(r: RowReader, look: Lookups) -> datetime | None:
    """The row's local date and time in UTC; refused when it is not in the future."""
    day = checked(r, lambda: parse_date(r.text("date")), {"date": "date"})
    at = checked(r, lambda: parse_time(r.text("start")), {"start": "start"})
    if not isinstance(day, date) or not isinstance(at, time):
        return None
    start = occurrences(datetime.combine(day, at, look.tz), None, look.tz)[0].starts_at
    if start <= look.now:
        r.fail("date", translate("setup", "This session is in the past; import only upcoming "
                                          "sessions."))  # fmt: skip
        return None
    return start


def _fits(d: SessionDraft) -> SessionDraft:
    """The draft with places for its clients (to check the rest of a row whose places are wrong)."""
    n = max(1, len(d.client_ids))
    return replace(d, kind=SessionKind.INDIVIDUAL if n == 1 else SessionKind.GROUP, capacity=n)


SESSION_HARMLESS = {
    "minutes": lambda d: replace(d, minutes=60),
    "capacity": _fits,
    "clients": lambda d: _fits(replace(d, client_ids=())),
    "location": lambda d: replace(d, location_id=None),
}


def _session_draft(uow: UnitOfWork, r: RowReader, look: Lookups) -> SessionDraft | None:
    start = _start(r, look)
    worker, service, location = _refs(r, look)
    found = checked(r, lambda: look.client_ids(r.text("clients")), {"clients": "clients"})
    clients = found if isinstance(found, tuple) else ()
    minutes = r.integer("minutes", service[1] if service else 60)
    group = SessionKind.INDIVIDUAL if len(clients) <= 1 else SessionKind.GROUP
    kind = SessionKind(r.choice("kind", SessionKind, group))
    capacity = r.integer("capacity", 1 if kind == SessionKind.INDIVIDUAL else max(2, len(clients)))
    if worker is None or service is None:
        return None  # the rest is checked against the worker and service: named above
    # A bad date still lets the rest of the row be checked, on a day that is surely upcoming.
    when = start or look.now + timedelta(days=1)
    draft = SessionDraft(worker, service[0], when, minutes, clients, location, kind, capacity)

    def check(d: SessionDraft) -> SessionDraft:
        check_draft(uow, d)
        return d

    checked_draft = check_every(r, check, draft, SESSION_HARMLESS, SESSION_FIELDS)
    return None if r.errors or start is None else checked_draft


def _duplicate(uow: UnitOfWork, kind: ImportKind, seen: dict[str, int], r: RowReader) -> None:
    """Refuse a record already in the database or earlier in the file (a row with a name)."""
    if kind == ImportKind.CLIENTS:
        raw = raw_client(r)
        if not raw.first_name or not raw.last_name:
            return
        raw = replace(raw, ndis_number=re.sub(r"\s", "", raw.ndis_number or "") or None)
        checked(r, lambda: client_exists(uow, raw, None), {})
        # Each NDIS number is one participant's, whatever the name beside it.
        keys = [("first_name", same_person_key(raw)),
                ("ndis_number", f"ndis {raw.ndis_number}" if raw.ndis_number else None)]  # fmt: skip
    elif kind == ImportKind.WORKERS:
        name = r.text("name")
        if not name:
            return
        checked(r, lambda: worker_exists(uow, name, None), {})
        keys = [("name", " ".join(name.lower().split()))]
    else:
        return
    for column, key in keys:
        earlier = seen.setdefault(key, r.number) if key is not None else r.number
        if earlier != r.number:
            twice = translate("setup", "The same record appears earlier (row {row}) in this "
                                       "file; delete one of the two rows.")  # fmt: skip
            r.fail(column, twice.format(row=earlier))
            return


def _parse(uow: UnitOfWork, kind: ImportKind, path: Path) -> tuple[ImportPreview, list[Draft]]:
    """Every row checked whole: all the problems of all the rows, and the drafts of a clean file."""
    records = _read(path)
    header = [column_name(h) for h in records[0]]
    problems = _header_problems(kind, header)
    # A doubled column can't be read by name; unknown or missing ones leave the rest readable.
    readable = not any(p.message == translate("setup", TWICE) for p in problems)
    known = {c.name for c in COLUMNS[kind]}
    absent = known - set(header)  # said once, on row 1; not again on every row
    rows: list[tuple[int, tuple[str, ...]]] = []
    drafts: list[Draft] = []
    look = _lookups(uow) if kind == ImportKind.SESSIONS and readable else None
    seen: dict[str, int] = {}
    for number, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append((number, tuple(cells)))
        if not readable:
            continue
        if len(cells) != len(header):
            problems.append(ImportProblem(number, "", translate(
                "setup", "This row has {cells} cells; the header has {columns}. Look for a stray "
                         "comma, or put quotes around a cell that holds a comma."
            ).format(cells=len(cells), columns=len(header))))  # fmt: skip
        pairs = zip_longest(header, cells[: len(header)], fillvalue="")
        r = RowReader({name: cell for name, cell in pairs if name in known}, number)
        raw = dict(r.cells)
        _hidden_cells(r)
        draft = _draft(uow, kind, r, look)
        _duplicate(uow, kind, seen, r)
        if draft is not None and not r.errors:
            drafts.append(draft)
        problems += [ImportProblem(number, column, message, raw.get(column, ""))
                     for column, message in r.errors if column not in absent]  # fmt: skip
    if not rows and not problems:
        problems.append(ImportProblem(2, "", translate(
            "setup", "The file has a header but no rows to import; add one row for each record "
                     "under the header.")))  # fmt: skip
    return ImportPreview(kind, tuple(header), tuple(rows), tuple(problems)), drafts


def _hidden_cells(r: RowReader) -> None:
    """A cell holding NUL, a control or a bidi-override character is refused, never stored; the
    rest of the cell is still checked, without them."""
    for column, cell in list(r.cells.items()):
        found = hidden_character(cell)
        if found is not None:
            r.fail(column, translate("setup", "The cell contains a hidden control character "
                                              "({found}); remove it in the spreadsheet and save "
                                              "the file again.").format(found=found))  # fmt: skip
            r.cells[column] = "".join(ch for ch in cell if hidden_character(ch) is None)


def _draft(uow: UnitOfWork, kind: ImportKind, r: RowReader, look: Lookups | None) -> Draft | None:
    if kind == ImportKind.CLIENTS:
        return client_draft(r)
    if kind == ImportKind.WORKERS:
        return worker_draft(r)
    assert look is not None
    return _session_draft(uow, r, look)


PROBLEMS_HEADER = ("row", "column", "value", "problem")


def write_problems_csv(preview: ImportPreview, path: Path) -> int:
    """The preview's problem list as a spreadsheet-safe CSV (row, column, value, problem), to
    work through beside the file; returns how many were written. Nothing is read or imported."""
    rows = ((p.row, p.column, p.value, p.message) for p in preview.errors)
    try:
        return write_csv(Path(path), PROBLEMS_HEADER, rows)
    except OSError as exc:
        raise ValidationError(translate("setup", "The problem list could not be saved as {name} ({strerror}); choose another folder.").format(name=Path(path).name, strerror=exc.strerror), field="file") from exc  # fmt: skip


def preview_import(uow: UnitOfWork, kind: ImportKind, path: Path) -> ImportPreview:
    """Read and check the whole file without writing; every problem with its row and column."""
    require_now(uow, Permission.IMPORT)
    return _parse(uow, ImportKind(kind), Path(path))[0]


def apply_import(uow: UnitOfWork, kind: ImportKind, path: Path) -> ImportResult:
    """Write every row in this one transaction — or nothing, when any row has a problem."""
    require_now(uow, Permission.IMPORT)
    kind, path = ImportKind(kind), Path(path)
    preview, drafts = _parse(uow, kind, path)
    if not preview.ok:
        first = preview.errors[0].text() if preview.errors else translate("setup", "no rows")
        raise ValidationError(translate("setup", "{name} has {count} problem(s), so nothing was imported. {first}").format(name=path.name, count=len(preview.errors), first=first), field="file")  # fmt: skip
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
    said = translate("setup", IMPORTED[kind]).format(count=len(ids), name=path.name)
    return ImportResult(kind, len(ids), said, changes)
