"""ARCHITECTURE rule 1: ui → services → models, and nothing imports the other way."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _breaches(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((APP / folder).rglob("*.py")):
        for module in _imports(path):
            if module.split(".")[0] in forbidden or module.startswith(forbidden):
                out.append(f"{path.relative_to(APP.parent)} imports {module}")
    return out


def test_models_import_neither_qt_nor_services_nor_ui() -> None:
    assert _breaches("models", ("PySide6", "app.services", "app.ui", "app.db")) == []


def test_services_never_import_qt_or_ui() -> None:
    assert _breaches("services", ("PySide6", "app.ui")) == []


def test_ui_never_imports_sqlalchemy() -> None:
    assert _breaches("ui", ("sqlalchemy", "alembic")) == []


def test_the_check_itself_sees_imports() -> None:
    assert "PySide6.QtWidgets" in _imports(APP / "ui" / "main_window.py")
