"""The practice's day and month names are kept at close, so the next start paints without babel."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app import i18n
from app.ui.start import day_names


def test_names_kept_at_close_are_used_by_the_next_start_without_loading_babel(
    qapp, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    day_names.keep("fr_FR")
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QCoreApplication, QSettings
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          {str(tmp_path / "qsettings")!r})
        app = QCoreApplication([])
        QCoreApplication.setOrganizationName({names[0]!r})
        QCoreApplication.setApplicationName({names[1]!r})
        from app import i18n
        from app.ui.start import day_names
        assert day_names.recall("fr_FR")
        from datetime import date
        print("TEXT", i18n.when_text(date(2026, 4, 1), "%a %d %B", "fr_FR"))
        print("BABEL", any(m.split(".")[0] == "babel" for m in sys.modules))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    from datetime import date

    assert f"TEXT {i18n.when_text(date(2026, 4, 1), '%a %d %B', 'fr_FR')}" in done.stdout
    assert "BABEL False" in done.stdout


def test_names_kept_under_another_babel_are_read_afresh(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    day_names.keep("de_DE")
    monkeypatch.setattr(day_names, "_stamp", lambda _locale: "another babel")
    assert not day_names.recall("de_DE")
    monkeypatch.setattr(i18n, "_kept_names", {})
    assert not i18n.keep_names("de_DE", {"a": ["Mo"]})  # not a full set: babel's are used
    assert "de_DE" not in i18n._kept_names
