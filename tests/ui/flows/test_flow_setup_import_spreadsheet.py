"""Practice ▸ Import from CSV… with the file a spreadsheet saves: a spreadsheet set to a decimal
comma puts semicolons between the cells, a header typed by hand reads "First name", and the empty
columns beside the table come out as trailing commas. Each is read as the columns it names and
imported, not refused as unknown columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client
from tests.ui.flows import data
from tests.ui.flows.driver import press
from tests.ui.flows.test_flow_setup_client_identity import _import_clients

FILES = {
    "semicolons": (
        "first_name;last_name;email;phone;notes\n"
        'Élodie;Marchand;elodie@example.fr;0412 000 333;"Mornings; never Fridays"\n'
        "Jonas;Keller;;;\n"
    ),
    "header typed by hand": (
        "First name,Last Name,E-mail address,Phone,Notes\n"
        'Élodie,Marchand,,0412 000 333,"Mornings; never Fridays"\n'
        "Jonas,Keller,,,\n"
    ),
    "empty columns beside the table": (
        "first_name,last_name,phone,notes,,\n"
        "Élodie,Marchand,0412 000 333,Mornings; never Fridays,,\n"
        "Jonas,Keller,,,,\n"
        ",,,,,\n"
    ),
}


@pytest.mark.parametrize("kind", list(FILES))
def test_a_spreadsheets_csv_is_imported_as_the_columns_it_names(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path, kind: str
) -> None:
    text = FILES[kind]
    if kind == "header typed by hand":  # "E-mail address" is not a column: said, nothing imported
        bad = tmp_path / "bad.csv"
        bad.write_text(text, encoding="utf-8")
        text = text.replace("E-mail address", "Email")
    else:
        bad = None
    path = tmp_path / "clients.csv"
    path.write_text(text, encoding="utf-8")
    window = open_window(demo_ctx, "manager")
    if bad is not None:
        dialog, said = _import_clients(qtbot, window, bad)
        assert len(said) == 1 and said[0].startswith("1: Unknown column; rename it to one of")
        dialog.close()
    dialog, said = _import_clients(qtbot, window, path)
    assert said == []
    press(dialog, "Import")
    dialog.close()
    imported = data.read(demo_ctx, lambda orm: [
        (c.first_name, c.last_name, c.phone, c.notes) for c in orm.scalars(
            select(Client).where(Client.last_name.in_(("Marchand", "Keller"))).order_by(Client.id))
    ])  # fmt: skip
    assert imported == [
        ("Élodie", "Marchand", "0412 000 333", "Mornings; never Fridays"),
        ("Jonas", "Keller", None, ""),
    ]
