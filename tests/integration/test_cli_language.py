"""The command line speaks the practice's language: its catalogue's sentences and its formats,
as the window does (app/cli_context.py), without a window."""

from __future__ import annotations

import io
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli, i18n, number_text
from tests.conftest import KEY_FILE

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from translations import lrelease  # noqa: E402

REFUSAL = "This database already has sessions; the demo practice needs an empty one."
FRENCH = "Cette base contient déjà des séances ; la pratique de démonstration en veut une vide."


def french_catalogue(folder: Path) -> Path:
    """A one-sentence French catalogue, built as `make translations` builds the real ones."""
    ts = folder / "frontdesk_fr.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="fr_FR"><context><name>demo</name>'
        f"<message><source>{REFUSAL}</source><translation>{FRENCH}</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    lrelease(ts, folder / "frontdesk_fr.qm")
    return folder


@pytest.fixture
def french_practice(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(demo_template, data / "frontdesk.sqlite3")
    shutil.copyfile(demo_template.with_name(KEY_FILE), data / KEY_FILE)
    with sqlite3.connect(data / "frontdesk.sqlite3") as db:
        db.execute("UPDATE practice_settings SET locale = 'fr_FR', currency = 'EUR'")
    (tmp_path / "translations").mkdir()
    folder = french_catalogue(tmp_path / "translations")
    monkeypatch.setattr("app.ui.i18n.translations_dir", lambda: folder)
    monkeypatch.delenv("FRONTDESK_LANG", raising=False)
    monkeypatch.setenv("FRONTDESK_USER", "admin")
    monkeypatch.setenv("FRONTDESK_PASSWORD", "admin")
    monkeypatch.setattr("sys.stdin", io.StringIO())
    yield data
    i18n.set_translator(None)
    i18n.use_practice(None, None)


def test_a_refusal_at_the_command_line_is_in_the_practice_language(
    french_practice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data-dir", str(french_practice), "demo"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"frontdesk: {FRENCH}"
    assert i18n.practice_locale() == "fr_FR" and number_text.money(150) == "1,50\xa0€"


def test_an_english_practice_loads_no_catalogue(
    french_practice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(french_practice / "frontdesk.sqlite3") as db:
        db.execute("UPDATE practice_settings SET locale = 'en_GB', currency = 'GBP'")
    assert cli.main(["--data-dir", str(french_practice), "demo"]) == 2
    assert capsys.readouterr().err.strip() == f"frontdesk: {REFUSAL}"
    assert number_text.money(150) == "£1.50"
