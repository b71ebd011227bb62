"""Importing this module loads PySide6 and makes every later import cost what it should.

Once QtCore is loaded, PySide6 looks at each module imported afterwards to learn whether it
uses PySide6 (the default of its opt-in `from __feature__ import ...`). It finds out by reading
the module's whole source text through `inspect.getsource`, which also keeps every line in
`linecache` for the life of the process. Over the window's start that is some 850 modules:
0.1-0.2 s of the start and about 34 MB of memory that is never given back.

FrontDesk never selects a `__feature__`, so the answer only sets a default nobody switches from.
Here it comes from the module's names instead of its text: a module holding a PySide6 class or
module uses PySide6. Should a PySide6 release rename this private hook, nothing is changed and
the start is as slow as before, never wrong.

Import it first (in its own import block) wherever a start path first needs PySide6.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (loads the hook this module adjusts)

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"
_QT_PACKAGES = ("PySide6", "shiboken6")


def uses_pyside(module: ModuleType) -> bool:
    """Whether the module's namespace holds a PySide6 (or shiboken6) class or module."""
    for value in list(vars(module).values()):
        if isinstance(value, ModuleType):
            name = value.__name__
        elif isinstance(value, type):
            name = value.__module__
        else:
            continue
        if isinstance(name, str) and name.startswith(_QT_PACKAGES):
            return True
    return False


def skip_source_reads() -> bool:
    """Answer PySide6's per-import question from names, not source; True when it is in place."""
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, _CHECK, None)):
        return False
    setattr(feature, _CHECK, uses_pyside)
    return True


INSTALLED = skip_source_reads()
