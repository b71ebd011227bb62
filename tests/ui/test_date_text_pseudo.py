"""A date field under the pseudo-translation: the refusal it shows, and the names a screen
reader announces for its calendar button and its problem line, are wrapped "[!! … !!]" — they
went through the catalogue, like the rest of the window's sentences."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app import i18n
from app.ui.dates import date_field
from app.ui.i18n import install_translator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from pseudo_translate import make_pseudo  # noqa: E402


@pytest.fixture
def pseudo(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    make_pseudo(tmp_path)
    os.environ["FRONTDESK_LANG"] = "pseudo"
    assert install_translator("en_AU", "AUD", folder=tmp_path) == "pseudo"
    yield
    os.environ.pop("FRONTDESK_LANG", None)
    install_translator(None, None)
    i18n.set_translator(None)
    i18n.use_practice(None, None)


def test_a_date_typed_that_does_not_read_is_refused_through_the_catalogue(
    qtbot: Any, pseudo: None
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    field = date_field(
        parent, date(2026, 4, 1), "Date received", now=lambda: datetime(2026, 4, 1, 10, 0)
    )
    parent.show()
    field.line.setText("31/6/2026")
    assert not field.commit()
    said = field.error_text()
    assert said.startswith("[!! “31/6/2026”: there is no day 31") and said.endswith(" !!]")
    assert field.error_label.text() == said and field.error_label.isVisible()
    assert field.calendar_button.accessibleName() == "[!! Date received: choose on a calendar !!]"
    assert field.error_label.accessibleName() == "[!! Date received: problem !!]"
