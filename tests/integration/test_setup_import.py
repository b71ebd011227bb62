"""CSV import: clients, workers and sessions; a bad file is rejected whole, with rows and columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import PermissionDeniedError, ValidationError
from app.models import AuditEvent, Client, Session, Worker
from app.models.enums import Funding, NdisManagement, SessionKind
from app.services.setup.csv_import import ImportKind, ImportProblem, apply_import, preview_import
from app.services.setup.workers import list_workers
from tests.factory import SYD, World

CLIENTS = """first_name,last_name,email,phone,consent,funding,ndis_number,ndis_plan,notes
Olivia,Smith,olivia@example.com,0412 345 678,yes,ndis,430123456,plan,Prefers mornings
Noah,Brown,,,no,private,,,
"""
WORKERS = """name,skills,colour,hours
Dr Maya Chen,physio,#4a90d9,Mon-Fri 08:00-17:00
Sam Carer,support,,Mon 09:00-12:00; Wed-Thu 13:00-18:00
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _count(world: World, model: type) -> int:
    return int(world.read(lambda uow: uow.session.scalar(select(func.count()).select_from(model))))


def test_clients_workers_then_sessions_import_in_one_transaction_each(
    world: World, tmp_path: Path
) -> None:
    clients = world.run(world.manager, lambda uow: apply_import(
        uow, ImportKind.CLIENTS, _write(tmp_path, "c.csv", "\ufeff" + CLIENTS)))  # fmt: skip
    assert clients.count == 2 and clients.message == "Imported 2 clients from c.csv."
    world.run(world.manager, lambda uow: apply_import(uow, ImportKind.WORKERS,
                                                       _write(tmp_path, "w.csv", WORKERS)))  # fmt: skip
    sam = next(w for w in world.read(list_workers) if w.draft.name == "Sam Carer")
    assert sam.hours_text == "Mon 09:00–12:00; Wed–Thu 13:00–18:00"
    svc = world.service("PHYSIO")
    sessions = _write(tmp_path, "s.csv", (
        "date,start,minutes,worker,service,clients\n"
        "2026-04-13,09:00,45,Dr Maya Chen,PHYSIO,Olivia Smith\n"
        "14/04/2026,10:30,,dr maya chen,PHYSIO,430123456; Noah Brown\n"
    ))  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.SESSIONS, sessions))
    assert preview.ok and [n for n, _cells in preview.rows] == [2, 3]
    result = world.run(world.manager, lambda uow: apply_import(uow, ImportKind.SESSIONS, sessions))
    rows = world.read(lambda uow: [(s.starts_at.astimezone(SYD), s.ends_at - s.starts_at, s.kind,
                                    s.capacity, s.service_id, len(s.bookings))
                                   for s in uow.session.scalars(select(Session).order_by(Session.id))])  # fmt: skip
    assert [f"{r[0]:%d/%m %H:%M}" for r in rows] == ["13/04 09:00", "14/04 10:30"]
    assert rows[1][2:] == (SessionKind.GROUP, 2, svc, 2) and result.count == 2
    olivia = world.read(
        lambda uow: uow.session.scalar(select(Client).where(Client.first_name == "Olivia"))
    )
    assert (
        olivia is not None and olivia.funding is Funding.NDIS and olivia.ndis_number == "430123456"
    )
    assert olivia.ndis_management == NdisManagement.PLAN  # invoiced to her plan manager
    actions = world.read(lambda uow: set(uow.session.scalars(select(AuditEvent.action))))
    assert {"import.clients", "import.workers", "import.sessions", "client.create"} <= actions


def test_a_bad_file_is_rejected_whole_naming_each_row_and_column(
    world: World, tmp_path: Path
) -> None:
    bad = _write(tmp_path, "bad.csv", (
        "first_name,last_name,email,funding,ndis_number\n"
        "Ann,Lee,ann@example.com,private,\n"
        "Ben,,ben@example.com,private,\n"
        "Cat,Moss,cat-at-home,ndis,430123456\n"
        "Dan,Ng,,medicare,\n"
        "Ann,Lee,ann@example.com,private,\n"
    ))  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, bad))
    assert not preview.ok
    assert preview.errors == (
        ImportProblem(3, "last_name", "Enter the last name."),
        ImportProblem(
            4, "email", "“cat-at-home” is not an e-mail address; type it like name@example.com.",
            "cat-at-home",
        ),
        ImportProblem(5, "funding", "“medicare” is not one of ndis, private, insurance; write one "
                                    "of them.", "medicare"),
        ImportProblem(6, "first_name", "The same record appears earlier (row 2) in this file; "
                                       "delete one of the two rows.", "Ann"),
    )  # fmt: skip
    assert preview.rows_with_problems == 4
    with pytest.raises(ValidationError) as refused:
        world.run(world.manager, lambda uow: apply_import(uow, ImportKind.CLIENTS, bad))
    assert "4 problem(s), so nothing was imported. Row 3, column last_name" in refused.value.message
    assert _count(world, Client) == 0


def test_header_problems_are_reported_on_row_one(world: World, tmp_path: Path) -> None:
    path = _write(tmp_path, "h.csv", "name,colour,shoe_size\nMaya,#000000,9\n")
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, path))
    assert [(p.row, p.column) for p in preview.errors] == [
        (1, "name"), (1, "colour"), (1, "shoe_size"), (1, "first_name"), (1, "last_name"),
    ]  # fmt: skip
    assert _count(world, Worker) == 0


def test_session_rows_name_what_they_refer_to_and_the_past_is_refused(
    world: World, tmp_path: Path
) -> None:
    world.worker()
    world.service("PHYSIO")
    path = _write(tmp_path, "s.csv", (
        "date,start,worker,service,clients,location\n"
        "2026-03-02,09:00,Dr Maya Chen,PHYSIO,,\n"
        "2026-04-13,25:00,Nobody,NOPE,Zed Zee,Attic\n"
    ))  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.SESSIONS, path))
    assert [(p.row, p.column) for p in preview.errors] == [
        (2, "date"), (3, "start"), (3, "worker"), (3, "service"), (3, "location"), (3, "clients"),
    ]  # fmt: skip
    assert "import workers first" in preview.errors[2].message


def test_unreadable_files_and_reception_are_refused(world: World, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("first_name,last_name\nJos\xe9,P\n".encode("latin-1"))
    with pytest.raises(ValidationError, match="not UTF-8 text"):
        world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, latin))
    with pytest.raises(ValidationError, match="is empty"):
        world.read(
            lambda uow: preview_import(uow, ImportKind.CLIENTS, _write(tmp_path, "e.csv", ""))
        )
    with pytest.raises(PermissionDeniedError, match="cannot import from CSV"):
        world.run(world.reception, lambda uow: apply_import(uow, ImportKind.CLIENTS, latin))


def test_every_problem_of_every_row_is_listed_at_once_and_nothing_is_imported(
    world: World, tmp_path: Path
) -> None:
    bad = _write(tmp_path, "three.csv", (
        "first_name,last_name,email,phone,consent,funding,ndis_number\n"
        "Ann,Lee,ann@example.com,,yes,private,\n"
        ",,not-an-email,,maybe,ndis,\n"
        "Cat,,cat@,,,medicare,12\n"
        "Dan,Ng,dan@example.com,,perhaps,ndis,999\n"
    ))  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, bad))
    got = [(p.row, p.column, p.value) for p in preview.errors]
    assert got == [
        (3, "consent", "maybe"),
        (3, "first_name", ""), (3, "last_name", ""), (3, "email", "not-an-email"),
        (3, "ndis_number", ""),
        (4, "funding", "medicare"), (4, "last_name", ""), (4, "email", "cat@"),
        (4, "ndis_number", "12"),
        (5, "consent", "perhaps"), (5, "ndis_number", "999"),
    ]  # fmt: skip
    assert preview.rows_with_problems == 3 and not preview.ok
    assert all(p.message.endswith(".") for p in preview.errors)
    with pytest.raises(ValidationError, match="11 problem"):
        world.run(world.manager, lambda uow: apply_import(uow, ImportKind.CLIENTS, bad))
    assert _count(world, Client) == 0


def test_a_worker_row_lists_each_unreadable_part_of_its_hours_and_its_other_cells(
    world: World, tmp_path: Path
) -> None:
    bad = _write(tmp_path, "w.csv", (
        "name,email,colour,hours\n"
        ",maya@,blue,Mon-Fri 08:00-17:00; Someday 9-5; Sat 09:00-12:00; noon\n"
    ))  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.WORKERS, bad))
    assert [(p.column, p.value) for p in preview.errors] == [
        ("hours", "Mon-Fri 08:00-17:00; Someday 9-5; Sat 09:00-12:00; noon"),
        ("hours", "Mon-Fri 08:00-17:00; Someday 9-5; Sat 09:00-12:00; noon"),
        ("name", ""), ("email", "maya@"), ("colour", "blue"),
    ]  # fmt: skip
    assert "“Someday 9-5”" in preview.errors[0].message and "“noon”" in preview.errors[1].message


def test_an_unknown_column_still_lets_the_rows_be_checked(world: World, tmp_path: Path) -> None:
    path = _write(tmp_path, "u.csv", "first_name,last_name,shoe_size\nAnn,,9\n")
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, path))
    assert [(p.row, p.column) for p in preview.errors] == [(1, "shoe_size"), (2, "last_name")]


def test_a_session_row_with_a_bad_date_still_has_its_other_cells_checked(
    world: World, tmp_path: Path
) -> None:
    world.worker()
    world.service("PHYSIO")
    path = _write(tmp_path, "s.csv", (
        "date,start,minutes,worker,service,kind,capacity\n"
        "2026-13-40,09:00,abc,Dr Maya Chen,PHYSIO,individual,3\n"
    ))  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.SESSIONS, path))
    assert [(p.column, p.value) for p in preview.errors] == [
        ("date", "2026-13-40"), ("minutes", "abc"), ("capacity", "3"),
    ]  # fmt: skip
    assert "one place" in preview.errors[2].message


def test_a_plan_manager_the_import_does_not_know_is_refused_with_the_choices(
    world: World, tmp_path: Path
) -> None:
    path = _write(tmp_path, "c.csv", (
        "first_name,last_name,funding,ndis_number,ndis_plan\n"
        "Ivy,Green,ndis,430123457,NDIA\n"
    ))  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, path))
    assert not preview.ok
    assert "“NDIA” is not one of agency, plan, self; write one of them." in str(preview.errors)


def test_a_plan_managers_name_and_email_come_in_and_a_wrong_email_is_refused(
    world: World, tmp_path: Path
) -> None:
    """The plan manager of a plan-managed participant is imported; a wrong address is refused
    in its own column, and nothing is imported while a row is refused."""
    head = "first_name,last_name,funding,ndis_number,ndis_plan,plan_manager,plan_manager_email\n"
    bad = _write(tmp_path, "bad.csv", head + "Ivy,Green,ndis,430123457,plan,Harbour Plan Partners,"
                 "invoices at hpp\n")  # fmt: skip
    preview = world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, bad))
    assert not preview.ok
    assert "“invoices at hpp” is not an e-mail address" in str(preview.errors)
    good = _write(tmp_path, "good.csv", head + "Ivy,Green,ndis,430123457,plan,Harbour Plan "
                  "Partners,invoices@harbourplan.example\n")  # fmt: skip
    assert world.read(lambda uow: preview_import(uow, ImportKind.CLIENTS, good)).ok
    world.run(world.manager, lambda uow: apply_import(uow, ImportKind.CLIENTS, good))
    ivy = world.read(lambda uow: uow.session.scalars(
        select(Client).where(Client.last_name == "Green")).one())  # fmt: skip
    assert (ivy.plan_manager, ivy.plan_manager_email) == (
        "Harbour Plan Partners", "invoices@harbourplan.example")  # fmt: skip
