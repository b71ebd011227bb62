"""UI tests run offscreen with QSettings in the test's folder; the translation tests share the
pseudo-translation's catalogue and a way back to English."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app import i18n
from app.ui.i18n import install_translator


@pytest.fixture(autouse=True)
def _qt_settings(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    QSettings().clear()


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["frontdesk-tests"]


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """Whatever a test installs, the next starts in English on en_AU and AUD."""
    yield
    os.environ.pop("FRONTDESK_LANG", None)
    install_translator(None, None)  # the shipped en_AU catalogue: English as written
    i18n.set_translator(None)
    i18n.use_practice(None, None)


@pytest.fixture(scope="session")
def pseudo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pseudo-translation's catalogue, collected afresh from app/: every sentence "[!! … !!]"."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    from pseudo_translate import make_pseudo

    folder = tmp_path_factory.mktemp("pseudo")
    make_pseudo(folder)
    return folder
