"""The layers: ui → services → models, nothing imports the other way, and the window reaches the
database only through the services (the composition root in app/ui/start/ excepted)."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
# What the start path and composition (app/ui/start/) may use beyond the services.
COMPOSITION = ("app.bootstrap", "app.db", "app.paths", "app.migrations", "app.logs")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from app import i18n` imports the module app.i18n: counted as that module.
            found.update(
                f"{node.module}.{alias.name}"
                for alias in node.names
                if _is_module(f"{node.module}.{alias.name}")
            )
    return found


def _is_module(name: str) -> bool:
    """True for a module or package of the app's own (app.i18n, app.services)."""
    if not name.startswith("app."):
        return False
    path = APP.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _breaches(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((APP / folder).rglob("*.py")):
        for module in _imports(path):
            if module.split(".")[0] in forbidden or module.startswith(forbidden):
                out.append(f"{path.relative_to(APP.parent)} imports {module}")
    return out


def test_models_import_neither_qt_nor_services_nor_ui() -> None:
    assert _breaches("models", ("PySide6", "app.services", "app.ui", "app.db", "app.errors")) == []


def test_services_never_import_qt_or_ui() -> None:
    assert _breaches("services", ("PySide6", "app.ui")) == []


def test_the_database_layer_never_imports_the_services() -> None:
    below = _imports(APP / "db.py") | _imports(APP / "errors.py")
    assert [m for m in below if m.startswith(("app.services", "app.ui"))] == []


def test_ui_never_imports_sqlalchemy() -> None:
    assert _breaches("ui", ("sqlalchemy", "alembic")) == []


def test_the_window_reaches_only_the_services_outside_the_composition_root() -> None:
    out = []
    for path in sorted((APP / "ui").rglob("*.py")):
        start = "start" in path.relative_to(APP / "ui").parts
        for module in _imports(path):
            if not module.startswith("app.") or module.startswith(("app.ui", "app.services")):
                continue
            # The refusals, the words and numbers every layer shows, the log every layer writes.
            if module in ("app.errors", "app.i18n", "app.number_text", "app.logs"):
                continue
            if start and module.startswith(COMPOSITION):
                continue
            out.append(f"{path.relative_to(APP.parent)} imports {module}")
    assert out == []


def test_the_check_itself_sees_imports() -> None:
    assert "PySide6.QtWidgets" in _imports(APP / "ui" / "start" / "main_window.py")
    assert "app.services.vocabulary" in _imports(APP / "ui" / "format.py")
    assert "app.i18n" in _imports(APP / "ui" / "setup" / "settings.py")  # `from app import i18n`


def _identity_to_members() -> list[str]:
    """`x is Enum.MEMBER` (or `is not`) anywhere in the app: a plain "cancelled" handed over
    by a combo box is never `is` the member, so the comparison silently changes meaning."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            for op, left, right in zip(node.ops, sides[:-1], sides[1:], strict=True):
                if not isinstance(op, ast.Is | ast.IsNot):
                    continue
                if any(
                    isinstance(side, ast.Attribute) and side.attr.isupper() and len(side.attr) > 1
                    for side in (left, right)
                ):
                    found.append(f"{path.relative_to(APP.parent)}:{node.lineno}")
    return found


def test_enum_members_are_compared_by_value_never_by_identity() -> None:
    assert _identity_to_members() == []
