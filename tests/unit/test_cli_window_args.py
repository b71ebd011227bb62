"""`frontdesk` with only the window's options opens the window without building every command."""

from __future__ import annotations

import pytest

from app import cli


def test_the_window_options_are_read_without_the_command_parser() -> None:
    args = cli._window_args(["--data-dir", "/srv/desk", "--db", "sqlite:///x.sqlite3"])
    assert args is not None
    assert (args.command, args.data_dir, args.db, args.demo_if_empty) == (
        None,
        "/srv/desk",
        "sqlite:///x.sqlite3",
        False,
    )
    assert cli._window_args([]) is not None


@pytest.mark.parametrize(
    "argv", [["db", "current"], ["--data-dir", "d", "audit", "verify"], ["--help"], ["--bogus"]]
)
def test_a_command_help_or_an_unknown_option_goes_to_the_full_parser(argv: list[str]) -> None:
    assert cli._window_args(argv) is None


def test_a_command_still_runs_through_main(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["--data-dir", str(tmp_path), "db", "current"]) == 0
    assert "schema" in capsys.readouterr().out
