"""Two guards for PySide6 on Python 3.11: a None-refcount bug, and off-thread destruction.

PySide6/shiboken6 6.12.0 on Python 3.10/3.11 returns None from every void method without
taking a reference to it, so each call such as `painter.setPen(...)` drops one reference from
None. Python before 3.12 counts None's references; when they reach zero the interpreter aborts
("none_dealloc: deallocating None"). Painting one week of the schedule makes thousands of such
calls, so the window dies within seconds of scrolling. PySide6 6.11 is not affected, and
Python 3.12+ never frees None (PEP 683). The lasting fix is a dependency pin
(`PySide6-Essentials!=6.12.0`); this guard keeps an affected installation alive meanwhile.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer

_PROBE_CALLS = 64
# None starts with a few thousand references; this many more outlast any session's calls.
_HEADROOM = 1 << 40
_state = {"checked": False, "applied": False, "gc": False}


def leaks_none() -> bool:
    """True when this PySide6 drops a reference to None on every void call."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: nothing to lose
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - _PROBE_CALLS // 2


def protect_none() -> bool:
    """Give None enough references to survive the bug; True when the bug was found (once)."""
    if not _state["checked"]:
        _state["checked"] = True
        if leaks_none():
            import ctypes  # only here: loading it costs every start a few milliseconds

            # CPython < 3.12 keeps ob_refcnt as the first field of every object.
            ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
            _state["applied"] = True
    return _state["applied"]


GC_INTERVAL_MS = 5000
# Every this many timed collections, one walks every generation (once a minute).
FULL_GC_EVERY = 12
_ticks = [0]


def collect_garbage_on_gui_thread(app: QObject) -> None:
    """Run Python's cycle collector only on the GUI thread (as Anki does).

    Left automatic, the collector runs in whichever thread allocates, so a background read can
    free a closed window's wrapper and destroy its Qt object off the GUI thread, which aborts.
    """
    if _state.get("gc"):
        return
    _state["gc"] = True
    gc.disable()
    # What exists now (modules, classes) lives as long as the program: kept out of the
    # collections, as is what the start goes on to load (settle_start_garbage).
    gc.freeze()
    timer = QTimer(app)
    timer.setObjectName("guiThreadGarbageCollector")
    timer.setInterval(GC_INTERVAL_MS)
    timer.timeout.connect(_timed_collection)
    timer.start()


def settle_start_garbage() -> None:
    """The start's loads have all arrived: one full collection, and what survives it (the
    window's widgets, the later modules, calendars and reference data, ~45,000 objects) is
    kept out of the timed collections, which would otherwise walk it again and again (about
    50 ms each time on an idle desk). Once per program, on the GUI thread."""
    if not _state.get("gc") or _state.get("settled"):
        return
    _state["settled"] = True
    gc.collect()
    gc.freeze()


def _timed_collection() -> None:
    """Each tick walks only what the desk made since the last one; every generation once a
    minute (what outlived a tick and has since become garbage)."""
    _ticks[0] += 1
    gc.collect(2 if _ticks[0] % FULL_GC_EVERY == 0 else 1)
