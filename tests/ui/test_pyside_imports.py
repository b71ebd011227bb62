"""PySide6's per-import check answers from a module's names, never by reading its source."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app.ui import pyside_imports


def test_the_check_is_in_place_for_this_pyside6() -> None:
    feature = sys.modules[pyside_imports._FEATURE_MODULE]
    assert pyside_imports.INSTALLED
    assert getattr(feature, pyside_imports._CHECK) is pyside_imports.uses_pyside


def test_a_module_imported_after_pyside6_is_not_read_for_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "fd_probe_after_qt.py"
    source.write_text("from PySide6.QtCore import QObject\n\nclass Probe(QObject):\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    module = __import__("fd_probe_after_qt")  # the import statement's way, through the hook
    try:
        assert str(source) not in linecache.cache  # inspect.getsource would have cached it
        feature = sys.modules[pyside_imports._FEATURE_MODULE]
        assert feature.pyside_feature_dict["fd_probe_after_qt"] == 0  # uses PySide6
    finally:
        sys.modules.pop(module.__name__, None)


def test_uses_pyside_looks_at_the_names_a_module_holds() -> None:
    from PySide6 import QtGui
    from PySide6.QtWidgets import QWidget

    with_class = ModuleType("with_class")
    with_class.QWidget = QWidget  # type: ignore[attr-defined]
    with_module = ModuleType("with_module")
    with_module.QtGui = QtGui  # type: ignore[attr-defined]
    plain = ModuleType("plain")
    plain.Path = Path  # type: ignore[attr-defined]
    plain.answer = 42  # type: ignore[attr-defined]
    assert pyside_imports.uses_pyside(with_class)
    assert pyside_imports.uses_pyside(with_module)
    assert not pyside_imports.uses_pyside(plain)


def test_an_unknown_pyside6_leaves_the_hook_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, pyside_imports._FEATURE_MODULE, ModuleType("renamed"))
    assert not pyside_imports.skip_source_reads()
