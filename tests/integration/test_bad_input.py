"""Bad input is a sentence and stores nothing: dates out of range, hidden characters, huge
amounts, counts and record numbers, wide CSV files, export targets, a foreign SQLite file —
through the services and through the real command line."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bootstrap import NotAPracticeError, prepare_database
from app.errors import ValidationError
from app.models import Cancellation, CancellationReason, Client, Service, Session
from app.models.enums import BookingStatus, CancelledBy, ChargeKind, ThresholdUnit
from app.paths import AppPaths
from app.services.audit.key import KEY_FILE
from app.services.bulk import plan as bulk
from app.services.desk import open_desk
from app.services.outbox import OutboxFilter, list_outbox
from app.services.reports import ReportFilters, cancellation_report
from app.services.reports.audit_log import AuditExport, AuditFilter, write_audit_csv
from app.services.reports.extraction import extract_sds
from app.services.reports.ical import write_ics
from app.services.sessions.cancel import cancel
from app.services.sessions.common import load_session
from app.services.setup.catalogue import ServiceDraft, save_service
from app.services.setup.clients import ClientDraft, save_client
from app.services.setup.csv_import import preview_import
from app.services.setup.csv_rows import ImportKind
from app.services.setup.reasons import ReasonDraft, save_reason
from app.services.setup.sessions import SessionDraft, create_sessions
from tests.conftest import FakeClock
from tests.factory import SYD, World, local
from tests.integration.test_cli import run, signed_in

NOW = local(2026, 4, 1, 9)
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "gpj.exe" shows as "exe.jpg"


@pytest.fixture
def world(tmp_path: Path, clock: FakeClock) -> Iterator[World]:
    url = f"sqlite:///{tmp_path / 'db' / 'frontdesk.sqlite3'}"
    context = prepare_database(url, AppPaths(tmp_path / "data").ensure(), clock)
    open_desk(context.db)
    clock.set(NOW)
    yield World(context, clock)
    context.close()


def _count(world: World, model: type) -> int:
    return int(world.read(lambda uow: uow.session.scalar(select(func.count(model.id)))))


def _refused(world: World, fn, match: str):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=match) as caught:
        world.run(world.admin, fn)
    return caught.value


# -- dates -------------------------------------------------------------------------------------


def test_a_session_in_year_9999_or_0001_or_without_a_zone_is_a_sentence_and_not_booked(
    world: World,
) -> None:
    w, svc = world.worker(days=range(7)), world.service()
    before = _count(world, Session)
    for start in (datetime(9999, 12, 31, 9, tzinfo=SYD), datetime(1, 1, 1, 9, tzinfo=SYD)):
        err = _refused(
            world,
            lambda uow, s=start: create_sessions(uow, SessionDraft(w, svc, s, 60)),
            "outside the years FrontDesk works with \\(1900–2100\\)",
        )
        assert err.field == "start"
    _refused(
        world,
        lambda uow: create_sessions(uow, SessionDraft(w, svc, datetime(2026, 5, 4, 9), 60)),
        "has no time zone",
    )
    assert _count(world, Session) == before


def test_report_extraction_calendar_and_bulk_ranges_out_of_years_are_sentences(
    world: World, tmp_path: Path
) -> None:
    ancient, far = date(1, 1, 1), date(9999, 12, 31)
    _refused(
        world,
        lambda uow: cancellation_report(uow, ReportFilters(ancient, date(2026, 1, 31))),
        "start date 0001-01-01 is outside the years",
    )
    out = tmp_path / "claim.csv"
    _refused(world, lambda uow: extract_sds(uow, ancient, ancient, out), "outside the years")
    _refused(world, lambda uow: write_ics(uow, far, far, tmp_path / "x.ics"), "9999-12-31")
    _refused(world, lambda uow: bulk.plan_bulk_cancel(uow, ancient, far), "outside the years")
    assert not out.exists() and not (tmp_path / "x.ics").exists()


# -- text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["Ann\x00a", f"Ann{RLO}a", "Ann\u2066a", "Ann\x1ba"])
def test_nul_control_and_bidi_characters_in_names_and_notes_are_refused_naming_the_field(
    world: World, bad: str
) -> None:
    before = _count(world, Client)
    err = _refused(
        world, lambda uow: save_client(uow, None, ClientDraft(bad, "Lee")), "first name contains"
    )
    assert err.field == "first_name" and "hidden control character (U+" in err.message
    _refused(
        world,
        lambda uow: save_client(uow, None, ClientDraft("Ann", "Lee", notes=f"call {bad}")),
        "The note contains a hidden control character",
    )
    _refused(
        world,
        lambda uow: save_service(uow, None, ServiceDraft(f"X{bad}", "Massage", "90.00")),
        "service code contains",
    )
    assert _count(world, Client) == before


def test_a_cancellation_note_with_a_bidi_override_cancels_nothing(world: World) -> None:
    w, svc, c = world.worker(days=range(7)), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 10), [c])
    req = world.client_request(
        sid, [c], world.reasons(CancelledBy.CLIENT)[0], NOW, note=f"sick{RLO}"
    )
    _refused(world, lambda uow: cancel(uow, req), "note contains a hidden control character")
    assert _count(world, Cancellation) == 0
    status = world.read(lambda uow: uow.session.get(Session, sid).bookings[0].status)
    assert status == BookingStatus.BOOKED


def test_a_user_s_full_name_with_a_bidi_override_is_refused(world: World) -> None:
    from app.models import User
    from app.models.enums import Role
    from app.services.users import create_user

    before = _count(world, User)
    _refused(
        world,
        lambda uow: create_user(uow, "sam", f"Sam{RLO} Admin", Role.RECEPTION, "long-passphrase-9"),
        "full name contains a hidden control character",
    )
    assert _count(world, User) == before


# -- money, counts and record numbers -----------------------------------------------------------


def test_prices_and_fixed_fees_over_100000_dollars_are_refused(world: World) -> None:
    services, reasons = _count(world, Service), _count(world, CancellationReason)
    _refused(
        world,
        lambda uow: save_service(uow, None, ServiceDraft("BIG", "Big", "$100,000.01")),
        "more than FrontDesk accepts for one amount",
    )
    assert world.run(
        world.admin, lambda uow: save_service(uow, None, ServiceDraft("TOP", "Top", "100000"))
    )
    fee = ReasonDraft(
        "Late", profile="private", threshold_value=24, threshold_unit=ThresholdUnit.HOURS,
        charge_kind=ChargeKind.FIXED, fixed_fee="250000.00",
    )  # fmt: skip
    err = _refused(world, lambda uow: save_reason(uow, None, fee), "fixed fee is more than")
    assert err.field == "fixed_fee"
    assert (_count(world, Service), _count(world, CancellationReason)) == (services + 1, reasons)


@pytest.mark.parametrize("limit", [-5, 0, 10**20])
def test_a_list_limit_out_of_range_is_a_sentence(world: World, limit: int) -> None:
    _refused(
        world,
        lambda uow: list_outbox(uow, OutboxFilter("pending"), limit),
        "limit must be between 1 and 100,000",
    )


@pytest.mark.parametrize("number", [2**63, 2**31, 0, -1])
def test_a_session_number_no_database_holds_is_a_sentence(world: World, number: int) -> None:
    _refused(world, lambda uow: load_session(uow, number), f"no session numbered {number}")


# -- CSV import ----------------------------------------------------------------------------------


def test_a_csv_with_200000_columns_is_refused_at_once(world: World, tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(200_000)) + "\n" + "x," * 199_999 + "x\n")
    refusing = _fastest(
        lambda: _refused(
            world, lambda uow: preview_import(uow, ImportKind.CLIENTS, wide), "too many columns"
        )
    )
    with wide.open(newline="") as f:
        header = next(csv.reader(f))
    walking = _fastest(lambda: {name: i for i, name in enumerate(header)})
    # Refused on the header row alone: a small multiple of one pass over its 200,000 names
    # (a check per column per row would be thousands of passes), on a loaded machine too.
    assert refusing < 200 * walking + 0.05


def test_the_header_check_is_linear_for_a_wide_file_within_the_column_limit(
    world: World, tmp_path: Path
) -> None:
    from app.services.setup.csv_import import _header_problems

    def header(n: int) -> list[str]:
        return ["first_name", "last_name"] + [f"x{i}" for i in range(n)] + ["x1"] * n

    small, large = header(2_000), header(20_000)
    problems = _header_problems(ImportKind.CLIENTS, large)
    assert any(
        p.message.startswith("This column appears twice") and p.column == "x1" for p in problems
    )
    # Ten times the columns: about ten times the work when linear, a hundred when quadratic
    # (20,000 columns took 4 s when it was). The fastest of a few runs each, so load evens out.
    ratio = _fastest(lambda: _header_problems(ImportKind.CLIENTS, large)) / _fastest(
        lambda: _header_problems(ImportKind.CLIENTS, small)
    )
    assert ratio < 35, f"10x the columns took {ratio:.0f}x as long"


def _fastest(work: Callable[[], object], runs: int = 3) -> float:
    """The shortest of a few timed runs of `work`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def test_an_imported_cell_with_a_hidden_character_is_a_problem_and_nothing_is_imported(
    world: World, tmp_path: Path
) -> None:
    from app.services.setup.csv_import import apply_import

    path = tmp_path / "clients.csv"
    path.write_text(f"first_name,last_name\nAnn,Lee\nBo,Ng{RLO}\n", encoding="utf-8")
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, path))
    assert [(p.row, p.column) for p in preview.errors] == [(3, "last_name")]
    assert "hidden control character (U+202E)" in preview.errors[0].message
    before = _count(world, Client)
    _refused(world, lambda uow: apply_import(uow, ImportKind.CLIENTS, path), "problem")
    assert _count(world, Client) == before


# -- exports -------------------------------------------------------------------------------------


def test_exports_do_not_create_folders_or_replace_what_is_not_an_ordinary_file(
    world: World, tmp_path: Path
) -> None:
    first, last = date(2026, 4, 1), date(2026, 4, 30)
    missing = tmp_path / "no-such-folder" / "week.ics"
    _refused(world, lambda uow: write_ics(uow, first, last, missing), "does not exist")
    assert not missing.parent.exists()
    folder = tmp_path / "a-folder.ics"
    folder.mkdir()
    _refused(world, lambda uow: write_ics(uow, first, last, folder), "is a folder")
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    export = AuditExport(AuditFilter())
    _refused(world, lambda uow: write_audit_csv(uow, export, pipe), "is a pipe")
    link = tmp_path / "link.ics"
    link.symlink_to(tmp_path / "elsewhere.ics")
    _refused(world, lambda uow: write_ics(uow, first, last, link), "link")
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and link.is_symlink() and folder.is_dir()
    assert not (tmp_path / "elsewhere.ics").exists()
    ordinary = tmp_path / "week.ics"
    ordinary.write_text("old")
    assert world.read(lambda uow: write_ics(uow, first, last, ordinary)) == 0
    assert ordinary.read_bytes().startswith(b"BEGIN:VCALENDAR")


# -- a SQLite file that is not a practice --------------------------------------------------------


def test_a_sqlite_file_of_another_program_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    other = tmp_path / "recipes.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    conn.commit()
    conn.close()
    data = AppPaths(tmp_path / "data").ensure()
    with pytest.raises(NotAPracticeError, match="is not a FrontDesk practice.*recipes"):
        prepare_database(f"sqlite:///{other}", data, FakeClock(NOW))
    conn = sqlite3.connect(other)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    assert tables == ["recipes"]


# -- the real command line -----------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, demo_template: Path) -> Path:
    """A data folder holding a copy of the demo practice (users' passwords are their names)."""
    folder = tmp_path / "cli-data"
    folder.mkdir()
    shutil.copyfile(demo_template, folder / "frontdesk.sqlite3")
    shutil.copyfile(demo_template.with_name(KEY_FILE), folder / KEY_FILE)
    return folder


def _one_sentence(out, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and expected in out.stderr, out.stderr
    assert len([line for line in out.stderr.splitlines() if "error" in line.lower() or
                line.startswith("frontdesk:")]) == 1  # fmt: skip


def test_cli_arguments_out_of_range_are_one_sentence_and_exit_2(data_dir: Path) -> None:
    manager = signed_in("manager")
    cases = [
        (("export", "ics", "--from", "0001-01-01", "--to", "0001-01-31", "--out", "x.ics"),
         "outside the years FrontDesk works with (1900–2100)"),
        (("bulk-cancel", "--from", "9999-01-01", "--to", "9999-01-02", "--reason", "x",
          "--csv", "x.csv"), "The date 9999-01-01 is outside the years"),
        (("outbox", "list", "--limit", "99999999999999999999"), "between 1 and 100,000"),
        (("outbox", "list", "--limit", "-5"), "between 1 and 100,000"),
        (("export", "audit", "--record", str(2**63), "--csv", "x.csv"),
         f"There is no record numbered {2**63}"),
    ]  # fmt: skip
    for args, expected in cases:
        _one_sentence(run(*args, data=data_dir, env=manager), expected)
    assert not any(data_dir.glob("x.*"))


def test_cli_exports_refuse_a_device_and_a_missing_folder(data_dir: Path, tmp_path: Path) -> None:
    manager = signed_in("manager")
    device = run(
        "export", "ics", "--from", "2026-04-01", "--to", "2026-04-07", "--out", "/dev/full",
        data=data_dir, env=manager,
    )  # fmt: skip
    _one_sentence(device, "/dev/full is a device, not an ordinary file")
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)
    missing = tmp_path / "reports" / "april.csv"
    report = run(
        "report", "cancellations", "--from", "2026-04-01", "--to", "2026-04-30",
        "--csv", str(missing), data=data_dir, env=manager,
    )  # fmt: skip
    _one_sentence(report, "does not exist; choose an existing folder")
    assert not missing.parent.exists()


def test_cli_on_a_sqlite_file_of_another_program_is_one_sentence(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    out = run("--db", f"sqlite:///{other}", "db", "current", data=tmp_path / "d")
    _one_sentence(out, "is not a FrontDesk practice")
    conn = sqlite3.connect(other)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
    conn.close()
