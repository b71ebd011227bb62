"""Command-line conventions: --db and --data-dir before or after the command, help for every
option, one spelling (`--as`) for acting as a user, and an unknown --reason that lists the
valid ones."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from app import cli, logs
from app.cli_types import OldName
from app.services.audit.key import KEY_FILE
from tests.integration.test_cli import run


def every_parser() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    top = cli._parser()
    yield "frontdesk", top
    stack = [("frontdesk", top)]
    while stack:
        name, parser = stack.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, child in action.choices.items():
                    stack.append((f"{name} {sub_name}", child))
                    yield f"{name} {sub_name}", child


def test_every_option_and_command_has_help_text() -> None:
    missing: list[str] = []
    hidden: list[str] = []
    for name, parser in every_parser():
        for action in parser._actions:
            what = f"{name} {'/'.join(action.option_strings) or action.dest}"
            if action.help == argparse.SUPPRESS:
                if not isinstance(action, OldName):  # only an old spelling may hide
                    hidden.append(what)
                continue
            if not (action.help or "").strip():
                missing.append(what)
            if isinstance(action, argparse._SubParsersAction):
                missing += [
                    f"{name} {choice.dest}"
                    for choice in action._choices_actions
                    if not (choice.help or "").strip()
                ]
    assert missing == [] and hidden == []


def test_the_walk_sees_the_nested_commands() -> None:
    names = {name for name, _parser in every_parser()}
    assert {"frontdesk report cancellations", "frontdesk export audit", "frontdesk demo"} <= names


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "sqlite:///a.sqlite3", "--data-dir", "d", "demo"],
        ["demo", "--db", "sqlite:///a.sqlite3", "--data-dir", "d"],
        ["--data-dir", "d", "demo", "--db", "sqlite:///a.sqlite3"],
    ],
)
def test_the_data_options_go_before_or_after_the_command(argv: list[str]) -> None:
    args = cli._parser().parse_args(argv)
    assert (args.command, args.db, args.data_dir) == ("demo", "sqlite:///a.sqlite3", "d")


def test_an_option_after_a_nested_command_is_read_too() -> None:
    args = cli._parser().parse_args(
        ["report", "cancellations", "--from", "2026-03-01", "--to", "2026-03-31", "--db", "x://"]
    )
    assert (args.report_kind, args.db, args.data_dir) == ("cancellations", "x://", None)


def test_a_database_named_after_the_command_is_the_one_used(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.sqlite3"
    made = run("db", "upgrade", "--db", f"sqlite:///{target}", data=tmp_path / "data")
    assert made.returncode == 0, made.stderr
    assert target.exists() and not (tmp_path / "data" / "frontdesk.sqlite3").exists()
    current = run("db", "current", "--db", f"sqlite:///{target}", data=tmp_path / "data")
    assert current.returncode == 0 and str(target) in current.stdout


def test_acting_as_a_user_is_spelt_as_and_the_old_user_still_works_with_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    p = cli._parser()
    common = ["bulk-cancel", "--from", "2026-03-02", "--to", "2026-03-02",
              "--reason", "x", "--csv", "o.csv"]  # fmt: skip
    assert p.parse_args([*common, "--as", "admin"]).as_user == "admin"
    assert capsys.readouterr().err == ""
    assert p.parse_args([*common, "--user", "admin"]).as_user == "admin"
    assert "--user is now spelt --as" in capsys.readouterr().err
    # The audit export's filter is no longer "--user" (which read like signing in).
    aud = p.parse_args(["export", "audit", "--csv", "a.csv", "--by-user", "reception"])
    assert (aud.by_user, aud.as_user) == ("reception", None)
    old = p.parse_args(["export", "audit", "--csv", "a.csv", "--user", "reception"])
    assert (old.by_user, old.as_user) == ("reception", None)
    assert "--user is now spelt --by-user" in capsys.readouterr().err
    for name, parser in every_parser():
        shown = {
            s for a in parser._actions if a.help != argparse.SUPPRESS for s in a.option_strings
        }
        assert not shown & {"--user", "--actor", "--as-user"}, name


@pytest.fixture
def practice(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A data folder holding a copy of the demo practice; commands run as `admin`."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(demo_template, data / "frontdesk.sqlite3")
    shutil.copyfile(demo_template.with_name(KEY_FILE), data / KEY_FILE)
    monkeypatch.setenv("FRONTDESK_USER", "admin")
    monkeypatch.setenv("FRONTDESK_PASSWORD", "admin")
    try:
        yield data
    finally:
        logs.uninstall_hooks()
        logs.stop()


def refusal(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> str:
    assert cli.main([*argv, "--data-dir", str(data)]) == 2
    said = capsys.readouterr().err.strip()
    assert len(said.splitlines()) == 1 and "Traceback" not in said
    return said


def test_an_unknown_bulk_reason_lists_the_valid_ones(
    practice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    said = refusal(capsys, practice, "bulk-cancel", "--from", monday.isoformat(),
                   "--to", monday.isoformat(), "--reason", "flood",
                   "--csv", str(practice / "x.csv"))  # fmt: skip
    assert said.startswith("frontdesk: No cancellation reason called “flood”.")
    assert "practice_closure" in said and "worker_unwell" in said  # what a closure may use …
    assert "ndis_health" not in said  # … not a client's own reason


def test_an_unknown_report_reason_lists_the_valid_ones(
    practice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = refusal(capsys, practice, "report", "cancellations", "--from", "2026-03-01",
                   "--to", "2026-03-31", "--reason", "flood")  # fmt: skip
    assert said.startswith("frontdesk: No reason matches “flood”. The reasons are:")
    assert "practice_closure" in said and "ndis_health" in said
